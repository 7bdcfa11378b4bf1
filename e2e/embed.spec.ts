import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { elementSnippet, iframeSnippet } from '../src/lib/site/embed.ts';
import { expectNoAxeViolations, hydrate, overprintedLabels, watchErrors } from './helpers.ts';
import { WIDGETS } from '../src/widgets/registry.ts';

/**
 * A blogger's page on another origin (another port), with CSS that would wreck any
 * widget that relied on the page's styles. Snippets are exactly what the embed dialog
 * produces (same functions).
 */
const HOSTILE =
  '* { box-sizing: content-box !important; font: 30px serif !important } svg { display: none !important }';
const SITE_PORT = Number(process.env.E2E_PORT ?? 4390);
let hostPort = 0;
const site = `http://127.0.0.1:${SITE_PORT}/`;

let host: Server;
const pages = new Map<string, string>();
test.beforeAll(async () => {
  host = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    const body = pages.get(path);
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  // Any free port: each worker that runs tests of this file starts its own host.
  await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
  hostPort = (host.address() as { port: number }).port;
});
test.afterAll(() => host.close());

function hostPage(path: string, snippets: string): string {
  pages.set(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A blog</title><style>${HOSTILE}</style></head>
<body><h1>My blog post</h1><p id="host-text">Host paragraph.</p><svg id="host-svg" width="10" height="10"></svg>
${snippets}
<p id="after">The end.</p></body></html>`,
  );
  return `http://127.0.0.1:${hostPort}${path}`;
}

async function hostLayoutIntact(page: Page) {
  const p = await page.locator('#host-text').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { size: cs.fontSize, family: cs.fontFamily, box: cs.boxSizing };
  });
  expect(p).toEqual({ size: '30px', family: 'serif', box: 'content-box' });
  expect(await page.locator('#host-svg').evaluate((el) => getComputedStyle(el).display)).toBe('none');
  // Nothing of ours is added to the host document's styles.
  expect(await page.evaluate(() => document.styleSheets.length)).toBe(1);
}

test('iframe embeds render, respond, resize to fit, and leave the host page alone', async ({ page }) => {
  const errors = watchErrors(page);
  const url = hostPage(
    '/iframes',
    iframeSnippet({ site, id: 'sigmoid-saturation', lang: 'en', state: { x: '4' }, height: 300, title: 'Sigmoid' }) +
      iframeSnippet({
        site,
        id: 'sigmoid-saturation',
        lang: 'zh',
        state: { x: '-2', act: 'tanh' },
        theme: 'dark',
        height: 300,
      }),
  );
  await page.goto(url);
  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(2);
  // embed.js sizes each iframe to its content.
  await expect(frames.nth(0)).toHaveAttribute('data-dl-sized', 'true');
  await expect(frames.nth(1)).toHaveAttribute('data-dl-sized', 'true');
  const h = Number(await frames.nth(0).getAttribute('height'));
  expect(h).toBeGreaterThan(450);
  const inner = page.frameLocator('iframe >> nth=0');
  await expect(inner.locator('[data-stat="x"]')).toHaveAttribute('data-value', '4');
  await inner.getByRole('slider', { name: /Drag/ }).press('ArrowRight');
  await expect(inner.locator('[data-stat="x"]')).toHaveAttribute('data-value', '4.1');
  // Widgets in iframes hydrate when the iframe itself is on screen.
  await frames.nth(1).scrollIntoViewIfNeeded();
  const second = page.frameLocator('iframe >> nth=1');
  await expect(second.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(second.getByRole('radio', { name: 'tanh' })).toBeChecked();
  await hostLayoutIntact(page);
  expect(errors).toEqual([]);
});

test('an iframe without embed.js still works at its fixed height', async ({ page }) => {
  const snippet = iframeSnippet({ site, id: 'sigmoid-saturation', lang: 'en', height: 700 }).split('\n')[0];
  await page.goto(hostPage('/plain-iframe', snippet));
  const frame = page.locator('iframe');
  await expect(frame).toHaveAttribute('height', '700');
  await expect(page.frameLocator('iframe').locator('[data-stat="dfx"]')).toBeVisible();
});

test('<dl-widget> elements render in shadow DOM, load when visible, update on attribute changes', async ({ page }) => {
  const errors = watchErrors(page);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  const first = elementSnippet({ site, id: 'sigmoid-saturation', lang: 'en', state: { x: '4', L: '20' } });
  const script = first.split('\n')[0];
  const el = (attrs: string) => `<dl-widget ${attrs}></dl-widget>`;
  const url = hostPage(
    '/elements',
    `${script}\n${first.split('\n')[1]}\n<div style="height:3000px"></div>\n${el('name="sigmoid-saturation" lang="zh" theme="dark" act="relu" x="-3"')}\n${el('name="no-such-widget" lang="en"')}\n${el('name="sigmoid-saturation" lang="en" x="abc" hide="L,bogus"')}`,
  );
  await page.goto(url);
  const widgets = page.locator('dl-widget');
  await expect(widgets).toHaveCount(4);
  // The first (on screen) renders; its svg shows despite `svg { display: none !important }` on the host.
  const w1 = widgets.nth(0);
  await expect(w1.locator('svg').first()).toBeVisible();
  await expect(w1.locator('[data-stat="x"]')).toHaveAttribute('data-value', '4');
  await expect(w1.locator('[data-stat="power"]')).toHaveAttribute('data-value', /^-/);
  // Interactive inside the shadow root.
  await w1.getByRole('slider', { name: /Drag/ }).press('End');
  await expect(w1.locator('[data-stat="x"]')).toHaveAttribute('data-value', '10');
  // Attribute changes re-render with the new state.
  await w1.evaluate((node) => node.setAttribute('x', '1'));
  await expect(w1.locator('[data-stat="x"]')).toHaveAttribute('data-value', '1');
  // Off-screen widgets have not loaded their code yet; scrolling loads them.
  await expect(widgets.nth(1).locator('[data-stat="x"]')).toHaveCount(0);
  await widgets.nth(1).scrollIntoViewIfNeeded();
  await expect(widgets.nth(1).locator('[data-stat="x"]')).toHaveAttribute('data-value', '-3');
  await expect(widgets.nth(1).locator('.dl-root')).toHaveAttribute('data-theme', 'dark');
  await expect(widgets.nth(1).getByRole('radio', { name: 'ReLU' })).toBeChecked();
  // An unknown name is reported inside the element.
  await widgets.nth(2).scrollIntoViewIfNeeded();
  await expect(widgets.nth(2).getByRole('alert')).toContainText('no-such-widget');
  // A bad attribute value falls back with the widget's note; hide works and unknown controls are named.
  const w4 = widgets.nth(3);
  await w4.scrollIntoViewIfNeeded();
  await expect(w4.locator('.notes')).toContainText("Couldn't read x=abc");
  await expect(w4.locator('.notes')).toContainText('bogus');
  await expect(w4.getByRole('slider', { name: /Depth/ })).toHaveCount(0);
  await hostLayoutIntact(page);
  expect(requested.filter((u) => !u.startsWith(`http://127.0.0.1:`))).toEqual([]);
  expect(errors).toEqual([]);
});

for (const motion of ['reduce', 'no-preference'] as const) {
  test.describe(`prefers-reduced-motion: ${motion}`, () => {
    test.use({ reducedMotion: motion });
    test('<dl-widget> honours the reader’s motion preference inside its shadow root', async ({ page }) => {
      const snippet = elementSnippet({ site, id: 'sigmoid-saturation', lang: 'en', state: {} });
      await page.goto(hostPage(`/motion-${motion}`, snippet));
      const thumb = page.locator('dl-widget .dl-toggle .thumb').first();
      await expect(thumb).toBeVisible();
      const duration = await thumb.evaluate((el) => getComputedStyle(el).transitionDuration);
      if (motion === 'reduce') expect(parseFloat(duration)).toBeLessThan(0.001);
      else expect(duration).toBe('0.15s');
    });
  });
}

test('a host page whose <dl-widget> is off screen loads only the small element script', async ({ page }) => {
  const chunks: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/embed/v1/')) chunks.push(new URL(r.url()).pathname.replace(/^.*\/embed\/v1\//, ''));
  });
  const snippet = elementSnippet({ site, id: 'sigmoid-saturation', lang: 'en', state: {} });
  await page.goto(
    hostPage('/below', `${snippet.split('\n')[0]}\n<div style="height:3000px"></div>\n${snippet.split('\n')[1]}`),
  );
  const el = page.locator('dl-widget');
  await expect(el.locator('.dl-loading')).toHaveText('Loading figure…');
  await page.waitForLoadState('networkidle');
  // The entry and Vite's import helper; no Svelte runtime, no widget frame, no widget.
  expect(chunks.filter((c) => c !== 'dl-widgets.js' && !c.startsWith('chunks/preload-'))).toEqual([]);
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-stat="x"]')).toHaveCount(1);
  expect(chunks.some((c) => c.startsWith('chunks/kit-'))).toBe(true);
  // The widget's own chunk, by the name the entry gives it (widget chunks are named by hash alone).
  const entry = readFileSync('dist/embed/v1/dl-widgets.js', 'utf8');
  const own = /"?sigmoid-saturation"?:\{[^}]*?component:[^`'"]*[`'"]\.\/(chunks\/[^`'"]+)/.exec(entry)?.[1];
  expect(own).toBeTruthy();
  expect(chunks).toContain(own);
});

test('the Embed dialog writes snippets for the current state that reproduce it on another site', async ({ page }) => {
  await page.goto('/en/sigmoid-saturation/?sigmoid-saturation.x=3&sigmoid-saturation.act=tanh');
  await hydrate(page, '[data-widget-id="sigmoid-saturation"] >> nth=0');
  const widget = page.locator('[data-widget-id="sigmoid-saturation"]').first();
  await widget.getByRole('button', { name: 'Embed' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: 'Dark' }).check();
  await dialog.getByRole('checkbox', { name: /Depth/ }).check();
  // Snippets use the configured (production) site URL; point them at this test server.
  const configured = await page.locator('meta[name="dl-site"]').getAttribute('content');
  const local = (code: string) => code.replaceAll(configured!, site);
  const iframeCode = local(await dialog.locator('[data-snippet="iframe"]').inputValue());
  const elementCode = local(await dialog.locator('[data-snippet="element"]').inputValue());
  expect(iframeCode).toContain(`src="${site}en/embed/sigmoid-saturation/?`);
  expect(iframeCode).toContain('x=3');
  expect(iframeCode).toContain('theme=dark');
  expect(elementCode).toContain('act="tanh"');
  // The live preview shows the same state (it hydrates once scrolled into view in the dialog).
  await dialog.locator('iframe').scrollIntoViewIfNeeded();
  await expect(dialog.frameLocator('iframe').locator('[data-stat="x"]')).toHaveAttribute('data-value', '3');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.goto(hostPage('/pasted', `${iframeCode}\n${elementCode}`));
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('[data-stat="x"]')).toHaveAttribute('data-value', '3');
  await expect(frame.getByRole('radio', { name: 'tanh' })).toBeChecked();
  await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(frame.getByRole('slider', { name: /Depth/ })).toHaveCount(0);
  const el = page.locator('dl-widget');
  await el.scrollIntoViewIfNeeded();
  await expect(el.locator('[data-stat="x"]')).toHaveAttribute('data-value', '3');
  await expect(el.locator('.dl-root')).toHaveAttribute('data-theme', 'dark');
  await expect(el.getByRole('slider', { name: /Depth/ })).toHaveCount(0);
});

/**
 * A <dl-widget>'s theme is set inside its shadow root, not on the document: widgets that place
 * labels in the theme's type must read it there. They read the document's, so in the projector
 * theme bert-masking's end labels ran together, and adam-step-scale's corner ticks touched.
 */
test('<dl-widget> elements in the projector theme: no chart labels overprint (1366 px)', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 900 });
  const script = elementSnippet({ site, id: 'sigmoid-saturation', lang: 'zh' }).split('\n')[0];
  const elements = WIDGETS.map((w) => `<dl-widget name="${w.id}" lang="zh" theme="projector"></dl-widget>`);
  await page.goto(hostPage('/projector-elements', `${script}\n${elements.join('\n')}`));
  const widgets = page.locator('dl-widget');
  await expect(widgets).toHaveCount(WIDGETS.length);
  for (let i = 0; i < WIDGETS.length; i++) {
    const root = widgets.nth(i).locator('.dl-root');
    await widgets.nth(i).scrollIntoViewIfNeeded();
    await expect(root.locator('svg').first()).toBeVisible({ timeout: 15_000 });
    await expect(root).toHaveAttribute('data-theme', 'projector');
    await expect(root.locator('[data-phase="loading"], [data-phase="training"], [data-phase="replay"]')).toHaveCount(
      0,
      {
        timeout: 45_000,
      },
    );
    await expect
      .poll(() => overprintedLabels(root), { message: `labels that overprint in ${WIDGETS[i].id}`, timeout: 5000 })
      .toEqual([]);
  }
});

test('embed pages report parameters they do not understand, and pass axe', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/embed/sigmoid-saturation/?theme=purple&lang=fr&zoom=2&x=99');
  await expect(page.locator('[data-embed-notes]')).toContainText('theme=purple');
  await expect(page.locator('[data-embed-notes]')).toContainText('lang=fr');
  await expect(page.locator('.notes')).toContainText('zoom');
  await expect(page.locator('.notes')).toContainText('x=99 is out of range');
  await expect(page.getByRole('link', { name: /full explanation/ })).toHaveAttribute(
    'href',
    /\/en\/sigmoid-saturation\/$/,
  );
  await expect(page.locator('link[type="application/json+oembed"]')).toHaveAttribute(
    'href',
    /\/en\/oembed\/sigmoid-saturation\.json$/,
  );
  for (const path of ['/embed/sigmoid-saturation/', '/en/embed/sigmoid-saturation/?theme=projector']) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  // lang= switches between the two embed pages.
  await page.goto('/embed/sigmoid-saturation/?lang=en&x=1');
  await expect(page).toHaveURL(/\/en\/embed\/sigmoid-saturation\/\?lang=en&x=1$/);
  expect(errors).toEqual([]);
});

test('oEmbed documents describe each widget', async ({ request }) => {
  const doc = await (await request.get('/en/oembed/sigmoid-saturation.json')).json();
  expect(doc).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'DL Explorables' });
  expect(doc.html).toContain('/en/embed/sigmoid-saturation/');
  expect(doc.height).toBeGreaterThan(300);
});
