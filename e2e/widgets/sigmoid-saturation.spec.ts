import { expect, test, type Locator, type Page } from '@playwright/test';
import { dsigmoid, dtanh, sigmoid } from '../../src/core/activations.ts';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T5.5), as printed there.
const ORACLE = {
  'dsigmoid(-2)': 0.104994,
  'dsigmoid(5)': 0.00664806,
  'dsigmoid(10)': 4.53958e-5,
  'dtanh(5)': 1.81583e-4,
  '0.25^30': 8.673617379884035e-19,
};

const PAGE = '/sigmoid-saturation/';
const first = (page: Page) => page.locator('[data-widget-id="sigmoid-saturation"]').nth(0);
const second = (page: Page) => page.locator('[data-widget-id="sigmoid-saturation"]').nth(1);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).getAttribute('data-value'));

function close(actual: number, expected: number, rel = 1e-5) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

test('the figure is server-rendered: curves, ticks and numbers are in the HTML, even without JavaScript', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="sigmoid-saturation"'));
  // Plain boolean checks: a failing toContain would print the whole page.
  expect(/<path d="M[\d.,LC-]{200,}/.test(island), 'a sampled curve path').toBe(true);
  expect(island.includes('data-stat="dfx" data-value="0.1049935854035065"'), 'σ′(2) from the core').toBe(true);
  expect(island.includes('<tspan>−10</tspan>'), 'tick labels').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = first(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('svg path.curve').first()).toBeVisible();
  await expect(w.locator('[data-stat="dfx"] .v')).toHaveText('0.105');
  await ctx.close();
});

test('each widget line in the prose is its own island that hydrates when scrolled into view', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 700 });
  await page.goto(PAGE);
  const islands = page.locator('astro-island');
  await expect(islands).toHaveCount(2);
  await expect(islands.nth(0)).toHaveAttribute('ssr', '');
  await expect(islands.nth(1)).toHaveAttribute('ssr', '');
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  await expect(islands.nth(1)).toHaveAttribute('ssr', '');
  // The second instance got its own literal props from the prose: x = 0, L = 30.
  const w2 = second(page);
  expect(await stat(w2, 'x')).toBe(0);
  close(10 ** (await stat(w2, 'power')), ORACLE['0.25^30'], 1e-9);
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=1');
  // A preset from the prose is the instance's starting point, not a change to record in the URL.
  await page.waitForTimeout(400);
  expect(page.url()).not.toContain('sigmoid-saturation-2.');
  await w2.getByRole('slider', { name: /层数/ }).press('ArrowRight');
  await expect(page).toHaveURL(/sigmoid-saturation-2\.L=31$/);
  // Reset returns to the preset.
  await w2.getByRole('button', { name: '重置' }).click();
  expect(await stat(w2, 'x')).toBe(0);
  await expect(page).not.toHaveURL(/sigmoid-saturation-2\./);
});

test('keyboard moves x and σ′(x) reaches the oracle values', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const w = first(page);
  const handle = w.getByRole('slider', { name: /拖动|Drag/ });
  await handle.focus();
  for (let i = 0; i < 30; i++) await handle.press('ArrowRight');
  expect(await stat(w, 'x')).toBe(5);
  close(await stat(w, 'dfx'), ORACLE['dsigmoid(5)']);
  await expect(w.locator('[data-stat="dfx"] .v')).toHaveText('0.00665');
  await handle.press('End');
  close(await stat(w, 'dfx'), ORACLE['dsigmoid(10)']);
  await handle.press('Home');
  for (let i = 0; i < 8; i++) await handle.press('Shift+ArrowRight');
  expect(await stat(w, 'x')).toBe(-2);
  close(await stat(w, 'dfx'), ORACLE['dsigmoid(-2)']);
  await expect(w.locator('.description')).toContainText('x = −2');
  // The native range inputs are keyboard-operable too.
  const depth = w.getByRole('slider', { name: /层数|Depth/ });
  await depth.focus();
  await depth.press('End');
  expect(await stat(w, 'power')).toBeLessThan(-90);
  expect(errors).toEqual([]);
});

test('dragging on the chart moves x, and the readouts are the core values for that x', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const w = first(page);
  const hit = w.locator('rect.hit').first();
  const box = await boxAtTop(hit);
  const px = (x: number) => box.x + ((x + 10) / 20) * box.width;
  await page.mouse.move(px(2), box.y + box.height / 2);
  await page.mouse.down();
  for (const x of [1, 0, -1, -3, -4.5]) await page.mouse.move(px(x), box.y + box.height / 3, { steps: 4 });
  await page.mouse.up();
  const x = await stat(w, 'x');
  expect(Math.abs(x + 4.5)).toBeLessThan(0.05);
  close(await stat(w, 'fx'), sigmoid(x), 1e-12);
  close(await stat(w, 'dfx'), dsigmoid(x), 1e-12);
  // A press anywhere on the slope panel moves x there as well.
  const hit2 = w.locator('rect.hit').nth(1);
  const b2 = await boxAtTop(hit2);
  await page.mouse.click(b2.x + b2.width / 2, b2.y + b2.height / 2);
  expect(Math.abs(await stat(w, 'x'))).toBeLessThan(0.05);
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?sigmoid-saturation.x=5&sigmoid-saturation.L=20&sigmoid-saturation.act=tanh`);
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const w = first(page);
  expect(await stat(w, 'x')).toBe(5);
  close(await stat(w, 'dfx'), ORACLE['dtanh(5)']);
  await expect(w.getByRole('radio', { name: 'tanh' })).toBeChecked();
  close(await stat(w, 'power'), 20 * Math.log10(dtanh(5)), 1e-12);
  // Changing the state rewrites the URL (debounced), and a reload restores it.
  await w.getByRole('radio', { name: 'ReLU' }).check();
  await expect(page).toHaveURL(/sigmoid-saturation\.act=relu/);
  await page.reload();
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  await expect(first(page).getByRole('radio', { name: 'ReLU' })).toBeChecked();
  expect(await stat(first(page), 'x')).toBe(5);
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(
    `/en${PAGE}?sigmoid-saturation.x=abc&sigmoid-saturation.L=500&sigmoid-saturation.act=softmax&sigmoid-saturation.zoom=2`,
  );
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const w = first(page);
  const note = w.locator('.notes');
  await expect(note).toBeVisible();
  await expect(note).toContainText("Couldn't read x=abc; using the default 2.");
  await expect(note).toContainText('L=500 is out of range; using 100.');
  await expect(note).toContainText("Couldn't read act=softmax");
  await expect(note).toContainText('Ignored the unknown parameter zoom.');
  expect(await stat(w, 'x')).toBe(2);
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  await w.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a widget that throws is contained: a message, a retry, and the rest of the page keeps working', async ({
  page,
}) => {
  await page.addInitScript(() => {
    const exp = Math.exp;
    Math.exp = (v: number) => {
      if ((window as unknown as { __breakWidget?: boolean }).__breakWidget) throw new Error('injected failure');
      return exp(v);
    };
  });
  await page.goto(PAGE);
  // Hydrate both first: the failure is injected into the first widget's next update only.
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=1');
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const w = first(page);
  await page.evaluate(() => ((window as unknown as { __breakWidget: boolean }).__breakWidget = true));
  await w.getByRole('slider', { name: /拖动/ }).press('ArrowRight');
  await expect(w.getByRole('alert')).toContainText('出错');
  await expect(w.getByRole('alert')).toContainText('injected failure');
  await page.evaluate(() => ((window as unknown as { __breakWidget: boolean }).__breakWidget = false));
  // The other widget and the page are unaffected.
  const w2 = second(page);
  await expect(w2.getByRole('alert')).toHaveCount(0);
  await w2.getByRole('slider', { name: /层数/ }).press('ArrowLeft');
  expect(await stat(w2, 'power')).toBeCloseTo(29 * Math.log10(0.25), 9);
  await w2.getByRole('slider', { name: /拖动/ }).press('ArrowRight');
  close(await stat(w2, 'dfx'), dsigmoid(0.1), 1e-12);
  await expect(page.locator('h1')).toBeVisible();
  // Retry brings the first widget back.
  await w.getByRole('button', { name: /重试/ }).click();
  await expect(w.locator('[data-stat="x"]')).toBeVisible();
  await expect(w.getByRole('alert')).toHaveCount(0);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
    await expectNoAxeViolations(page, { include: '[data-widget-id="sigmoid-saturation"]' });
  }
});
