/**
 * Lighthouse on built pages (mobile and desktop presets, median of N runs), driving the
 * same Chromium as the tests through one long-lived browser.
 *
 *   node scripts/bench-lighthouse.ts [path-filter] [--runs 3] [--json]
 */
import { existsSync } from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { builtPages } from '../e2e/helpers.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.ts';
import { serve } from './serve.ts';

export interface LighthouseResult {
  path: string;
  preset: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  lcp: number;
  tbt: number;
  cls: number;
  transfer: number;
  js: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Topic pages in both languages: what readers land on. */
export function lighthousePages(filter = ''): string[] {
  const reserved = /^\/(en\/)?(embed|present|interview|glossary|search)\//;
  return builtPages()
    .filter((p) => !p.endsWith('.html') && p !== '/' && p !== '/en/' && !reserved.test(p))
    .filter((p) => p.includes(filter));
}

export async function benchLighthouse(filter = '', runs = 3, port = 4397): Promise<LighthouseResult[]> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ not found: run `npm run build` first');
  const server = serve({ dir: 'dist', port, host: '127.0.0.1', base: '/' });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const out: LighthouseResult[] = [];
  try {
    for (const path of lighthousePages(filter)) {
      for (const preset of ['mobile', 'desktop'] as const) {
        const samples: LighthouseResult[] = [];
        for (let i = 0; i < runs; i++) {
          const result = await lighthouse(
            `http://127.0.0.1:${port}${path}`,
            {
              port: chrome.port,
              output: 'json',
              logLevel: 'error',
              onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
            },
            preset === 'desktop' ? desktopConfig : undefined,
          );
          const lhr = result!.lhr;
          const a = lhr.audits;
          const bytes =
            (a['resource-summary']?.details as { items?: { resourceType: string; transferSize: number }[] })?.items ??
            [];
          samples.push({
            path,
            preset,
            performance: lhr.categories.performance.score ?? 0,
            accessibility: lhr.categories.accessibility.score ?? 0,
            bestPractices: lhr.categories['best-practices'].score ?? 0,
            seo: lhr.categories.seo.score ?? 0,
            lcp: a['largest-contentful-paint'].numericValue ?? 0,
            tbt: a['total-blocking-time'].numericValue ?? 0,
            cls: a['cumulative-layout-shift'].numericValue ?? 0,
            transfer: bytes.find((b) => b.resourceType === 'total')?.transferSize ?? 0,
            js: bytes.find((b) => b.resourceType === 'script')?.transferSize ?? 0,
          });
        }
        const m = (k: keyof LighthouseResult) => median(samples.map((s) => s[k] as number));
        out.push({
          path,
          preset,
          performance: m('performance'),
          accessibility: m('accessibility'),
          bestPractices: m('bestPractices'),
          seo: m('seo'),
          lcp: m('lcp'),
          tbt: m('tbt'),
          cls: m('cls'),
          transfer: m('transfer'),
          js: m('js'),
        });
      }
    }
  } finally {
    chrome.kill();
    server.close();
  }
  return out;
}

export function printLighthouse(rows: LighthouseResult[], runs: number): void {
  console.log(`Load (Lighthouse, median of ${runs}; LCP/TBT in ms; bytes transferred, KB)`);
  console.log(`${'page'.padEnd(40)} preset   perf  a11y  bp   seo    LCP    TBT    CLS    total    JS`);
  for (const r of rows) {
    const pct = (v: number) => String(Math.round(v * 100)).padStart(4);
    console.log(
      `${r.path.padEnd(40)} ${r.preset.padEnd(7)} ${pct(r.performance)} ${pct(r.accessibility)} ${pct(r.bestPractices)} ${pct(r.seo)} ${r.lcp.toFixed(0).padStart(6)} ${r.tbt.toFixed(0).padStart(6)} ${r.cls.toFixed(3).padStart(6)} ${(r.transfer / 1024).toFixed(1).padStart(7)} ${(r.js / 1024).toFixed(1).padStart(6)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--') && !/^\d+$/.test(a)) ?? '';
  const i = process.argv.indexOf('--runs');
  const runs = i >= 0 ? Number(process.argv[i + 1]) : 3;
  const rows = await benchLighthouse(filter, runs);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else printLighthouse(rows, runs);
}
