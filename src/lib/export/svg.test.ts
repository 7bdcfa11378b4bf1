// @vitest-environment happy-dom
import { Resvg } from '@resvg/resvg-js';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { composeSvg } from './svg.ts';

const panel = `<svg viewBox="0 0 200 100" class="x" width="640" height="269"><path d="M0,0L200,100" style="fill: none; stroke: rgb(0, 114, 178); stroke-width: 3px;"/><text x="10" y="20" style="font-size: 13px; fill: rgb(28, 27, 25);">σ′ = 0.105 &amp; more</text></svg>`;

async function compose(withQr: boolean) {
  const qr = withQr ? await QRCode.toString('https://example.org/a/?x=1#w', { type: 'svg', margin: 0 }) : undefined;
  return composeSvg({
    width: 400,
    height: 200,
    panels: [{ markup: panel, x: 0, y: 0, width: 400, height: 200 }],
    colors: { background: '#fff', text: '#111', muted: '#555', border: '#ccc' },
    font: 'Inter, "Noto Sans CJK SC", sans-serif',
    title: 'sigmoid 饱和 <test>',
    caption: { title: 'Why the sigmoid saturates', params: 'x = 2 · L = 10', url: 'example.org/a', qr },
    metadata: { widget: 'sigmoid-saturation', state: { x: '2' }, seed: null },
  });
}

describe('composeSvg', () => {
  it('produces a standalone SVG document: well-formed XML, a viewBox, no external references', async () => {
    const { svg, width, height } = await compose(true);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${width} ${height}`);
    expect(svg).not.toMatch(/<link|@import|url\(\s*['"]?https?:|href="https?:/);
    expect(JSON.parse(doc.getElementsByTagName('metadata')[0].textContent!)).toMatchObject({
      widget: 'sigmoid-saturation',
    });
    // The panel was placed inside the padding at its export size.
    expect(svg).toMatch(/<svg viewBox="0 0 200 100" class="x" x="16.00" y="46.00" width="400.00" height="200.00">/);
  });

  it('renders with a renderer that knows no CSS files (resvg)', async () => {
    const { svg, width, height } = await compose(false);
    const png = new Resvg(svg).render();
    expect([png.width, png.height]).toEqual([width, height]);
  });
});
