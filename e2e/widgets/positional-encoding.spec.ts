import { expect, test, type Locator, type Page } from '@playwright/test';
import { boxAtTop, expectNoAxeViolations, hydrate, watchErrors } from '../helpers.ts';

// Oracle values from the content brief (T12.5), as printed there.
const PE1 = [
  0.8414709848, 0.5403023059, 0.09983341665, 0.9950041653, 0.009999833334, 0.9999500004, 0.0009999998333, 0.9999995,
];
const DOT_1_3 = 2.56372;

const PAGE = '/transformer/';
const SEL = '[data-widget-id="positional-encoding"] >> nth=0';
const widget = (page: Page) => page.locator('[data-widget-id="positional-encoding"]').nth(0);
const stat = async (w: Locator, name: string) => await w.locator(`[data-stat="${name}"]`).getAttribute('data-value');

function close(actual: number, expected: number, rel = 1e-5) {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(rel * Math.abs(expected));
}

test('the encoding table is server-rendered and readable without JavaScript', async ({ browser, request }) => {
  const html = await (await request.get(PAGE)).text();
  const island = html.slice(html.indexOf('data-widget-id="positional-encoding"'));
  expect(/<path d="M\d+ \d+h\d+v1h-\d+z[^"]*" class="[^"]*" style="fill: /.test(island), 'table cells').toBe(true);
  expect(island.includes('data-stat="p" data-value="10"'), 'the default position').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(PAGE);
  const w = widget(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('[role="slider"]').first()).toBeVisible();
  await ctx.close();
});

test('d_model = 8: PE(1) and PE(1)·PE(3) = PE(5)·PE(7) are the oracle values (URL state)', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${PAGE}?positional-encoding.d=8&positional-encoding.p=1&positional-encoding.k=2`);
  await hydrate(page, SEL);
  const w = widget(page);
  const vec = (await stat(w, 'vec'))!.split(',').map(Number);
  PE1.forEach((v, j) => close(vec[j], v));
  close(Number(await stat(w, 'dot')), DOT_1_3);
  close(Number(await stat(w, 'sim')), DOT_1_3);
  expect(Number(await stat(w, 'rotation'))).toBeLessThan(1e-12);
  await expect(w.locator('.same')).toContainText('PE(5)·PE(7) = 2.5637');
  expect(errors).toEqual([]);
});

test('keyboard and pointer move the position; the dot product does not depend on it', async ({ page }) => {
  await page.goto(`${PAGE}?positional-encoding.d=8&positional-encoding.k=2`);
  await hydrate(page, SEL);
  const w = widget(page);
  const rows = w.getByRole('slider', { name: /选择位置|Choose the position/ });
  await rows.focus();
  await rows.press('Home');
  expect(Number(await stat(w, 'p'))).toBe(0);
  for (let i = 0; i < 5; i++) await rows.press('ArrowDown');
  expect(Number(await stat(w, 'p'))).toBe(5);
  close(Number(await stat(w, 'dot')), DOT_1_3);
  const box = await boxAtTop(rows);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height * (40.5 / 64));
  expect(Number(await stat(w, 'p'))).toBe(40);
  close(Number(await stat(w, 'dot')), DOT_1_3);
  // The native sliders work by keyboard too.
  const k = w.getByRole('slider', { name: /位置差 k|offset k/ });
  await k.focus();
  await k.press('ArrowLeft');
  // k = 1: Σᵢ cos(ωᵢ) with ω = [1, 0.1, 0.01, 0.001].
  close(Number(await stat(w, 'dot')), Math.cos(1) + Math.cos(0.1) + Math.cos(0.01) + Math.cos(0.001), 1e-9);
});

test('out-of-range URL values are clamped with a note, odd d becomes even; never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`/en${PAGE}?positional-encoding.d=9&positional-encoding.n=1000&positional-encoding.p=x`);
  await hydrate(page, SEL);
  const w = widget(page);
  const note = w.locator('.notes');
  await expect(note).toContainText('d=9 is out of range');
  await expect(note).toContainText('n=1000 is out of range; using 128.');
  await expect(note).toContainText("Couldn't read p=x");
  expect(Number(await stat(w, 'p'))).toBe(10);
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  // Three full loads of a long page with its formulas, each with an axe pass.
  test.slow();
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`${PAGE}?theme=${theme}`);
    await hydrate(page, SEL);
    await expectNoAxeViolations(page, { include: '[data-widget-id="positional-encoding"]' });
  }
});
