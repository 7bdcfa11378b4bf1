/**
 * Frame times while interacting with each widget (scripts/interaction-scenarios.ts),
 * in Chromium against the built site, with and without 4× CPU throttling.
 *
 * For every step of a scenario (one input per animation frame) it records:
 *  - update: time from dispatching the input until Svelte has updated the DOM and
 *    style/layout are recomputed (our work per input);
 *  - frame:  the interval between consecutive animation frames while the interaction
 *    runs (includes paint; ~16.7 ms when nothing is dropped);
 *  - long animation frames (> 50 ms) reported by the Long Animation Frames API;
 *  - DOM changes: mutation records inside the widget per input (attributes, text and child
 *    lists Svelte wrote), counted on the warm-up pass so the observer costs the measured pass
 *    nothing. Unlike the times it does not depend on the machine: the same build gives the
 *    same count, so it shows a change in work that run-to-run noise would hide (except in
 *    widgets that train in time slices or wait for a worker, where it follows how much
 *    work lands during the pass).
 *
 *   node scripts/bench-interaction.ts [widget-filter] [--json]
 */
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium.ts';
import { SCENARIOS, type Scenario } from './interaction-scenarios.ts';
import { serve } from './serve.ts';

export interface InteractionResult {
  widget: string;
  note: string;
  throttle: number;
  steps: number;
  updateMedian: number;
  updateP95: number;
  frameMedian: number;
  frameP95: number;
  longFrames: number;
  longestFrame: number;
  /** DOM mutation records inside the widget per input (per frame for a playing scenario). */
  changesPerStep: number;
  /** Where the longest animation frame's time went, when there was one over LONG_FRAME_MS. */
  longest?: FrameBreakdown;
}

/**
 * A Long Animation Frame taken apart (ms): tasks before the rendering update (input handlers,
 * timers, messages), the update's callbacks (requestAnimationFrame, observers), then style,
 * layout and the main thread's paint; and the scripts that took most of it. The harness fires the
 * next input from a requestAnimationFrame callback and forces layout to time the update, so an
 * input's handlers and layout count as frame callbacks and as forced style and layout. Svelte
 * applies state changes in a queueMicrotask callback, which Chromium lists as "VoidFunction".
 */
export interface FrameBreakdown {
  duration: number;
  tasks: number;
  callbacks: number;
  styleLayoutPaint: number;
  /** The scripts that ran 5 ms or more in it, longest first. */
  scripts: { what: string; duration: number; forcedLayout: number }[];
}

/** Frame budgets: 60 fps unthrottled, 30 fps at 4× throttling; no long task during interaction. */
export const FRAME_BUDGET = { 1: 16.7, 4: 33.3 } as Record<number, number>;
/** rAF intervals jitter around the display period; a frame counts as on time within 5 %. */
const VSYNC_TOLERANCE = 1.05;
export const LONG_FRAME_MS = 50;

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}

async function runScenario(
  page: Page,
  sc: Scenario,
  countChanges = false,
): Promise<{ update: number[]; frame: number[]; long: number[]; longest?: FrameBreakdown; changes: number }> {
  const widget = page.locator(`[data-widget-id="${sc.widget}"]`).nth(sc.nth ?? 0);
  await widget.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (el) => el !== null && !el.querySelector('astro-island')?.hasAttribute('ssr'),
    await widget.elementHandle(),
  );
  const target = await widget.locator(sc.target).first().elementHandle();
  if (!target) throw new Error(`${sc.widget}: no element ${sc.target}`);
  const root = await widget.elementHandle();
  return page.evaluate(
    async ({ sc, el, root, countChanges }) => {
      let changes = 0;
      const mutations = countChanges ? new MutationObserver((list) => (changes += list.length)) : null;
      const watch = () =>
        mutations?.observe(root as Node, { subtree: true, attributes: true, characterData: true, childList: true });
      const unwatch = () => {
        if (mutations) changes += mutations.takeRecords().length;
        mutations?.disconnect();
      };
      const long: number[] = [];
      // The longest frame over 50 ms, taken apart (see FrameBreakdown).
      let longest: FrameBreakdown | undefined;
      interface LoafScript {
        invoker: string;
        sourceFunctionName: string;
        sourceURL: string;
        duration: number;
        forcedStyleAndLayoutDuration: number;
      }
      interface Loaf extends PerformanceEntry {
        renderStart: number;
        styleAndLayoutStart: number;
        scripts: LoafScript[];
      }
      const takeApart = (e: Loaf): FrameBreakdown => {
        const end = e.startTime + e.duration;
        const render = e.renderStart > 0 ? e.renderStart : end;
        const layout = e.styleAndLayoutStart > 0 ? e.styleAndLayoutStart : end;
        return {
          duration: e.duration,
          tasks: render - e.startTime,
          callbacks: layout - render,
          styleLayoutPaint: end - layout,
          scripts: e.scripts
            .filter((x) => x.duration >= 5)
            .sort((a, b) => b.duration - a.duration)
            .map((x) => {
              const file = x.sourceURL.split('/').pop() ?? '';
              return {
                what: `${x.invoker}${x.sourceFunctionName ? ` → ${x.sourceFunctionName}` : ''}${file ? ` (${file})` : ''}`,
                duration: x.duration,
                forcedLayout: x.forcedStyleAndLayoutDuration,
              };
            }),
        };
      };
      const obs = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
        ? new PerformanceObserver((list) =>
            list.getEntries().forEach((e) => {
              long.push(e.duration);
              if (e.duration > (longest?.duration ?? 0)) longest = takeApart(e as Loaf);
            }),
          )
        : null;
      obs?.observe({ type: 'long-animation-frame', buffered: false });
      const nextFrame = () => new Promise<number>((r) => requestAnimationFrame((t) => r(t)));
      const settle = async () => {
        // Svelte flushes state changes in microtasks; then force style and layout.
        for (let i = 0; i < 3; i++) await Promise.resolve();
        document.body.getBoundingClientRect();
      };
      const update: number[] = [];
      const frames: number[] = [];
      const box = (el as Element).getBoundingClientRect();
      const fire: (() => void)[] = [];
      if (sc.kind === 'drag') {
        const n = sc.steps ?? 60;
        const y = box.top + box.height * (sc.y ?? 0.5);
        const at = (f: number) => box.left + box.width * f;
        const ev = (type: string, x: number) =>
          new PointerEvent(type, {
            clientX: x,
            clientY: y,
            pointerId: 1,
            pointerType: 'mouse',
            bubbles: true,
            buttons: 1,
          });
        fire.push(() => el.dispatchEvent(ev('pointerdown', at(sc.from))));
        for (let i = 1; i <= n; i++)
          fire.push(() => el.dispatchEvent(ev('pointermove', at(sc.from + ((sc.to - sc.from) * i) / n))));
        fire.push(() => el.dispatchEvent(ev('pointerup', at(sc.to))));
      } else if (sc.kind === 'range') {
        const input = el as HTMLInputElement;
        const min = Number(input.min);
        const max = Number(input.max);
        const n = sc.steps ?? 50;
        for (let i = 0; i <= n; i++) {
          fire.push(() => {
            input.value = String(min + ((max - min) * i) / n);
            input.dispatchEvent(new Event('input', { bubbles: true }));
          });
        }
      } else if (sc.kind === 'play') {
        // The widget runs by itself: one click to start, then only watch the frames.
        (el as HTMLElement).click();
        let last = await nextFrame();
        watch();
        for (let i = 0; i < sc.frames; i++) {
          const t = await nextFrame();
          frames.push(t - last);
          last = t;
        }
        unwatch();
        (el as HTMLElement).click();
        await new Promise((r) => setTimeout(r, 100));
        obs?.disconnect();
        return {
          update,
          frame: frames,
          long,
          longest,
          changes: changes / sc.frames,
        };
      } else {
        for (const key of sc.keys) {
          fire.push(() =>
            (el as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })),
          );
        }
      }
      let last = await nextFrame();
      watch();
      for (const f of fire) {
        const t0 = performance.now();
        f();
        await settle();
        update.push(performance.now() - t0);
        const t = await nextFrame();
        frames.push(t - last);
        last = t;
      }
      unwatch();
      await nextFrame();
      await new Promise((r) => setTimeout(r, 100));
      obs?.disconnect();
      return {
        update,
        frame: frames,
        long,
        longest,
        changes: changes / fire.length,
      };
    },
    { sc, el: target, root, countChanges },
  );
}

export async function benchInteraction(
  filter = '',
  port = 4398,
  scenarios: readonly Scenario[] = SCENARIOS,
): Promise<InteractionResult[]> {
  if (!existsSync('dist/index.html')) throw new Error('dist/ not found: run `npm run build` first');
  const server = serve({ dir: 'dist', port, host: '127.0.0.1', base: '/' });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  const results: InteractionResult[] = [];
  try {
    // One browser profile for every scenario, as one reader moving through the site. A full
    // build registers a service worker that precaches the whole site (≈ 19 MB on disk) on the
    // first visit; in a fresh profile per scenario that download ran during every measurement
    // and took CPU from the page (norm-axes: update p50 at 1× up to twice that of the same
    // code built without it). It is installed once, before anything is measured.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    if (existsSync('dist/sw.js')) await installServiceWorker(context, port);
    for (const sc of scenarios.filter((s) => s.widget.includes(filter))) {
      for (const throttle of [1, 4]) {
        const page = await context.newPage();
        const cdp = await page.context().newCDPSession(page);
        await page.goto(`http://127.0.0.1:${port}${sc.page}`);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
        // Warm up once (JIT, first layout), counting DOM changes on the way, then measure.
        const { changes } = await runScenario(page, sc, true);
        const { update, frame, long, longest } = await runScenario(page, sc);
        results.push({
          widget: sc.widget,
          note: sc.note,
          throttle,
          steps: sc.kind === 'play' ? frame.length : update.length,
          updateMedian: quantile(update, 0.5),
          updateP95: quantile(update, 0.95),
          frameMedian: quantile(frame, 0.5),
          frameP95: quantile(frame, 0.95),
          longFrames: long.length,
          longestFrame: long.length ? Math.max(...long) : 0,
          changesPerStep: changes,
          ...(longest && longest.duration > LONG_FRAME_MS ? { longest } : {}),
        });
        await page.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}

/** Visits the home page and waits until its service worker has precached the site. */
async function installServiceWorker(context: BrowserContext, port: number): Promise<void> {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready,
      new Promise((_, reject) => setTimeout(() => reject(new Error('service worker not active after 180 s')), 180_000)),
    ]),
  );
  await page.close();
}

export function interactionBudgetFailures(results: InteractionResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    const budget = FRAME_BUDGET[r.throttle];
    if (r.frameP95 > budget * VSYNC_TOLERANCE)
      out.push(`${r.widget} (${r.note}) ${r.throttle}×: p95 frame ${r.frameP95.toFixed(1)} ms > ${budget} ms`);
    if (r.longestFrame > LONG_FRAME_MS)
      out.push(
        `${r.widget} (${r.note}) ${r.throttle}×: long animation frame ${r.longestFrame.toFixed(0)} ms > ${LONG_FRAME_MS} ms`,
      );
  }
  return out;
}

/** A scenario without inputs (play) has no update time to show. */
const num = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '—');

export function printInteraction(results: InteractionResult[]): void {
  console.log(
    'Interaction (ms; update = input → DOM + layout, frame = rAF interval, DOM = mutation records per input)',
  );
  console.log(
    `${'widget / scenario'.padEnd(52)} CPU  steps  update p50  p95   frame p50  p95   long>50ms (max)   DOM/step`,
  );
  for (const r of results) {
    const longCol = `${String(r.longFrames).padStart(3)} (${r.longestFrame.toFixed(0)})`;
    console.log(
      `${`${r.widget}: ${r.note}`.padEnd(52)} ${`${r.throttle}×`.padStart(3)} ${String(r.steps).padStart(6)}  ${num(r.updateMedian).padStart(9)} ${num(r.updateP95).padStart(5)}   ${r.frameMedian.toFixed(1).padStart(8)} ${r.frameP95.toFixed(1).padStart(5)}   ${longCol.padEnd(9)} ${r.changesPerStep.toFixed(1).padStart(10)}`,
    );
  }
  const withLong = results.filter((r) => r.longest);
  if (withLong.length === 0) return;
  console.log('\nThe longest animation frame of each scenario that had one over 50 ms (ms):');
  for (const r of withLong) console.log(`  ${r.widget} (${r.note}) ${r.throttle}×: ${describeFrame(r.longest!)}`);
}

/** "87 = tasks 40 + frame callbacks 30 + style, layout and paint 17; scripts: 35 …, 6 …" */
export function describeFrame(b: FrameBreakdown): string {
  const f = (v: number) => v.toFixed(0);
  const scripts = b.scripts
    .map(
      (x) =>
        `${f(x.duration)} ${x.what}${x.forcedLayout >= 1 ? ` (${f(x.forcedLayout)} forced style and layout)` : ''}`,
    )
    .join(', ');
  return `${f(b.duration)} = tasks ${f(b.tasks)} + frame callbacks ${f(b.callbacks)} + style, layout and paint ${f(b.styleLayoutPaint)}${scripts ? `; scripts of 5 ms or more: ${scripts}` : ''}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const filter = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '';
  const results = await benchInteraction(filter);
  if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
  else printInteraction(results);
  const failures = interactionBudgetFailures(results);
  if (failures.length > 0) {
    console.error(`\nBudgets broken:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nAll interaction budgets met.');
}
