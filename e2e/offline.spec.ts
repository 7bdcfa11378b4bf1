import { expect, test } from '@playwright/test';
import { hydrate } from './helpers.ts';

// This file is about the service worker, so let it run (the rest of the suite blocks it).
test.use({ serviceWorkers: 'allow' });

test('after one visit the site works offline: pages, widgets, fonts and search', async ({ page, context }) => {
  await page.goto('/sigmoid-saturation/');
  // Wait until the worker has installed (precached everything) and is active, then reload
  // so that it controls the page.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('h1')).toBeVisible();
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const widget = page.locator('[data-widget-id="sigmoid-saturation"]').first();
  await widget.getByRole('slider', { name: /拖动/ }).press('End');
  await expect(widget.locator('[data-stat="x"]')).toHaveAttribute('data-value', '10');
  // Another page never opened before, with state in its query, also comes from the cache.
  await page.goto('/en/sigmoid-saturation/?sigmoid-saturation.x=3');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.goto('/en/present/sigmoid-saturation/?slide=2');
  await expect(page.locator('.slide.active')).toBeVisible();
  await page.goto('/search/?q=%E6%A2%AF%E5%BA%A6');
  await expect(page.locator('.results li').first()).toBeVisible();
  // A page opened for the first time offline has not cached its own cut of the KaTeX fonts
  // (scripts/sw.ts caches those as pages use them): its formulas fall back to KaTeX's full
  // faces, which are precached.
  await page.goto('/en/dropout/');
  await page.locator('.katex').first().scrollIntoViewIfNeeded();
  const mainFaces = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts]
      .filter((f) => f.family.replace(/"/g, '') === 'KaTeX_Main' && f.weight === '400' && f.style === 'normal')
      .map((f) => ({ status: f.status, whole: f.unicodeRange.length > 200 }));
  });
  expect(mainFaces).toContainEqual({ status: 'error', whole: false });
  expect(mainFaces).toContainEqual({ status: 'loaded', whole: true });
  await context.setOffline(false);
});
