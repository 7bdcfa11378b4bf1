import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrate, overprintedLabels, watchErrors } from '../helpers.ts';

// The mean-field oracles (brief T2.5) are checked against the model in the unit tests; here the
// built widget: regimes after a preset (computed in the worker), keyboard, URL, notes, axe.
const PAGE = '/vanishing-exploding-gradients/';
const SEL = '[data-widget-id="gradient-depth"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="gradient-depth"]').nth(0);
const panel = (w: Locator, slot: 'a' | 'b') => w.locator(`[data-slot="${slot}"]`);
const stat = async (scope: Locator, name: string) =>
  (await scope.locator(`[data-stat="${name}"]`).first().getAttribute('data-value')) ?? '';

/** Waits until the worker's answer for the current state is on screen. */
async function settled(w: Locator) {
  await expect(w.locator('.busy')).toHaveAttribute('data-busy', 'false', { timeout: 15_000 });
}

test('the figure is server-rendered with real numbers, and reads without JavaScript', async ({ browser, request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="gradient-depth"'));
  expect(/<path class="measured[^"]*" d="M[\d.,L-]{200,}/.test(island), 'the measured gradient curve').toBe(true);
  expect(/<path class="theory[^"]*" d="M[\d.,L-]{200,}/.test(island), 'the mean-field curve').toBe(true);
  expect(island.includes('data-stat="verdict" data-value="vanishing"'), 'default regime').toBe(true);
  expect(/data-stat="lgFirst" data-value="-1[89]\./.test(island), 'about 10⁻¹⁹ reaches layer 0').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('path.measured').first()).toBeVisible();
  await expect(w.locator('[data-stat="verdict"]').first()).toHaveText('梯度消失');
  await ctx.close();
});

test('presets: sigmoid at depth 30 reports vanished early layers, ReLU + He does not (computed in a worker)', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const workers: string[] = [];
  page.on('worker', (wk) => workers.push(wk.url()));
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  const a = panel(w, 'a');

  await w.locator('[data-preset="reluHe"]').click();
  await expect(w.locator('[data-preset="reluHe"]')).toHaveAttribute('aria-pressed', 'true');
  await settled(w);
  expect(await stat(a, 'verdict')).toBe('stable');
  expect(Number(await stat(a, 'vanished'))).toBe(0);
  expect(Math.abs(Number(await stat(a, 'lgFirst')))).toBeLessThan(1);
  await expect(a.locator('[data-stat="vanished"] .v')).toHaveText('none');
  expect(workers.length, 'a module worker computed the new state').toBe(1);

  await w.locator('[data-preset="sigXavier"]').click();
  await settled(w);
  expect(await stat(a, 'verdict')).toBe('vanishing');
  expect(Number(await stat(a, 'vanished'))).toBeGreaterThan(20);
  await expect(a.locator('[data-stat="vanished"] .v')).toHaveText(/^0–\d+$/);
  // Measured and predicted agree: per layer ≈ √χ* = 0.236.
  expect(Math.abs(Number(await stat(a, 'perLayer')) - 0.236)).toBeLessThan(0.02);
  await expect(w.locator('.description')).toContainText('below 10');
  expect(errors).toEqual([]);
});

test('A/B mode shows two configurations side by side on one gradient axis', async ({ page }) => {
  await page.goto(PAGE);
  await hydrate(page, SEL);
  const w = widget(page);
  await w.locator('[data-preset="abBn"]').click();
  await settled(w);
  await expect(panel(w, 'b')).toBeVisible();
  expect(await stat(panel(w, 'a'), 'verdict')).toBe('exploding');
  expect(await stat(panel(w, 'b'), 'verdict')).toBe('stable');
  // Clipping does not fix vanishing: same gradient ratio with and without it.
  await w.locator('[data-preset="abClip"]').click();
  await settled(w);
  expect(await stat(panel(w, 'b'), 'lgFirst')).toBe(await stat(panel(w, 'a'), 'lgFirst'));
  expect(Number(await stat(panel(w, 'b'), 'clipScale'))).toBeLessThan(1);
  await expect(panel(w, 'b').locator('path.weights')).toHaveCount(1);
});

test('keyboard: sliders change the network, arrow keys move the layer cursor', async ({ page }) => {
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  const depth = w.getByRole('slider', { name: 'Depth L' });
  await depth.focus();
  await depth.press('End');
  await settled(w);
  await expect(w.locator('.description')).toContainText('depth 100');
  const cursor = w.getByRole('slider', { name: /Inspect a layer/ });
  await cursor.focus();
  await cursor.press('End');
  await expect(cursor).toHaveAttribute('aria-valuenow', '100');
  await cursor.press('ArrowLeft');
  await expect(cursor).toHaveAttribute('aria-valuenow', '99');
  await cursor.press('Home');
  await expect(cursor).toHaveAttribute('aria-valuetext', /layer 0: gradient .*10/);
  // The controls are reachable and operable by keyboard: activation select.
  await w.getByLabel('Activation').first().selectOption('relu');
  await w.getByLabel('Initialisation').first().selectOption('he');
  await settled(w);
  expect(await stat(panel(w, 'a'), 'verdict')).not.toBe('vanishing');
});

test('state round-trips through the URL', async ({ page }) => {
  await page.goto(`${PAGE}?gradient-depth.act=relu&gradient-depth.init=he&gradient-depth.L=50&gradient-depth.n=32`);
  await hydrate(page, SEL);
  const w = widget(page);
  await settled(w);
  await expect(w.getByLabel('激活函数').first()).toHaveValue('relu');
  expect(await stat(panel(w, 'a'), 'verdict')).toBe('stable');
  await expect(w.locator('.description')).toContainText('50 层，宽 32');
  await w.locator('[data-preset="bnDeep"]').click();
  await expect(page).toHaveURL(/gradient-depth\.norm=bn/);
  await page.reload();
  await hydrate(page, SEL);
  await settled(widget(page));
  expect(await stat(panel(widget(page), 'a'), 'verdict')).toBe('exploding');
});

test('bad URL values are clamped or ignored with a visible note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(
    `/en${PAGE}?gradient-depth.L=500&gradient-depth.act=softmax&gradient-depth.n=abc&gradient-depth.B=0&gradient-depth.foo=1`,
  );
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toBeVisible();
  await expect(note).toContainText('L=500 is out of range; using 100.');
  await expect(note).toContainText("Couldn't read act=softmax");
  await expect(note).toContainText("Couldn't read n=abc");
  await expect(note).toContainText('B=0 is out of range; using 1.');
  await settled(w);
  // The prose itself mentions a loss that turns NaN: check the widget's own text.
  expect(await w.innerText()).not.toMatch(/NaN|undefined|\[gradient-depth/);
  expect(errors).toEqual([]);
});

test('BatchNorm with a batch of one says why nothing flows back', async ({ page }) => {
  await page.goto(`/en${PAGE}?gradient-depth.norm=bn&gradient-depth.act=relu&gradient-depth.B=1`);
  await hydrate(page, SEL);
  const w = widget(page);
  await settled(w);
  expect(await stat(panel(w, 'a'), 'verdict')).toBe('dead');
  await expect(w.locator('.note.warn')).toContainText('batch variance of every unit is 0');
});

/**
 * States at the ends of the ranges, on a phone: 31 exact zeros (one "0" per layer ran together
 * in a row), and gradients that explode to 10¹⁰⁵ (the scale then reaches down to barely 10⁻³,
 * and the "vanished" band's label sat on the x axis's ticks); and the narrowest network in A/B
 * mode in the projector theme.
 */
for (const [query, width] of [
  ['gradient-depth.norm=bn&gradient-depth.act=relu&gradient-depth.B=1', 390],
  ['gradient-depth.act=relu&gradient-depth.init=normal&gradient-depth.L=100&gradient-depth.n=256', 390],
  // Side by side in the projector's 17 px type, the forward chart's lowest tick and the bars'
  // "100%" were 12 px apart.
  [
    'gradient-depth.ab=1&gradient-depth.act=relu&gradient-depth.init=xavier&gradient-depth.bact=relu&gradient-depth.binit=he&gradient-depth.L=50&gradient-depth.n=8&theme=projector',
    1920,
  ],
] as const) {
  test(`no labels overprint at ${width} px with ${query.replaceAll('gradient-depth.', '')}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/en${PAGE}?${query}`);
    await hydrate(page, SEL);
    const w = widget(page);
    await settled(w);
    await expect.poll(() => overprintedLabels(w), { timeout: 5000 }).toEqual([]);
  });
}

test('the widget passes axe after hydration in every theme, also in A/B mode', async ({ page }) => {
  // Three full page loads with axe on a KaTeX-heavy page: allow for a busy machine.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&gradient-depth.ab=1&gradient-depth.clip=norm`);
    await hydrate(page, SEL);
    await settled(widget(page));
    await expectNoAxeViolations(page, { include: '[data-widget-id="gradient-depth"]' });
  }
});
