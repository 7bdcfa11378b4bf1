import { ACTIVATIONS, isActivationName, type ActivationName } from './activations.ts';
import { clipByValue } from './clipping.ts';
import { NORM_EPS } from './constants.ts';
import { defaultGain, fillNormal, initWeights, INIT_SCHEMES, type InitScheme } from './init.ts';
import { gram, matmul, matmulTransA, scale, transpose } from './matrix.ts';
import {
  batchNormSpec,
  createNormCache,
  createNormPlan,
  layerNormSpec,
  normBackward,
  normForward,
  rmsNormSpec,
  type NormCache,
  type NormPlan,
} from './normalization.ts';
import { quantiles } from './quantile.ts';
import { createRng } from './rng.ts';
import { dot, norm } from './vec.ts';

/**
 * A square multilayer perceptron over a batch, forward and backward, for the gradient-depth
 * widgets. Data are row-major [batch, width] Float64Arrays. Layer l = 1..L computes
 *   z_l = h_{l−1} W_lᵀ + b_l,  u_l = norm(z_l) (or z_l),  h_l = φ(u_l)   (plain)
 *   h_l = h_{l−1} + φ(u_l)                                                (residual block)
 * with W_l ∈ ℝ^{width×width} stored [out, in] as in PyTorch. BatchNorm uses batch statistics
 * (train mode) and LayerNorm/RMSNorm per-row statistics, each with γ = 1, β = 0 at init.
 *
 * Loss (the gradient's starting point), chosen so that the backward signal is independent of
 * the forward one, as the mean-field theory assumes:
 *   'randomProjection' (default): L = Σ r ⊙ h_L with a fixed r ∼ N(0, 1) per entry, so ∂L/∂h_L = r;
 *   'halfSquaredNorm': L = ½‖h_L‖², so ∂L/∂h_L = h_L (couples the two passes).
 *
 * Clipping acts on the parameter gradients only (as in training, after backward): it changes
 * the reported weight-gradient norms, never ‖∂L/∂h_l‖ (clipping cannot cure vanishing).
 *
 * Overflow: every reported norm and quantile is free of NaN. A non-finite value in h_l (forward)
 * or ∂L/∂h_l (backward) sets the layer's flag and its norm reads Infinity; quantiles count NaN as
 * +Infinity. Once the forward pass overflows, everything downstream (and all gradients) is flagged.
 *
 * All buffers are allocated once by `createMlp`; forward/backward/run allocate no typed arrays.
 */

export const MLP_NORMS = ['none', 'batchNorm', 'layerNorm', 'rmsNorm'] as const;
export type MlpNorm = (typeof MLP_NORMS)[number];
export const CLIP_MODES = ['none', 'norm', 'value'] as const;
export type ClipMode = (typeof CLIP_MODES)[number];
export type MlpLoss = 'randomProjection' | 'halfSquaredNorm';

export interface MlpConfig {
  depth: number;
  /**
   * Allocate for up to this many layers (default `depth`); `setDepth` then runs the first d of
   * them. The weights are drawn layer by layer from one stream, so layer l's never depend on the
   * allocation: the first d layers of a deeper net are exactly a depth-d net's, and a depth
   * sweep needs one network instead of one per depth.
   */
  maxDepth?: number;
  width: number;
  batch: number;
  activation: ActivationName;
  /** Default 'xavierNormal'. */
  init?: InitScheme;
  /** Multiplies the scheme's std; default per scheme (√2 for He, else 1). */
  gain?: number;
  /** Default 'none'. */
  norm?: MlpNorm;
  /** Normalisation ε, default 1e-5. */
  eps?: number;
  /** y = x + F(x) with F = dense → norm → activation. Default false. */
  residual?: boolean;
  /** Default none. Threshold c: global norm ≤ c, or every entry in [−c, c]. */
  clip?: { mode: ClipMode; threshold: number };
  loss?: MlpLoss;
  /** Seeds the weights (and the random projection r). Default 1. */
  seed?: number;
  /** Keep full parameter gradients in `grads` (needed to train or to check them). Default false. */
  keepGrads?: boolean;
  /** A unit counts as saturated when |φ'(u)| < this. Default 0.01 (σ' < 0.01 ⇔ |u| > 4.585). */
  saturationLevel?: number;
  /** Probabilities of the reported quantiles. Default [0.05, 0.25, 0.5, 0.75, 0.95]; [] skips them (mean, std and saturation are still computed). */
  quantileProbs?: readonly number[];
  /** Compute the per-layer distribution statistics (quantiles, mean, std, saturation). Default true. */
  stats?: boolean;
}

export type ResolvedMlpConfig = Required<Omit<MlpConfig, 'clip'>> & { clip: { mode: ClipMode; threshold: number } };

/** Per-layer readouts, overwritten in place by every pass. */
export interface MlpStats {
  /** Probabilities behind each row of quantiles. */
  readonly probs: Float64Array;
  // --- Indexed by state l = 0..L (h_0 is the input) ---
  /** ‖∂L/∂h_l‖ (Frobenius over the batch). */
  readonly gradNorm: Float64Array;
  readonly gradOverflow: Uint8Array;
  /** Forward overflow: h_l (or u_l) holds a non-finite value. */
  readonly overflow: Uint8Array;
  /** Quantiles of h_l, row l of length probs.length. */
  readonly actQuantiles: Float64Array;
  readonly actMean: Float64Array;
  readonly actStd: Float64Array;
  // --- Indexed by layer i = 0..L−1 (layer l = i + 1) ---
  /** Quantiles of the activation's input u_l (after normalisation, before φ). */
  readonly preQuantiles: Float64Array;
  readonly preMean: Float64Array;
  readonly preStd: Float64Array;
  /** Fraction of units with |φ'(u)| < saturationLevel. */
  readonly saturated: Float64Array;
  /** ‖∂L/∂W_l‖_F after clipping. */
  readonly weightGradNorm: Float64Array;
  /** ‖∂L/∂W_l‖_F before clipping. */
  readonly weightGradNormRaw: Float64Array;
  readonly weightGradOverflow: Uint8Array;
  // --- Scalars of the last pass ---
  loss: number;
  /** Global norm over all parameter gradients (W, b, γ, β) before clipping. */
  totalGradNorm: number;
  /** Factor clip-by-norm applied (1 when not clipping by norm or under the threshold). */
  clipScale: number;
  /** First state index whose forward values overflowed, or −1. */
  firstOverflow: number;
  /** Any overflow flag set, forward or backward. */
  overflowed: boolean;
}

export interface MlpGrads {
  readonly weights: Float64Array[];
  readonly biases: Float64Array[];
  readonly gammas: Float64Array[];
  readonly betas: Float64Array[];
}

export interface Mlp {
  readonly config: Readonly<ResolvedMlpConfig>;
  /** W_l as [width(out), width(in)], l = 1..L at index l − 1. */
  readonly weights: readonly Float64Array[];
  readonly biases: readonly Float64Array[];
  /** γ and β per layer (length width; unused when norm = 'none'; RMSNorm uses γ only). */
  readonly gammas: readonly Float64Array[];
  readonly betas: readonly Float64Array[];
  /** h_0..h_L of the last forward pass ([batch, width] each). */
  readonly activations: readonly Float64Array[];
  /** Parameter gradients of the last backward pass, after clipping (only with keepGrads). */
  readonly grads: MlpGrads | null;
  readonly stats: MlpStats;
  /** Runs the forward pass on x ([batch, width]); returns h_L (an internal buffer). */
  forward(x: ArrayLike<number>): Float64Array;
  /** The loss of the last forward pass. */
  loss(): number;
  /** ∂L/∂h_L for the last forward pass (an internal buffer). */
  lossGrad(): Float64Array;
  /** Backpropagates dOut = ∂L/∂h_L; returns ∂L/∂h_0 = ∂L/∂x (an internal buffer). */
  backward(dOut: ArrayLike<number>): Float64Array;
  /** forward(x), then backward(lossGrad()); returns the stats. */
  run(x: ArrayLike<number>): MlpStats;
  /** Re-samples the parameters (same shapes, no allocation), optionally with a new seed, scheme or gain. */
  reinit(opts?: { seed?: number; init?: InitScheme; gain?: number }): void;
  /**
   * Runs the first `depth` layers from now on (1..config.maxDepth): config.depth, the layer lists
   * and every per-layer row of `stats` then have that length. It makes no new buffers (the rows are
   * views of those made for maxDepth); the stats describe the new depth after the next pass.
   */
  setDepth(depth: number): void;
}

export const DEFAULT_QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export function resolveMlpConfig(c: MlpConfig): ResolvedMlpConfig {
  for (const k of ['depth', 'width', 'batch'] as const) {
    if (!(Number.isInteger(c[k]) && c[k] >= 1)) throw new RangeError(`${k} must be an integer ≥ 1, got ${c[k]}`);
  }
  const maxDepth = c.maxDepth ?? c.depth;
  if (!(Number.isInteger(maxDepth) && maxDepth >= c.depth))
    throw new RangeError(`maxDepth must be an integer ≥ depth (${c.depth}), got ${maxDepth}`);
  if (!isActivationName(c.activation)) throw new RangeError(`unknown activation ${String(c.activation)}`);
  const init = c.init ?? 'xavierNormal';
  if (!INIT_SCHEMES.includes(init)) throw new RangeError(`unknown init ${String(init)}`);
  const normKind = c.norm ?? 'none';
  if (!MLP_NORMS.includes(normKind)) throw new RangeError(`unknown norm ${String(normKind)}`);
  const clip = c.clip ?? { mode: 'none', threshold: 1 };
  if (!CLIP_MODES.includes(clip.mode)) throw new RangeError(`unknown clip mode ${String(clip.mode)}`);
  if (clip.mode !== 'none' && !(clip.threshold > 0))
    throw new RangeError(`clip threshold must be > 0, got ${clip.threshold}`);
  return {
    depth: c.depth,
    maxDepth,
    width: c.width,
    batch: c.batch,
    activation: c.activation,
    init,
    gain: c.gain ?? defaultGain(init),
    norm: normKind,
    eps: c.eps ?? NORM_EPS,
    residual: c.residual ?? false,
    clip: { mode: clip.mode, threshold: clip.threshold },
    loss: c.loss ?? 'randomProjection',
    seed: c.seed ?? 1,
    keepGrads: c.keepGrads ?? false,
    saturationLevel: c.saturationLevel ?? 0.01,
    quantileProbs: [...(c.quantileProbs ?? DEFAULT_QUANTILES)].sort((a, b) => a - b),
    stats: c.stats ?? true,
  };
}

/**
 * Offsets that give the weights, the projection r and `sampleInput` separate streams from one
 * seed. Without them, an input drawn from createRng(seed) would repeat the weights' own normals
 * and correlate x with W (measured: layer-1 variance 4.07 instead of 2.05 for He at width 256).
 */
const WEIGHT_SEED_OFFSET = 0x2545f491;
const PROJECTION_SEED_OFFSET = 0x51ed27;
const INPUT_SEED_OFFSET = 0x6a09e667;

/** A [batch, width] input of N(mean, std²) entries from `seed`, on a stream apart from the weights'. */
export function sampleInput(
  batch: number,
  width: number,
  seed: number,
  mean = 0,
  std = 1,
  out: Float64Array = new Float64Array(batch * width),
): Float64Array {
  fillNormal(out.subarray(0, batch * width), createRng(seed + INPUT_SEED_OFFSET), mean, std);
  return out;
}

/** Builds a network and all its workspaces for one configuration. */
export function createMlp(input: MlpConfig): Mlp {
  const config = resolveMlpConfig(input);
  const { maxDepth: Lmax, width: n, batch: B, residual } = config;
  /** The depth in use (setDepth); every buffer below is allocated for Lmax. */
  let L = config.depth;
  const size = B * n;
  const act = ACTIVATIONS[config.activation];
  const P = config.quantileProbs.length;

  const weights = Array.from({ length: Lmax }, () => new Float64Array(n * n));
  const biases = Array.from({ length: Lmax }, () => new Float64Array(n));
  const gammas = Array.from({ length: Lmax }, () => new Float64Array(n).fill(1));
  const betas = Array.from({ length: Lmax }, () => new Float64Array(n));
  const projection = new Float64Array(size);

  const h = Array.from({ length: Lmax + 1 }, () => new Float64Array(size));
  const dphi = Array.from({ length: Lmax }, () => new Float64Array(size));
  const zBuf = new Float64Array(size);
  const wT = new Float64Array(n * n);
  const uBuf = config.norm === 'none' ? zBuf : new Float64Array(size);
  let plan: NormPlan | null = null;
  let caches: NormCache[] = [];
  if (config.norm !== 'none') {
    const spec =
      config.norm === 'batchNorm'
        ? batchNormSpec(B, n)
        : config.norm === 'layerNorm'
          ? layerNormSpec(B, n)
          : rmsNormSpec(B, n);
    plan = createNormPlan(spec);
    caches = Array.from({ length: Lmax }, () => createNormCache(plan as NormPlan));
  }
  const normScratch = new Float64Array(2 * Math.max(B, n));
  // RMSNorm has a gain but no shift: its β stays 0 and gets no gradient.
  const hasBeta = config.norm === 'batchNorm' || config.norm === 'layerNorm';

  // Backward workspaces: ping-pong ∂L/∂h, ∂L/∂u, ∂L/∂z, two Gram matrices, per-layer parameter grads.
  const gA = new Float64Array(size);
  const gB = new Float64Array(size);
  const dOutBuf = new Float64Array(size);
  const du = new Float64Array(size);
  const dz = config.norm === 'none' ? du : new Float64Array(size);
  const gramH = new Float64Array(B * B);
  const gramD = new Float64Array(B * B);
  const dbBuf = new Float64Array(n);
  const dgBuf = new Float64Array(n);
  const dbeBuf = new Float64Array(n);
  const needFullDW = config.keepGrads || config.clip.mode === 'value';
  const dWScratch = needFullDW && !config.keepGrads ? new Float64Array(n * n) : null;
  const allGrads: MlpGrads | null = config.keepGrads
    ? {
        weights: Array.from({ length: Lmax }, () => new Float64Array(n * n)),
        biases: Array.from({ length: Lmax }, () => new Float64Array(n)),
        gammas: Array.from({ length: Lmax }, () => new Float64Array(n)),
        betas: Array.from({ length: Lmax }, () => new Float64Array(n)),
      }
    : null;
  // The first L of each list (rebuilt by setDepth): clipping and the callers see only those.
  let grads: MlpGrads | null = allGrads;
  // Per layer: Σ squares of the b, γ, β gradients (for the global norm) and of the value-clipped ∂L/∂W.
  const otherSq = new Float64Array(Lmax);
  const clippedWSq = new Float64Array(Lmax);
  let fallbackDW: Float64Array | null = dWScratch;

  const qScratch = new Float64Array(size);
  const qOut = new Float64Array(P);
  const probs = Float64Array.from(config.quantileProbs);
  // Per-layer rows for all Lmax layers; `stats` holds views of the first L (see setDepth).
  const rows = {
    gradNorm: new Float64Array(Lmax + 1),
    gradOverflow: new Uint8Array(Lmax + 1),
    overflow: new Uint8Array(Lmax + 1),
    actQuantiles: new Float64Array((Lmax + 1) * P),
    actMean: new Float64Array(Lmax + 1),
    actStd: new Float64Array(Lmax + 1),
    preQuantiles: new Float64Array(Lmax * P),
    preMean: new Float64Array(Lmax),
    preStd: new Float64Array(Lmax),
    saturated: new Float64Array(Lmax),
    weightGradNorm: new Float64Array(Lmax),
    weightGradNormRaw: new Float64Array(Lmax),
    weightGradOverflow: new Uint8Array(Lmax),
  };
  const rowViews = () => ({
    gradNorm: rows.gradNorm.subarray(0, L + 1),
    gradOverflow: rows.gradOverflow.subarray(0, L + 1),
    overflow: rows.overflow.subarray(0, L + 1),
    actQuantiles: rows.actQuantiles.subarray(0, (L + 1) * P),
    actMean: rows.actMean.subarray(0, L + 1),
    actStd: rows.actStd.subarray(0, L + 1),
    preQuantiles: rows.preQuantiles.subarray(0, L * P),
    preMean: rows.preMean.subarray(0, L),
    preStd: rows.preStd.subarray(0, L),
    saturated: rows.saturated.subarray(0, L),
    weightGradNorm: rows.weightGradNorm.subarray(0, L),
    weightGradNormRaw: rows.weightGradNormRaw.subarray(0, L),
    weightGradOverflow: rows.weightGradOverflow.subarray(0, L),
  });
  const stats: { -readonly [K in keyof MlpStats]: MlpStats[K] } = {
    probs,
    ...rowViews(),
    loss: 0,
    totalGradNorm: 0,
    clipScale: 1,
    firstOverflow: -1,
    overflowed: false,
  };
  // The layer lists callers see: the first L (all of them unless setDepth chose fewer).
  let shown = { weights, biases, gammas, betas, activations: h };

  function setDepth(depth: number): void {
    if (!(Number.isInteger(depth) && depth >= 1 && depth <= Lmax))
      throw new RangeError(`depth must be an integer in 1..${Lmax}, got ${depth}`);
    L = depth;
    config.depth = depth;
    Object.assign(stats, rowViews());
    shown = {
      weights: weights.slice(0, L),
      biases: biases.slice(0, L),
      gammas: gammas.slice(0, L),
      betas: betas.slice(0, L),
      activations: h.slice(0, L + 1),
    };
    grads = allGrads && {
      weights: allGrads.weights.slice(0, L),
      biases: allGrads.biases.slice(0, L),
      gammas: allGrads.gammas.slice(0, L),
      betas: allGrads.betas.slice(0, L),
    };
  }
  if (L !== Lmax) setDepth(L);

  function reinit(opts: { seed?: number; init?: InitScheme; gain?: number } = {}): void {
    if (opts.init !== undefined) {
      if (!INIT_SCHEMES.includes(opts.init)) throw new RangeError(`unknown init ${String(opts.init)}`);
      config.init = opts.init;
      config.gain = opts.gain ?? defaultGain(opts.init);
    } else if (opts.gain !== undefined) config.gain = opts.gain;
    if (opts.seed !== undefined) config.seed = opts.seed;
    const rng = createRng(config.seed + WEIGHT_SEED_OFFSET);
    // Every allocated layer, in order from one stream: layer i's weights never depend on Lmax.
    for (let i = 0; i < Lmax; i++) {
      initWeights(n, n, config.init, rng, config.gain, weights[i]);
      biases[i].fill(0);
      gammas[i].fill(1);
      betas[i].fill(0);
    }
    const pr = createRng(config.seed + PROJECTION_SEED_OFFSET);
    for (let e = 0; e < size; e++) projection[e] = pr.normal();
  }
  reinit();

  /** Mean, std and quantiles of a[0..size) into the stats rows; returns whether all entries are finite. */
  function describe(a: Float64Array, quant: Float64Array, row: number, mean: Float64Array, std: Float64Array): boolean {
    let s = 0;
    let finite = true;
    for (let e = 0; e < size; e++) {
      const v = a[e];
      if (v - v !== 0) finite = false; // ±Infinity or NaN
      s += v;
    }
    if (!finite) {
      mean[row] = Infinity;
      std[row] = Infinity;
    } else {
      const m = s / size;
      let ss = 0;
      for (let e = 0; e < size; e++) {
        const d = a[e] - m;
        ss += d * d;
      }
      mean[row] = m;
      std[row] = Number.isFinite(ss) ? Math.sqrt(ss / size) : scaledStd(a, m);
    }
    if (config.stats && P > 0) {
      quantiles(a, probs, qOut, qScratch, size);
      quant.set(qOut, row * P);
    }
    return finite;
  }

  /** The std when the plain sum of squares overflows although every entry is finite. */
  function scaledStd(a: Float64Array, m: number): number {
    let md = 0;
    for (let e = 0; e < size; e++) md = Math.max(md, Math.abs(a[e] - m));
    if (md === Infinity) return Infinity;
    let ss = 0;
    for (let e = 0; e < size; e++) {
      const d = (a[e] - m) / md;
      ss += d * d;
    }
    return md * Math.sqrt(ss / size);
  }

  function hasNonFinite(a: Float64Array): boolean {
    for (let e = 0; e < size; e++) if (a[e] - a[e] !== 0) return true;
    return false;
  }

  function forward(x: ArrayLike<number>): Float64Array {
    if (x.length !== size) throw new RangeError(`input must have batch × width = ${size} values, got ${x.length}`);
    const h0 = h[0];
    for (let e = 0; e < size; e++) h0[e] = x[e];
    stats.overflow.fill(0);
    stats.firstOverflow = -1;
    if (config.stats) {
      if (!describe(h0, stats.actQuantiles, 0, stats.actMean, stats.actStd)) markOverflow(0);
    } else if (hasNonFinite(h0)) markOverflow(0);
    const sat = config.saturationLevel;
    for (let i = 0; i < L; i++) {
      const hin = h[i];
      const hout = h[i + 1];
      const W = weights[i];
      const b = biases[i];
      // z = h·Wᵀ as h·(Wᵀ): transposing (~0.06 ms at width 256) lets the faster A·B kernel run, and
      // reading the caller-visible W every pass means edits to `weights` are never stale.
      transpose(W, n, n, wT);
      matmul(hin, wT, B, n, n, zBuf);
      for (let r = 0; r < B; r++) {
        const o = r * n;
        for (let j = 0; j < n; j++) zBuf[o + j] += b[j];
      }
      if (plan) normForward(plan, zBuf, config.eps, gammas[i], hasBeta ? betas[i] : null, uBuf, caches[i]);
      const d = dphi[i];
      let saturated = 0;
      for (let e = 0; e < size; e++) {
        const u = uBuf[e];
        const a = act.f(u);
        const g = act.df(u);
        d[e] = g;
        if (Math.abs(g) < sat) saturated++;
        hout[e] = residual ? hin[e] + a : a;
      }
      stats.saturated[i] = saturated / size;
      let bad: boolean;
      if (config.stats) {
        const preOk = describe(uBuf, stats.preQuantiles, i, stats.preMean, stats.preStd);
        const postOk = describe(hout, stats.actQuantiles, i + 1, stats.actMean, stats.actStd);
        bad = !preOk || !postOk;
      } else bad = hasNonFinite(uBuf) || hasNonFinite(hout);
      if (bad || stats.firstOverflow >= 0) markOverflow(i + 1);
    }
    stats.loss = loss();
    stats.overflowed = stats.firstOverflow >= 0;
    return h[L];
  }

  function markOverflow(l: number): void {
    stats.overflow[l] = 1;
    if (stats.firstOverflow < 0) stats.firstOverflow = l;
  }

  function loss(): number {
    const hL = h[L];
    if (config.loss === 'halfSquaredNorm') {
      const nm = norm(hL);
      return 0.5 * nm * nm;
    }
    let s = 0;
    for (let e = 0; e < size; e++) s += projection[e] * hL[e];
    return Number.isNaN(s) ? Infinity : s;
  }

  function lossGrad(): Float64Array {
    dOutBuf.set(config.loss === 'halfSquaredNorm' ? h[L] : projection);
    return dOutBuf;
  }

  function backward(dOut: ArrayLike<number>): Float64Array {
    if (dOut.length !== size) throw new RangeError(`dOut must have ${size} values, got ${dOut.length}`);
    let gOut = gA;
    let gIn = gB;
    for (let e = 0; e < size; e++) gOut[e] = dOut[e];
    const forwardBad = stats.firstOverflow >= 0;
    setGradNorm(L, gOut, forwardBad);
    const clipValue = config.clip.mode === 'value' ? config.clip.threshold : Infinity;

    for (let i = L - 1; i >= 0; i--) {
      const d = dphi[i];
      for (let e = 0; e < size; e++) du[e] = gOut[e] * d[e];
      const dg = grads ? grads.gammas[i] : dgBuf;
      const dbe = grads ? grads.betas[i] : dbeBuf;
      if (plan) normBackward(plan, du, gammas[i], caches[i], dz, dg, hasBeta ? dbe : null, normScratch);
      const db = grads ? grads.biases[i] : dbBuf;
      db.fill(0);
      for (let r = 0; r < B; r++) {
        const o = r * n;
        for (let j = 0; j < n; j++) db[j] += dz[o + j];
      }
      otherSq[i] = sumSq(db) + (plan ? sumSq(dg) : 0) + (hasBeta ? sumSq(dbe) : 0);

      // ‖∂L/∂W‖_F² = ‖dZᵀH‖² = Σ_{b,b'} (HHᵀ)_{bb'} (dZ dZᵀ)_{bb'}: two B×B Grams cost B²n instead of Bn².
      const hin = h[i];
      let wNorm: number;
      const dW = grads ? grads.weights[i] : dWScratch;
      if (dW) {
        matmulTransA(dz, hin, B, n, n, dW);
        wNorm = norm(dW);
        if (clipValue !== Infinity) clippedWSq[i] = sumSqClipped(dW, clipValue);
      } else {
        wNorm = gramNorm(hin, dz);
      }
      stats.weightGradNormRaw[i] = wNorm;
      stats.weightGradOverflow[i] = wNorm === Infinity || forwardBad ? 1 : 0;
      if (forwardBad) stats.weightGradNormRaw[i] = Infinity;

      matmul(dz, weights[i], B, n, n, gIn);
      if (residual) for (let e = 0; e < size; e++) gIn[e] += gOut[e];
      setGradNorm(i, gIn, forwardBad);
      const t = gOut;
      gOut = gIn;
      gIn = t;
    }
    applyClipping();
    stats.overflowed = stats.firstOverflow >= 0 || stats.gradOverflow.some((v) => v === 1);
    return gOut;
  }

  function setGradNorm(l: number, g: Float64Array, forwardBad: boolean): void {
    const nm = forwardBad ? Infinity : norm(g);
    stats.gradNorm[l] = nm;
    stats.gradOverflow[l] = nm === Infinity ? 1 : 0;
  }

  function gramNorm(hin: Float64Array, d: Float64Array): number {
    let mh = 0;
    let md = 0;
    for (let e = 0; e < size; e++) {
      const a = Math.abs(hin[e]);
      const b = Math.abs(d[e]);
      // !(a <= m) also catches NaN, which makes the norm unrepresentable.
      if (!(a <= mh)) mh = a === a ? a : Infinity;
      if (!(b <= md)) md = b === b ? b : Infinity;
    }
    if (mh === Infinity || md === Infinity) return Infinity;
    if (mh === 0 || md === 0) return 0;
    // Outside this range the Gram entries could overflow or underflow: form ∂L/∂W instead.
    if (mh > 1e70 || md > 1e70 || mh < 1e-70 || md < 1e-70) {
      fallbackDW ??= new Float64Array(n * n);
      return norm(matmulTransA(d, hin, B, n, n, fallbackDW));
    }
    gram(hin, B, n, gramH);
    gram(d, B, n, gramD);
    return Math.sqrt(Math.max(0, dot(gramH, gramD)));
  }

  function applyClipping(): void {
    const { mode, threshold: c } = config.clip;
    // Global norm over every parameter gradient, accumulated without overflow.
    let total = 0;
    let infLayers = 0;
    for (let i = 0; i < L; i++) {
      const w = stats.weightGradNormRaw[i];
      if (w === Infinity || !Number.isFinite(otherSq[i])) {
        infLayers++;
        total = Infinity;
      } else if (total !== Infinity) total = Math.hypot(total, w, Math.sqrt(otherSq[i]));
    }
    stats.totalGradNorm = total;
    stats.clipScale = 1;
    if (mode === 'norm') {
      const s = total === Infinity ? 0 : Math.min(1, c / total);
      stats.clipScale = s;
      for (let i = 0; i < L; i++) {
        const w = stats.weightGradNormRaw[i];
        // The limit of g·c/‖g‖ when some layers are infinite: they share the length c, the rest get 0.
        stats.weightGradNorm[i] = w === Infinity ? c / Math.sqrt(infLayers) : w * s;
      }
      if (grads && s !== 1 && total !== Infinity) scaleGrads(s);
    } else if (mode === 'value') {
      for (let i = 0; i < L; i++) {
        // Clipped entries are bounded by c; an overflowed layer has no meaningful entries, so it stays flagged at ∞.
        stats.weightGradNorm[i] = stats.weightGradOverflow[i] ? Infinity : Math.sqrt(clippedWSq[i]);
      }
      if (grads) clipGradsByValue(c);
    } else {
      stats.weightGradNorm.set(stats.weightGradNormRaw);
    }
  }

  function sumSqClipped(a: Float64Array, c: number): number {
    let s = 0;
    for (let k = 0; k < a.length; k++) {
      const v = Math.abs(a[k]);
      const x = v > c ? c : v;
      s += x * x;
    }
    return s;
  }

  function scaleGrads(s: number): void {
    if (!grads) return;
    for (const list of [grads.weights, grads.biases, grads.gammas, grads.betas]) {
      for (const a of list) scale(a, s, a);
    }
  }

  function clipGradsByValue(c: number): void {
    if (!grads) return;
    for (const list of [grads.weights, grads.biases, grads.gammas, grads.betas]) {
      for (const a of list) clipByValue(a, c, a);
    }
  }

  return {
    config,
    get weights() {
      return shown.weights;
    },
    get biases() {
      return shown.biases;
    },
    get gammas() {
      return shown.gammas;
    },
    get betas() {
      return shown.betas;
    },
    get activations() {
      return shown.activations;
    },
    get grads() {
      return grads;
    },
    stats,
    forward,
    loss,
    lossGrad,
    backward,
    run(x) {
      forward(x);
      backward(lossGrad());
      return stats;
    },
    reinit,
    setDepth,
  };
}

const sumSq = (a: Float64Array): number => dot(a, a);
