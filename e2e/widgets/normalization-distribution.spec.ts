import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle (brief T4.5): P(σ′(z) < 0.01) for z ∼ N(0, 5²) is 0.359157.
const PAGE = '/normalization/';
const SEL = '[data-widget-id="normalization-distribution"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="normalization-distribution"]').nth(0);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value'));

test('server-rendered: histograms and the saturated share per layer are in the HTML', async ({ request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="normalization-distribution"'));
  expect(/<path class="hist[^"]*" d="M[\d.,VhZM-]{200,}/.test(island), 'histogram bars').toBe(true);
  expect(island.includes('data-stat="saturated"'), 'the key readout').toBe(true);
});

test('input scale saturates, BatchNorm brings it back, γ moves it out again (keyboard)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  const s = w.getByRole('slider', { name: 'Input std s' });
  await s.focus();
  await s.press('End');
  expect(await stat(w, 'saturated')).toBeGreaterThan(0.55);
  await w.getByRole('radio', { name: 'BatchNorm' }).check();
  expect(await stat(w, 'saturated')).toBeLessThan(0.01);
  const gamma = w.getByRole('slider', { name: 'Scale γ' });
  await gamma.focus();
  for (let i = 0; i < 80; i++) await gamma.press('ArrowRight');
  expect(await gamma.inputValue()).toBe('5');
  expect(Math.abs((await stat(w, 'predicted')) - 0.359157)).toBeLessThan(1e-5);
  expect(Math.abs((await stat(w, 'saturated')) - 0.359157)).toBeLessThan(0.06);
  // γ, β: the output is not forced to mean 0 / std 1.
  expect(Math.abs((await stat(w, 'std')) - 5)).toBeLessThan(0.01);
  // Pick a layer on the ridge chart with the keyboard.
  const ridge = w.getByRole('slider', { name: /Pick the layer/ });
  await ridge.focus();
  await ridge.press('End');
  await expect(ridge).toHaveAttribute('aria-valuenow', '8');
  await expect(w.locator('.description')).toContainText('Layer 8:');
  expect(errors).toEqual([]);
});

test('URL state restores; bad values get a note and never NaN', async ({ page }) => {
  await page.goto(`/en${PAGE}?normalization-distribution.w=normal&normalization-distribution.norm=ln`);
  await hydrate(page, SEL);
  const w = widget(page);
  await expect(w.getByRole('radio', { name: 'LayerNorm' })).toBeChecked();
  expect(await stat(w, 'saturated')).toBeLessThan(0.01);
  await page.goto(`/en${PAGE}?normalization-distribution.s=99&normalization-distribution.norm=gn`);
  await hydrate(page, SEL);
  const note = widget(page).locator('.notes');
  await expect(note).toContainText('s=99 is out of range; using 10.');
  await expect(note).toContainText("Couldn't read norm=gn");
  expect(await widget(page).innerText()).not.toMatch(/NaN|undefined/);
});

test('axe passes after hydration in every theme', async ({ page }) => {
  // Three full page loads with axe on a KaTeX-heavy page: allow for a busy machine.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}&normalization-distribution.norm=bn`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="normalization-distribution"]' });
  }
});
