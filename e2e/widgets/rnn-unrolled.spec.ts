import { expect, test, type Locator, type Page } from '@playwright/test';
import { rnnFigure, type RnnSettings } from '../../src/widgets/rnn-unrolled/model.ts';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// The brief's linear-regime powers (T14.5), printed to 6 significant digits.
const ORACLE = { '0.5^10': 9.76562e-4, '0.9^50': 0.00515378, '1.1^50': 117.391 };

const PAGE = '/rnn/';
const SEL = '[data-widget-id="rnn-unrolled"]';
const first = (page: Page) => page.locator(SEL).nth(0);
const second = (page: Page) => page.locator(SEL).nth(1);
const stat = async (w: Locator, name: string, attr = 'data-value') =>
  Number(await w.locator(`[data-stat="${name}"]`).getAttribute(attr));
const base: RnnSettings = { T: 30, g: 0.9, act: 'tanh', u: 1, clip: false, tau: 1, seed: 1 };

function close(actual: number, expected: number, rel = 1e-5) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

test('the figure is server-rendered: heat strip, log plot and the core’s numbers are in the HTML', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="rnn-unrolled"'));
  const fig = rnnFigure(base);
  expect(island.includes(`data-stat="jac" data-value="${fig.jacValue[0]}"`), '‖∂h_T/∂h_0‖ from the core').toBe(true);
  // Every cell is a subpath "M…h…v…h−…z" (cells too faint to see are left out).
  expect((island.match(/h-[\d.]+z/g) ?? []).length > 0.8 * 16 * 31, 'a heat strip of 16 × 31 cells').toBe(true);
  expect(/<path class="curve[^"]*" d="M[\d.,L-]{100,}/.test(island), 'the gradient curve').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = first(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('path.curve').first()).toBeVisible();
  await expect(w.locator('[data-stat="jac"] .v')).toContainText('10');
  await ctx.close();
});

test('both instances hydrate on scroll; the second has its prose props (linear, g = 1.1, T = 50, clipping)', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, `${SEL} >> nth=0`);
  await hydrate(page, `${SEL} >> nth=1`);
  const w2 = second(page);
  close(await stat(w2, 'jac'), ORACLE['1.1^50']);
  await expect(w2.getByRole('switch', { name: /裁剪/ })).toBeChecked();
  // Clipping at τ = 1 brings the whole gradient to norm 1: factor = 1/‖∇L‖.
  const grad = await stat(w2, 'clip', 'data-grad');
  expect(grad).toBeGreaterThan(0);
  close(await stat(w2, 'clip'), -grad, 1e-9);
});

test('keyboard: the gain and length sliders reach the oracle powers, the step cursor moves', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await w.getByRole('radio', { name: 'linear' }).check();
  const T = w.getByRole('slider', { name: /Steps T/ });
  await T.focus();
  for (let i = 0; i < 20; i++) await T.press('ArrowRight');
  expect(await stat(w, 'jac', 'data-k')).toBe(0);
  close(await stat(w, 'jac'), ORACLE['0.9^50']);
  const g = w.getByRole('slider', { name: /Gain/ });
  await g.focus();
  for (let i = 0; i < 20; i++) await g.press('ArrowRight');
  close(await stat(w, 'jac'), ORACLE['1.1^50']);
  await expect(w.locator('.description')).toContainText('Exploding');
  // The chart's own slider: k from 0 to 40 with PageUp; the value is the core's at that k.
  const cursor = w.getByRole('slider', { name: /Step k to inspect/ });
  await cursor.focus();
  for (let i = 0; i < 4; i++) await cursor.press('PageUp');
  expect(await stat(w, 'jac', 'data-k')).toBe(40);
  close(await stat(w, 'jac'), 1.1 ** 10, 1e-9);
  await cursor.press('End');
  close(await stat(w, 'jac'), 1, 1e-9);
  expect(errors).toEqual([]);
});

test('pointer: dragging on the plot moves the inspected step', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const hit = w.locator('rect.hit');
  const box = await boxAtTop(hit);
  // Column k is centred at (k + 0.5)/(T + 1) of the width.
  const px = (k: number) => box.x + ((k + 0.5) / 31) * box.width;
  await page.mouse.move(px(3), box.y + box.height / 2);
  await page.mouse.down();
  for (const k of [6, 10, 15, 20]) await page.mouse.move(px(k), box.y + box.height / 3, { steps: 3 });
  await page.mouse.up();
  const k = await stat(w, 'jac', 'data-k');
  expect(k).toBe(20);
  const fig = rnnFigure(base);
  close(await stat(w, 'jac'), fig.jacValue[20], 1e-12);
  close(await stat(w, 'bound', 'data-log10'), 10 * Math.log10(0.9), 1e-9);
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?rnn-unrolled.act=linear&rnn-unrolled.g=0.5&rnn-unrolled.T=10`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  close(await stat(w, 'jac'), ORACLE['0.5^10']);
  await expect(w.getByRole('radio', { name: '线性' })).toBeChecked();
  await w.getByRole('radio', { name: 'sigmoid' }).check();
  await expect(page).toHaveURL(/rnn-unrolled\.act=sigmoid/);
  await page.reload();
  await hydrate(page, `${SEL} >> nth=0`);
  await expect(first(page).getByRole('radio', { name: 'sigmoid' })).toBeChecked();
  // sigmoid: γ = 1/4, so even g = 0.5 gives at most 0.125 per step.
  expect(await stat(first(page), 'bound', 'data-log10')).toBeCloseTo(10 * Math.log10(0.125), 9);
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?rnn-unrolled.g=abc&rnn-unrolled.T=500&rnn-unrolled.act=gelu&rnn-unrolled.k=-4`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read g=abc; using the default 0.9.");
  await expect(note).toContainText('T=500 is out of range; using 100.');
  await expect(note).toContainText("Couldn't read act=gelu");
  await expect(note).toContainText('k=-4 is out of range; using 0.');
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined|Infinity/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, `${SEL} >> nth=0`);
    await hydrate(page, `${SEL} >> nth=1`);
    await expectNoAxeViolations(page, { include: SEL });
  }
});
