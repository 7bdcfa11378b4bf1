import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracles (brief T2.5): Adam's first step 9.90099e-4 at |g| = 1e-6, 9.90099e-6 at 1e-10 (lr 1e-3, ε 1e-8).
const PAGE = '/gradient-remedies/';
const SEL = '[data-widget-id="adam-step-scale"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="adam-step-scale"]').nth(0);
const stat = async (w: Locator, name: string) =>
  Number(await w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value'));
const close = (a: number, e: number, rel = 1e-5) =>
  expect(Math.abs(a - e), `${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.abs(e));

test('server-rendered: ×0.990 of the full step at |g| = 10⁻⁶', async ({ request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="adam-step-scale"'));
  expect(/data-stat="adam" data-value="0\.00099009900990099/.test(island)).toBe(true);
  expect(/<path class="curve[^"]*" d="M[\d.,L-]{200,}/.test(island)).toBe(true);
});

test('keyboard on the chart moves |g|; below ε Adam’s step collapses (×0.0099 at 10⁻¹⁰)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}`);
  await hydrate(page, SEL);
  const w = widget(page);
  close(await stat(w, 'adam'), 9.90099e-4);
  const handle = w.getByRole('slider', { name: /change the gradient size/ });
  await handle.focus();
  for (let i = 0; i < 4; i++) await handle.press('PageDown');
  close(await stat(w, 'g'), 1e-10, 1e-9);
  close(await stat(w, 'adam'), 9.90099e-6);
  close(await stat(w, 'share'), 0.00990099);
  await expect(w.locator('.description')).toContainText('below ε');
  // Pointer: a press near the right end moves |g| there.
  const box = await boxAtTop(w.locator('rect.hit'));
  await page.mouse.click(box.x + box.width * (14 / 14) - 2, box.y + box.height / 2);
  expect(await stat(w, 'g')).toBeGreaterThan(10);
  expect(errors).toEqual([]);
});

test('URL state restores, and bad values are clamped with a note', async ({ page }) => {
  await page.goto(`/en${PAGE}?adam-step-scale.lg=-8`);
  await hydrate(page, SEL);
  close(await stat(widget(page), 'adam'), 5e-4);
  await page.goto(`/en${PAGE}?adam-step-scale.lg=-8&adam-step-scale.eps=-3`);
  await hydrate(page, SEL);
  const w = widget(page);
  await expect(w.locator('.notes')).toContainText('eps=-3 is out of range; using -4.');
  // ε = 10⁻⁴ now dwarfs |g| = 10⁻⁸: the step is lr·10⁻⁸/(10⁻⁸ + 10⁻⁴).
  close(await stat(w, 'adam'), (1e-3 * 1e-8) / (1e-8 + 1e-4));
  expect(await widget(page).innerText()).not.toMatch(/NaN|undefined/);
});

test('axe passes after hydration in every theme', async ({ page }) => {
  // Three full page loads with axe on a KaTeX-heavy page: allow for a busy machine.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="adam-step-scale"]' });
  }
});
