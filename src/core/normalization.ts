import { NORM_EPS } from './constants.ts';

/**
 * Normalisation layers as one engine: a tensor of any shape, the axes whose entries share
 * one mean and variance (`statAxes`), and the axes along which γ and β vary (`paramAxes`).
 * BatchNorm on X ∈ ℝ^{N×d} reduces axis 0 with per-column γ, β; LayerNorm reduces axis 1;
 * a CNN's BN on [N, C, H, W] reduces [0, 2, 3] with per-channel γ, β; InstanceNorm reduces
 * [2, 3]; GroupNorm reshapes C into [G, C/G] and reduces the group's axes; RMSNorm is
 * LayerNorm without centring (and without β).
 *
 * Variances are biased (divide by the group size), as in the papers and PyTorch's forward
 * pass. A group whose variance + ε is 0 (a constant column with ε = 0) maps to 0 and passes
 * no gradient, rather than 0/0.
 */
export interface NormSpec {
  readonly shape: readonly number[];
  /** Axes reduced together: one (μ, σ²) per index over the remaining axes. */
  readonly statAxes: readonly number[];
  /** Axes γ and β vary along: one parameter per index over these axes. */
  readonly paramAxes: readonly number[];
  /** Subtract the mean (BN, LN); false for RMSNorm, which divides by the root mean square. */
  readonly center?: boolean;
}

/** A spec compiled to index maps, so that forward and backward are flat loops. */
export interface NormPlan {
  readonly spec: NormSpec;
  /** Number of elements. */
  readonly size: number;
  /** Number of statistic groups and elements per group. */
  readonly groups: number;
  readonly groupSize: number;
  /** Number of γ (and β) entries. */
  readonly params: number;
  readonly center: boolean;
  /** Element → its statistic group. */
  readonly group: Int32Array;
  /** Element → its γ/β index. */
  readonly param: Int32Array;
}

/** What the forward pass keeps for the backward pass and for display. */
export interface NormCache {
  /** Per group: mean (0 when not centring). */
  readonly mean: Float64Array;
  /** Per group: biased variance (RMSNorm: the mean square). */
  readonly variance: Float64Array;
  /** Per group: 1/√(σ² + ε), or 0 for a group with σ² + ε = 0. */
  readonly invStd: Float64Array;
  /** Per element: the normalised value x̂ before γ, β. */
  readonly xhat: Float64Array;
}

/** BatchNorm over X ∈ ℝ^{n×d}: statistics per column, γ/β per column. */
export const batchNormSpec = (n: number, d: number): NormSpec => ({ shape: [n, d], statAxes: [0], paramAxes: [1] });
/** LayerNorm over X ∈ ℝ^{n×d}: statistics per row, γ/β per column (element-wise over features). */
export const layerNormSpec = (n: number, d: number): NormSpec => ({ shape: [n, d], statAxes: [1], paramAxes: [1] });
/** RMSNorm over X ∈ ℝ^{n×d}: per-row root mean square, gain g per column, no centring. */
export const rmsNormSpec = (n: number, d: number): NormSpec => ({
  shape: [n, d],
  statAxes: [1],
  paramAxes: [1],
  center: false,
});

/** Compiles a spec into per-element group and parameter indices. */
export function createNormPlan(spec: NormSpec): NormPlan {
  const { shape, statAxes, paramAxes } = spec;
  const rank = shape.length;
  for (const a of [...statAxes, ...paramAxes]) {
    if (!(Number.isInteger(a) && a >= 0 && a < rank)) throw new RangeError(`axis ${a} is outside a rank-${rank} shape`);
  }
  if (new Set(statAxes).size !== statAxes.length || new Set(paramAxes).size !== paramAxes.length) {
    throw new RangeError('repeated axis');
  }
  for (const s of shape) if (!(Number.isInteger(s) && s >= 1)) throw new RangeError(`bad dimension ${s}`);
  const size = shape.reduce((p, s) => p * s, 1);
  const keep = shape.map((_, a) => !statAxes.includes(a));
  const groupSize = statAxes.reduce((p, a) => p * shape[a], 1);
  const groups = size / groupSize;
  const params = paramAxes.reduce((p, a) => p * shape[a], 1);
  const group = new Int32Array(size);
  const param = new Int32Array(size);
  const idx = new Array<number>(rank).fill(0);
  for (let e = 0; e < size; e++) {
    let g = 0;
    let p = 0;
    for (let a = 0; a < rank; a++) if (keep[a]) g = g * shape[a] + idx[a];
    for (const a of paramAxes) p = p * shape[a] + idx[a];
    group[e] = g;
    param[e] = p;
    for (let a = rank - 1; a >= 0; a--) {
      if (++idx[a] < shape[a]) break;
      idx[a] = 0;
    }
  }
  return { spec, size, groups, groupSize, params, center: spec.center ?? true, group, param };
}

export function createNormCache(plan: NormPlan): NormCache {
  return {
    mean: new Float64Array(plan.groups),
    variance: new Float64Array(plan.groups),
    invStd: new Float64Array(plan.groups),
    xhat: new Float64Array(plan.size),
  };
}

/**
 * Training-mode forward with batch (group) statistics:
 * y = γ (x − μ)/√(σ² + ε) + β, or y = γ x/√(mean(x²) + ε) without centring.
 * `gamma`/`beta` of null mean 1/0. Writes `out` and the cache; returns `out`.
 */
export function normForward(
  plan: NormPlan,
  x: ArrayLike<number>,
  eps: number,
  gamma: ArrayLike<number> | null,
  beta: ArrayLike<number> | null,
  out: Float64Array,
  cache: NormCache,
): Float64Array {
  const { size, group, groupSize, center } = plan;
  const { mean, variance, invStd } = cache;
  mean.fill(0);
  variance.fill(0);
  if (center) {
    for (let e = 0; e < size; e++) mean[group[e]] += x[e];
    for (let g = 0; g < plan.groups; g++) mean[g] /= groupSize;
  }
  // Two passes (deviations from the mean) rather than E[x²] − μ², which cancels.
  for (let e = 0; e < size; e++) {
    const v = x[e] - mean[group[e]];
    variance[group[e]] += v * v;
  }
  for (let g = 0; g < plan.groups; g++) {
    variance[g] /= groupSize;
    const d = variance[g] + eps;
    invStd[g] = d > 0 ? 1 / Math.sqrt(d) : 0;
  }
  return applyStats(plan, x, mean, invStd, gamma, beta, out, cache.xhat);
}

/**
 * Forward with given statistics (BatchNorm's eval mode with running mean and variance,
 * indexed like the plan's groups): y = γ (x − μ̂)/√(σ̂² + ε) + β. Writes x̂ into `xhat` if given.
 */
export function normForwardWithStats(
  plan: NormPlan,
  x: ArrayLike<number>,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  eps: number,
  gamma: ArrayLike<number> | null,
  beta: ArrayLike<number> | null,
  out: Float64Array = new Float64Array(plan.size),
  xhat: Float64Array | null = null,
): Float64Array {
  const invStd = new Float64Array(plan.groups);
  const mu = new Float64Array(plan.groups);
  for (let g = 0; g < plan.groups; g++) {
    const d = variance[g] + eps;
    invStd[g] = d > 0 ? 1 / Math.sqrt(d) : 0;
    mu[g] = plan.center ? mean[g] : 0;
  }
  return applyStats(plan, x, mu, invStd, gamma, beta, out, xhat);
}

function applyStats(
  plan: NormPlan,
  x: ArrayLike<number>,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: ArrayLike<number> | null,
  beta: ArrayLike<number> | null,
  out: Float64Array,
  xhat: Float64Array | null,
): Float64Array {
  const { size, group, param } = plan;
  for (let e = 0; e < size; e++) {
    const g = group[e];
    const s = invStd[g];
    // A zero-variance group with ε = 0 is defined as 0 (s = 0), not (x − μ)·∞.
    const h = s === 0 ? 0 : (x[e] - mean[g]) * s;
    if (xhat) xhat[e] = h;
    const p = param[e];
    out[e] = (gamma ? gamma[p] : 1) * h + (beta ? beta[p] : 0);
  }
  return out;
}

/**
 * Backward of `normForward` through the batch statistics. With d = ∂L/∂x̂ = γ·∂L/∂y and
 * m the group size: ∂L/∂x = (1/σ)(d − mean(d) − x̂·mean(d·x̂)); without centring the mean(d)
 * term drops. Writes dx, and (overwriting) dgamma = Σ ∂L/∂y·x̂, dbeta = Σ ∂L/∂y when given.
 */
export function normBackward(
  plan: NormPlan,
  dy: ArrayLike<number>,
  gamma: ArrayLike<number> | null,
  cache: NormCache,
  dx: Float64Array,
  dgamma: Float64Array | null = null,
  dbeta: Float64Array | null = null,
  scratch: Float64Array = new Float64Array(2 * plan.groups),
): Float64Array {
  const { size, group, param, groups, groupSize, center } = plan;
  const { invStd, xhat } = cache;
  if (dgamma) dgamma.fill(0);
  if (dbeta) dbeta.fill(0);
  // scratch[0..G) = Σ d, scratch[G..2G) = Σ d·x̂ per group.
  scratch.fill(0, 0, 2 * groups);
  for (let e = 0; e < size; e++) {
    const p = param[e];
    const d = dy[e] * (gamma ? gamma[p] : 1);
    const g = group[e];
    scratch[g] += d;
    scratch[groups + g] += d * xhat[e];
    if (dgamma) dgamma[p] += dy[e] * xhat[e];
    if (dbeta) dbeta[p] += dy[e];
  }
  for (let e = 0; e < size; e++) {
    const g = group[e];
    const d = dy[e] * (gamma ? gamma[param[e]] : 1);
    const meanD = center ? scratch[g] / groupSize : 0;
    dx[e] = invStd[g] * (d - meanD - (xhat[e] * scratch[groups + g]) / groupSize);
  }
  return dx;
}

export interface NormOptions {
  /** Default 1e-5 (PyTorch). */
  eps?: number;
  gamma?: ArrayLike<number> | null;
  beta?: ArrayLike<number> | null;
}

/** Output and statistics of a one-off normalisation (for small matrices in widgets). */
export interface NormResult extends NormCache {
  readonly y: Float64Array;
}

function runOnce(
  spec: NormSpec,
  x: ArrayLike<number>,
  { eps = NORM_EPS, gamma = null, beta = null }: NormOptions,
): NormResult {
  const plan = createNormPlan(spec);
  if (x.length !== plan.size) throw new RangeError(`expected ${plan.size} values, got ${x.length}`);
  const cache = createNormCache(plan);
  const y = normForward(plan, x, eps, gamma, beta, new Float64Array(plan.size), cache);
  return { y, ...cache };
}

/** BatchNorm (train mode) of a row-major n×d batch: column statistics. */
export const batchNorm = (x: ArrayLike<number>, n: number, d: number, opts: NormOptions = {}): NormResult =>
  runOnce(batchNormSpec(n, d), x, opts);

/** LayerNorm of a row-major n×d matrix: row statistics. */
export const layerNorm = (x: ArrayLike<number>, n: number, d: number, opts: NormOptions = {}): NormResult =>
  runOnce(layerNormSpec(n, d), x, opts);

/** RMSNorm of a row-major n×d matrix: y = g·x/√(mean(x²) + ε) per row; `beta` is ignored. */
export const rmsNorm = (x: ArrayLike<number>, n: number, d: number, opts: NormOptions = {}): NormResult =>
  runOnce(rmsNormSpec(n, d), x, { ...opts, beta: null });

/** BatchNorm in eval mode: y = γ (x − μ̂)/√(σ̂² + ε) + β with running statistics per column. */
export function batchNormEval(
  x: ArrayLike<number>,
  n: number,
  d: number,
  runningMean: ArrayLike<number>,
  runningVar: ArrayLike<number>,
  { eps = NORM_EPS, gamma = null, beta = null }: NormOptions = {},
  out: Float64Array = new Float64Array(n * d),
): Float64Array {
  return normForwardWithStats(createNormPlan(batchNormSpec(n, d)), x, runningMean, runningVar, eps, gamma, beta, out);
}

/** The unbiased variance m/(m − 1)·σ_B² from the biased one (m ≥ 2). */
export function unbiasedVariance(
  variance: ArrayLike<number>,
  m: number,
  out = new Float64Array(variance.length),
): Float64Array {
  for (let i = 0; i < variance.length; i++) out[i] = (variance[i] * m) / (m - 1);
  return out;
}

/** BatchNorm's running estimates, one entry per channel (per statistic group of the eval-mode plan). */
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
   * 'pytorch' (default): α = momentum (default 0.1) weights the NEW batch, and the variance
   * stored is the unbiased m/(m−1)·σ²_B. 'keras': momentum (default 0.99) weights the OLD value
   * (the opposite convention, so Keras 0.99 is PyTorch 0.01) and the biased σ²_B is stored.
   */
  convention?: 'pytorch' | 'keras';
  momentum?: number;
  /**
   * PyTorch with m < 2 values per channel: 'throw' (default), as PyTorch refuses to train
   * ("Expected more than 1 value per channel when training": the unbiased variance of one value
   * is undefined), or 'keepVariance': update the mean and leave the running variance unchanged,
   * for a widget whose batch-size slider reaches 1.
   */
  singleValue?: 'throw' | 'keepVariance';
}

/**
 * One training step's update of the running statistics from the batch mean μ_B and biased
 * variance σ²_B over m values per channel (PyTorch): μ̂ ← (1−α)μ̂ + αμ_B,
 * σ̂² ← (1−α)σ̂² + α·m/(m−1)·σ²_B; Keras: μ̂ ← βμ̂ + (1−β)μ_B, σ̂² ← βσ̂² + (1−β)σ²_B.
 * Writes into `out` (a fresh object by default; pass `running` to update in place) and returns it.
 */
export function updateRunningStats(
  running: RunningStats,
  batchMean: ArrayLike<number>,
  batchVar: ArrayLike<number>,
  m: number,
  options: RunningStatsOptions = {},
  out: RunningStats = { mean: new Float64Array(running.mean.length), var: new Float64Array(running.var.length) },
): RunningStats {
  const { convention = 'pytorch', singleValue = 'throw' } = options;
  const c = running.mean.length;
  for (const a of [running.var, batchMean, batchVar, out.mean, out.var]) {
    if (a.length !== c) throw new RangeError('running and batch statistics differ in length');
  }
  let wNew: number;
  let bessel: number;
  let keepVariance = false;
  if (convention === 'pytorch') {
    wNew = options.momentum ?? 0.1;
    if (m >= 2) bessel = m / (m - 1);
    else if (singleValue === 'keepVariance') {
      bessel = 0;
      keepVariance = true;
    } else throw new RangeError('Expected more than 1 value per channel when training');
  } else {
    wNew = 1 - (options.momentum ?? 0.99);
    bessel = 1;
  }
  for (let j = 0; j < c; j++) {
    out.mean[j] = (1 - wNew) * running.mean[j] + wNew * batchMean[j];
    out.var[j] = keepVariance ? running.var[j] : (1 - wNew) * running.var[j] + wNew * bessel * batchVar[j];
  }
  return out;
}

/** Standard error of a batch mean of m i.i.d. values with std σ: σ/√m (why small batches make BN noisy). */
export const batchMeanStd = (m: number, sigma = 1): number => sigma / Math.sqrt(m);
