/**
 * Composes an exported figure: the widget's chart panels (already self-contained SVG
 * with inlined styles, or images of canvases), an optional title, and an optional
 * caption bar (title, key parameter values, short URL, QR code), with the state in
 * <metadata>. Pure string assembly, so it is tested without a browser.
 */
export interface ExportPanel {
  /** A complete <svg …>…</svg> or <image …/> element. */
  markup: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ExportCaption {
  title: string;
  /** "x = 4 · L = 20 · act = tanh" */
  params: string;
  /** The short URL shown in the bar. */
  url: string;
  /** A QR code as an <svg> element (from the qrcode library), drawn at the right of the bar. */
  qr?: string;
}

export interface ExportColors {
  background: string;
  text: string;
  muted: string;
  border: string;
}

export interface ComposeOptions {
  /** Size of the area the panels occupy, in CSS pixels. */
  width: number;
  height: number;
  panels: ExportPanel[];
  colors: ExportColors;
  font: string;
  title?: string;
  caption?: ExportCaption | null;
  metadata: Record<string, unknown>;
}

const PAD = 16;
const TITLE_H = 30;

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Places a panel's root element at (x, y) with its size, whatever it was before. */
function place(p: ExportPanel, dx: number, dy: number): string {
  const x = (p.x + dx).toFixed(2);
  const y = (p.y + dy).toFixed(2);
  return p.markup.replace(/^<(svg|image)\b([^>]*?)(\/?)>/, (_m, tag: string, attrs: string, self: string) => {
    const kept = attrs.replace(/\s(x|y|width|height)="[^"]*"/g, '');
    return `<${tag}${kept} x="${x}" y="${y}" width="${p.width.toFixed(2)}" height="${p.height.toFixed(2)}"${self}>`;
  });
}

export function composeSvg(o: ComposeOptions): { svg: string; width: number; height: number } {
  const top = PAD + (o.title ? TITLE_H : 0);
  const qrSize = o.caption?.qr ? 84 : 0;
  const captionH = o.caption ? Math.max(64, qrSize + 16) : 0;
  const width = Math.ceil(o.width + 2 * PAD);
  const height = Math.ceil(top + o.height + PAD + captionH);
  const { background, text, muted, border } = o.colors;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${xmlEscape(o.font)}">`,
  );
  parts.push(`<metadata>${xmlEscape(JSON.stringify(o.metadata))}</metadata>`);
  parts.push(`<rect width="${width}" height="${height}" fill="${xmlEscape(background)}"/>`);
  if (o.title) {
    parts.push(
      `<text x="${PAD}" y="${PAD + 20}" font-size="18" font-weight="700" fill="${xmlEscape(text)}">${xmlEscape(o.title)}</text>`,
    );
  }
  for (const p of o.panels) parts.push(place(p, PAD, top));
  if (o.caption) {
    const y0 = top + o.height + PAD;
    const c = o.caption;
    parts.push(`<line x1="0" x2="${width}" y1="${y0}" y2="${y0}" stroke="${xmlEscape(border)}" stroke-width="1"/>`);
    const textW = width - 2 * PAD - (qrSize ? qrSize + 12 : 0);
    // Squeeze the title only if it would run into the QR code (CJK ≈ 1 em per character, Latin ≈ 0.55 em).
    const estimate = [...c.title].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 15 : 8.5), 0);
    const fit = estimate > textW ? ` textLength="${textW}" lengthAdjust="spacingAndGlyphs"` : '';
    parts.push(
      `<text x="${PAD}" y="${y0 + 24}" font-size="15" font-weight="700" fill="${xmlEscape(text)}"${fit}>${xmlEscape(c.title)}</text>`,
    );
    if (c.params)
      parts.push(
        `<text x="${PAD}" y="${y0 + 44}" font-size="12.5" fill="${xmlEscape(muted)}">${xmlEscape(c.params)}</text>`,
      );
    parts.push(`<text x="${PAD}" y="${y0 + 60}" font-size="12" fill="${xmlEscape(muted)}">${xmlEscape(c.url)}</text>`);
    if (c.qr) {
      parts.push(place({ markup: c.qr, x: width - PAD - qrSize, y: y0 + 8, width: qrSize, height: qrSize }, 0, 0));
    }
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height };
}
