/**
 * Screenshots of built pages at phone, laptop and projector sizes, in both languages
 * and themes, for looking at — not a test. Serves dist/ itself.
 *
 *   node scripts/screenshots.ts [path-filter] [--full]   → screenshots/*.png
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.ts';
import { serve } from './serve.ts';

const SIZES = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1366, height: 768 },
  projector: { width: 1920, height: 1080 },
};
const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
const full = process.argv.includes('--full');
const themes = (process.env.THEMES ?? 'light,dark').split(',');
const sizes = (process.env.SIZES ?? 'phone,laptop,projector').split(',') as (keyof typeof SIZES)[];
const paths = (process.env.PAGES ?? '/,/sigmoid-saturation/,/en/,/en/sigmoid-saturation/')
  .split(',')
  .filter((p) => p.includes(filter));

const port = Number(process.env.SHOT_PORT ?? 4399);
const server = serve({ dir: 'dist', port, host: '127.0.0.1', base: '/' });
mkdirSync('screenshots', { recursive: true });
const browser = await chromium.launch(CHROMIUM_LAUNCH);
for (const size of sizes) {
  for (const theme of themes) {
    const ctx = await browser.newContext({
      viewport: SIZES[size],
      deviceScaleFactor: size === 'phone' ? 2 : 1,
      colorScheme: theme === 'dark' ? 'dark' : 'light',
    });
    const page = await ctx.newPage();
    for (const p of paths) {
      const sep = p.includes('?') ? '&' : '?';
      await page.goto(`http://127.0.0.1:${port}${p}${theme === 'projector' ? `${sep}theme=projector` : ''}`);
      if (process.env.SCROLL) {
        await page.locator(process.env.SCROLL).first().scrollIntoViewIfNeeded();
        await page.waitForTimeout(600);
      }
      await page.waitForTimeout(300);
      const name = `${(p.replace(/[/?=&]+/g, '_') || '_').replace(/^_|_$/g, '') || 'home'}-${size}-${theme}.png`;
      await page.screenshot({ path: `screenshots/${name}`, fullPage: full });
      console.log(`screenshots/${name}`);
    }
    await ctx.close();
  }
}
await browser.close();
server.close();
