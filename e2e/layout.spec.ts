import { expect, test, type Page } from '@playwright/test';
import { hydrate, overprintedLabels, topicPages, watchErrors } from './helpers.ts';
import { WIDGETS } from '../src/widgets/registry.ts';

/**
 * Every widget on every topic page, hydrated on the narrowest phone we support: nothing
 * sticks out past the widget's card (unless it sits in a box that scrolls or clips on
 * purpose), and no string shows an unfilled {placeholder} or a missing [key.name].
 */
for (const path of [...topicPages('zh'), ...topicPages('en')]) {
  test(`widgets on ${path} fit a 360 px phone and fill every placeholder`, async ({ page }) => {
    test.setTimeout(150_000);
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(path);
    const islands = page.locator('.dl-island');
    const n = await islands.count();
    expect(n).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      await islands.nth(i).scrollIntoViewIfNeeded();
      await expect(islands.nth(i).locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/, {
        timeout: 15_000,
      });
    }
    // Let widgets that compute after hydrating (workers, training) draw once.
    await page.waitForTimeout(500);
    const problems = await page.evaluate(() => {
      const out: string[] = [];
      for (const island of Array.from(document.querySelectorAll('.dl-island'))) {
        const id = island.querySelector('[data-widget-id]')?.getAttribute('data-widget-id') ?? '?';
        const edge = island.getBoundingClientRect().right;
        for (const el of Array.from(island.querySelectorAll('*'))) {
          const box = el.getBoundingClientRect();
          if (box.width === 0 || box.right <= edge + 1) continue;
          let clipped = false;
          for (let a = el.parentElement; a && a !== island; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== 'visible') clipped = true;
          }
          if (!clipped) {
            out.push(
              `${id}: <${el.tagName.toLowerCase()}> "${(el.textContent ?? '').trim().slice(0, 50)}" sticks out ${Math.round(box.right - edge)} px`,
            );
          }
        }
        const pattern = /\{[A-Za-z]\w*\}|\[[a-z][\w-]*\.[\w.]+\]/;
        for (const el of Array.from(island.querySelectorAll('[aria-label], [title], [placeholder]'))) {
          for (const attr of ['aria-label', 'title', 'placeholder']) {
            const bad = pattern.exec(el.getAttribute(attr) ?? '');
            if (bad) out.push(`${id}: unfilled "${bad[0]}" in ${attr}="${el.getAttribute(attr)!.slice(0, 60)}"`);
          }
        }
        const walker = document.createTreeWalker(island, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.parentElement?.closest('.katex, style, script')) continue;
          const text = node.textContent ?? '';
          const bad = pattern.exec(text);
          if (bad) out.push(`${id}: unfilled "${bad[0]}" in "${text.trim().slice(0, 60)}"`);
        }
      }
      return out;
    });
    expect(problems).toEqual([]);
    await expectNoOverprints(page);
    expect(errors).toEqual([]);
  });
}

/**
 * No chart labels overprint in any island: each is scrolled into view and given time to finish
 * training (the embeddings retrain in view when their built result is not shown), and a pair
 * only counts if it is still there after a few seconds (gradient-depth's worker answers and
 * moves its labels while the check runs, on a slow machine).
 */
async function expectNoOverprints(page: Page): Promise<void> {
  const islands = page.locator('.dl-island');
  for (let i = 0; i < (await islands.count()); i++) {
    const island = islands.nth(i);
    await island.scrollIntoViewIfNeeded();
    await expect(island.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/, { timeout: 15_000 });
    await expect(island.locator('[data-phase="loading"], [data-phase="training"], [data-phase="replay"]')).toHaveCount(
      0,
      { timeout: 45_000 },
    );
    const id = await island.evaluate(
      (el) => el.querySelector('[data-widget-id]')?.getAttribute('data-widget-id') ?? el.textContent?.slice(0, 40),
    );
    await expect
      .poll(() => overprintedLabels(island), {
        message: `labels that overprint in island ${i + 1} (${id})`,
        timeout: 5000,
      })
      .toEqual([]);
  }
}

/**
 * The projector theme's chart type is half as large again (20 and 17 px) in the same margins:
 * axis titles used to sit on the tick labels, end labels on each other, a rotated title was cut.
 */
for (const path of topicPages('zh')) {
  test(`no chart labels overprint on ${path} in the projector theme (1920 px)`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(`${path}?theme=projector`);
    await expectNoOverprints(page);
  });
}

/**
 * Slides open in the projector theme, on a phone too (a student following from a seat). Its
 * 20 px chart type applies only from 48rem: in a 390 px chart the tick labels of a log axis,
 * the rows of norm-axes and the attention widget's titles ran into each other.
 */
for (const path of topicPages('en')) {
  test(`no chart labels overprint on ${path} in the projector theme on a phone`, async ({ page }) => {
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${path}?theme=projector`);
    await expectNoOverprints(page);
  });
}

/**
 * Dragging a slider must not move the controls: a live description or a row of numbers that
 * gains and loses a line as the values change would move everything below it, the slider under
 * the reader's finger included. Each slider sweeps its range twice; the first sweep may grow a
 * block once (a longer text needs a line more), the second must leave the controls where they are.
 */
const STEADY: { path: string; widget: string; slider: number; nth?: number }[] = [
  { path: '/sigmoid-saturation/', widget: 'sigmoid-saturation', slider: 1 },
  { path: '/residual-connections/', widget: 'residual-gradient', slider: 0 },
  { path: '/residual-connections/', widget: 'residual-gradient', slider: 1 },
  { path: '/rnn/', widget: 'rnn-unrolled', slider: 0 },
  { path: '/dropout/', widget: 'dropout', slider: 0 },
  { path: '/en/neurons-and-activations/', widget: 'neuron-playground', slider: 0 },
  { path: '/transformer/', widget: 'attention-heatmap', slider: 0 },
  { path: '/transformer-parallelism/', widget: 'attention-heatmap', slider: 0 },
  { path: '/en/transformer/', widget: 'positional-encoding', slider: 2 },
  { path: '/bert/', widget: 'bert-masking', slider: 0 },
  { path: '/bert/', widget: 'bert-masking', nth: 1, slider: 1 },
  { path: '/bert/', widget: 'bert-masking', nth: 1, slider: 0 },
  { path: '/en/bert/', widget: 'bert-masking', slider: 0 },
  { path: '/en/bert/', widget: 'bert-masking', nth: 2, slider: 0 },
  { path: '/en/bert/', widget: 'bert-masking', nth: 2, slider: 1 },
  { path: '/rnn/', widget: 'rnn-unrolled', nth: 1, slider: 1 },
  { path: '/lstm-gru/', widget: 'lstm-gru-gates', slider: 3 },
  { path: '/lstm-gru/', widget: 'lstm-gru-gates', nth: 1, slider: 0 },
  { path: '/transformer-parallelism/', widget: 'rnn-vs-transformer-timeline', slider: 1 },
  { path: '/en/transformer-parallelism/', widget: 'rnn-vs-transformer-timeline', slider: 3 },
  { path: '/transformer-parallelism/', widget: 'rnn-vs-transformer-timeline', slider: 4 },
];
// One test per slider and width: a sweep is 82 frames with two animation frames each, and the
// 21 sliders in one test ran past any sensible timeout on a busy 2-core machine.
for (const width of [390, 1366]) {
  for (const { path, widget, slider, nth = 0 } of STEADY) {
    test(`controls stay put while ${widget}${nth ? ` #${nth + 1}` : ''}'s slider ${slider} is dragged on ${path} (${width} px)`, async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      const w = page.locator(`[data-widget-id="${widget}"]`).nth(nth);
      await w.scrollIntoViewIfNeeded();
      await expect(w.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/, { timeout: 15_000 });
      const tops = await w.evaluate(async (root, slider) => {
        const input = root.querySelectorAll<HTMLInputElement>('input[type=range]')[slider];
        const controls = root.querySelector('.controls')!;
        const [min, max] = [Number(input.min), Number(input.max)];
        const seen: number[] = [];
        for (let pass = 0; pass < 2; pass++) {
          for (let i = 0; i <= 40; i++) {
            input.value = String(min + ((max - min) * i) / 40);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await new Promise((r) => requestAnimationFrame(r));
            await new Promise((r) => requestAnimationFrame(r));
            if (pass === 1) seen.push(controls.getBoundingClientRect().top - root.getBoundingClientRect().top);
          }
        }
        return seen;
      }, slider);
      const spread = Math.max(...tops) - Math.min(...tops);
      expect(spread, `the controls moved by up to ${spread.toFixed(1)} px`).toBeLessThanOrEqual(0.5);
      expect(errors).toEqual([]);
    });
  }
}

/**
 * The main control within reach: with the top of a widget's first chart at the top of the
 * window, the widget's main control (its dock) is on screen and nothing covers it, on a phone, a
 * laptop and a projector. With the dock's sticking turned off, it is outside the window on 10, 4
 * and 3 of the 17 widgets at these three sizes.
 */
for (const [width, height] of [
  [390, 844],
  [1366, 900],
  [1920, 1080],
] as const) {
  test(`every widget's main control is on screen with its chart (${width}×${height})`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.setViewportSize({ width, height });
    const off: string[] = [];
    for (const w of WIDGETS) {
      const selector = `[data-widget-id="${w.id}"] >> nth=0`;
      await page.goto(`/${w.topic}/`);
      await hydrate(page, selector);
      const el = page.locator(selector);
      const problem = await el.evaluate(async (root) => {
        const chart = root.querySelector('.figure svg, .figure canvas')!;
        window.scrollBy(0, chart.getBoundingClientRect().top - 8);
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const bar = root.querySelector('.dock-bar');
        if (!bar?.querySelector('input, button, select')) return 'no main control in a dock';
        const b = bar.getBoundingClientRect();
        if (b.top < 0 || b.bottom > innerHeight + 0.5)
          return `dock at ${Math.round(b.top)}–${Math.round(b.bottom)} px, outside the ${innerHeight} px window`;
        const hit = document.elementFromPoint(b.left + b.width / 2, (b.top + b.bottom) / 2);
        if (!hit || !bar.contains(hit)) return `dock covered by <${hit?.tagName.toLowerCase()}>`;
        return '';
      });
      if (problem) off.push(`${w.id}: ${problem}`);
    }
    expect(off).toEqual([]);
    expect(errors).toEqual([]);
  });
}

/**
 * A widget's live description is read out once the values settle, not on every frame of a
 * drag: a screen reader would otherwise queue an announcement per frame, and the text would be
 * laid out again each frame. After the drag the description is the one a fresh page in the same
 * state shows.
 */
const LIVE: { path: string; widget: string; slider: number }[] = [
  { path: '/transformer/', widget: 'attention-heatmap', slider: 0 },
  { path: '/sigmoid-saturation/', widget: 'sigmoid-saturation', slider: 1 },
  { path: '/en/dropout/', widget: 'dropout', slider: 0 },
  { path: '/rnn/', widget: 'rnn-unrolled', slider: 0 },
  { path: '/en/residual-connections/', widget: 'residual-gradient', slider: 0 },
];
for (const { path, widget, slider } of LIVE) {
  test(`${widget}'s description settles after a drag on ${path} and then matches a fresh page`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto(path);
    const w = page.locator(`[data-widget-id="${widget}"]`).first();
    await w.scrollIntoViewIfNeeded();
    await expect(w.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/, { timeout: 15_000 });
    const description = w.locator('.description');
    const before = await description.textContent();
    const sweep = await w.evaluate(async (root, slider) => {
      const input = root.querySelectorAll<HTMLInputElement>('input[type=range]')[slider];
      const live = root.querySelector('.description')!;
      let changes = 0;
      const obs = new MutationObserver(() => changes++);
      obs.observe(live, { subtree: true, childList: true, characterData: true });
      const [min, max] = [Number(input.min), Number(input.max)];
      const times: number[] = [];
      // From the top of the range down to a third of it: one input per animation frame.
      for (let i = 0; i <= 30; i++) {
        input.value = String(max - ((max - min) * 2 * i) / 90);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => requestAnimationFrame(r));
        times.push(performance.now());
      }
      await Promise.resolve();
      obs.disconnect();
      // A gap of 300 ms or more between two inputs lets the description settle once (a busy machine).
      return { changes, allowed: times.slice(1).filter((t, k) => t - times[k] >= 300).length };
    }, slider);
    expect(sweep.changes, 'the description changed during the drag').toBeLessThanOrEqual(sweep.allowed);
    await expect(description).not.toHaveText(before ?? '');
    const settled = await description.textContent();
    // The same state on a fresh page (the URL carries it) gives the same description.
    await page.goto(page.url());
    const again = page.locator(`[data-widget-id="${widget}"]`).first();
    await again.scrollIntoViewIfNeeded();
    await expect(again.locator('.description')).toHaveText(settled ?? '');
    expect(errors).toEqual([]);
  });
}
