import { NORM_EPS } from './constants.ts';
import type { Rng } from './rng.ts';

/**
 * One normaliser for BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm: they differ
 * only in which cells of the tensor share one mean and variance. A spec names those axes.
 * Tensors are row-major Float64Arrays with an explicit shape ([N, D], [N, C, H, W], [N, T, d], …).
 */

export const NORM_KINDS = ['batch', 'layer', 'instance', 'group', 'rms'] as const;
export type NormKind = (typeof NORM_KINDS)[number];

export interface NormSpec {
  /** Axes reduced over: cells that differ only in these coordinates share μ and σ². */
  readonly reduce: readonly number[];
  /**
   * GroupNorm: a kept axis cut into `groups` contiguous blocks; the channels of one block share
   * statistics (so within a block that axis is reduced too).
   */
  readonly split?: { readonly axis: number; readonly groups: number };
  /** false for RMSNorm: nothing is subtracted, and the "variance" is the mean square. */
  readonly center: boolean;
  /** Axes that index γ and β (length = product of these sizes); [] for one scalar pair. */
  readonly paramAxes: readonly number[];
}

export interface NormSpecOptions {
  /** The channel/feature axis (default 1: D of [N, D], C of [N, C, H, W]; use 2 for [N, T, d]). */
  channelAxis?: number;
  /**
   * Axes that index separate samples (default [0], N). For text [N, T, d] pass [0, 1]: a
   * Transformer's LayerNorm treats every token as its own sample and normalises over d only.
   */
  batchAxes?: readonly number[];
  /** GroupNorm's number of groups G (must divide the channel count when the spec is used). */
  groups?: number;
  /**
   * LayerNorm/RMSNorm γ, β: 'elementwise' (PyTorch's normalized_shape: one per cell of a sample,
   * i.e. per feature for [N, D]) or 'channel' (one per channel, as GroupNorm/BN). Default elementwise.
   */
  layerParams?: 'elementwise' | 'channel';
}

/**
 * The standard specs. BN: per channel over all other axes (N,H,W); LN: per sample over the rest
 * (C,H,W or D); IN: per (n, c) over H,W; GN: per (n, g) over (C/G),H,W; RMSNorm: LN's axes, no centring.
 */
export function normSpec(kind: NormKind, rank: number, options: NormSpecOptions = {}): NormSpec {
  const { channelAxis = 1, batchAxes = [0], groups = 1, layerParams = 'elementwise' } = options;
  if (!(Number.isInteger(rank) && rank >= 2)) throw new RangeError(`normSpec needs rank ≥ 2 (got ${rank})`);
  for (const a of batchAxes) checkAxis(a, rank);
  checkAxis(channelAxis, rank);
  if (batchAxes.includes(channelAxis)) throw new RangeError(`channel axis ${channelAxis} is also a batch axis`);
  const all = Array.from({ length: rank }, (_, a) => a);
  const nonBatch = all.filter((a) => !batchAxes.includes(a));
  const layerParamAxes = layerParams === 'channel' ? [channelAxis] : nonBatch;
  switch (kind) {
    case 'batch':
      return { reduce: all.filter((a) => a !== channelAxis), center: true, paramAxes: [channelAxis] };
    case 'layer':
      return { reduce: nonBatch, center: true, paramAxes: layerParamAxes };
    case 'rms':
      return { reduce: nonBatch, center: false, paramAxes: layerParamAxes };
    case 'instance':
      return { reduce: nonBatch.filter((a) => a !== channelAxis), center: true, paramAxes: [channelAxis] };
    case 'group':
      return {
        reduce: nonBatch.filter((a) => a !== channelAxis),
        split: { axis: channelAxis, groups },
        center: true,
        paramAxes: [channelAxis],
      };
  }
}

export interface NormGroups {
  /** Group index of every cell (same length as the tensor): cells with equal index share μ, σ². */
  readonly group: Int32Array;
  readonly groupCount: number;
  /** Cells per group, the m of the statistics (every group has the same size). */
  readonly groupSize: number;
}

/**
 * Which cells share statistics. Groups are numbered row-major over the kept axes (a split axis
 * counts as its block index), so BN's group is the channel, LN's the sample, IN's n·C + c and
 * GN's n·G + g.
 */
export function normGroups(shape: readonly number[], spec: NormSpec): NormGroups {
  const rank = shape.length;
  validateShape(shape);
  const div = shape.map(() => 1);
  for (const a of spec.reduce) {
    checkAxis(a, rank);
    div[a] = shape[a];
  }
  if (new Set(spec.reduce).size !== spec.reduce.length) throw new RangeError('reduce axes repeat');
  if (spec.split) {
    const { axis, groups } = spec.split;
    checkAxis(axis, rank);
    if (spec.reduce.includes(axis)) throw new RangeError(`axis ${axis} is both reduced and split`);
    if (!(Number.isInteger(groups) && groups >= 1 && shape[axis] % groups === 0)) {
      throw new RangeError(`${groups} groups do not divide ${shape[axis]} channels`);
    }
    div[axis] = shape[axis] / groups;
  }
  const size = shape.map((s, a) => s / div[a]);
  const mult = strides(size);
  const total = product(shape);
  const groupCount = product(size);
  const group = new Int32Array(total);
  const coord = new Array<number>(rank).fill(0);
  for (let i = 0; i < total; i++) {
    let g = 0;
    for (let a = 0; a < rank; a++) g += Math.floor(coord[a] / div[a]) * mult[a];
    group[i] = g;
    increment(coord, shape);
  }
  return { group, groupCount, groupSize: total / groupCount };
}

export interface NormOptions {
  /** Added to σ² under the root (default 1e-5, PyTorch; Keras uses 1e-3). */
  eps?: number;
  /** Scale γ: a number, or one per entry of the spec's param axes. Default 1. */
  gamma?: number | ArrayLike<number>;
  /** Shift β, shaped like γ. Default 0. RMSNorm as published has no β; pass none. */
  beta?: number | ArrayLike<number>;
  /**
   * Use these statistics (indexed by group) instead of the batch's: BN's eval mode with its
   * running mean and variance. For an RMS spec the mean is ignored.
   */
  stats?: { readonly mean: ArrayLike<number>; readonly var: ArrayLike<number> };
}

export interface NormResult extends NormGroups {
  /** y = γ x̂ + β. */
  readonly y: Float64Array;
  /** x̂ = (x − μ)/√(σ² + ε); 0 where σ² + ε = 0 (a constant column with ε = 0). */
  readonly xhat: Float64Array;
  /** μ per group (0 for RMSNorm, which does not centre). */
  readonly mean: Float64Array;
  /** Biased σ² per group (divide by m); for RMSNorm the mean square (1/m)Σx². */
  readonly var: Float64Array;
}

/**
 * Normalise x over the spec's axes: μ_g = (1/m)Σx, σ²_g = (1/m)Σ(x − μ_g)² (two passes, so no
 * cancellation), x̂ = (x − μ_g)/√(σ²_g + ε), y = γ x̂ + β.
 */
export function normalize(
  x: ArrayLike<number>,
  shape: readonly number[],
  spec: NormSpec,
  options: NormOptions = {},
): NormResult {
  const { eps = NORM_EPS, gamma = 1, beta = 0, stats } = options;
  const groups = normGroups(shape, spec);
  const { group, groupCount, groupSize } = groups;
  const n = group.length;
  if (x.length !== n) throw new RangeError(`tensor has ${x.length} values, shape needs ${n}`);
  if (!(eps >= 0)) throw new RangeError(`ε must be ≥ 0 (got ${eps})`);

  const mean = new Float64Array(groupCount);
  const variance = new Float64Array(groupCount);
  if (stats) {
    if (stats.mean.length !== groupCount || stats.var.length !== groupCount) {
      throw new RangeError(`stats need ${groupCount} entries, one per group`);
    }
    for (let g = 0; g < groupCount; g++) {
      mean[g] = spec.center ? stats.mean[g] : 0;
      variance[g] = stats.var[g];
    }
  } else {
    if (spec.center) {
      for (let i = 0; i < n; i++) mean[group[i]] += x[i];
      for (let g = 0; g < groupCount; g++) mean[g] /= groupSize;
    }
    for (let i = 0; i < n; i++) {
      const d = x[i] - mean[group[i]];
      variance[group[i]] += d * d;
    }
    for (let g = 0; g < groupCount; g++) variance[g] /= groupSize;
  }

  const inv = new Float64Array(groupCount);
  for (let g = 0; g < groupCount; g++) {
    const s = Math.sqrt(variance[g] + eps);
    // A constant group with ε = 0 is 0/0; the brief (and every framework with ε > 0) maps it to 0.
    inv[g] = s > 0 ? 1 / s : 0;
  }

  const paramIndex = paramIndexer(shape, spec.paramAxes);
  const gam = paramReader(gamma, paramIndex.count, 'γ');
  const bet = paramReader(beta, paramIndex.count, 'β');
  const xhat = new Float64Array(n);
  const y = new Float64Array(n);
  const coord = new Array<number>(shape.length).fill(0);
  for (let i = 0; i < n; i++) {
    const g = group[i];
    const v = (x[i] - mean[g]) * inv[g];
    const p = paramIndex.at(coord);
    xhat[i] = v;
    y[i] = gam(p) * v + bet(p);
    increment(coord, shape);
  }
  return { ...groups, y, xhat, mean, var: variance };
}

export interface RunningStats {
  readonly mean: Float64Array;
  readonly var: Float64Array;
}

/** Fresh running statistics as frameworks initialise them: mean 0, variance 1. */
export function initRunningStats(channels: number): RunningStats {
  return { mean: new Float64Array(channels), var: new Float64Array(channels).fill(1) };
}

export interface RunningStatsOptions {
  /**
   * PyTorch (default): α = momentum = 0.1 weights the new batch, and the variance stored is the
   * unbiased m/(m−1)·σ². Keras: momentum = 0.99 weights the OLD value (the opposite convention)
   * and its moving variance is the biased batch variance.
   */
  convention?: 'pytorch' | 'keras';
  momentum?: number;
}

/**
 * One training step's update of BN running statistics from the batch μ and biased σ² over m
 * values per channel: μ̂ ← (1−α)μ̂ + αμ_B, σ̂² ← (1−α)σ̂² + α·m/(m−1)·σ²_B (PyTorch).
 * Throws for m < 2 as PyTorch does ("Expected more than 1 value per channel when training"):
 * the unbiased variance of one value is undefined.
 */
export function updateRunningStats(
  running: RunningStats,
  batchMean: ArrayLike<number>,
  batchVar: ArrayLike<number>,
  m: number,
  options: RunningStatsOptions = {},
): RunningStats {
  const { convention = 'pytorch' } = options;
  const c = running.mean.length;
  if (batchMean.length !== c || batchVar.length !== c || running.var.length !== c) {
    throw new RangeError('running and batch statistics differ in length');
  }
  let wNew: number;
  let bessel: number;
  if (convention === 'pytorch') {
    if (!(m >= 2)) throw new RangeError('Expected more than 1 value per channel when training');
    wNew = options.momentum ?? 0.1;
    bessel = m / (m - 1);
  } else {
    wNew = 1 - (options.momentum ?? 0.99);
    bessel = 1;
  }
  const mean = new Float64Array(c);
  const variance = new Float64Array(c);
  for (let j = 0; j < c; j++) {
    mean[j] = (1 - wNew) * running.mean[j] + wNew * batchMean[j];
    variance[j] = (1 - wNew) * running.var[j] + wNew * bessel * batchVar[j];
  }
  return { mean, var: variance };
}

/** Standard error of a batch mean of a unit-variance feature: 1/√m (why small batches give noisy BN). */
export function batchMeanStd(m: number): number {
  return 1 / Math.sqrt(m);
}

/**
 * A mini-batch of m distinct rows drawn from a pool of rows × cols values (partial Fisher–Yates),
 * written row-major into out; for showing BN's statistics jump from batch to batch.
 */
export function sampleRows(
  pool: ArrayLike<number>,
  rows: number,
  cols: number,
  m: number,
  rng: Rng,
  out: Float64Array = new Float64Array(m * cols),
): Float64Array {
  if (!(Number.isInteger(m) && m >= 1 && m <= rows)) throw new RangeError(`cannot draw ${m} of ${rows} rows`);
  if (pool.length !== rows * cols) throw new RangeError('pool length is not rows × cols');
  const idx = Array.from({ length: rows }, (_, i) => i);
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(rows - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
    for (let c = 0; c < cols; c++) out[i * cols + c] = pool[idx[i] * cols + c];
  }
  return out;
}

function validateShape(shape: readonly number[]): void {
  if (shape.length === 0 || !shape.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new RangeError(`bad shape [${shape.join(', ')}]`);
  }
}

function checkAxis(a: number, rank: number): void {
  if (!(Number.isInteger(a) && a >= 0 && a < rank)) throw new RangeError(`axis ${a} out of range for rank ${rank}`);
}

function product(xs: readonly number[]): number {
  return xs.reduce((p, s) => p * s, 1);
}

function strides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let m = 1;
  for (let a = shape.length - 1; a >= 0; a--) {
    s[a] = m;
    m *= shape[a];
  }
  return s;
}

/** Row-major odometer step. */
function increment(coord: number[], shape: readonly number[]): void {
  for (let a = shape.length - 1; a >= 0; a--) {
    if (++coord[a] < shape[a]) return;
    coord[a] = 0;
  }
}

function paramIndexer(shape: readonly number[], axes: readonly number[]) {
  for (const a of axes) checkAxis(a, shape.length);
  const sizes = axes.map((a) => shape[a]);
  const st = strides(sizes);
  return {
    count: product(sizes),
    at(coord: readonly number[]): number {
      let p = 0;
      for (let k = 0; k < axes.length; k++) p += coord[axes[k]] * st[k];
      return p;
    },
  };
}

function paramReader(v: number | ArrayLike<number>, count: number, name: string): (p: number) => number {
  if (typeof v === 'number') return () => v;
  if (v.length !== count) throw new RangeError(`${name} needs ${count} values (got ${v.length})`);
  return (p) => v[p];
}
