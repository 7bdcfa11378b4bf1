import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxAtTop, expectNoAxeViolations, hydrate, overprintedLabels, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T4.5, T6.5), ε = 1e-5.
const ORACLE = {
  bn: [-1.22474258, 0, 0, 1.22474258, 0, 0, -1.22474258, -1.22474258, 1.22474258, 0, 1.22474258, 0],
  ln: [
    -1.06904344, -0.53452172, 0, 1.60356516, 1.41419942, 0, -1.41419942, 0, 0.816493859, -1.63298772, 0.816493859, 0,
  ],
  rms0: [0.282843, 0.565685, 0.848528, 1.69706],
  runningMean: [0.3, 0.2, 0.3, 0.4],
  evalRow0: [0.613938, 1.89736, 2.36805, 4.91151],
};

const PAGE = '/batchnorm-vs-layernorm/';
const SEL = '[data-widget-id="norm-axes"] >> nth=0';
const SEL2 = '[data-widget-id="norm-axes"] >> nth=1';
const widget = (page: Page, n = 0) => page.locator('[data-widget-id="norm-axes"]').nth(n);
const ys = async (w: Locator) =>
  ((await w.locator('[data-stat="calc"]').getAttribute('data-y')) ?? '').split(',').map(Number);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).getAttribute('data-value'));

function closeAll(actual: number[], expected: number[], rel = 1e-5) {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) =>
    expect(Math.abs(actual[i] - e), `[${i}] ${actual[i]} vs ${e}`).toBeLessThanOrEqual(
      Math.max(1e-12, rel * Math.abs(e)),
    ),
  );
}

test('the figure is server-rendered with the brief’s batch, its column statistics and BN output', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="norm-axes"'));
  expect(island.includes('data-stat="groups" data-value="4x3"'), 'four column groups of three').toBe(true);
  expect(island.includes('data-stat="mu" data-value="3"'), 'μ of column 1').toBe(true);
  expect(island.includes('data-y="-1.2247425750014138,0,0,1.2247425750014138'), 'BN output').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('.matrix').first()).toBeVisible();
  await expect(widget(page, 1).locator('.cube polygon').first()).toBeVisible();
  await ctx.close();
});

test('keyboard: BN, LN and RMSNorm on the batch give the oracle values; eval mode uses the running statistics', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  closeAll(await ys(w), ORACLE.bn);
  await w.getByRole('radio', { name: 'LN' }).check();
  closeAll(await ys(w), ORACLE.ln);
  expect(await stat(w, 'var')).toBe(3.5);
  const grid = w.getByRole('slider', { name: /选择矩阵中的一个格子/ });
  await grid.focus();
  await grid.press('ArrowDown');
  expect(await stat(w, 'mu')).toBe(2);
  expect(await stat(w, 'var')).toBe(0.5);
  await expect(w.locator('[data-stat="groups"]')).toHaveAttribute('data-value', '3x4');
  await w.getByRole('radio', { name: 'RMS' }).check();
  closeAll((await ys(w)).slice(0, 4), ORACLE.rms0);
  await w.getByRole('radio', { name: 'BN' }).check();
  await w.getByRole('radio', { name: '推理' }).check();
  closeAll(
    ((await w.locator('[data-stat="running"]').getAttribute('data-value')) ?? '').split(',').map(Number),
    ORACLE.runningMean,
    1e-12,
  );
  closeAll((await ys(w)).slice(0, 4), ORACLE.evalRow0);
  expect(errors).toEqual([]);
});

test('batch size and new batches: BN moves with the batch, LN does not; m = 1 warns', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const spread = async () => {
    const [bn, ln] = ((await w.locator('[data-stat="spread"]').getAttribute('data-value')) ?? '|').split('|');
    return { bn: bn.split(',').map(Number), ln: ln.split(',').map(Number) };
  };
  const s3 = await spread();
  expect(s3.ln).toEqual([0, 0, 0, 0]);
  expect(s3.bn[0]).toBeGreaterThan(0.1);
  const before = await ys(w);
  await w.getByRole('button', { name: '换一批' }).click();
  const after = await ys(w);
  expect(after.slice(0, 4)).not.toEqual(before.slice(0, 4));
  await w.getByRole('radio', { name: 'LN' }).check();
  const lnNow = (await ys(w)).slice(0, 4);
  closeAll(lnNow, ORACLE.ln.slice(0, 4));
  await w.getByRole('radio', { name: 'BN' }).check();
  const m = w.getByRole('slider', { name: '批大小 m' });
  await m.focus();
  await m.press('Home');
  await expect(w.locator('.warn')).toContainText('Expected more than 1 value per channel');
  expect(await ys(w)).toEqual([0, 0, 0, 0]);
  await m.press('End');
  expect((await spread()).bn[0]).toBeLessThan(s3.bn[0]);
});

test('pointer: clicking a cell selects its group; tensor view shows GroupNorm’s groups', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const hit = w.locator('rect.hit').first();
  const box = await boxAtTop(hit);
  await page.mouse.click(box.x + box.width * 0.9, box.y + box.height * 0.5);
  expect(await stat(w, 'mu')).toBe(4);
  await hydrate(page, SEL2);
  const w2 = widget(page, 1);
  await w2.getByRole('radio', { name: 'GN' }).check();
  await expect(w2.locator('[data-stat="groups"]')).toHaveAttribute('data-value', '6x12');
  await expect(w2.locator('.cube polygon.on')).toHaveCount(2 * 6 + 2 + 0);
  await w2.getByRole('radio', { name: 'BN' }).check();
  await expect(w2.locator('[data-stat="groups"]')).toHaveAttribute('data-value', '4x18');
  const tiles = w2.getByRole('slider', { name: /选择张量中的一个格子/ });
  await tiles.focus();
  await tiles.press('ArrowDown');
  await expect(w2.getByRole('slider', { name: /选择张量/ })).toHaveAttribute('aria-valuenow', '6');
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?norm-axes.kind=layer&norm-axes.m=8&norm-axes.draw=5&norm-axes.at=4`);
  await hydrate(page, SEL);
  const w = widget(page);
  await expect(w.getByRole('radio', { name: 'LN' })).toBeChecked();
  await expect(w.getByRole('slider', { name: '批大小 m' })).toHaveValue('8');
  await w.getByRole('radio', { name: '文本' }).check();
  await expect(page).toHaveURL(/norm-axes\.view=text/);
  await page.reload();
  await hydrate(page, SEL);
  await expect(widget(page).locator('[data-stat="groups"]')).toHaveAttribute('data-value', '6x4');
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?norm-axes.kind=weightnorm&norm-axes.m=0&norm-axes.G=3&norm-axes.at=x`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read kind=weightnorm");
  await expect(note).toContainText('m=0 is out of range; using 1.');
  await expect(note).toContainText("Couldn't read G=3");
  expect(await w.innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&norm-axes.mode=eval&norm-axes-2.kind=group`);
    await hydrate(page, SEL);
    await hydrate(page, SEL2);
    await expectNoAxeViolations(page, { include: '[data-widget-id="norm-axes"]' });
  }
});

test('no two labels or numbers collide: 16 rows on a phone, the tiles beside the cube on a laptop', async ({
  page,
}) => {
  for (const theme of ['light', 'projector']) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${PAGE}?theme=${theme}&norm-axes.kind=layer&norm-axes.m=16&norm-axes.at=9`);
    await hydrate(page, SEL);
    for (const chart of await widget(page).locator('.pair svg').all()) {
      expect(await overprintedLabels(chart, -2), `${theme}, m = 16`).toEqual([]);
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${PAGE}?norm-axes-2.kind=group`);
  await hydrate(page, SEL2);
  expect(await overprintedLabels(widget(page, 1).locator('.tiles'), -2), 'image tiles').toEqual([]);
});
