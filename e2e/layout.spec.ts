import { expect, test } from '@playwright/test';
import { topicPages, watchErrors } from './helpers.ts';

/**
 * Every widget on every topic page, hydrated on the narrowest phone we support: nothing
 * sticks out past the widget's card (unless it sits in a box that scrolls or clips on
 * purpose), and no string shows an unfilled {placeholder} or a missing [key.name].
 */
for (const path of [...topicPages('zh'), ...topicPages('en')]) {
  test(`widgets on ${path} fit a 360 px phone and fill every placeholder`, async ({ page }) => {
    test.setTimeout(90_000);
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
    expect(errors).toEqual([]);
  });
}
