/**
 * Geometry of the main figure (tokens | Q | K | A | weights·V | O). The box's aspect ratio
 * depends only on the state and on which of two modes applies (CSS picks the same mode
 * with a container query before hydration), so hydrating never shifts the page.
 */

export const NARROW_BELOW = 560;
export const ASPECT_WIDE = 0.56;
export const ASPECT_NARROW = 1.78;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface BandLayout {
  narrow: boolean;
  width: number;
  height: number;
  /** Row and column size of A (square cells). */
  cell: number;
  /** Row height of the Q/K/V/O panels (= cell in the wide mode). */
  row: number;
  labelW: number;
  /** Space above A for rotated (or upright) key labels. */
  colLabelH: number;
  rotateCols: boolean;
  A: Rect;
  Q: Rect;
  K: Rect;
  bars: Rect;
  V: Rect;
  O: Rect;
}

const TITLE_H = 34;
const GAP = 12;
/** Room at the right for the highlighted row's outline, which is drawn centred on the panel's edge. */
export const EDGE = 3;

/** Character cells of the longest token → label width in px at the chart's small font. */
export function labelWidth(maxTokenCells: number, fontScale = 1): number {
  return Math.max(26, Math.min(110, 10 + 6.6 * maxTokenCells)) * fontScale;
}

/** fontScale: the theme's chart font relative to 11.5 px (the projector's is larger). */
export function bandLayout(width: number, n: number, maxTokenCells: number, fontScale = 1): BandLayout {
  const narrow = width < NARROW_BELOW;
  const height = Math.round(width * (narrow ? ASPECT_NARROW : ASPECT_WIDE));
  const labelW = labelWidth(maxTokenCells, fontScale);
  // Upright labels fit one CJK character or a short word; longer ones are rotated.
  const rotateCols = maxTokenCells > 3;
  const colLabelH = (rotateCols ? Math.min(76, 8 + 6.2 * maxTokenCells) : 20) * fontScale;
  const barsW = 30;
  const titleH = TITLE_H * fontScale;
  if (!narrow) {
    const avail = height - titleH - colLabelH;
    const pwMin = 30;
    const maxSide = width - EDGE - labelW - 4 * pwMin - barsW - 6 * GAP;
    const cell = Math.max(2, Math.min(avail / n, maxSide / n, 44));
    const side = cell * n;
    const pw = Math.min(96, (width - EDGE - labelW - side - barsW - 6 * GAP) / 4);
    const used = labelW + 4 * pw + side + barsW + 6 * GAP;
    let x = Math.max(0, (width - EDGE - used) / 2) + labelW + GAP;
    const y = titleH + colLabelH;
    const Q = { x, y, w: pw, h: side };
    x += pw + GAP;
    const K = { x, y, w: pw, h: side };
    x += pw + GAP * 1.5;
    const A = { x, y, w: side, h: side };
    x += side + GAP * 1.5;
    const bars = { x, y, w: barsW, h: side };
    x += barsW;
    const V = { x, y, w: pw, h: side };
    x += pw + GAP;
    const O = { x, y, w: pw, h: side };
    return {
      narrow,
      width,
      height,
      cell,
      row: cell,
      labelW,
      colLabelH,
      rotateCols,
      A,
      Q,
      K,
      bars,
      V,
      O,
    };
  }
  // Narrow: A on its own band, then Q | K | weights·V | O with the same rows below it.
  const avail = (height - 2 * titleH - colLabelH - GAP) / 2;
  const cell = Math.max(2, Math.min(avail / n, (width - labelW - 6) / n, 40));
  const side = cell * n;
  const aX = labelW + 6 + Math.max(0, (width - labelW - 6 - side) / 2);
  const A = { x: aX, y: titleH + colLabelH, w: side, h: side };
  const y2 = A.y + side + GAP + titleH;
  const pw = (width - EDGE - labelW - 6 - barsW - 3 * 8) / 4;
  let x = labelW + 6;
  const Q = { x, y: y2, w: pw, h: side };
  x += pw + 8;
  const K = { x, y: y2, w: pw, h: side };
  x += pw + 8;
  const bars = { x, y: y2, w: barsW, h: side };
  x += barsW;
  const V = { x, y: y2, w: pw, h: side };
  x += pw + 8;
  const O = { x, y: y2, w: pw, h: side };
  return {
    narrow,
    width,
    height,
    cell,
    row: cell,
    labelW,
    colLabelH,
    rotateCols,
    A,
    Q,
    K,
    bars,
    V,
    O,
  };
}

/** Show every k-th label so labels never overlap (k = 1 when rows are tall enough). */
export function labelStride(cell: number, minPx = 12): number {
  return Math.max(1, Math.ceil(minPx / Math.max(cell, 0.5)));
}
