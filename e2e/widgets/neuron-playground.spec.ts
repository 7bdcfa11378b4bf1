import { expect, test, type Locator, type Page } from '@playwright/test';
import { neuron } from '../../src/core/neuron.ts';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

const PAGE = '/neurons-and-activations/';
const SEL = '[data-widget-id="neuron-playground"] >> nth=0';
const SEL2 = '[data-widget-id="neuron-playground"] >> nth=1';
const widget = (page: Page, n = 0) => page.locator('[data-widget-id="neuron-playground"]').nth(n);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value'));
const close = (a: number, e: number, rel = 1e-12) =>
  expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(Math.max(1e-15, rel * Math.abs(e)));

test('the figure is server-rendered: the neuron’s plane and the untrained network with its data', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="neuron-playground"'));
  expect(island.includes('data-stat="z" data-value="0.3"'), 'z = 1·0.5 − 0.5·0.8 + 0.2 from the core').toBe(true);
  expect(/<path d="M[\d.,L]{200,}/.test(island), 'banded field paths').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w2 = widget(page, 1);
  await w2.scrollIntoViewIfNeeded();
  await expect(w2.locator('circle.pt').first()).toBeVisible();
  await expect(w2.locator('[data-stat="acc"] .v')).toHaveText('50%');
  await ctx.close();
});

test('keyboard moves the probe; weights, bias and activation give the core neuron’s z and a', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const probe = w.getByRole('slider', { name: /探针点/ });
  await probe.focus();
  await probe.press('ArrowRight');
  await probe.press('Shift+ArrowUp');
  const exp = neuron([1, -0.5], [0.55, 1.05], 0.2, 'tanh');
  close(await stat(w, 'z'), exp.z);
  close(await stat(w, 'a'), exp.a);
  await w.getByRole('combobox', { name: /激活函数/ }).selectOption('relu');
  const b = w.getByRole('slider', { name: '偏置 b' });
  await b.focus();
  for (let i = 0; i < 10; i++) await b.press('ArrowLeft');
  const relu = neuron([1, -0.5], [0.55, 1.05], -0.8, 'relu');
  close(await stat(w, 'z'), relu.z, 1e-9);
  expect(await stat(w, 'a')).toBe(relu.a);
  await expect(w.locator('.description')).toContainText('ReLU');
  expect(errors).toEqual([]);
});

test('pointer: clicking the plane moves the probe there', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const hit = w.locator('rect.hit').first();
  const box = await boxAtTop(hit);
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.75);
  // (−1, −1) in the plane [−2, 2]².
  const z = await stat(w, 'z');
  close(z, neuron([1, -0.5], [-1, -1], 0.2, 'tanh').z, 1e-9);
});

test('training live: tanh fits XOR, no activation stays at a straight boundary; training stops when paused', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, SEL2);
  const w = widget(page, 1);
  await w.getByRole('button', { name: '单步' }).click();
  expect(await stat(w, 'steps')).toBe(10);
  await w.getByRole('button', { name: '播放' }).click();
  await expect.poll(() => stat(w, 'acc'), { timeout: 15_000 }).toBeGreaterThanOrEqual(0.97);
  await w.getByRole('button', { name: '暂停' }).click();
  const steps = await stat(w, 'steps');
  await page.waitForTimeout(300);
  expect(await stat(w, 'steps')).toBe(steps);
  await w.getByRole('combobox', { name: /激活函数/ }).selectOption('linear');
  expect(await stat(w, 'steps')).toBe(0);
  await expect(w.locator('[data-stat="collapse"]')).toBeVisible();
  for (let i = 0; i < 20; i++) await w.getByRole('button', { name: '单步' }).click();
  expect(await stat(w, 'acc')).toBeLessThan(0.7);
  await expect(w.locator('.description')).toContainText('边界是一条直线');
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?neuron-playground-2.data=circles&neuron-playground-2.H=6&neuron-playground-2.act=relu`);
  await hydrate(page, SEL2);
  const w = widget(page, 1);
  await expect(w.getByRole('radio', { name: '同心圆' })).toBeChecked();
  await expect(w.getByRole('slider', { name: /隐藏单元数/ })).toHaveValue('6');
  await w.getByRole('radio', { name: '线性', exact: true }).check();
  await expect(page).toHaveURL(/neuron-playground-2\.data=linear/);
  await page.reload();
  await hydrate(page, SEL2);
  await expect(widget(page, 1).getByRole('radio', { name: '线性', exact: true })).toBeChecked();
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?neuron-playground.w1=9&neuron-playground.act=swish&neuron-playground.px=abc`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText('w1=9 is out of range; using 3.');
  await expect(note).toContainText("Couldn't read act=swish");
  await expect(note).toContainText("Couldn't read px=abc");
  expect(await w.innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&neuron-playground-2.act=linear`);
    await hydrate(page, SEL);
    await hydrate(page, SEL2);
    await expectNoAxeViolations(page, { include: '[data-widget-id="neuron-playground"]' });
  }
});
