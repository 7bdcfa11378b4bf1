import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T7.5).
const ORACLE = {
  invTrain: '1.25,0,3.75,5',
  invEval: '1,2,3,4',
  origTrain: '1,0,3,4',
  origEval: [0.8, 1.6, 2.4, 3.2],
  ensemble: 0.494549,
  nwgm: 0.512497,
};

const PAGE = '/dropout/';
const SEL = '[data-widget-id="dropout"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="dropout"]').nth(0);
const val = (w: Locator, stat: string) => w.locator(`[data-stat="${stat}"]`).first().getAttribute('data-value');
const close = (a: number, e: number, rel = 1e-5) =>
  expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e));

test('the figure is server-rendered: both conventions for the brief’s mask, and the ensemble numbers', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="dropout"'));
  expect(island.includes(`data-stat="invTrain" data-value="${ORACLE.invTrain}"`), 'inverted training row').toBe(true);
  expect(island.includes(`data-stat="origTrain" data-value="${ORACLE.origTrain}"`), 'original training row').toBe(true);
  expect(island.includes('data-stat="subnets" data-value="16"'), '2^4 sub-networks').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('[data-stat="ensemble"] .v')).toHaveText('0.494549');
  await expect(w.locator('[data-stat="weightScaled"] .v')).toHaveText('0.512497');
  await ctx.close();
});

test('keyboard: toggling units, switching to inference, and the double-scaling warning', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  close(Number(await val(w, 'ensemble')), ORACLE.ensemble);
  close(Number(await val(w, 'nwgm')), ORACLE.nwgm);
  const unit2 = w.getByRole('button', { name: /单元 2/ });
  await unit2.focus();
  await unit2.press('Enter');
  expect(await val(w, 'invTrain')).toBe('1.25,2.5,3.75,5');
  await unit2.press(' ');
  expect(await val(w, 'invTrain')).toBe(ORACLE.invTrain);
  await w.getByRole('radio', { name: '推理' }).check();
  expect(await val(w, 'invEval')).toBe(ORACLE.invEval);
  close(Number(await val(w, 'a-invEval')), ORACLE.nwgm);
  const orig = ((await val(w, 'origEval')) ?? '').split(',').map(Number);
  ORACLE.origEval.forEach((e, i) => close(orig[i], e, 1e-12));
  await w.getByText(/再乘一次/).click();
  await expect(w.locator('.bugwarn')).toContainText('双重缩放');
  expect(errors).toEqual([]);
});

test('sampling masks: the Monte-Carlo estimate converges to the ensemble mean, not to weight scaling', async ({
  page,
}) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  await w.getByRole('button', { name: '单步' }).click();
  expect((await val(w, 'mc'))?.split(',')[0]).toBe('1');
  for (let i = 0; i < 8; i++) await w.getByRole('button', { name: '一次再采 1000 个' }).click();
  const [k, mean, err] = ((await val(w, 'mc')) ?? '').split(',').map(Number);
  expect(k).toBe(8001);
  expect(Math.abs(mean - ORACLE.ensemble)).toBeLessThan(5 * err);
  expect(Math.abs(mean - ORACLE.nwgm)).toBeGreaterThan(5 * err);
  // Play runs the sampler while the widget is on screen; pause stops it.
  await w.getByRole('button', { name: '播放' }).click();
  await expect.poll(async () => Number(((await val(w, 'mc')) ?? '').split(',')[0])).toBeGreaterThan(8100);
  await w.getByRole('button', { name: '暂停' }).click();
  const stopped = ((await val(w, 'mc')) ?? '').split(',')[0];
  await page.waitForTimeout(300);
  expect(((await val(w, 'mc')) ?? '').split(',')[0]).toBe(stopped);
  // A new p_drop restarts the estimate.
  const p = w.getByRole('slider', { name: /丢弃概率/ });
  await p.focus();
  await p.press('ArrowRight');
  expect(((await val(w, 'mc')) ?? '').split(',')[0]).toBe('0');
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?dropout.pdrop=0.5&dropout.mask=0,1,1,0&dropout.mode=eval`);
  await hydrate(page, SEL);
  const w = widget(page);
  expect(await val(w, 'invTrain')).toBe('0,4,6,0');
  await expect(w.getByRole('radio', { name: '推理' })).toBeChecked();
  await w.getByRole('radio', { name: '训练' }).check();
  await expect(page).not.toHaveURL(/dropout\.mode/);
  await page.reload();
  await hydrate(page, SEL);
  expect(await val(widget(page), 'pkeep')).toBe('0.5');
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?dropout.pdrop=1&dropout.mask=2,0&dropout.mode=test`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText('pdrop=1 is out of range; using 0.9.');
  await expect(note).toContainText("Couldn't read mask=2,0");
  await expect(note).toContainText("Couldn't read mode=test");
  expect(await w.innerText()).not.toMatch(/NaN|undefined|Infinity/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&dropout.mode=eval&dropout.bug=1`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="dropout"]' });
  }
});
