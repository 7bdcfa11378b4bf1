import { expect, test, type Locator, type Page } from '@playwright/test';
import { gateFigure, stepView, type GateSettings } from '../../src/widgets/lstm-gru-gates/model.ts';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// The brief's 2-D GRU example (T15.5): h_t at step 1 in the four variants, and the 2-D LSTM's f and c_t.
const GRU_H = {
  'A-before': [0.304198, -0.648326],
  'A-after': [0.27713, -0.641995],
  'B-before': [0.306389, -0.629019],
  'B-after': [0.265193, -0.625218],
};
const LSTM_F = [0.759511, 0.557248];
const LSTM_C = [0.267434, -0.45632];

const PAGE = '/lstm-gru/';
const SEL = '[data-widget-id="lstm-gru-gates"]';
const first = (page: Page) => page.locator(SEL).nth(0);
const second = (page: Page) => page.locator(SEL).nth(1);
const value = async (w: Locator, name: string, unit: number) =>
  Number(await w.locator(`[data-stat="${name}"][data-unit="${unit}"]`).first().getAttribute('data-value'));
const stat = async (w: Locator, name: string, attr = 'data-value') =>
  Number(await w.locator(`[data-stat="${name}"]`).getAttribute(attr));
const base: GateSettings = { cell: 'lstm', T: 24, b: 1, conv: 'A', reset: 'before', w: 'seeded', seed: 1 };

function close(actual: number, expected: number, rel = 1e-5) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

test('server-rendered: the step’s gates, the strips and the gradient paths are in the HTML', async ({
  browser,
  request,
}) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="lstm-gru-gates"'));
  const v = stepView(gateFigure(base), 6, 'A').values;
  expect(island.includes(`data-stat="f" data-unit="0" data-value="${v.f[0]}"`), 'f₆ from the core').toBe(true);
  expect((island.match(/h-[\d.]+z/g) ?? []).length > 0.8 * 12 * 24, 'six two-unit strips over 24 steps').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = first(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('path.curve.gated')).toBeVisible();
  await expect(w.locator('[data-stat="f"][data-unit="0"] .num')).toHaveText(v.f[0].toFixed(3));
  await ctx.close();
});

test('the worked example: the GRU’s step 1 in all four variants is the brief’s table', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}`);
  await hydrate(page, `${SEL} >> nth=1`);
  const w = second(page);
  const h = async () => [await value(w, 'h', 0), await value(w, 'h', 1)];
  const check = async (key: keyof typeof GRU_H) => {
    const got = await h();
    close(got[0], GRU_H[key][0]);
    close(got[1], GRU_H[key][1]);
  };
  await check('A-before');
  await w.getByRole('radio', { name: /after \(PyTorch\)/ }).check();
  await check('A-after');
  await w.getByRole('radio', { name: /z takes new/ }).check();
  await check('B-after');
  await w.getByRole('radio', { name: /before \(Cho\)/ }).check();
  await check('B-before');
  // The LSTM's example too.
  await w.getByRole('radio', { name: 'LSTM' }).check();
  close(await value(w, 'f', 0), LSTM_F[0]);
  close(await value(w, 'f', 1), LSTM_F[1]);
  close(await value(w, 'c', 0), LSTM_C[0]);
  close(await value(w, 'c', 1), LSTM_C[1]);
  expect(errors).toEqual([]);
});

test('keyboard: stepping through the sequence, and the forget-gate bias changes the decay', async ({ page }) => {
  await page.goto(`/en${PAGE}`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const strips = w.getByRole('slider', { name: /Step to show/ });
  await strips.focus();
  await strips.press('ArrowRight');
  expect(await stat(w, 'step')).toBe(7);
  await strips.press('End');
  expect(await stat(w, 'step')).toBe(24);
  await strips.press('Home');
  const fig = gateFigure(base);
  close(await stat(w, 'path', 'data-log10'), fig.path.normLog10[1], 1e-12);
  // Bias 1 → 0 (ten steps of 0.1): the cell path decays faster, as the core computes.
  const bias = w.getByRole('slider', { name: /Forget-gate bias/ });
  await bias.focus();
  for (let i = 0; i < 10; i++) await bias.press('ArrowLeft');
  const at0 = gateFigure({ ...base, b: 0 });
  close(await stat(w, 'rates', 'data-path'), at0.pathRate, 1e-9);
  expect(at0.pathRate).toBeLessThan(fig.pathRate);
  // The vanilla RNN does not depend on the bias.
  close(await stat(w, 'rates', 'data-rnn'), fig.rnnRate, 1e-12);
});

test('Step and Play advance through the sequence', async ({ page }) => {
  await page.goto(`/en${PAGE}`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await w.getByRole('button', { name: 'Step' }).click();
  expect(await stat(w, 'step')).toBe(7);
  await w.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => stat(w, 'step'), { timeout: 5000 }).toBeGreaterThanOrEqual(9);
  await w.getByRole('button', { name: 'Pause' }).click();
});

test('pointer: pressing a column of the strips shows that step', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const box = await boxAtTop(w.locator('rect.hit'));
  await page.mouse.click(box.x + ((15 - 0.5) / 24) * box.width, box.y + box.height / 2);
  expect(await stat(w, 'step')).toBe(15);
  const v = stepView(gateFigure(base), 15, 'A').values;
  close(await value(w, 'o', 1), v.o[1], 1e-12);
});

test('state round-trips through the URL; bad values get a note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?lstm-gru-gates.cell=gru&lstm-gru-gates.conv=B&lstm-gru-gates.t=3&lstm-gru-gates.b=oops`);
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await expect(w.getByRole('radio', { name: 'GRU' })).toBeChecked();
  await expect(w.getByRole('radio', { name: /z takes new/ })).toBeChecked();
  expect(await stat(w, 'step')).toBe(3);
  await expect(w.locator('.notes')).toContainText("Couldn't read b=oops; using the default 1.");
  const v = stepView(gateFigure({ ...base, cell: 'gru', conv: 'B' }), 3, 'B').values;
  close(await value(w, 'z', 0), v.z[0], 1e-12);
  await w.getByRole('radio', { name: 'LSTM' }).check();
  await expect(page).toHaveURL(/lstm-gru-gates\.conv=B/);
  await expect(page).not.toHaveURL(/lstm-gru-gates\.cell=gru/);
  await page.goto(`/en${PAGE}?lstm-gru-gates.T=1000&lstm-gru-gates.w=random`);
  await hydrate(page, `${SEL} >> nth=0`);
  await expect(first(page).locator('.notes')).toContainText('T=1000 is out of range; using 60.');
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  // Three page loads, two islands and axe each time: 72 s of the 90 s default in a CI run on a
  // slow machine, so allow for a slower one.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, `${SEL} >> nth=0`);
    await hydrate(page, `${SEL} >> nth=1`);
    await expectNoAxeViolations(page, { include: SEL });
  }
});
