import { expect, test, type Locator, type Page } from '@playwright/test';
import zh from '../../content/i18n/zh.json' with { type: 'json' };
import en from '../../content/i18n/en.json' with { type: 'json' };
import {
  computeAttention,
  headStats,
  rowReadout,
  sentenceTokens,
  type AttentionSettings,
} from '../../src/widgets/attention-heatmap/model.ts';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

const PAGE = '/transformer/';
const SEL = '[data-widget-id="attention-heatmap"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="attention-heatmap"]').nth(0);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value'));
/** The browser's Math.exp may differ from Node's in the last bit. */
function same(actual: number, expected: number) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}
const BASE: AttentionSettings = { heads: 1, dk: 64, scale: true, causal: false, positional: true, seed: 1 };

function expected(lang: 'zh' | 'en', s: Partial<AttentionSettings>, row: number) {
  const d = lang === 'zh' ? zh : en;
  const tokens = sentenceTokens('', d['attention-heatmap.example']).tokens;
  const m = computeAttention(tokens, { ...BASE, ...s });
  return { m, r: rowReadout(m, 0, row, s.causal ?? false), stats: headStats(m.perHead[0], m.n, s.causal ?? false) };
}

test('the heat map is server-rendered: cells, labels and the numbers are in the HTML', async ({ browser, request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="attention-heatmap"'));
  expect(
    /<path d="M\d+ \d+h\d+v1h-\d+z[^"]*" class="[^"]*" style="fill: color-mix/.test(island),
    'binned cell paths',
  ).toBe(true);
  expect(island.includes('data-stat="n" data-value="16"'), '16 tokens from the Chinese example').toBe(true);
  expect(island.includes('>猫</text>'), 'token labels').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('svg [role="slider"]')).toBeVisible();
  await expect(w.locator('[data-stat="dk"] .v')).toHaveText('64');
  await ctx.close();
});

test('keyboard: arrows walk the query rows and keys; the readout is the core’s numbers', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 1366, height: 700 });
  await page.goto(PAGE);
  // Below the fold the island is still the server's HTML; scrolling to it hydrates it.
  await expect(widget(page).locator('astro-island')).toHaveAttribute('ssr', '');
  await hydrate(page, SEL);
  const w = widget(page);
  const heat = w.getByRole('slider', { name: /注意力热力图/ });
  await heat.focus();
  await heat.press('Home');
  for (let i = 0; i < 9; i++) await heat.press('ArrowDown');
  expect(await stat(w, 'row')).toBe(9);
  await expect(heat).toHaveAttribute('aria-valuetext', /第 10 \/ 16 行，词元「它」/);
  const { r } = expected('zh', {}, 9);
  same(await stat(w, 'weight'), r.terms[0].weight);
  await expect(w.locator('.explain tbody tr').first()).toContainText(r.terms[0].token);
  await heat.press('ArrowRight');
  await expect(heat).toHaveAttribute('aria-valuetext', /它 → 小/);
  // The pinned row goes to the URL.
  await expect(page).toHaveURL(/attention-heatmap\.q=9/);
  await heat.press('Escape');
  await expect(page).not.toHaveURL(/attention-heatmap\.q=/);
  expect(errors).toEqual([]);
});

test('no scaling at d_k = 64 saturates the softmax; the numbers match the model', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const scaled = expected('zh', {}, 0).stats;
  same(await stat(w, 'spread'), scaled.logitStd);
  await w.getByRole('button', { name: '不缩放，dₖ = 64' }).click();
  await expect(w.getByRole('switch', { name: '除以 √dₖ' })).not.toBeChecked();
  const raw = expected('zh', { scale: false }, 0).stats;
  same(await stat(w, 'spread'), raw.logitStd);
  same(await stat(w, 'top'), raw.meanMax);
  expect(raw.logitStd / scaled.logitStd).toBeCloseTo(8, 6);
  expect(await stat(w, 'saturated')).toBeGreaterThan(0);
  // The theory curve is drawn from each head's variances over all 64 columns: it holds still.
  const theory = w.locator('path.theory.unscaled');
  const curve = await theory.getAttribute('d');
  // Dragging d_k down (keyboard on the native range) shrinks the spread again.
  const dk = w.getByRole('slider', { name: /dₖ/ });
  await dk.focus();
  await dk.press('Home');
  expect(await stat(w, 'dk')).toBe(1);
  same(await stat(w, 'spread'), expected('zh', { scale: false, dk: 1 }, 0).stats.logitStd);
  await dk.press('ArrowRight');
  expect(await stat(w, 'dk')).toBe(2);
  expect(await theory.getAttribute('d')).toBe(curve);
});

test('canvases painted after a long d_k sweep match a fresh page at the same d_k', async ({ page }) => {
  // Causal mask (hatched cells, painted at several pixels per cell) and four heads: matrices of
  // many shapes. Each canvas is painted through an off-screen scratch that grows to the largest
  // shape it has drawn (64 columns here) and keeps what it drew there; at d_k = 7 only its
  // top-left corner is new. A fresh page at d_k = 7 has scratches of exactly its shapes, so the
  // two must agree pixel for pixel: nothing left over may show.
  const url = `${PAGE}?attention-heatmap.c=1&attention-heatmap.h=4`;
  const w = widget(page);
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const pixels = async () => {
    await frames();
    return w.locator('foreignObject canvas').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));
  };
  await page.goto(url);
  await hydrate(page, SEL);
  const start = await pixels();
  expect(start.length).toBeGreaterThan(8);
  const dk = w.getByRole('slider', { name: /dₖ/ });
  for (let v = 63; v >= 1; v--) await dk.fill(String(v));
  for (let v = 2; v <= 7; v++) await dk.fill(String(v));
  expect(await stat(w, 'dk')).toBe(7);
  const swept = await pixels();
  expect(swept).not.toEqual(start);
  await page.goto(`${url}&attention-heatmap.dk=7`);
  await hydrate(page, SEL);
  expect(await stat(w, 'dk')).toBe(7);
  expect(await pixels()).toEqual(swept);
});

test('pointer: hovering a row previews it, a click pins it; the formula and the matrices light each other', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  const heat = w.getByRole('slider', { name: /注意力热力图/ });
  const box = await boxAtTop(heat);
  const at = (i: number, j: number) => ({
    x: box.x + ((j + 0.5) * box.width) / 16,
    y: box.y + ((i + 0.5) * box.height) / 16,
  });
  await page.mouse.move(at(3, 5).x, at(3, 5).y);
  expect(await stat(w, 'row')).toBe(3);
  await expect(w.getByRole('button', { name: 'softmax' })).toHaveClass(/lit/);
  await page.mouse.click(at(12, 2).x, at(12, 2).y);
  await page.mouse.move(box.x - 200, box.y - 100);
  expect(await stat(w, 'row')).toBe(12);
  await expect(page).toHaveURL(/attention-heatmap\.q=12/);
  // A term of the formula highlights its matrix and dims the others.
  await w.locator('.formula button.term').filter({ hasText: /^V$/ }).hover();
  await expect(w.locator('g.panel.lit')).toHaveCount(1);
  expect(await w.locator('g.panel.dim').count()).toBeGreaterThanOrEqual(3);
});

test('state round-trips through the URL, the sentence too', async ({ page }) => {
  const s = encodeURIComponent('The cat sat on the mat.');
  await page.goto(
    `/en${PAGE}?attention-heatmap.s=${s}&attention-heatmap.h=2&attention-heatmap.dk=8&attention-heatmap.c=1&attention-heatmap.q=4`,
  );
  await hydrate(page, SEL);
  const w = widget(page);
  expect(await stat(w, 'n')).toBe(7);
  expect(await stat(w, 'dk')).toBe(8);
  expect(await stat(w, 'row')).toBe(4);
  await expect(w.getByRole('radio', { name: '2' })).toBeChecked();
  await expect(w.getByRole('switch', { name: /causal/ })).toBeChecked();
  await expect(w.locator('textarea')).toHaveValue('The cat sat on the mat.');
  await expect(w.getByRole('button', { name: /show head 2/ })).toBeVisible();
  // Editing the sentence rewrites the URL; a reload restores it.
  await w.locator('textarea').fill('Attention is all you need');
  await expect(page).toHaveURL(/attention-heatmap\.s=Attention/);
  await page.reload();
  await hydrate(page, SEL);
  expect(await stat(widget(page), 'n')).toBe(5);
  await expect(widget(page).locator('textarea')).toHaveValue('Attention is all you need');
});

test('bad URL values show a note; a sentence over 64 tokens is cut with a note; never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  const long = encodeURIComponent('字'.repeat(70));
  await page.goto(
    `/en${PAGE}?attention-heatmap.dk=abc&attention-heatmap.h=3&attention-heatmap.q=99&attention-heatmap.s=${long}`,
  );
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read dk=abc");
  await expect(note).toContainText("Couldn't read h=3");
  await expect(note).toContainText('q=99 is out of range');
  await expect(w.locator('.editor .note')).toHaveText('This sentence has 70 tokens; the figure shows the first 64.');
  expect(await stat(w, 'n')).toBe(64);
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  // Three full loads of a long page with its formulas, each with an axe pass.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&attention-heatmap.h=2&attention-heatmap.c=1`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="attention-heatmap"]' });
  }
});
