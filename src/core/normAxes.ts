import { NORM_EPS } from './constants.ts';
import {
  createNormCache,
  createNormPlan,
  normForward,
  normForwardWithStats,
  type NormPlan,
  type NormSpec,
} from './normalization.ts';
import { sampleWithoutReplacement, type Rng } from './rng.ts';

/**
 * The kind-based front end to the normalisation engine (`normalization.ts`) for widgets:
 * BatchNorm, LayerNorm, InstanceNorm, GroupNorm and RMSNorm differ only in which cells of the
 * tensor share one mean and variance. `normSpec` names those axes for a kind and a rank,
 * `toNormSpec` binds them to a shape for the engine (which also does the backward pass),
 * `normGroups` says which cells share statistics (for highlighting), and `normalize` returns
 * everything a widget draws. Tensors are row-major Float64Arrays with an explicit shape
 * ([N, D], [N, C, H, W], [N, T, d], …). Running statistics: `updateRunningStats` in the engine.
 */

export const NORM_KINDS = ['batch', 'layer', 'instance', 'group', 'rms'] as const;
export type NormKind = (typeof NORM_KINDS)[number];

export interface NormAxesSpec {
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
export function normSpec(kind: NormKind, rank: number, options: NormSpecOptions = {}): NormAxesSpec {
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
 * The engine's spec for a kind spec on a concrete shape. GroupNorm's split axis C becomes the
 * pair [G, C/G] (the same row-major layout, so the data need no copy) with C/G reduced, and γ, β
 * indexed by both (g·C/G + c' = c). Checks the shape, the axes and that G divides C.
 */
export function toNormSpec(shape: readonly number[], spec: NormAxesSpec): NormSpec {
  const rank = shape.length;
  validateShape(shape);
  for (const a of spec.reduce) checkAxis(a, rank);
  if (new Set(spec.reduce).size !== spec.reduce.length) throw new RangeError('reduce axes repeat');
  if (!spec.split) {
    return { shape: [...shape], statAxes: [...spec.reduce], paramAxes: [...spec.paramAxes], center: spec.center };
  }
  const { axis, groups } = spec.split;
  checkAxis(axis, rank);
  if (spec.reduce.includes(axis)) throw new RangeError(`axis ${axis} is both reduced and split`);
  if (!(Number.isInteger(groups) && groups >= 1 && shape[axis] % groups === 0)) {
    throw new RangeError(`${groups} groups do not divide ${shape[axis]} channels`);
  }
  const moved = (a: number) => (a < axis ? a : a + 1);
  return {
    shape: [...shape.slice(0, axis), groups, shape[axis] / groups, ...shape.slice(axis + 1)],
    statAxes: [...spec.reduce.map(moved), axis + 1],
    paramAxes: spec.paramAxes.flatMap((a) => (a === axis ? [axis, axis + 1] : [moved(a)])),
    center: spec.center,
  };
}

/** The engine's compiled plan (group and γ/β index per cell) for a kind spec on a shape: run normForward/normBackward on it. */
export function normPlan(shape: readonly number[], spec: NormAxesSpec): NormPlan {
  return createNormPlan(toNormSpec(shape, spec));
}

/**
 * Which cells share statistics. Groups are numbered row-major over the kept axes (a split axis
 * counts as its block index), so BN's group is the channel, LN's the sample, IN's n·C + c and
 * GN's n·G + g.
 */
export function normGroups(shape: readonly number[], spec: NormAxesSpec): NormGroups {
  const plan = normPlan(shape, spec);
  return { group: plan.group, groupCount: plan.groups, groupSize: plan.groupSize };
}

export interface NormalizeOptions {
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

export interface NormalizeResult extends NormGroups {
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
 * cancellation), x̂ = (x − μ_g)/√(σ²_g + ε), y = γ x̂ + β. One-off (allocates); the MLP and other
 * hot loops use the engine's plan and buffers directly.
 */
export function normalize(
  x: ArrayLike<number>,
  shape: readonly number[],
  spec: NormAxesSpec,
  options: NormalizeOptions = {},
): NormalizeResult {
  const { eps = NORM_EPS, gamma = 1, beta = 0, stats } = options;
  const plan = normPlan(shape, spec);
  const n = plan.size;
  if (x.length !== n) throw new RangeError(`tensor has ${x.length} values, shape needs ${n}`);
  if (!(eps >= 0)) throw new RangeError(`ε must be ≥ 0 (got ${eps})`);
  const gam = paramArray(gamma, 1, plan.params, 'γ');
  const bet = paramArray(beta, 0, plan.params, 'β');
  const groups = { group: plan.group, groupCount: plan.groups, groupSize: plan.groupSize };
  const y = new Float64Array(n);
  if (stats) {
    if (stats.mean.length !== plan.groups || stats.var.length !== plan.groups) {
      throw new RangeError(`stats need ${plan.groups} entries, one per group`);
    }
    const xhat = new Float64Array(n);
    normForwardWithStats(plan, x, stats.mean, stats.var, eps, gam, bet, y, xhat);
    const mean = spec.center ? Float64Array.from(stats.mean) : new Float64Array(plan.groups);
    return { ...groups, y, xhat, mean, var: Float64Array.from(stats.var) };
  }
  const cache = createNormCache(plan);
  normForward(plan, x, eps, gam, bet, y, cache);
  return { ...groups, y, xhat: cache.xhat, mean: cache.mean, var: cache.variance };
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
  const idx = sampleWithoutReplacement(rows, m, rng);
  for (let i = 0; i < m; i++) for (let c = 0; c < cols; c++) out[i * cols + c] = pool[idx[i] * cols + c];
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

/** γ or β for the engine: null for the neutral scalar (the engine then skips it), else one value per parameter. */
function paramArray(
  v: number | ArrayLike<number>,
  neutral: number,
  count: number,
  name: string,
): ArrayLike<number> | null {
  if (typeof v === 'number') return v === neutral ? null : new Float64Array(count).fill(v);
  if (v.length !== count) throw new RangeError(`${name} needs ${count} values (got ${v.length})`);
  return v;
}
