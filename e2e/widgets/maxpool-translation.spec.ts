import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T10.5).
const ORACLE = {
  pool0: '4,2,2,7',
  pool1zero: '4,3,1,7',
  pool2zero: '0,4,0,2',
  pool2circ: '2,4,7,2',
  gap: 39 / 16,
  pool1d0: '1,8,5,0',
  pool1d1: '0,5,8,1',
  pool1d2: '0,1,8,5',
  spikeSub1: '0,0,1,0',
  spikeBlur1: '0,0,0.5,0',
};

const PAGE = '/translation-invariance/';
const SEL = '[data-widget-id="maxpool-translation"] >> nth=0';
const SEL2 = '[data-widget-id="maxpool-translation"] >> nth=1';
const widget = (page: Page, n = 0) => page.locator('[data-widget-id="maxpool-translation"]').nth(n);
const val = async (w: Locator, stat: string) => w.locator(`[data-stat="${stat}"]`).first().getAttribute('data-value');

test('the figure is server-rendered: panels, verdicts and both sensitivity plots are in the HTML', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="maxpool-translation"'));
  expect(island.includes('data-stat="verdict" data-value="same"'), 'pooled verdict').toBe(true);
  expect(island.includes('data-stat="sens-eqv"'), 'equivariance plot').toBe(true);
  expect(/<path d="M[\d.,L-]{100,}/.test(island), 'a sensitivity curve').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.heatmap').first()).toBeVisible();
  await expect(widget(page, 1).locator('[data-stat="row-pool"]')).toHaveAttribute('data-value', ORACLE.pool1d0);
  await ctx.close();
});

test('keyboard: the 4×4 matrix shifted with zero fill and circularly gives the oracle max-pools', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  await w.getByRole('button', { name: '4×4 矩阵补零平移 1 格' }).click();
  expect(await val(w, 'pool')).toBe(ORACLE.pool1zero);
  await expect(w.locator('[data-stat="verdict"]')).toHaveAttribute('data-value', 'changed');
  const handle = w.getByRole('slider', { name: /拖动图案/ });
  await handle.focus();
  await handle.press('ArrowRight');
  expect(await val(w, 'shift')).toBe('2,0');
  expect(await val(w, 'pool')).toBe(ORACLE.pool2zero);
  await w.getByRole('radio', { name: '循环平移' }).check();
  expect(await val(w, 'pool')).toBe(ORACLE.pool2circ);
  await expect(w.locator('[data-stat="verdict"]')).toHaveAttribute('data-value', 'shifted');
  expect(Number(await val(w, 'gmax'))).toBe(7);
  expect(Number(await val(w, 'gavg'))).toBe(ORACLE.gap);
  await handle.press('Home');
  expect(await val(w, 'pool')).toBe(ORACLE.pool0);
  expect(errors).toEqual([]);
});

test('pointer: dragging the pattern by whole pixels; inside a window the max-pool does not change', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  await w.getByRole('button', { name: '平移 1 格，仍在窗口内' }).click();
  await expect(w.locator('[data-stat="verdict"]')).toHaveAttribute('data-value', 'same');
  await w.getByRole('button', { name: '平移 1 格，跨过窗口边界' }).click();
  await expect(w.locator('[data-stat="verdict"]')).toHaveAttribute('data-value', 'changed');
  await w.getByRole('button', { name: '重置' }).click();
  const hit = w.locator('rect.hit').first();
  const box = await boxAtTop(hit);
  const cell = box.width / 10;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + cell, box.y + box.height / 2, { steps: 3 });
  await page.mouse.move(box.x + box.width / 2 + 2 * cell, box.y + box.height / 2, { steps: 3 });
  await page.mouse.up();
  expect(await val(w, 'shift')).toBe('2,0');
  // A shift by the stride: the pooled map is the original moved by one cell; convolution stays equivariant.
  await expect(w.locator('[data-stat="verdict"]')).toHaveAttribute('data-value', 'shifted');
  await expect(w.locator('.chip').nth(0)).toContainText('等变');
  const eqv = (await val(w, 'sens-eqv'))!.split(',').map(Number);
  expect(eqv[0]).toBe(0);
  expect(eqv[1]).toBe(0);
});

test('1-D strip: odd shifts alias, even shifts move the pooled row; the spike vanishes under plain striding', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, SEL2);
  const w = widget(page, 1);
  const t = w.getByRole('slider', { name: '循环平移 t' });
  await t.focus();
  await t.press('ArrowRight');
  expect(await val(w, 'row-pool')).toBe(ORACLE.pool1d1);
  await expect(w.locator('tr.row-pool .chip')).toContainText('混叠');
  await t.press('ArrowRight');
  expect(await val(w, 'row-pool')).toBe(ORACLE.pool1d2);
  await expect(w.locator('tr.row-pool .chip')).toContainText('平移 1 格');
  await expect(w.locator('tr.row-gmax .chip')).toContainText('不变');
});

test('state round-trips through the URL, per instance', async ({ page }) => {
  await page.goto(`${PAGE}?maxpool-translation-2.sig=spike&maxpool-translation-2.k1=none&maxpool-translation-2.t=1`);
  await hydrate(page, SEL2);
  const w = widget(page, 1);
  expect(await val(w, 'row-sub')).toBe(ORACLE.spikeSub1);
  expect(await val(w, 'row-blur')).toBe(ORACLE.spikeBlur1);
  await hydrate(page, SEL);
  const w1 = widget(page);
  await w1.getByRole('radio', { name: '补零' }).check();
  await expect(page).toHaveURL(/maxpool-translation\.mode=zero/);
  await page.reload();
  await hydrate(page, SEL);
  await expect(widget(page).getByRole('radio', { name: '补零' })).toBeChecked();
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?maxpool-translation.dx=99&maxpool-translation.kern=gauss&maxpool-translation.s=x`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText('dx=99 is out of range; using 6.');
  await expect(note).toContainText("Couldn't read kern=gauss");
  await expect(note).toContainText("Couldn't read s=x");
  expect(await w.innerText()).not.toMatch(/NaN|undefined|Infinity/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&maxpool-translation.dx=1&maxpool-translation-2.t=1`);
    await hydrate(page, SEL);
    await hydrate(page, SEL2);
    await expectNoAxeViolations(page, { include: '[data-widget-id="maxpool-translation"]' });
  }
});
