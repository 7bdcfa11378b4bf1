import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { serve } from '../scripts/serve.ts';
import { watchErrors } from './helpers.ts';

/**
 * The same site built for a sub-path (npm run build:subpath → dist-subpath, base
 * /dl-explorables/, site URL http://127.0.0.1:SUBPATH_PORT), served under that path:
 * pages, widgets, search and both embed snippets must work there.
 */
// The build baked this port into its site URL, so one worker serves it: run this file serially.
test.describe.configure({ mode: 'serial' });
const PORT = Number(process.env.SUBPATH_PORT ?? 4388);
const BASE = `http://127.0.0.1:${PORT}/dl-explorables/`;
const HOST_PORT = PORT + 1;

let site: ReturnType<typeof serve>;
let host: Server;
let hostHtml = '';
test.beforeAll(async () => {
  test.skip(!existsSync('dist-subpath/index.html'), 'run `npm run build:subpath` first');
  site = serve({ dir: 'dist-subpath', port: PORT, host: '127.0.0.1', base: '/dl-explorables/' });
  host = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(hostHtml);
  });
  await new Promise<void>((r) => host.listen(HOST_PORT, '127.0.0.1', r));
});
test.afterAll(() => {
  site?.close();
  host?.close();
});

test('pages, assets and widgets work under the base path', async ({ page }) => {
  const errors = watchErrors(page);
  const bad: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) bad.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(BASE);
  const card = page.locator('.cards a').first();
  await expect(card).toHaveAttribute('href', /^\/dl-explorables\//);
  await card.click();
  await expect(page).toHaveURL(/\/dl-explorables\/[a-z-]+\/$/);
  const widget = page.locator('.dl-island').first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/);
  await page.locator('a.lang').click();
  await expect(page).toHaveURL(/\/dl-explorables\/en\//);
  await page.goto(`${BASE}search/?q=%E6%A2%AF%E5%BA%A6`);
  await expect(page.locator('.results li a').first()).toHaveAttribute('href', /^\/dl-explorables\//);
  expect(bad).toEqual([]);
  expect(errors).toEqual([]);
});

test('embed snippets written under the base path work on another site', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${BASE}en/sigmoid-saturation/?sigmoid-saturation.x=-1`);
  const widget = page.locator('[data-widget-id="sigmoid-saturation"]').first();
  await widget.scrollIntoViewIfNeeded();
  await expect(widget.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/);
  await widget.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog');
  const iframe = await dialog.locator('[data-snippet="iframe"]').inputValue();
  const element = await dialog.locator('[data-snippet="element"]').inputValue();
  expect(iframe).toContain(`src="${BASE}en/embed/sigmoid-saturation/?x=-1"`);
  expect(iframe).toContain(`src="${BASE}embed.js"`);
  expect(element).toContain(`src="${BASE}embed/v1/dl-widgets.js"`);
  hostHtml = `<!doctype html><html lang="en"><head><title>host</title></head><body>${iframe}\n${element}</body></html>`;
  await page.goto(`http://127.0.0.1:${HOST_PORT}/`);
  await expect(page.frameLocator('iframe').locator('[data-stat="x"]')).toHaveAttribute('data-value', '-1');
  await expect(page.locator('iframe')).toHaveAttribute('data-dl-sized', 'true');
  const el = page.locator('dl-widget');
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-stat="x"]')).toHaveAttribute('data-value', '-1');
  await expect(el.locator('.dl-credit a')).toHaveAttribute('href', `${BASE}en/sigmoid-saturation/`);
  expect(errors.filter((e) => !e.includes('favicon'))).toEqual([]);
});
