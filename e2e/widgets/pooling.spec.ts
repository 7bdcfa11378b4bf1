import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T9.5).
const ORACLE = {
  max22: [4, 2, 2, 7],
  avg22: [2.5, 1, 1, 5.25],
  max31: [5, 6, 7, 7],
  gap: 39 / 16,
};

const PAGE = '/pooling/';
const SEL = '[data-widget-id="pooling"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="pooling"]').nth(0);
const outputs = async (w: Locator) =>
  ((await w.locator('[data-stat="out"]').getAttribute('data-y')) ?? '').split(',').map(Number);

test('the figure is server-rendered: both grids, their numbers and the size formula are in the HTML', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="pooling"'));
  expect(island.includes('data-stat="out" data-value="2x2" data-y="4,2,2,7"'), 'pooled values from the core').toBe(
    true,
  );
  expect(island.includes('data-stat="size-H" data-value="2"'), 'output-size formula').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('svg .heatmap').first()).toBeVisible();
  await expect(w.locator('svg .heatmap').nth(1).locator('text')).toHaveText(['4', '2', '2', '7']);
  await ctx.close();
});

test('keyboard: stepping through output cells shows each window’s arithmetic; the controls give the oracle outputs', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const grid = w.getByRole('slider', { name: /输出网格/ });
  await grid.focus();
  await grid.press('ArrowRight');
  await expect(w.locator('[data-stat="calc"]')).toContainText('y[0,1] = max(2, 1, 0, 1) = 2');
  await grid.press('End');
  await expect(w.locator('[data-stat="calc"]')).toContainText('max(5, 6, 7, 3) = 7');
  expect(Number(await w.locator('[data-stat="cell"]').getAttribute('data-value'))).toBe(7);
  expect(await outputs(w)).toEqual(ORACLE.max22);
  await w.getByRole('radio', { name: '平均' }).check();
  expect(await outputs(w)).toEqual(ORACLE.avg22);
  await expect(w.locator('[data-stat="calc"]')).toContainText('(5 + 6 + 7 + 3) / 4 = 5.25');
  await w.getByRole('radio', { name: '最大' }).check();
  const k = w.getByRole('slider', { name: '窗口大小 K' });
  await k.focus();
  await k.press('ArrowRight');
  const stride = w.getByRole('slider', { name: '步幅 S' });
  await stride.focus();
  await stride.press('ArrowLeft');
  expect(await outputs(w)).toEqual(ORACLE.max31);
  await expect(w.locator('[data-stat="size-H"]')).toHaveAttribute('data-value', '2');
  await expect(w.locator('[data-stat="size-H"]')).toContainText('⌊(4 + 2·0 − 3)/1⌋ + 1');
  // Editing the input by keyboard: a digit sets the selected cell.
  const input = w.getByRole('slider', { name: /输入网格/ });
  await input.focus();
  await input.press('9');
  expect((await outputs(w))[0]).toBe(9);
  expect(errors).toEqual([]);
});

test('pointer: hovering an output cell outlines its window; a click on the input selects a cell to edit', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const hits = w.locator('rect.hit');
  const out = await boxAtTop(hits.nth(1));
  await page.mouse.move(out.x + out.width * 0.25, out.y + out.height * 0.75);
  await expect(w.locator('[data-stat="calc"]')).toContainText('y[1,0] = max(1, 1, 0, 2) = 2');
  await expect(w.locator('rect.window')).toHaveCount(2);
  const inp = await boxAtTop(hits.nth(0));
  await page.mouse.click(inp.x + inp.width * 0.9, inp.y + inp.height * 0.9);
  await expect(w.getByText('第 4 行第 4 列的值')).toBeVisible();
  const editor = w.getByRole('spinbutton');
  await editor.fill('10');
  await editor.press('Enter');
  expect(await outputs(w)).toEqual([4, 2, 2, 10]);
});

test('the sweep steps the window over the output cells, leaving later cells blank', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  await w.getByRole('button', { name: '单步' }).click();
  await expect(w.locator('rect.pending')).toHaveCount(3);
  await w.getByRole('button', { name: '单步' }).click();
  await expect(w.locator('rect.pending')).toHaveCount(2);
  await expect(w.locator('[data-stat="calc"]')).toContainText('y[0,1]');
});

test('state round-trips through the URL (global average pooling)', async ({ page }) => {
  await page.goto(`${PAGE}?pooling.op=avg&pooling.g=1&pooling.at=0`);
  await hydrate(page, SEL);
  const w = widget(page);
  expect(await outputs(w)).toEqual([ORACLE.gap]);
  await expect(w.locator('[data-stat="calc"]')).toContainText('/ 16 = 2.44');
  await w.getByRole('radio', { name: '最大' }).check();
  await expect(page).toHaveURL(/pooling\.g=1/);
  await expect(page).not.toHaveURL(/pooling\.op=/);
  await page.reload();
  await hydrate(page, SEL);
  expect(await outputs(widget(page))).toEqual([7]);
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?pooling.k=abc&pooling.p=7&pooling.A=1,2,x&pooling.H=0`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read k=abc");
  await expect(note).toContainText('p=7 is out of range; using 2.');
  await expect(note).toContainText("Couldn't read A=1,2,x");
  await expect(note).toContainText('H=0 is out of range; using 1.');
  await expect(w.locator('.warn').first()).toBeVisible();
  expect(await w.innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&pooling.at=1&pooling.p=1&pooling.op=avg`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="pooling"]' });
  }
});
