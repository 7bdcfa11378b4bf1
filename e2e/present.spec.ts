import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, topicPages, watchErrors } from './helpers.ts';

const DECK = '/present/sigmoid-saturation/';
const active = (page: Page) => page.locator('.slide.active');
const slideNo = async (page: Page) => Number(await active(page).getAttribute('data-slide'));

test('clicker and keyboard keys move between slides and keep the slide number in the URL', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(DECK);
  const total = await page.locator('.slide').count();
  expect(total).toBeGreaterThanOrEqual(4);
  expect(await slideNo(page)).toBe(1);
  await page.keyboard.press('PageDown');
  expect(await slideNo(page)).toBe(2);
  await expect(page).toHaveURL(/\?slide=2$/);
  await page.keyboard.press('ArrowRight');
  expect(await slideNo(page)).toBe(3);
  await page.keyboard.press('PageUp');
  expect(await slideNo(page)).toBe(2);
  await page.keyboard.press('End');
  expect(await slideNo(page)).toBe(total);
  await expect(page.locator('[data-counter]')).toHaveText(`${total} / ${total}`);
  await page.keyboard.press('Home');
  expect(await slideNo(page)).toBe(1);
  await expect(page).toHaveURL(/\/present\/sigmoid-saturation\/$/);
  await page.keyboard.press('3');
  expect(await slideNo(page)).toBe(3);
  await page.keyboard.press(' ');
  expect(await slideNo(page)).toBe(4);
  // Never past either end.
  await page.keyboard.press('End');
  await page.keyboard.press('PageDown');
  expect(await slideNo(page)).toBe(total);
  expect(errors).toEqual([]);
});

test('a deep link opens the slide with the widget state from the URL; arrows then belong to the widget', async ({
  page,
}) => {
  await page.goto(`${DECK}?slide=2&sigmoid-saturation.x=5`);
  expect(await slideNo(page)).toBe(2);
  const widget = active(page).locator('[data-widget-id="sigmoid-saturation"]');
  await expect(widget.locator('astro-island')).not.toHaveAttribute('ssr', /.*/);
  await expect(widget.locator('[data-stat="x"]')).toHaveAttribute('data-value', '5');
  const handle = widget.getByRole('slider', { name: /拖动/ });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('[data-stat="x"]')).toHaveAttribute('data-value', '5.1');
  expect(await slideNo(page)).toBe(2);
  // The clicker's PageDown still turns the slide.
  await page.keyboard.press('PageDown');
  expect(await slideNo(page)).toBe(3);
  await expect(page).toHaveURL(/slide=3/);
  await expect(page).toHaveURL(/sigmoid-saturation\.x=5\.1/);
});

test('F asks for full screen, B blanks the screen, ? opens the help, Esc goes back to the topic', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { fullscreenRequests: number };
    w.fullscreenRequests = 0;
    Element.prototype.requestFullscreen = function () {
      w.fullscreenRequests++;
      return Promise.resolve();
    };
  });
  await page.goto(`${DECK}?sigmoid-saturation.L=20`);
  await page.keyboard.press('f');
  expect(await page.evaluate(() => (window as unknown as { fullscreenRequests: number }).fullscreenRequests)).toBe(1);
  await page.keyboard.press('b');
  await expect(page.locator('[data-blank]')).toBeVisible();
  await page.keyboard.press('x');
  await expect(page.locator('[data-blank]')).toBeHidden();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog');
  await expect(help).toBeVisible();
  await expect(help).toContainText('PageDown');
  await expectNoAxeViolations(page, { tags: ['wcag2a', 'wcag2aa', 'wcag2aaa'] });
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/sigmoid-saturation\/\?sigmoid-saturation\.L=20$/);
});

test.describe('projector theme', () => {
  for (const path of [DECK, `/en${DECK}`]) {
    test(`${path} passes axe including AAA contrast on every slide`, async ({ page }) => {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
      const total = await page.locator('.slide').count();
      for (let n = 1; n <= total; n++) {
        await page.goto(`${path}?slide=${n}`);
        const island = active(page).locator('astro-island');
        if ((await island.count()) > 0) await expect(island.first()).not.toHaveAttribute('ssr', /.*/);
        await expectNoAxeViolations(page, { tags: ['wcag2a', 'wcag2aa', 'wcag2aaa', 'best-practice'] });
      }
    });
  }

  test('body text is at least 28 px at 1920×1080 and nothing overflows sideways at 1024×768', async ({ page }) => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${DECK}?slide=${await page.locator('.slide').count()}`);
    await page.goto(DECK);
    await page.keyboard.press('End');
    const size = await active(page)
      .locator('p, dd')
      .first()
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(28);
    await page.setViewportSize({ width: 1024, height: 768 });
    for (let n = 1; n <= (await page.locator('.slide').count()); n++) {
      await page.goto(`${DECK}?slide=${n}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `slide ${n}`).toBeLessThanOrEqual(0);
    }
  });

  test('embeds take theme=projector and pass AAA contrast', async ({ page }) => {
    await page.goto('/embed/sigmoid-saturation/?theme=projector');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
    await expect(page.locator('astro-island')).not.toHaveAttribute('ssr', /.*/);
    await expectNoAxeViolations(page, { tags: ['wcag2a', 'wcag2aa', 'wcag2aaa'] });
  });
});

test('every topic has a presentation reachable from its page', async ({ page }) => {
  for (const path of topicPages('zh').slice(0, 3)) {
    await page.goto(path);
    await page.getByRole('link', { name: /演示/ }).click();
    await expect(page).toHaveURL(/\/present\//);
    await expect(page.locator('.slide.active .big-title')).toBeVisible();
  }
});

test('a topic prints as a handout: figures in, controls out, several pages', async ({ page }) => {
  await page.goto('/sigmoid-saturation/');
  await page.emulateMedia({ media: 'print' });
  const widget = page.locator('.dl-widget').first();
  await expect(widget.locator('svg path.curve').first()).toBeVisible();
  await expect(widget.locator('.controls')).toBeHidden();
  await expect(page.locator('.site-header .search')).toBeHidden();
  await expect(page.locator('.katex').first()).toBeVisible();
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBeGreaterThanOrEqual(3);
  // The figure is inside the printable width (no cut-off chart).
  const box = await widget.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(page.viewportSize()!.width);
});
