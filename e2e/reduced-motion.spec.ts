import { expect, test, type Locator, type Page } from '@playwright/test';
import { hydrate, samePlace, watchErrors } from './helpers.ts';

/**
 * prefers-reduced-motion, for the widgets that move by themselves: each case runs once with the
 * reader asking for reduced motion and once without, so the check can tell the two apart
 * (the same observation must come out differently).
 */

/** Reads `attr` of `selector` once per animation frame for `ms` milliseconds; returns the distinct values. */
async function perFrame(page: Page, selector: string, attr: string, ms: number): Promise<string[]> {
  return page.evaluate(
    async ({ selector, attr, ms }) => {
      const seen = new Set<string>();
      const end = performance.now() + ms;
      while (performance.now() < end) {
        seen.add(document.querySelector(selector)?.getAttribute(attr) ?? '');
        await new Promise((r) => requestAnimationFrame(r));
      }
      return [...seen];
    },
    { selector, attr, ms },
  );
}

const stat = (w: Locator, name: string) => w.locator(`[data-stat="${name}"]`).first().getAttribute('data-value');

for (const motion of ['reduce', 'no-preference'] as const) {
  test.describe(`prefers-reduced-motion: ${motion}`, () => {
    test.use({ reducedMotion: motion });

    test('dropout: Play samples masks either way; the mask on the diagram changes only without reduced motion', async ({
      page,
    }) => {
      const errors = watchErrors(page);
      // p_drop = 0.5: each new mask equals the one before with probability 1/16.
      await page.goto('/en/dropout/?dropout.pdrop=0.5');
      await hydrate(page, '[data-widget-id="dropout"] >> nth=0');
      const w = page.locator('[data-widget-id="dropout"]').first();
      await w.getByRole('button', { name: 'Play' }).click();
      await expect.poll(async () => Number((await stat(w, 'mc'))?.split(',')[0])).toBeGreaterThan(0);
      const count0 = Number((await stat(w, 'mc'))?.split(',')[0]);
      // ≈ 5 masks would be shown in 1.5 s (one every 280 ms).
      const masks = await perFrame(page, '[data-widget-id="dropout"] [data-stat="invTrain"]', 'data-value', 1500);
      await w.getByRole('button', { name: 'Pause' }).click();
      expect(Number((await stat(w, 'mc'))?.split(',')[0]), 'sampling went on').toBeGreaterThan(count0);
      if (motion === 'reduce') expect(masks, 'one mask, never flashing').toHaveLength(1);
      else expect(masks.length, 'masks shown a few times a second').toBeGreaterThan(1);
      expect(errors).toEqual([]);
    });

    test('embeddings: training is drawn as it goes only without reduced motion; with it, the figure waits for the result', async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await page.goto('/en/embeddings/');
      await hydrate(page, '[data-widget-id="embedding-space"] >> nth=0');
      const w = page.locator('[data-widget-id="embedding-space"]').first();
      const root = w.locator('.root');
      await expect(root).toHaveAttribute('data-phase', /replay|ready/, { timeout: 20_000 });
      const built = await w.locator('g.pt[data-word="king"]').getAttribute('transform');
      // Every update of the figure from here on (a MutationObserver runs after each of Svelte's
      // updates): the phase, and where king's marker is.
      await page.evaluate(() => {
        const el = document.querySelector('[data-widget-id="embedding-space"] .root')!;
        const log: [string | null, string | null | undefined][] = [];
        (window as unknown as { __log: typeof log }).__log = log;
        new MutationObserver(() =>
          log.push([
            el.getAttribute('data-phase'),
            el.querySelector('g.pt[data-word="king"]')?.getAttribute('transform'),
          ]),
        ).observe(el, { attributes: true, subtree: true, attributeFilter: ['data-phase', 'transform'] });
      });
      // Ten epochs past the built figure's 30.
      await w.getByRole('slider', { name: 'Epochs' }).fill('40');
      await expect(root).toHaveAttribute('data-phase', 'ready', { timeout: 20_000 });
      const log = await page.evaluate(() => (window as unknown as { __log: [string, string][] }).__log);
      const during = [...new Set(log.filter(([phase]) => phase === 'training').map(([, king]) => king))];
      expect(during.length, 'updates while it trained').toBeGreaterThan(0);
      if (motion === 'reduce') {
        expect(during, 'the built picture, unmoved while it trains').toHaveLength(1);
        samePlace(during[0], built);
      } else expect(during.length, 'the marker moves as it trains').toBeGreaterThan(1);
      // Either way the result arrives, and the marker has moved from the built 30 epochs.
      expect(await w.locator('g.pt[data-word="king"]').getAttribute('transform')).not.toBe(built);
      expect(Number(await stat(w, 'epochs'))).toBe(40);
      expect(errors).toEqual([]);
    });

    test('controls: a switch slides over 0.15 s, or at once with reduced motion', async ({ page }) => {
      await page.goto('/en/embeddings/');
      await hydrate(page, '[data-widget-id="embedding-space"] >> nth=0');
      const thumb = page.locator('[data-widget-id="embedding-space"] .dl-toggle .thumb').first();
      const duration = await thumb.evaluate((el) => getComputedStyle(el).transitionDuration);
      if (motion === 'reduce') expect(parseFloat(duration)).toBeLessThan(0.001);
      else expect(duration).toBe('0.15s');
    });
  });
}
