/**
 * Reads a rendered widget into exportable panels: every chart <svg> (deep-cloned with
 * its computed styles written inline, so it renders without our CSS) and every
 * <canvas> (as a PNG image), positioned as they appear on screen. Browser-only.
 */
import type { ExportColors, ExportPanel } from './svg.ts';

const PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'visibility',
  'display',
];

/** Small decorations (icons in buttons, legend swatches) and controls are not part of the figure. */
function isChart(el: Element, root: Element): boolean {
  if (el.closest('button, .controls, .legend, [data-export="skip"]')) return false;
  const box = el.getBoundingClientRect();
  if (box.width < 48 || box.height < 24) return false;
  // Nested <svg> elements travel with their outermost chart.
  const parentSvg = el.parentElement?.closest('svg');
  return !(parentSvg && root.contains(parentSvg));
}

function inlineStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const style = PROPS.map((p) => [p, cs.getPropertyValue(p)] as const)
    .filter(([, v]) => v !== '' && v !== 'normal' && v !== 'auto')
    .map(([p, v]) => `${p}:${v}`)
    .join(';');
  if (style) dst.setAttribute('style', style);
  dst.removeAttribute('class');
  dst.removeAttribute('tabindex');
  for (let i = 0; i < src.children.length; i++) inlineStyles(src.children[i], dst.children[i]);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Heat maps paint a <canvas> inside a <foreignObject> once hydrated (CellMatrix); a clone
 * would carry an empty canvas. Each such foreignObject becomes an <image> of the canvas's
 * current pixels, at the foreignObject's place and size.
 */
function rasterizeCanvases(src: Element, dst: Element): void {
  const from = Array.from(src.querySelectorAll('foreignObject'));
  const to = Array.from(dst.querySelectorAll('foreignObject'));
  from.forEach((fo, i) => {
    const canvas = fo.querySelector('canvas');
    const target = to[i];
    if (!canvas || !target) return;
    const img = document.createElementNS(SVG_NS, 'image');
    for (const a of ['x', 'y', 'width', 'height']) {
      const v = fo.getAttribute(a);
      if (v !== null) img.setAttribute(a, v);
    }
    img.setAttribute('href', canvas.toDataURL('image/png'));
    img.setAttribute('preserveAspectRatio', 'none');
    // Cells are blocks of pixels: keep their edges sharp when the PNG is scaled up.
    img.setAttribute('style', 'image-rendering:pixelated');
    target.replaceWith(img);
  });
}

export function collectPanels(root: HTMLElement): { panels: ExportPanel[]; width: number; height: number } {
  const origin = root.getBoundingClientRect();
  const panels: ExportPanel[] = [];
  let right = 0;
  let bottom = 0;
  for (const el of Array.from(root.querySelectorAll('svg, canvas'))) {
    if (!isChart(el, root)) continue;
    const box = el.getBoundingClientRect();
    const x = box.left - origin.left;
    const y = box.top - origin.top;
    let markup: string;
    if (el instanceof HTMLCanvasElement) {
      markup = `<image href="${el.toDataURL('image/png')}" preserveAspectRatio="none"/>`;
    } else {
      const clone = el.cloneNode(true) as SVGSVGElement;
      inlineStyles(el, clone);
      rasterizeCanvases(el, clone);
      if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${box.width} ${box.height}`);
      clone.setAttribute('overflow', 'visible');
      markup = new XMLSerializer().serializeToString(clone);
    }
    panels.push({ markup, x, y, width: box.width, height: box.height });
  }
  if (panels.length === 0) return { panels, width: 0, height: 0 };
  // Keep the on-screen arrangement, without the space HTML read-outs took above and left.
  const left = Math.min(...panels.map((p) => p.x));
  const top = Math.min(...panels.map((p) => p.y));
  for (const p of panels) {
    p.x -= left;
    p.y -= top;
    right = Math.max(right, p.x + p.width);
    bottom = Math.max(bottom, p.y + p.height);
  }
  return { panels, width: right, height: bottom };
}

/** Theme colours and the font stack as the reader sees them now. */
export function currentLook(el: Element): { colors: ExportColors; font: string } {
  const cs = getComputedStyle(el);
  const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
  return {
    colors: {
      background: v('--dl-surface', '#ffffff'),
      text: v('--dl-text', '#1c1b19'),
      muted: v('--dl-text-muted', '#55524b'),
      border: v('--dl-border', '#dcd8cf'),
    },
    font: cs.fontFamily || 'sans-serif',
  };
}

/** Draws an SVG document onto a canvas at `scale` × its size and returns the PNG bytes. */
export async function rasterize(svg: string, width: number, height: number, scale: number): Promise<Uint8Array> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    if (!blob) throw new Error('the browser could not encode the PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}
