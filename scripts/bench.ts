/**
 * npm run bench — every performance and quality figure in one run, on one machine:
 * builds the site, serves dist/ with compression like a static host, and prints
 *   Load         Lighthouse on every topic page, zh and en, mobile and desktop (median of 3)
 *   Interaction  frame times and input-to-DOM time per widget, unthrottled and at 4× CPU throttling
 *   Sizes        compressed JS and total bytes per page, the <dl-widget> script, and what
 *                each embed page and element actually fetches in Chromium (bench-loaded.ts)
 *   Core         our math core against TensorFlow.js (scripts/bench-core.ts)
 * then checks the budgets in scripts/budgets.ts and exits non-zero naming each one broken.
 *
 *   npm run bench [-- --no-build] [-- --runs 3] [-- --only load,interaction,sizes,core]
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { LIGHTHOUSE_BUDGETS } from './budgets.ts';
import { benchInteraction, interactionBudgetFailures, printInteraction } from './bench-interaction.ts';
import { benchLoaded, loadedBudgetFailures, printLoaded } from './bench-loaded.ts';
import { benchLighthouse, printLighthouse, type LighthouseResult } from './bench-lighthouse.ts';
import { checkBudgets, measure, measureElement } from './bench-size.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const value = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const only = new Set(value('only', 'load,interaction,sizes,core').split(','));
const runs = Number(value('runs', '3'));

export function lighthouseFailures(rows: LighthouseResult[]): string[] {
  const out: string[] = [];
  const b = LIGHTHOUSE_BUDGETS;
  for (const r of rows) {
    const tag = `${r.path} (${r.preset})`;
    if (r.preset === 'mobile' && r.performance < b.mobilePerformance.min) {
      out.push(
        `${tag}: performance ${Math.round(r.performance * 100)} < ${b.mobilePerformance.min * 100} (${b.mobilePerformance.reason})`,
      );
    }
    for (const [k, label] of [
      ['accessibility', 'accessibility'],
      ['bestPractices', 'best practices'],
      ['seo', 'SEO'],
    ] as const) {
      if (r[k] < 1) out.push(`${tag}: ${label} ${Math.round(r[k] * 100)} < 100 (${b.perfectScores.reason})`);
    }
    if (r.preset === 'mobile' && r.lcp > b.lcpMs.max)
      out.push(`${tag}: LCP ${r.lcp.toFixed(0)} ms > ${b.lcpMs.max} ms (${b.lcpMs.reason})`);
    if (r.cls > b.cls.max) out.push(`${tag}: CLS ${r.cls.toFixed(3)} > ${b.cls.max} (${b.cls.reason})`);
  }
  return out;
}

const failures: string[] = [];
const report: Record<string, unknown> = { machine: machine(), date: new Date().toISOString() };

function machine() {
  const cpu = execSync("grep -m1 'model name' /proc/cpuinfo || true").toString().split(':')[1]?.trim() ?? 'unknown CPU';
  const cores = execSync('nproc').toString().trim();
  const load = execSync('cat /proc/loadavg').toString().split(' ').slice(0, 3).join(' ');
  return { cpu, cores, node: process.version, load };
}

console.log(`Machine: ${report.machine && JSON.stringify(report.machine)}\n`);
if (!flag('no-build')) {
  const t0 = performance.now();
  execSync('npm run build', { stdio: 'inherit' });
  const seconds = (performance.now() - t0) / 1000;
  report.buildSeconds = seconds;
  console.log(
    `\nBuild: ${seconds.toFixed(1)} s (npm run build: site, embed script, preview images, search index, service worker)\n`,
  );
}

if (only.has('sizes')) {
  const pages = measure();
  const element = measureElement();
  report.sizes = { pages, element };
  // bench-size exits non-zero on a broken budget; here the budgets are collected with the others.
  spawnSync('node', ['scripts/bench-size.ts'], { stdio: 'inherit' });
  failures.push(...checkBudgets(pages, element));
  console.log();
  // The same budgets against what a browser actually fetches (import() at start-up included).
  const loaded = await benchLoaded();
  report.loaded = loaded;
  printLoaded(loaded);
  failures.push(...loadedBudgetFailures(loaded));
  console.log();
}

if (only.has('core')) {
  if (existsSync('scripts/bench-core.ts')) {
    const r = spawnSync('node', ['scripts/bench-core.ts'], { stdio: 'inherit' });
    if (r.status !== 0) failures.push('core: scripts/bench-core.ts reported a broken budget or a gradient mismatch');
  } else {
    console.log('Core: scripts/bench-core.ts not present');
  }
  console.log();
}

if (only.has('interaction')) {
  const rows = await benchInteraction();
  report.interaction = rows;
  printInteraction(rows);
  failures.push(...interactionBudgetFailures(rows));
  console.log();
}

if (only.has('load')) {
  const rows = await benchLighthouse(value('pages', ''), runs);
  report.load = rows;
  printLighthouse(rows, runs);
  failures.push(...lighthouseFailures(rows));
  console.log();
}

mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/latest.json', JSON.stringify({ ...report, failures }, null, 2));
console.log('Full results: bench-results/latest.json');
if (failures.length > 0) {
  console.error(`\n${failures.length} budget(s) broken:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log('\nAll budgets met.');
