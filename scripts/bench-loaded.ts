/**
 * What an embed really loads. bench-size counts the scripts a page's HTML names and their
 * static imports; a widget can also fetch code or data with `import()` as soon as it starts
 * (the embeddings widget's corpus, gradient-depth's network code when no worker can start).
 * This opens each embed page, and each <dl-widget> on a page of another origin, in Chromium,
 * waits until the widget is live and the network has been quiet for a second, and sums the
 * compressed size (gzip -9, as bench-size) of every JavaScript file that arrived, inline
 * scripts included. Budgets are the same as bench-size's.
 *
 *   npm run bench:loaded [-- widget-filter] [-- --json]
 */
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { BUDGETS } from './budgets.ts';
import { gz, gzFile, measure, measureElement } from './bench-size.ts';
import { CHROMIUM_LAUNCH } from './chromium.ts';
import { serve } from './serve.ts';

export interface LoadedSize {
  widget: string;
  /** /embed/<id>/: inline scripts plus every script fetched. */
  embedPage: number;
  /** Scripts it fetched that bench-size does not count (loaded with import(), workers), relative to dist/. */
  embedPageLate: string[];
  /** <dl-widget name=<id>> on a page of another origin: every script fetched. */
  element: number;
  /** Scripts the element fetched that bench-size does not count, relative to dist/. */
  elementLate: string[];
}

const DIST = 'dist';
const QUIET_MS = 1000;
const TIMEOUT_MS = 20_000;

/** Scripts fetched from the site while a page loads and its widget starts, until the network is quiet. */
async function scriptsFetched(
  browser: Browser,
  origin: string,
  url: string,
  live: string,
): Promise<{ files: string[]; inline: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const files = new Set<string>();
  let last = Date.now();
  context.on('request', (req) => {
    last = Date.now();
    const u = new URL(req.url());
    if (u.origin === origin && u.pathname.endsWith('.js')) files.add(join(DIST, decodeURIComponent(u.pathname)));
  });
  context.on('requestfinished', () => (last = Date.now()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(live, undefined, { timeout: TIMEOUT_MS });
    const start = Date.now();
    while (Date.now() - last < QUIET_MS && Date.now() - start < TIMEOUT_MS) await page.waitForTimeout(100);
    const inline = await page.evaluate(() =>
      [...document.querySelectorAll('script:not([src])')]
        .filter((s) => !/json/.test(s.getAttribute('type') ?? ''))
        .map((s) => s.textContent ?? ''),
    );
    return {
      files: [...files].filter(existsSync),
      inline: inline.reduce((n, s) => n + gz(s), 0),
    };
  } finally {
    await context.close();
  }
}

export async function benchLoaded(filter = ''): Promise<LoadedSize[]> {
  const widgets = readdirSync(join(DIST, 'embed'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(DIST, 'embed', d.name, 'index.html')))
    .map((d) => d.name)
    .filter((w) => w.includes(filter))
    .sort();
  const port = 4600 + Math.floor(Math.random() * 300);
  const server = serve({ dir: DIST, port, host: '127.0.0.1', base: '/' });
  const origin = `http://127.0.0.1:${port}`;
  // A blogger's page: another origin, the element script and one element.
  const host = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://host').searchParams.get('w') ?? '';
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><html lang="en"><head><title>host</title></head><body><h1>A blog post</h1>` +
        `<script type="module" src="${origin}/embed/v1/dl-widgets.js"></script>` +
        `<dl-widget name="${name}" lang="zh"></dl-widget></body></html>`,
    );
  });
  await new Promise<void>((resolve) => host.listen(port + 1, '127.0.0.1', resolve));
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  // What bench-size counts, to name what arrives beyond it.
  const pages = measure();
  const elements = measureElement();
  const out: LoadedSize[] = [];
  try {
    for (const widget of widgets) {
      const page = await scriptsFetched(
        browser,
        origin,
        `${origin}/embed/${widget}/`,
        `document.querySelector('astro-island') && !document.querySelector('astro-island[ssr]')`,
      );
      const element = await scriptsFetched(
        browser,
        origin,
        `http://127.0.0.1:${port + 1}/?w=${widget}`,
        `document.querySelector('dl-widget')?.shadowRoot?.querySelector('figure.dl-widget') != null`,
      );
      const counted = new Set([
        ...(pages.find((p) => p.path === `/embed/${widget}/`)?.files ?? []),
        ...(elements.find((e) => e.widget === widget)?.files ?? []),
      ]);
      const late = (files: string[]) => files.map((f) => relative(DIST, f)).filter((f) => !counted.has(f));
      out.push({
        widget,
        embedPage: page.inline + page.files.reduce((n, f) => n + gzFile(f), 0),
        embedPageLate: late(page.files),
        element: element.files.reduce((n, f) => n + gzFile(f), 0),
        elementLate: late(element.files),
      });
    }
  } finally {
    await browser.close();
    host.close();
    server.close();
  }
  return out;
}

export function loadedBudgetFailures(rows: LoadedSize[]): string[] {
  const out: string[] = [];
  for (const r of rows) {
    if (r.embedPage > BUDGETS.embedPageJsGzipBytes.limit)
      out.push(
        `/embed/${r.widget}/ loads ${r.embedPage} B JS > ${BUDGETS.embedPageJsGzipBytes.limit} B (${BUDGETS.embedPageJsGzipBytes.reason})`,
      );
    if (r.element > BUDGETS.elementJsGzipBytes.limit)
      out.push(
        `<dl-widget name="${r.widget}"> loads ${r.element} B > ${BUDGETS.elementJsGzipBytes.limit} B (${BUDGETS.elementJsGzipBytes.reason})`,
      );
  }
  return out;
}

export function printLoaded(rows: LoadedSize[]): void {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
  console.log('Loaded at first render (KB gzip -9; Chromium, network quiet for 1 s):');
  console.log(
    `${'widget'.padEnd(30)} ${'embed page'.padStart(10)} ${'<dl-widget>'.padStart(11)}  fetched beyond the static imports`,
  );
  for (const r of rows) {
    const name = (f: string) => f.split('/').pop();
    const late = [
      ...r.embedPageLate.map((f) => `page: ${name(f)}`),
      ...r.elementLate.map((f) => `element: ${name(f)}`),
    ].join(', ');
    console.log(
      `${r.widget.padEnd(30)} ${kb(r.embedPage).padStart(10)} ${kb(r.element).padStart(11)}  ${late}`.trimEnd(),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const rows = await benchLoaded(args.find((a) => !a.startsWith('--')) ?? '');
  if (args.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printLoaded(rows);
  const failures = loadedBudgetFailures(rows);
  if (failures.length) {
    console.error(`\nBudgets broken:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
}
