import { expect, test } from '@playwright/test';
import { builtPages, expectNoAxeViolations, topicPages, watchErrors } from './helpers.ts';

test.describe('every built page', () => {
  for (const path of builtPages()) {
    test(`axe finds no violations on ${path} (light and dark)`, async ({ page }) => {
      // Two full-page scans of a math-heavy topic (≈ 100 KaTeX formulas) can take over 30 s on a busy machine.
      test.setTimeout(90_000);
      await page.goto(path);
      await expectNoAxeViolations(page);
      await page.emulateMedia({ colorScheme: 'dark' });
      // Slide decks open in the projector theme whatever the system says; ?theme=auto follows it.
      const deck = /^\/(en\/)?present\//.test(path);
      if (deck) {
        await expect(page.locator('html')).toHaveAttribute('data-theme', 'projector');
      }
      await page.goto(deck ? `${path}?theme=auto` : path);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expectNoAxeViolations(page);
    });
  }
});

test.describe('on a phone (layouts change below 48rem and 30rem)', () => {
  // Every topic page: text is smaller on a phone, so colours that pass as large text on a
  // laptop can fail here (Lighthouse found one in the timeline widget).
  for (const path of ['/', '/en/', ...topicPages('zh'), ...topicPages('en'), '/interview/', '/glossary/']) {
    test(`axe finds no violations on ${path} at 360 px`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  }
});

test('home pages list the topics in both languages, with the right <html lang>', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const zhLinks = await page.locator('.cards a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(zhLinks.length).toBe(topicPages('zh').length);
  await page.goto('/en/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const enLinks = await page.locator('.cards a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(enLinks).toEqual(zhLinks.map((h) => `/en${h}`));
});

test('pages without widgets ship no JavaScript beyond the tiny inline theme scripts', async ({ page }) => {
  for (const path of ['/', '/en/', '/404.html']) {
    const requested: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') requested.push(r.url());
    });
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    expect(requested, `scripts requested by ${path}`).toEqual([]);
    const inline = await page
      .locator('script')
      .evaluateAll((s) => s.map((x) => (x.getAttribute('src') ? 'EXTERNAL' : (x.textContent ?? ''))));
    expect(inline).not.toContain('EXTERNAL');
    expect(inline.join('').length, 'inline script bytes').toBeLessThan(2048);
    expect(await page.locator('astro-island').count()).toBe(0);
  }
});

test('topic prose and math are plain HTML: nothing loads until a widget scrolls into view', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') requested.push(r.url());
  });
  await page.setViewportSize({ width: 1366, height: 500 });
  await page.goto('/sigmoid-saturation/');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.katex').first()).toBeVisible();
  expect(await page.locator('.math-display .katex-display').count()).toBeGreaterThan(3);
  expect(requested, 'scripts before any widget is visible').toEqual([]);
});

test('the language switch goes to the same page in the other language and keeps widget state', async ({ page }) => {
  await page.goto('/sigmoid-saturation/?sigmoid-saturation.x=3');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute(
    'href',
    /\/en\/sigmoid-saturation\/$/,
  );
  await expect(page.locator('link[rel="alternate"][hreflang="zh-CN"]')).toHaveAttribute(
    'href',
    /\/sigmoid-saturation\/$/,
  );
  await page.locator('a.lang').click();
  await expect(page).toHaveURL(/\/en\/sigmoid-saturation\/\?sigmoid-saturation\.x=3$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('h1')).toHaveText('Why the sigmoid saturates');
  await page.locator('a.lang').click();
  await expect(page).toHaveURL(/\/sigmoid-saturation\/\?sigmoid-saturation\.x=3$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('theme toggle cycles themes without a reload and remembers the choice', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  const btn = page.locator('[data-theme-toggle]');
  await btn.click(); // auto → light
  await btn.click(); // light → dark
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await page.goto('/en/');
  await expect(html).toHaveAttribute('data-theme', 'dark');
  await btn.click(); // dark → projector
  await expect(html).toHaveAttribute('data-theme', 'projector');
  await page.goto('/?theme=light');
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect(errors).toEqual([]);
});

test('an unknown address gets the bilingual 404 page', async ({ page }) => {
  const res = await page.goto('/no-such-topic/');
  expect(res?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('页面不存在');
  await expect(page.locator('h2')).toHaveText('Page not found');
});

test('no request leaves the site (fonts and KaTeX are self-hosted)', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1')) foreign.push(r.url());
  });
  for (const path of ['/', '/sigmoid-saturation/', '/en/sigmoid-saturation/']) {
    await page.goto(path);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});

test('math pages fetch KaTeX faces cut to their own formulas, never a whole face', async ({ page }) => {
  // scripts/katex-fonts.mjs: a character the build missed would make the browser fall back to
  // KaTeX's whole face, so any request for one means a page's subset is short.
  test.setTimeout(120_000);
  const whole: string[] = [];
  const cut = new Set<string>();
  page.on('request', (r) => {
    const file = new URL(r.url()).pathname;
    if (/\/_astro\/KaTeX_/.test(file)) whole.push(`${page.url()} ${file}`);
    else if (/\/_astro\/katex\/KaTeX_/.test(file)) cut.add(file);
  });
  const scrollThrough = async () => {
    // Prose off screen is not laid out (content-visibility: auto), so its fonts load as it comes into view.
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0; y < height; y += 600) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await page.evaluate(() => new Promise(requestAnimationFrame));
    }
    await page.evaluate(() => document.fonts.ready);
  };
  for (const path of ['/transformer/', '/en/gradient-remedies/', '/en/present/bert/']) {
    await page.goto(path);
    await scrollThrough();
  }
  // The flashcards draw their answers' formulas from island props, one card at a time.
  await page.goto('/en/interview/');
  await expect(page.locator('.deck[data-loaded="true"]')).toBeVisible();
  for (let i = 0; i < topicPages('en').length; i++) {
    await page.keyboard.press('Space');
    await expect(page.locator('article.card .long')).not.toBeEmpty();
    await page.evaluate(() => document.fonts.ready);
    await page.keyboard.press('4');
  }
  expect(whole).toEqual([]);
  expect(cut.size).toBeGreaterThan(10);
});

test('stylesheets linked in the body style nothing above them, and survive hydration', async ({ page }) => {
  // scripts/late-stylesheets.mjs moves KaTeX's and the widgets' sheets to just before the first
  // block that uses them, so the first screen paints without waiting for them.
  const check = () =>
    page.evaluate(() => {
      const links = [...document.body.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')];
      const early: string[] = [];
      const rulesOf = (list: CSSRuleList): CSSStyleRule[] =>
        [...list].flatMap((r) =>
          r instanceof CSSStyleRule ? [r] : 'cssRules' in r ? rulesOf((r as CSSGroupingRule).cssRules) : [],
        );
      let selectors = 0;
      for (const link of links) {
        for (const rule of rulesOf(link.sheet!.cssRules)) {
          const props = [...rule.style];
          if (props.length && props.every((p) => p.startsWith('counter-'))) continue;
          const selector = rule.selectorText.replace(
            /::?(before|after|first-line|first-letter|placeholder|selection|marker)\b/g,
            '',
          );
          let hits: Element[];
          try {
            hits = [...document.querySelectorAll(selector)];
          } catch {
            continue;
          }
          selectors++;
          for (const el of hits)
            if (!(link.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING))
              early.push(
                `${link.href.split('/').pop()} ${rule.selectorText} → <${el.tagName.toLowerCase()} class="${el.className}">`,
              );
        }
      }
      // KaTeX's cut faces must stay declared after its whole ones (katex-fonts.mjs).
      const katex = links.find((l) => /katex/.test(l.href));
      const faces = [...document.querySelectorAll('style')].filter((s) =>
        /@font-face\{font-family:KaTeX_/.test(s.textContent!),
      );
      return {
        hrefs: links.map((l) => l.href.split('/').pop()!.split('.')[0]),
        selectors,
        early: early.slice(0, 5),
        facesAfterKatex:
          faces.length > 0 && faces.every((s) => katex!.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING),
        inIsland: document.querySelectorAll('astro-island link, astro-island style').length,
        headingFirst:
          !!links[0] &&
          !!(document.querySelector('h1')!.compareDocumentPosition(links[0]) & Node.DOCUMENT_POSITION_FOLLOWING),
      };
    });
  for (const path of ['/transformer/', '/en/sigmoid-saturation/', '/en/gradient-remedies/']) {
    await page.goto(path);
    const before = await check();
    expect(before.hrefs, path).toEqual(['katex', 'Widget']);
    expect(before.selectors, path).toBeGreaterThan(300);
    expect(before.early, path).toEqual([]);
    expect(before.facesAfterKatex, path).toBe(true);
    expect(before.inIsland, path).toBe(0);
    expect(before.headingFirst, path).toBe(true);
    // Hydrating every island keeps the links where they were.
    const islands = page.locator('.dl-island');
    for (let i = 0; i < (await islands.count()); i++) {
      await islands.nth(i).scrollIntoViewIfNeeded();
      await expect(islands.nth(i).locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/);
    }
    expect(await check(), path).toEqual(before);
  }
});

test('a widget shown several times on a page carries its strings once, and every copy reads them', async ({ page }) => {
  // scripts/island-strings.mjs keeps the strings in the first island; later ones name its uid.
  const errors = watchErrors(page);
  for (const path of ['/gradient-remedies/', '/en/bert/']) {
    await page.goto(path);
    const islands = page.locator('.dl-island');
    const props = await islands.evaluateAll((els) =>
      els.map((el) => JSON.parse(el.querySelector('astro-island')!.getAttribute('props')!)),
    );
    const withStrings = props.filter((p) => p.strings).length;
    const shared = props.filter((p) => p.stringsFrom);
    expect(shared.length, path).toBeGreaterThanOrEqual(2);
    expect(withStrings + shared.length).toBe(props.length);
    const titles: string[] = [];
    for (let i = 0; i < props.length; i++) {
      const wrapper = islands.nth(i);
      await wrapper.scrollIntoViewIfNeeded();
      await expect(wrapper.locator('astro-island').first()).not.toHaveAttribute('ssr', /.*/, { timeout: 10_000 });
      const text = await wrapper.innerText();
      // A missing string would show its key, e.g. "gradient-depth.title".
      expect(text, `${path} island ${i}`).not.toMatch(/\b[a-z]+(?:-[a-z]+)+\.[a-zA-Z]+\b/);
      titles.push(await wrapper.locator('.title').first().innerText());
    }
    // Each shared island shows the same title as the island it reads from.
    const byUid = new Map(
      await islands.evaluateAll((els) =>
        els.map((el, i) => [el.querySelector('astro-island')!.getAttribute('uid')!, i] as [string, number]),
      ),
    );
    props.forEach((p, i) => {
      if (p.stringsFrom) expect(titles[i]).toBe(titles[byUid.get(p.stringsFrom[1])!]);
    });
  }
  expect(errors).toEqual([]);
});
