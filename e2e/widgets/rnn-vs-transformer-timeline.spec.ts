import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T13.5).
const MULT_ADDS: Record<number, [number, number]> = {
  100: [5120000, 26214400],
  512: [134217728, 134217728],
  4096: [8589934592, 1073741824],
};

const PAGE = '/transformer-parallelism/';
const ID = 'rnn-vs-transformer-timeline';
const SEL = `[data-widget-id="${ID}"] >> nth=0`;
const widget = (page: Page) => page.locator(`[data-widget-id="${ID}"]`).nth(0);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat$="${name}"]`).first().getAttribute('data-value'));

test('the three lanes and the counts are server-rendered', async ({ request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf(`data-widget-id="${ID}"`));
  expect(island.includes('data-stat="rt1-rnn-steps" data-value="13"'), 'RNN: n + L − 1 = 13').toBe(true);
  expect(island.includes('data-stat="rt1-enc-steps" data-value="6"'), 'encoder: L = 6').toBe(true);
  expect(island.includes('data-stat="rt1-dec-steps" data-value="24"'), 'decoding: g·L = 24').toBe(true);
  expect(island.includes('data-stat="attn" data-value="5120000"'), 'n²d at n = 100').toBe(true);
});

test('sequential steps: RNN n = 128 … (n slider), 6-layer encoder 6, 20 tokens → 120', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${PAGE}?${ID}.L=1&${ID}.n=64&${ID}.g=20`);
  await hydrate(page, SEL);
  const w = widget(page);
  expect(await stat(w, 'rnn-steps')).toBe(64);
  const L = w.getByRole('slider', { name: /层数|layers/ });
  await L.focus();
  for (let i = 0; i < 5; i++) await L.press('ArrowRight');
  expect(await stat(w, 'enc-steps')).toBe(6);
  expect(await stat(w, 'rnn-steps')).toBe(64 + 6 - 1);
  expect(await stat(w, 'dec-steps')).toBe(120);
  expect(errors).toEqual([]);
});

test('the clock steps by keyboard and by the step button; play runs to the end', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const clock = w.getByRole('slider', { name: /时钟|clock/ });
  await clock.focus();
  for (let i = 0; i < 6; i++) await clock.press('ArrowRight');
  expect(await stat(w, 't')).toBe(6);
  await expect(w.locator('div.lane').nth(1)).toContainText('已完成');
  await expect(w.locator('div.lane').nth(0)).toContainText('正在算第 7 步');
  await w.getByRole('button', { name: '单步' }).click();
  expect(await stat(w, 't')).toBe(7);
  await w.getByRole('button', { name: '播放' }).click();
  await expect.poll(async () => stat(w, 't'), { timeout: 15_000 }).toBe(24);
  await expect(w.getByRole('button', { name: '播放' })).toHaveAttribute('aria-pressed', 'false');
});

test('multiply-adds per layer at n = 100, 512, 4096 (d = 512) are the oracle values', async ({ page }) => {
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  for (const n of [100, 512, 4096]) {
    await w.getByRole('button', { name: `n = ${n}, d = 512` }).click();
    expect(await stat(w, 'attn')).toBe(MULT_ADDS[n][0]);
    expect(await stat(w, 'rnn')).toBe(MULT_ADDS[n][1]);
  }
  expect(await stat(w, 'ratio')).toBe(8);
  await expect(page).toHaveURL(new RegExp(`${ID}\\.nc=4096`));
});

test('bad URL values show a note and nothing becomes NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?${ID}.n=abc&${ID}.t=99999&${ID}.d=100`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read n=abc");
  await expect(note).toContainText('t=99999 is out of range');
  await expect(note).toContainText('d=100 is out of range');
  expect(await stat(w, 't')).toBe(24);
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  // Three full loads of a long page with its formulas, each with an axe pass.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&${ID}.t=5`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: `[data-widget-id="${ID}"]` });
  }
});
