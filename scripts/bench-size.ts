/**
 * Prints, for every built page, the compressed bytes of JavaScript it loads (inline
 * scripts plus every island's component and renderer chunks and their static imports)
 * and its total weight (HTML + CSS + JS, gzip level 9), then checks the budgets.
 *
 *   npm run bench:size            builds first if dist/ is missing
 *   node scripts/bench-size.ts --json   machine-readable output
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUDGETS } from './budgets.ts';

const DIST = resolve('dist');

export interface PageSize {
  path: string;
  islands: number;
  inlineJs: number;
  externalJs: number;
  js: number;
  css: number;
  html: number;
  total: number;
  files: string[];
}

export const gz = (buf: Buffer | string) => gzipSync(buf, { level: 9 }).length;
const cache = new Map<string, number>();
export function gzFile(file: string): number {
  let n = cache.get(file);
  if (n === undefined) {
    n = gz(readFileSync(file));
    cache.set(file, n);
  }
  return n;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...htmlFiles(p));
    else if (name.endsWith('.html')) out.push(p);
  }
  return out;
}

function urlToFile(url: string, from: string): string | null {
  if (/^(https?:)?\/\//.test(url)) return null;
  const base = (process.env.BASE_PATH ?? '/').replace(/\/$/, '');
  const clean = url.split(/[?#]/)[0];
  const p = clean.startsWith('/') ? join(DIST, clean.slice(base.length)) : resolve(dirname(from), clean);
  return existsSync(p) ? p : null;
}

/** A JS file and everything it imports statically (dynamic imports load later, on demand). */
function jsClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  const re = /(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["']([^"']+\.js)["']/g;
  for (const m of src.matchAll(re)) {
    const dep = urlToFile(m[1], file);
    if (dep) jsClosure(dep, seen);
  }
  return seen;
}

export function measure(): PageSize[] {
  return htmlFiles(DIST)
    .map((file) => {
      const html = readFileSync(file, 'utf8');
      const rel = `/${relative(DIST, file).replace(/\\/g, '/')}`.replace(/index\.html$/, '');
      let inlineJs = 0;
      const js = new Set<string>();
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        const src = /\bsrc="([^"]+)"/.exec(m[1]);
        if (src) {
          const f = urlToFile(src[1], file);
          if (f) jsClosure(f, js);
        } else if (!/type="application\/(ld\+)?json"/.test(m[1])) inlineJs += gz(m[2]);
      }
      const islands = [...html.matchAll(/<astro-island\b[^>]*>/g)];
      for (const m of islands) {
        for (const attr of ['component-url', 'renderer-url']) {
          const u = new RegExp(`${attr}="([^"]+)"`).exec(m[0]);
          const f = u && urlToFile(u[1], file);
          if (f) jsClosure(f, js);
        }
      }
      // CSS is inlined by the build (astro.config.mjs), so it is counted inside the HTML;
      // this column shows how much of the page it is. Linked stylesheets, if any, add to the total.
      let css = 0;
      let linkedCss = 0;
      for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)) {
        const href = /href="([^"]+)"/.exec(m[0]);
        const f = href && urlToFile(href[1], file);
        if (f) linkedCss += gzFile(f);
      }
      css += linkedCss + gz([...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n'));
      const externalJs = [...js].reduce((s, f) => s + gzFile(f), 0);
      const htmlGz = gz(html);
      return {
        path: rel,
        islands: islands.length,
        inlineJs,
        externalJs,
        js: inlineJs + externalJs,
        css,
        html: htmlGz,
        total: htmlGz + linkedCss + inlineJs + externalJs,
        files: [...js].map((f) => relative(DIST, f)),
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

export interface ElementSize {
  widget: string;
  /** dl-widgets.js and its static imports: what a host page loads up front. */
  entry: number;
  /** Entry + Svelte runtime + the widget's chunks + its strings (zh): what one visible widget costs. */
  total: number;
  /** Those files, relative to dist/. */
  files: string[];
}

/** The <dl-widget> script (dist/embed/v1): its entry, then per widget everything loaded once it is visible. */
export function measureElement(): ElementSize[] {
  const entryFile = join(DIST, 'embed/v1/dl-widgets.js');
  if (!existsSync(entryFile)) return [];
  const src = readFileSync(entryFile, 'utf8');
  const entry = jsClosure(entryFile);
  const entryBytes = [...entry].reduce((n, f) => n + gzFile(f), 0);
  const chunk = (rel: string) => resolve(dirname(entryFile), rel);
  // The Svelte runtime the element mounts with (src/embed/runtime.ts: mount and unmount).
  const runtime = /import\([`'"](\.\/chunks\/runtime-[^`'"]+)[`'"]\)/.exec(src);
  const out: ElementSize[] = [];
  // Keys are quoted ("gradient-depth") unless they are plain identifiers (dropout, pooling).
  for (const m of src.matchAll(
    /(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\{[^{}]*?component:[^`'"]*[`'"]([^`'"]+)[`'"][\s\S]*?zh:[^`'"]*[`'"]([^`'"]+)[`'"]/g,
  )) {
    const files = new Set(entry);
    if (runtime) jsClosure(chunk(runtime[1]), files);
    jsClosure(chunk(m[3]), files);
    jsClosure(chunk(m[4]), files);
    out.push({
      widget: m[1] ?? m[2],
      entry: entryBytes,
      total: [...files].reduce((n, f) => n + gzFile(f), 0),
      files: [...files].map((f) => relative(DIST, f)),
    });
  }
  return out;
}

export function checkBudgets(pages: PageSize[], element: ElementSize[] = []): string[] {
  const broken: string[] = [];
  for (const p of pages) {
    const own = BUDGETS.pageJsGzipBytes[p.path];
    if (p.islands === 0 && !own && p.js > BUDGETS.proseJsGzipBytes.limit) {
      broken.push(`${p.path}: ${p.js} B JS > ${BUDGETS.proseJsGzipBytes.limit} B (${BUDGETS.proseJsGzipBytes.reason})`);
    }
    if (p.islands > 0 && p.js > BUDGETS.topicJsGzipBytes.limit) {
      broken.push(`${p.path}: ${p.js} B JS > ${BUDGETS.topicJsGzipBytes.limit} B (${BUDGETS.topicJsGzipBytes.reason})`);
    }
    if (own && p.js > own.limit) broken.push(`${p.path}: ${p.js} B JS > ${own.limit} B (${own.reason})`);
    if (/\/embed\/[^/]+\/$/.test(p.path) && p.js > BUDGETS.embedPageJsGzipBytes.limit) {
      broken.push(
        `${p.path}: ${p.js} B JS > ${BUDGETS.embedPageJsGzipBytes.limit} B (${BUDGETS.embedPageJsGzipBytes.reason})`,
      );
    }
  }
  for (const e of element) {
    if (e.total > BUDGETS.elementJsGzipBytes.limit) {
      broken.push(
        `<dl-widget name="${e.widget}">: ${e.total} B > ${BUDGETS.elementJsGzipBytes.limit} B (${BUDGETS.elementJsGzipBytes.reason})`,
      );
    }
  }
  return broken;
}

const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(join(DIST, 'index.html'))) {
    console.log('dist/ not found: building…');
    execSync('npm run build', { stdio: 'inherit' });
  }
  const pages = measure();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(pages, null, 2));
  } else {
    console.log('Page sizes (KB, gzip -9)');
    console.log(`${'page'.padEnd(44)} islands  JS(inline)  JS(total)     CSS    HTML   total`);
    for (const p of pages) {
      console.log(
        `${p.path.padEnd(44)} ${String(p.islands).padStart(7)} ${kb(p.inlineJs).padStart(11)} ${kb(p.js).padStart(10)} ${kb(p.css).padStart(7)} ${kb(p.html).padStart(7)} ${kb(p.total).padStart(7)}`,
      );
    }
  }
  const element = measureElement();
  if (element.length > 0 && !process.argv.includes('--json')) {
    console.log(
      `\n<dl-widget> custom element (KB, gzip -9): entry ${kb(element[0].entry).trim()} up front, then per widget:`,
    );
    for (const e of element)
      console.log(`  ${e.widget.padEnd(40)} ${kb(e.total)}  (entry + Svelte runtime + widget + strings)`);
  }
  const broken = checkBudgets(pages, element);
  if (broken.length > 0) {
    console.error(`\nBudgets broken:\n  ${broken.join('\n  ')}`);
    process.exit(1);
  }
  (process.argv.includes('--json') ? console.error : console.log)(`\nAll size budgets met (${pages.length} pages).`);
}
