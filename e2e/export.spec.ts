import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { pngSize, readPngText } from '../src/lib/export/png.ts';
import { WIDGETS } from '../src/widgets/registry.ts';
import { builtPages, hydrate, watchErrors } from './helpers.ts';

async function openExport(page: Page, id: string) {
  const widget = page.locator(`[data-widget-id="${id}"]`).first();
  await hydrate(page, `[data-widget-id="${id}"] >> nth=0`);
  await widget.getByRole('button', { name: '导出' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('[data-export-preview]')).toBeVisible();
  return dialog;
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const wait = page.waitForEvent('download');
  await click();
  const d = await wait;
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

for (const w of WIDGETS) {
  test(`exporting ${w.id} gives a standalone SVG and PNGs of the requested size that carry their state`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await page.goto(`/${w.topic}/`);
    const dialog = await openExport(page, w.id);

    await dialog.getByRole('radio', { name: 'SVG' }).check();
    const svg = await download(page, () => dialog.getByRole('button', { name: '下载' }).click());
    expect(svg.name).toMatch(new RegExp(`^${w.id}.*\\.svg$`));
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(text).not.toMatch(/<link|@import|href="https?:/);
    // Heat maps painted on a canvas travel as images of their pixels, not as empty canvases.
    const canvases = await page.locator(`[data-widget-id="${w.id}"] foreignObject canvas`).count();
    if (canvases > 0) {
      expect(text).not.toContain('<foreignObject');
      expect(text).toContain('href="data:image/png;base64,');
    }
    const width = Number(/width="(\d+)"/.exec(text)![1]);
    const height = Number(/height="(\d+)"/.exec(text)![1]);
    expect(width).toBeGreaterThan(200);
    // The SVG renders on its own, in a page that has none of our CSS.
    const viewer = await page.context().newPage();
    await viewer.setContent(`<img id="i" src="data:image/svg+xml;base64,${svg.bytes.toString('base64')}">`);
    await expect.poll(() => viewer.locator('#i').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(width);
    await viewer.close();
    const meta = JSON.parse(
      /<metadata>([^<]*)<\/metadata>/
        .exec(text)![1]
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&'),
    );
    expect(meta).toMatchObject({ app: 'dl-explorables', widget: w.id, lang: 'zh' });

    for (const scale of [1, 2, 3]) {
      await dialog.getByRole('radio', { name: `PNG ${scale}×` }).check();
      const png = await download(page, () => dialog.getByRole('button', { name: '下载' }).click());
      expect(pngSize(new Uint8Array(png.bytes))).toEqual({ width: width * scale, height: height * scale });
      const chunks = readPngText(new Uint8Array(png.bytes));
      expect(JSON.parse(chunks['dl-explorables'])).toMatchObject({ widget: w.id });
      expect(chunks.Source).toContain(`#${w.id}`);
    }
    expect(errors).toEqual([]);
  });
}

test('the QR code in the caption decodes to the live state URL', async ({ page }) => {
  await page.goto('/sigmoid-saturation/?sigmoid-saturation.x=4&sigmoid-saturation.L=20');
  const dialog = await openExport(page, 'sigmoid-saturation');
  const md = await dialog.locator('[data-snippet="markdown"]').inputValue();
  const live = /\]\((https?:[^)]+)\)$/.exec(md)![1];
  expect(live).toMatch(/\/sigmoid-saturation\/\?sigmoid-saturation\.x=4&sigmoid-saturation\.L=20#sigmoid-saturation$/);
  await dialog.getByRole('radio', { name: 'PNG 2×' }).check();
  const png = await download(page, () => dialog.getByRole('button', { name: '下载' }).click());
  await page.addScriptTag({ path: 'node_modules/jsqr/dist/jsQR.js' });
  const decoded = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const size = 260;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    // The QR sits at the right of the caption bar, at the bottom of the image.
    ctx.drawImage(img, img.width - size, img.height - size, size, size, 0, 0, size, size);
    const data = ctx.getImageData(0, 0, size, size);
    return (
      window as unknown as { jsQR: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null }
    ).jsQR(data.data, size, size)?.data;
  }, png.bytes.toString('base64'));
  expect(decoded).toBe(live);
});

test('when the clipboard is refused, the image is downloaded with a note', async ({ page }) => {
  // A browser that refuses (no permission, or no image support in the clipboard).
  await page.addInitScript(() => {
    navigator.clipboard.write = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await page.goto('/sigmoid-saturation/');
  const dialog = await openExport(page, 'sigmoid-saturation');
  const d = await download(page, () => dialog.getByRole('button', { name: '复制图片' }).click());
  expect(d.name).toMatch(/\.png$/);
  await expect(dialog.getByRole('status')).toContainText('下载');
});

test('a widget in an out-of-range state still exports what it shows', async ({ page }) => {
  await page.goto('/sigmoid-saturation/?sigmoid-saturation.x=400&sigmoid-saturation.act=nope');
  const dialog = await openExport(page, 'sigmoid-saturation');
  await dialog.getByRole('radio', { name: 'SVG' }).check();
  const svg = await download(page, () => dialog.getByRole('button', { name: '下载' }).click());
  expect(svg.bytes.toString('utf8')).toContain('x = 10');
});

test('every built topic and embed page has a 1200×630 og:image that exists', async ({ request }) => {
  const pages = builtPages().filter((p) => !p.endsWith('.html'));
  expect(pages.length).toBeGreaterThan(4);
  for (const path of pages) {
    const html = await (await request.get(path)).text();
    const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    expect(og, `og:image on ${path}`).toBeTruthy();
    expect(html).toContain('<meta property="og:image:width" content="1200"');
    const file = new URL(og!).pathname;
    const res = await request.get(file);
    expect(res.status(), `${file} for ${path}`).toBe(200);
    expect(pngSize(new Uint8Array(await res.body()))).toEqual({ width: 1200, height: 630 });
  }
});
