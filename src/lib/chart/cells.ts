/**
 * Thousands of heat-map cells without thousands of DOM nodes: cells are grouped by colour
 * bin and each bin becomes one SVG path in cell units (cell (i, j) is the unit square at
 * x = j, y = i), drawn under a scale(cellWidth, cellHeight) transform. The same markup is
 * server-rendered and updated on the client, so a 64×64 map is a dozen paths, readable
 * without JavaScript and in print, and cheap to redraw while a slider moves.
 */

/**
 * Maps a value to its bin 0 … bins−1, or −1 to leave the cell out. The binners below also
 * describe themselves (`spec`), so a painter can bin a whole matrix in one tight loop.
 */
export type Binner = ((v: number, index: number) => number) & { spec?: BinSpec };

export type BinSpec =
  { kind: 'diverging'; levels: number; limit: number } | { kind: 'sqrt'; bins: number; causal?: CausalMask };

/** In an n×n matrix, the cells above the diagonal (column > row) go to `bin`. */
export interface CausalMask {
  n: number;
  bin: number;
}

/** Bins of a whole matrix into `out` (−1 = left out), inlining the common binners. */
export function binAll(values: ArrayLike<number>, bin: Binner, out: Int16Array): Int16Array {
  const n = out.length;
  const spec = bin.spec;
  if (spec?.kind === 'diverging') {
    const { levels, limit } = spec;
    const s = levels / limit;
    for (let k = 0; k < n; k++) {
      const v = values[k];
      if (!Number.isFinite(v)) out[k] = -1;
      else {
        const t = v * s;
        out[k] = levels + Math.round(t > levels ? levels : t < -levels ? -levels : t);
      }
    }
  } else if (spec?.kind === 'sqrt') {
    const top = spec.bins - 1;
    const mask = spec.causal;
    for (let k = 0; k < n; k++) {
      const v = values[k];
      out[k] = v > 0 ? Math.min(top, Math.round(Math.sqrt(v < 1 ? v : 1) * top)) : 0;
    }
    if (mask) for (let k = 0; k < n; k++) if (k % mask.n > Math.floor(k / mask.n)) out[k] = mask.bin;
  } else {
    for (let k = 0; k < n; k++) out[k] = bin(values[k], k);
  }
  return out;
}

/**
 * One path string per bin. Horizontal runs of equal bins in a row merge into one
 * rectangle, so smooth maps cost far fewer characters than cells.
 */
export function binnedCellPaths(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  bins: number,
  bin: Binner,
): string[] {
  const parts: string[][] = Array.from({ length: bins }, () => []);
  // Where each bin's last run started: after "z" the pen is back there, so the next run of
  // the bin moves relative to it ("m3 0"), which is shorter and compresses far better than
  // absolute positions in a page's HTML.
  const at: ([number, number] | null)[] = Array.from({ length: bins }, () => null);
  for (let i = 0; i < rows; i++) {
    let j = 0;
    while (j < cols) {
      const k = i * cols + j;
      const b = bin(values[k], k);
      let run = 1;
      while (j + run < cols && bin(values[k + run], k + run) === b) run++;
      if (b >= 0 && b < bins) {
        const last = at[b];
        parts[b].push(`${last ? `m${j - last[0]} ${i - last[1]}` : `M${j} ${i}`}h${run}v1h-${run}z`);
        at[b] = [j, i];
      }
      j += run;
    }
  }
  return parts.map((p) => p.join(''));
}

/**
 * Every k-th row and column so that at most maxRows × maxCols cells remain: a light preview
 * of a large matrix for the server-rendered HTML (the client paints every cell once hydrated).
 */
export function sampleGrid(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  maxRows: number,
  maxCols: number,
): { values: ArrayLike<number>; rows: number; cols: number } {
  const kr = Math.max(1, Math.ceil(rows / maxRows));
  const kc = Math.max(1, Math.ceil(cols / maxCols));
  if (kr === 1 && kc === 1) return { values, rows, cols };
  const r2 = Math.ceil(rows / kr);
  const c2 = Math.ceil(cols / kc);
  const out = new Float64Array(r2 * c2);
  for (let i = 0; i < r2; i++) for (let j = 0; j < c2; j++) out[i * c2 + j] = values[i * kr * cols + j * kc];
  return { values: out, rows: r2, cols: c2 };
}

/** Lines between cells (one path in cell units), drawn with a non-scaling stroke as gaps. */
export function cellGridPath(rows: number, cols: number): string {
  let d = '';
  for (let i = 1; i < rows; i++) d += `M0 ${i}H${cols}`;
  for (let j = 1; j < cols; j++) d += `M${j} 0V${rows}`;
  return d;
}

/**
 * Sequential bins for values in [0, 1] on a square-root scale (small weights stay visible);
 * with `causal`, the cells above an n×n matrix's diagonal go to its own bin instead.
 */
export function sqrtBinner(bins: number, causal?: CausalMask): Binner {
  const f: Binner = (v, k) => {
    if (causal && k % causal.n > Math.floor(k / causal.n)) return causal.bin;
    if (!(v > 0)) return 0;
    return Math.min(bins - 1, Math.round(Math.sqrt(Math.min(1, v)) * (bins - 1)));
  };
  f.spec = causal ? { kind: 'sqrt', bins, causal } : { kind: 'sqrt', bins };
  return f;
}

/**
 * Diverging bins for signed values: bin `levels` is zero, below it negative magnitudes,
 * above it positive, linear in |v|/limit and clipped at ±limit. 2·levels + 1 bins in all.
 */
export function divergingBinner(levels: number, limit: number): Binner {
  const f: Binner = (v) => {
    if (!Number.isFinite(v)) return -1;
    const t = Math.max(-1, Math.min(1, v / limit));
    return levels + Math.round(t * levels);
  };
  f.spec = { kind: 'diverging', levels, limit };
  return f;
}

/** CSS colours of sequential bins: from the surface to `color` (a var(--dl-…) token). */
export function sequentialColors(bins: number, color = 'var(--dl-series-1)'): string[] {
  return Array.from({ length: bins }, (_, b) => mix(color, b / (bins - 1)));
}

/** CSS colours of diverging bins: `negative` … surface … `positive`. */
export function divergingColors(
  levels: number,
  positive = 'var(--dl-series-1)',
  negative = 'var(--dl-series-2)',
): string[] {
  const out: string[] = [];
  for (let b = 0; b <= 2 * levels; b++) {
    const t = (b - levels) / levels;
    out.push(mix(t < 0 ? negative : positive, Math.abs(t)));
  }
  return out;
}

function mix(color: string, share: number): string {
  const p = Math.round(share * 100);
  if (p <= 0) return 'var(--dl-surface)';
  if (p >= 100) return color;
  return `color-mix(in oklab, ${color} ${p}%, var(--dl-surface))`;
}

/** Whether text on bin b of a sequential/diverging scale should use the light (surface) colour. */
export function strongBin(b: number, bins: number, diverging = false): boolean {
  if (diverging) {
    const levels = (bins - 1) / 2;
    return Math.abs(b - levels) / levels > 0.55;
  }
  return b / (bins - 1) > 0.55;
}
