import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracles (brief T3.5): (1.5)^10 = 57.665, 0.5^10 = 9.76562e-4, (1.1)^20 = 6.7275.
const PAGE = '/residual-connections/';
const SEL = '[data-widget-id="residual-gradient"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="residual-gradient"]').nth(0);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value'));
const close = (a: number, e: number, rel = 1e-5) =>
  expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e));

test('server-rendered figure: (1 + j)^L = 57.7 at the default j = 0.5, L = 10', async ({ request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="residual-gradient"'));
  expect(/<path class="curve[^"]*" d="M[\d.,L-]{100,}/.test(island), 'curves').toBe(true);
  expect(/data-stat="residual" data-value="1\.76091/.test(island), 'log10 57.665').toBe(true);
  expect(island.includes('57.7'), 'the key number').toBe(true);
});

test('keyboard: the sliders reach the oracle values', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  close(10 ** (await stat(w, 'residual')), 57.6650390625);
  close(10 ** (await stat(w, 'plain')), 9.765625e-4);
  const j = w.getByRole('slider', { name: 'Per-block gain j' });
  await j.focus();
  for (let i = 0; i < 40; i++) await j.press('ArrowLeft');
  expect(await j.inputValue()).toBe('0.1');
  const L = w.getByRole('slider', { name: 'Number of blocks L' });
  await L.focus();
  for (let i = 0; i < 10; i++) await L.press('ArrowRight');
  close(10 ** (await stat(w, 'residual')), 6.727499949325611);
  close(10 ** (await stat(w, 'plain')), 1e-20);
  // The measured random residual net neither vanishes nor grows like (1.1)^20.
  const measured = 10 ** (await stat(w, 'measured'));
  expect(measured).toBeGreaterThan(0.3);
  expect(measured).toBeLessThan(3);
  await expect(w.locator('.description')).toContainText('j = 0.1 over L = 20 blocks');
  expect(errors).toEqual([]);
});

test('state round-trips through the URL; bad values get a note', async ({ page }) => {
  await page.goto(`/en${PAGE}?residual-gradient.j=-0.5&residual-gradient.L=10`);
  await hydrate(page, SEL);
  const w = widget(page);
  close(10 ** (await stat(w, 'residual')), 9.765625e-4);
  await expect(w.locator('.description')).toContainText('branch partly cancels');
  await page.goto(`/en${PAGE}?residual-gradient.j=2&residual-gradient.L=x`);
  await hydrate(page, SEL);
  const note = widget(page).locator('.notes');
  await expect(note).toContainText('j=2 is out of range; using 1.');
  await expect(note).toContainText("Couldn't read L=x");
  expect(await widget(page).innerText()).not.toMatch(/NaN|undefined/);
});

test('axe passes after hydration in every theme', async ({ page }) => {
  // Three full page loads with axe on a KaTeX-heavy page: allow for a busy machine.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="residual-gradient"]' });
  }
});
