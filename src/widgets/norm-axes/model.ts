import { mixSeed } from '../../core/hashSeed.ts';
import { normalize, normSpec, type NormAxesSpec, type NormKind } from '../../core/normAxes.ts';
import { initRunningStats, updateRunningStats, type RunningStats } from '../../core/normalization.ts';
import { createRng, sampleWithoutReplacement } from '../../core/rng.ts';
import type { View } from './state.ts';

/** The brief's 3×4 batch (T4.5/T6.5): rows are samples, columns features. */
export const X_ORACLE = [1, 2, 3, 6, 3, 2, 1, 2, 5, 2, 5, 4] as const;
export const D = 4;
export const POOL_ROWS = 32;
const SEED = 20240506;
/** Feature means and spreads of the generated rows (the pool's population), one decimal. */
const POOL_MEAN = [3, 2, 3, 4];
const POOL_STD = [1.5, 0.8, 1.5, 1.5];

const round1 = (v: number) => Math.round(v * 10) / 10;

/** A fixed pool of 32 samples: the brief's three rows, then 29 seeded ones. */
export const POOL: Float64Array = (() => {
  const rng = createRng(SEED);
  const out = new Float64Array(POOL_ROWS * D);
  out.set(X_ORACLE);
  for (let r = 3; r < POOL_ROWS; r++)
    for (let j = 0; j < D; j++) out[r * D + j] = round1(POOL_MEAN[j] + POOL_STD[j] * rng.normal());
  return out;
})();

/**
 * The pool rows of mini-batch `draw` of size m. Draw 0 is the first m rows (the brief's batch for
 * m = 3); later draws keep sample 1 (the tracked sample) and add m − 1 others at random.
 */
export function batchRows(m: number, draw: number): number[] {
  if (draw === 0) return Array.from({ length: m }, (_, i) => i);
  const others = sampleWithoutReplacement(POOL_ROWS - 1, m - 1, createRng(mixSeed(SEED, m, draw)));
  return [0, ...others.map((i) => i + 1)];
}

export function batchMatrix(m: number, draw: number): Float64Array {
  const rows = batchRows(m, draw);
  const out = new Float64Array(m * D);
  rows.forEach((r, i) => out.set(POOL.subarray(r * D, r * D + D), i * D));
  return out;
}

/** Tensor shapes of the three views (the matrix view's N is the batch size m). */
export const IMAGE_SHAPE = [3, 4, 2, 3] as const;
export const TEXT_SHAPE = [2, 3, 4] as const;

/** Seeded example tensors: per-channel (per-feature) offsets and scales, so that BN and LN visibly differ. */
function tensor(shape: readonly number[], channelAxis: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  const after = shape.slice(channelAxis + 1).reduce((a, b) => a * b, 1);
  const C = shape[channelAxis];
  const offset = [2, -1, 0.5, 3];
  const scale = [1, 0.5, 2, 1.5];
  return Float64Array.from({ length: size }, (_, e) => {
    const c = Math.floor(e / after) % C;
    return round1(offset[c] + scale[c] * rng.normal());
  });
}
export const IMAGE_X = tensor(IMAGE_SHAPE, 1, SEED + 1);
export const TEXT_X = tensor(TEXT_SHAPE, 2, SEED + 2);

export interface Layout {
  readonly shape: readonly number[];
  readonly spec: NormAxesSpec;
  readonly x: Float64Array;
}

/** The tensor and the axes spec for a view and a kind (GroupNorm's G divides 4 channels/features in every view). */
export function layout(view: View, kind: NormKind, G: number, m: number, draw: number): Layout {
  if (view === 'image') return { shape: IMAGE_SHAPE, spec: normSpec(kind, 4, { groups: G }), x: IMAGE_X };
  if (view === 'text') {
    return {
      shape: TEXT_SHAPE,
      spec: normSpec(kind, 3, { channelAxis: 2, batchAxes: [0, 1], groups: G }),
      x: TEXT_X,
    };
  }
  return { shape: [m, D], spec: normSpec(kind, 2, { groups: G }), x: batchMatrix(m, draw) };
}

/** BatchNorm's statistics of one mini-batch (column mean and biased variance). */
function batchStats(m: number, draw: number): { mean: Float64Array; var: Float64Array } {
  const r = normalize(batchMatrix(m, draw), [m, D], normSpec('batch', 2));
  return { mean: r.mean, var: r.var };
}

const runningCache = new Map<number, RunningStats[]>();

/**
 * Running statistics after training on draws 0 … draw (PyTorch: momentum 0.1, unbiased variance,
 * starting from mean 0 and variance 1). With m = 1 the variance is left alone (PyTorch would refuse).
 */
export function runningAfter(m: number, draw: number): RunningStats {
  let hist = runningCache.get(m);
  if (!hist) runningCache.set(m, (hist = []));
  while (hist.length <= draw) {
    const prev = hist.length === 0 ? initRunningStats(D) : hist[hist.length - 1];
    const b = batchStats(m, hist.length);
    hist.push(updateRunningStats(prev, b.mean, b.var, m, { singleValue: 'keepVariance' }));
  }
  return hist[draw];
}

export interface Result {
  readonly layout: Layout;
  readonly y: Float64Array;
  readonly xhat: Float64Array;
  readonly mean: Float64Array;
  readonly var: Float64Array;
  readonly group: Int32Array;
  readonly groupCount: number;
  readonly groupSize: number;
  /** BatchNorm in eval mode (matrix view): the running statistics used instead of the batch's. */
  readonly running: RunningStats | null;
  /** The batch statistics even in eval mode, for comparison (BN, matrix view). */
  readonly batch: { mean: Float64Array; var: Float64Array } | null;
}

export interface NormState {
  kind: NormKind;
  view: View;
  m: number;
  draw: number;
  mode: 'train' | 'eval';
  G: '1' | '2' | '4';
}

/** Everything the view draws, from the core's normalize (ε = 1e-5, γ = 1, β = 0). */
export function compute(st: NormState): Result {
  const L = layout(st.view, st.kind, Number(st.G), st.m, st.draw);
  const evalBn = st.mode === 'eval' && st.kind === 'batch' && st.view === 'matrix';
  const running = evalBn ? runningAfter(st.m, st.draw) : null;
  const r = normalize(L.x, L.shape, L.spec, running ? { stats: running } : {});
  const batch = st.kind === 'batch' && st.view === 'matrix' ? batchStats(st.m, st.draw) : null;
  return { layout: L, ...r, running, batch };
}

export interface Spread {
  /** draws × D outputs of the tracked sample (pool row 0) under BatchNorm and under LayerNorm. */
  readonly bn: Float64Array;
  readonly ln: Float64Array;
  readonly draws: number;
  /** Standard deviation across draws of BN's output for each feature. */
  readonly bnStd: Float64Array;
  readonly lnStd: Float64Array;
  /** The tracked sample's outputs in the current mini-batch (draw `draw`). */
  readonly nowBn: Float64Array;
  readonly nowLn: Float64Array;
}

/**
 * The same sample normalised inside `draws` random mini-batches of size m: BatchNorm's output moves
 * with its batch-mates (train mode), LayerNorm's never does. In eval mode BatchNorm uses fixed
 * running statistics, so it stops moving too.
 */
const spreadCache = new Map<string, Spread>();

export function spread(m: number, mode: 'train' | 'eval', draw: number, draws = 24): Spread {
  // Sweeping the batch-size slider back and forth revisits the same few settings.
  const key = `${m},${mode},${draw},${draws}`;
  const hit = spreadCache.get(key);
  if (hit) return hit;
  if (spreadCache.size > 256) spreadCache.clear();
  const out = spreadUncached(m, mode, draw, draws);
  spreadCache.set(key, out);
  return out;
}

function spreadUncached(m: number, mode: 'train' | 'eval', draw: number, draws: number): Spread {
  const bn = new Float64Array(draws * D);
  const ln = new Float64Array(draws * D);
  const running = mode === 'eval' ? runningAfter(m, draw) : null;
  const row0 = (d: number) => {
    const x = batchMatrix(m, d);
    const b = normalize(x, [m, D], normSpec('batch', 2), running ? { stats: running } : {});
    const l = normalize(x, [m, D], normSpec('layer', 2));
    return { bn: b.y.subarray(0, D), ln: l.y.subarray(0, D) };
  };
  for (let d = 0; d < draws; d++) {
    const r = row0(d + 1);
    bn.set(r.bn, d * D);
    ln.set(r.ln, d * D);
  }
  const now = row0(draw);
  return {
    bn,
    ln,
    draws,
    bnStd: columnStd(bn, draws),
    lnStd: columnStd(ln, draws),
    nowBn: Float64Array.from(now.bn),
    nowLn: Float64Array.from(now.ln),
  };
}

/** Population standard deviation of each column, taken about the first row so identical values give exactly 0. */
function columnStd(a: Float64Array, rows: number): Float64Array {
  const out = new Float64Array(D);
  for (let j = 0; j < D; j++) {
    const ref = a[j];
    let mu = 0;
    for (let i = 0; i < rows; i++) mu += a[i * D + j] - ref;
    mu /= rows;
    let v = 0;
    for (let i = 0; i < rows; i++) v += (a[i * D + j] - ref - mu) ** 2;
    out[j] = Math.sqrt(v / rows);
  }
  return out;
}

/** Flat index → coordinates in a row-major shape. */
export function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  let r = index;
  for (let a = shape.length - 1; a >= 0; a--) {
    out[a] = r % shape[a];
    r = Math.floor(r / shape[a]);
  }
  return out;
}

export const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * A tensor view as (batch n, channel c, rest r): image [N, C, H, W] has c = axis 1 and r = h·W + w;
 * text [N, T, d] has c = the feature axis 2 and r = the token. Returns the flat index of (n, c, r).
 */
export function cubeIndex(view: 'image' | 'text', n: number, c: number, r: number): number {
  if (view === 'image') {
    const [, C, H, W] = IMAGE_SHAPE;
    return (n * C + c) * H * W + r;
  }
  const [, T, d] = TEXT_SHAPE;
  return (n * T + r) * d + c;
}

/** N, C and R (the rest) of a tensor view. */
export function cubeDims(view: 'image' | 'text'): { N: number; C: number; R: number } {
  if (view === 'image') return { N: IMAGE_SHAPE[0], C: IMAGE_SHAPE[1], R: IMAGE_SHAPE[2] * IMAGE_SHAPE[3] };
  return { N: TEXT_SHAPE[0], C: TEXT_SHAPE[2], R: TEXT_SHAPE[1] };
}
