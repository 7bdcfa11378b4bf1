import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

/** Every built HTML page, as a URL path ("/", "/en/sigmoid-saturation/", "/404.html"). */
export function builtPages(dir = 'dist'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== '_astro' && name !== 'pagefind') walk(p);
      } else if (name.endsWith('.html')) {
        const rel = `/${relative(dir, p).replace(/\\/g, '/')}`;
        out.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** Topic pages only (not home, embeds, 404 …), in one language. */
export function topicPages(lang: 'zh' | 'en'): string[] {
  // A whole path segment: /embed/… is reserved, the topic /embeddings/ is not.
  const reserved = /^\/(en\/)?(embed|present|interview|glossary|search|404)(\/|\.html|$)/;
  return builtPages().filter((p) => {
    if (reserved.test(p) || p === '/' || p === '/en/' || p.endsWith('.html')) return false;
    return lang === 'en' ? p.startsWith('/en/') : !p.startsWith('/en/');
  });
}

export async function expectNoAxeViolations(
  page: Page,
  opts: { tags?: string[]; include?: string } = {},
): Promise<void> {
  // wcag22aa brings target-size (24 × 24 px, or enough space around): Lighthouse checks it, and a
  // sticky dock once covered the buttons of every widget below the first screen.
  let builder = new AxeBuilder({ page }).withTags(
    opts.tags ?? ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
  );
  if (opts.include) builder = builder.include(opts.include);
  const results = await builder.analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 5)
        .join('\n    ')}`,
  );
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** Scrolls a widget into view and waits until Astro has hydrated its island. */
export async function hydrate(page: Page, selector: string): Promise<void> {
  // astro-island is display: contents, so scroll its wrapper.
  const wrapper = page.locator(selector);
  await wrapper.scrollIntoViewIfNeeded();
  const island = wrapper.locator('astro-island').first();
  await expect(island).not.toHaveAttribute('ssr', /.*/, { timeout: 10_000 });
}

/**
 * Scrolls an element to the top of the window and returns its box, for pointer actions at
 * coordinates. A widget's main control sticks to the bottom of the window while its figure is on
 * screen (the dock), so a press aimed at a part of the figure that lies under it would land on
 * the control instead, as a reader's would.
 */
export async function boxAtTop(target: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  await target.evaluate((el) => el.scrollIntoView({ block: 'start', behavior: 'instant' }));
  return (await target.boundingBox())!;
}

/** Collects console errors and page errors for the rest of the test. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(process.env.E2E_STACKS ? String(e.stack) : e.message));
  return errors;
}

/** Two SVG `translate(x,y)` transforms put their element in the same place (to 0.01 px). */
export function samePlace(a: string | null | undefined, b: string | null | undefined): void {
  const xy = (t: string | null | undefined) => (t ?? '').match(/-?[\d.]+/g)!.map(Number);
  const [[x0, y0], [x1, y1]] = [xy(a), xy(b)];
  expect(Math.abs(x1 - x0) + Math.abs(y1 - y0), `${a} vs ${b}`).toBeLessThan(0.01);
}

/**
 * Pairs of chart labels (SVG <text>) under `root` that overprint each other, as "a" × "b".
 * Glyph boxes include the line's ascent and descent and the side bearings, so neighbours on a
 * grid touch by design: a pair counts when the boxes overlap by more than `slack` px across and
 * by more than 30 % of the smaller one's height down.
 */
export async function overprintedLabels(root: Locator, slack = 1): Promise<string[]> {
  return root.evaluate((el, slack) => {
    const out: string[] = [];
    const svgs = el instanceof SVGSVGElement ? [el] : Array.from(el.querySelectorAll('svg'));
    for (const svg of svgs) {
      const texts = Array.from(svg.querySelectorAll('text'));
      const boxes = texts
        .map((t) => ({ s: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }))
        .filter((b, i) => b.s !== '' && b.r.width > 0 && getComputedStyle(texts[i]).visibility !== 'hidden');
      for (let a = 0; a < boxes.length; a++) {
        for (let b = a + 1; b < boxes.length; b++) {
          const p = boxes[a].r;
          const q = boxes[b].r;
          const across = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const down = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (across > slack && down > 0.3 * Math.min(p.height, q.height))
            out.push(`"${boxes[a].s}" × "${boxes[b].s}"`);
        }
      }
    }
    return out;
  }, slack);
}
