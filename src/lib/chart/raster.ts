/**
 * Client-side raster drawing for CellMatrix: once hydrated, a matrix is painted into a small
 * canvas (one pixel per cell, a few per cell where a hatched bin needs stripes) and scaled
 * up crisply by the browser, which redraws a 64×64 map in well under a millisecond. Colours
 * stay theme tokens: the CSS strings (var(), color-mix()) are resolved against the element
 * and re-resolved when the theme changes.
 */
import { binAll, type Binner } from './cells.ts';
import { themeVersion } from './theme.svelte.ts';

export interface Palette {
  /** RGBA per bin. */
  rgba: Uint8ClampedArray;
  /** Bins drawn as diagonal stripes (colours given as url(#…)). */
  hatch: boolean[];
  stripe: [number, number, number];
  back: [number, number, number];
}

let probe: CanvasRenderingContext2D | null = null;

function toRgb(css: string): [number, number, number, number] {
  probe ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!probe) return [0, 0, 0, 0];
  probe.clearRect(0, 0, 1, 1);
  probe.fillStyle = 'rgba(0,0,0,0)';
  probe.fillStyle = css;
  probe.fillRect(0, 0, 1, 1);
  const d = probe.getImageData(0, 0, 1, 1).data;
  return [d[0], d[1], d[2], d[3]];
}

/** Replaces var(--x) by the element's computed value (one level, as the tokens are plain colours). */
function substitute(css: string, style: CSSStyleDeclaration): string {
  return css.replace(/var\((--[\w-]+)\)/g, (_, name: string) => style.getPropertyValue(name).trim() || 'transparent');
}

const cache = new Map<string, { version: number; palette: Palette }>();

/** The palette for `colors` as they resolve on `el`, cached until the theme changes. */
export function resolvePalette(colors: readonly string[], el: Element): Palette {
  const key = colors.join('\u0001');
  const v = themeVersion();
  const hit = cache.get(key);
  if (hit && hit.version === v) return hit.palette;
  const palette = computePalette(colors, el);
  cache.set(key, { version: v, palette });
  return palette;
}

function computePalette(colors: readonly string[], el: Element): Palette {
  const style = getComputedStyle(el);
  const rgba = new Uint8ClampedArray(colors.length * 4);
  const hatch = colors.map((c) => c.startsWith('url('));
  colors.forEach((c, b) => {
    if (hatch[b]) return;
    rgba.set(toRgb(substitute(c, style)), b * 4);
  });
  const s = toRgb(substitute('var(--dl-border)', style));
  const k = toRgb(substitute('var(--dl-surface-2)', style));
  return { rgba, hatch, stripe: [s[0], s[1], s[2]], back: [k[0], k[1], k[2]] };
}

// An off-screen scratch canvas holds the cells at one pixel each (f × f where hatched); the
// visible canvas keeps a fixed backing size and receives a nearest-neighbour drawImage of the
// scratch's top-left W × H pixels, so a new d_k (a new number of columns) never resizes a
// canvas in the document: no relayout.
// Each visible canvas has a scratch of its own that only grows, with an ImageData of the same
// size; a redraw writes the top-left W × H of both (putImageData's dirty rectangle), so a
// slider sweeping through shapes allocates nothing. (Drawing a canvas into another snapshots
// it, and the next putImageData copies the whole scratch backing first: that is why scratches
// are not shared, where one canvas grown to the largest matrix on the page made every small
// redraw pay for that size. One scratch per size instead allocated a canvas, a context and an
// ImageData at every step of a sweep, whose garbage then stalled the sweep in collections:
// 64 ms of one 141 ms d_k step in a CPU profile of the attention widget.)
interface Scratch {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
  img: ImageData;
  px: Uint32Array;
}
const scratches = new WeakMap<HTMLCanvasElement, Scratch>();

/** The scratch for `canvas`, grown to at least W × H pixels. */
function scratchFor(canvas: HTMLCanvasElement, W: number, H: number): Scratch | null {
  let slot = scratches.get(canvas);
  if (!slot || slot.canvas.width < W || slot.canvas.height < H) {
    const width = Math.max(W, slot?.canvas.width ?? 0);
    const height = Math.max(H, slot?.canvas.height ?? 0);
    const c = slot?.canvas ?? document.createElement('canvas');
    c.width = width;
    c.height = height;
    const ctx = slot?.ctx ?? c.getContext('2d');
    if (!ctx) return null;
    const img = ctx.createImageData(c.width, c.height);
    slot = { canvas: c, ctx, img, px: new Uint32Array(img.data.buffer) };
    scratches.set(canvas, slot);
  }
  return slot;
}

/** The cells' bins, in a buffer reused from one redraw to the next (paintCells is synchronous). */
let binBuffer = new Int16Array(0);

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function pack(r: number, g: number, b: number, a: number): number {
  return littleEndian ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

/** Paints rows × cols cells into `canvas` (f × f pixels per cell; f > 1 only for hatched cells). */
export function paintCells(
  canvas: HTMLCanvasElement,
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  bin: Binner,
  palette: Palette,
): void {
  const { rgba, hatch, stripe, back } = palette;
  const nb = rgba.length / 4;
  const colors = new Uint32Array(nb);
  for (let b = 0; b < nb; b++) colors[b] = pack(rgba[4 * b], rgba[4 * b + 1], rgba[4 * b + 2], rgba[4 * b + 3]);
  const cStripe = pack(stripe[0], stripe[1], stripe[2], 255);
  const cBack = pack(back[0], back[1], back[2], 255);
  const out = canvas.getContext('2d');
  if (!out || rows * cols === 0) return;
  if (binBuffer.length < rows * cols) binBuffer = new Int16Array(rows * cols);
  const bins = binAll(values, bin, binBuffer.subarray(0, rows * cols));
  let hatched = false;
  const anyHatch = hatch.some(Boolean);
  for (let k = 0; k < bins.length; k++) {
    const b = bins[k];
    if (b >= nb) bins[k] = -1;
    else if (anyHatch && b >= 0 && hatch[b]) hatched = true;
  }
  const f = hatched ? Math.max(1, Math.min(6, Math.floor(768 / Math.max(rows, cols)))) : 1;
  const W = cols * f;
  const H = rows * f;
  const slot = scratchFor(canvas, W, H);
  if (!slot) return;
  const { canvas: scratch, ctx, img, px } = slot;
  const stride = img.width;
  if (f === 1) {
    for (let i = 0; i < rows; i++) {
      const row = i * stride;
      const src = i * cols;
      for (let j = 0; j < cols; j++) {
        const b = bins[src + j];
        px[row + j] = b < 0 ? 0 : colors[b];
      }
    }
  } else {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const b = bins[i * cols + j];
        const c = b < 0 ? 0 : colors[b];
        const striped = b >= 0 && hatch[b];
        for (let y = i * f; y < (i + 1) * f; y++) {
          let p = y * stride + j * f;
          for (let x = j * f; x < (j + 1) * f; x++, p++) px[p] = striped ? ((x + y) % 6 < 2 ? cStripe : cBack) : c;
        }
      }
    }
  }
  ctx.putImageData(img, 0, 0, 0, 0, W, H);
  out.imageSmoothingEnabled = false;
  out.clearRect(0, 0, canvas.width, canvas.height);
  out.drawImage(scratch, 0, 0, W, H, 0, 0, canvas.width, canvas.height);
}
