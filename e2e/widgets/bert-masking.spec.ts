import { expect, test, type Locator, type Page } from '@playwright/test';
import zh from '../../content/i18n/zh.json' with { type: 'json' };
import { convergence, maskOnce, pairInput } from '../../src/widgets/bert-masking/model.ts';
import { expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

const PAGE = '/bert/';
const ID = 'bert-masking';
// On the page: 1 = input embedding, 2 = MLM masking, 3 = NSP.
const widget = (page: Page, k: number) => page.locator(`[data-widget-id="${ID}"]`).nth(k - 1);
const sel = (k: number) => `[data-widget-id="${ID}"] >> nth=${k - 1}`;
const stat = async (w: Locator, name: string) =>
  await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value');
const PAIR = pairInput(zh['bert-masking.exampleA'], zh['bert-masking.exampleB']);
const VOCAB = zh['bert-masking.vocab'].split(' ');

test('the three parts are server-rendered: cards, counts, the embedding sum, the NSP pair', async ({ request }) => {
  const html = await (await request.get(PAGE)).text();
  expect(html.includes('data-stat="candidates" data-value="25"'), 'MLM candidates of the example pair').toBe(true);
  expect(html.includes('[CLS]'), 'special tokens').toBe(true);
  expect(html.includes('data-stat="nsp-label"'), 'an NSP pair').toBe(true);
  expect(/<circle class="sum-dot/.test(html), 'embedding sum markers').toBe(true);
});

test('MLM: each sample is the core’s masking for its seed; pooled shares converge to 15 % and 80/10/10', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto(PAGE);
  await hydrate(page, sel(2));
  const w = widget(page, 2);
  const expectSample = async (seed: number) => {
    const m = maskOnce(PAIR.tokens, VOCAB, seed, 'bernoulli').counts;
    expect(Number(await stat(w, 'selected'))).toBe(m.selected);
    expect(Number(await stat(w, 'mask'))).toBe(m.mask);
  };
  await expectSample(1);
  await w.getByRole('button', { name: /重新抽样/ }).click();
  await expectSample(2);
  const reps = w.getByRole('slider', { name: '重复掩码的次数' });
  await reps.fill('3000');
  const pooled = (await stat(w, 'pooled'))!.split(',').map(Number);
  const t = convergence(PAIR.tokens, VOCAB, 2, 'bernoulli', 3000).total;
  expect(pooled).toEqual([t.candidates, t.selected, t.mask, t.random, t.keep]);
  const [cand, selected, mask, random, keep] = pooled;
  const se = (p: number, m: number) => 2 * Math.sqrt((p * (1 - p)) / m);
  expect(Math.abs(selected / cand - 0.15)).toBeLessThan(1.5 * se(0.15, cand));
  expect(Math.abs(mask / selected - 0.8)).toBeLessThan(1.5 * se(0.8, selected));
  expect(Math.abs(random / selected - 0.1)).toBeLessThan(1.5 * se(0.1, selected));
  expect(Math.abs(keep / selected - 0.1)).toBeLessThan(1.5 * se(0.1, selected));
  await expect(page).toHaveURL(/bert-masking-2\.reps=3000/);
  // "exact" selects round(15 %) of the 25 candidates every time: 4.
  await w.getByRole('radio', { name: /恰好/ }).check();
  expect(Number(await stat(w, 'selected'))).toBe(4);
  expect(errors).toEqual([]);
});

test('embedding: picking a card shows token + segment + position = sum', async ({ page }) => {
  await page.goto(`/en${PAGE}`);
  await hydrate(page, sel(1));
  const w = widget(page, 1);
  await w.getByRole('button', { name: /fish/ }).click();
  const sum = (await stat(w, 'sum'))!.split(',').map(Number);
  const rows = w.locator('table tbody tr');
  const cells = async (r: number) =>
    (await rows.nth(r).locator('td').allInnerTexts()).map((x) => Number(x.replace('−', '-')));
  const [tok, seg, pos, total] = [await cells(0), await cells(1), await cells(2), await cells(3)];
  for (let j = 0; j < 8; j++) {
    expect(Math.abs(tok[j] + seg[j] + pos[j] - total[j])).toBeLessThanOrEqual(0.015 + 1e-9);
    expect(Math.abs(sum[j] - total[j])).toBeLessThanOrEqual(0.005 + 1e-9);
  }
  await expect(page).toHaveURL(/bert-masking\.pos=\d+/);
});

test('NSP: drawing pairs changes the pair; the IsNext share is near 50 %', async ({ page }) => {
  await page.goto(`${PAGE}?bert-masking-3.nn=2000`);
  await hydrate(page, sel(3));
  const w = widget(page, 3);
  const share = Number(await stat(w, 'nsp-share'));
  expect(Math.abs(share - 0.5)).toBeLessThan(1.5 * 2 * Math.sqrt(0.25 / 2000));
  const before = await w.locator('.drawn .cards').innerText();
  await w.getByRole('button', { name: '再抽一对' }).click();
  await w.getByRole('button', { name: '再抽一对' }).click();
  expect(await w.locator('.drawn .cards').innerText()).not.toBe(before);
  await expect(w.locator('.roberta')).toContainText('RoBERTa');
});

test('a long sentence is cut with a note; bad URL values show a note; never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(
    `/en${PAGE}?bert-masking-2.s=${encodeURIComponent('word '.repeat(60))}&bert-masking-2.reps=-5&bert-masking-2.sel=all`,
  );
  await hydrate(page, sel(2));
  const w = widget(page, 2);
  await expect(w.locator('.warn')).toHaveText('Sentence A has 60 tokens; the first 48 are used here.');
  await expect(w.locator('.notes')).toContainText('reps=-5 is out of range; using 1.');
  await expect(w.locator('.notes')).toContainText("Couldn't read sel=all");
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  // Three full loads of a long page with its formulas, each with an axe pass.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    for (const k of [1, 2, 3]) await hydrate(page, sel(k));
    await expectNoAxeViolations(page, { include: `[data-widget-id="${ID}"]` });
  }
});
