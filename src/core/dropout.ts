import { sigmoid, softplus } from './activations.ts';
import type { Rng } from './rng.ts';

/**
 * Dropout in both conventions. The parameter is always named: p_keep (Srivastava et al. 2014's p)
 * or p_drop (PyTorch's p, Keras's rate). A mask holds 1 for a kept unit and 0 for a dropped one.
 */

/** m_j ~ Bernoulli(p_keep), written into out. */
export function sampleDropoutMask(n: number, pKeep: number, rng: Rng, out: Uint8Array = new Uint8Array(n)): Uint8Array {
  checkProbability(pKeep, 'p_keep');
  for (let j = 0; j < n; j++) out[j] = rng.next() < pKeep ? 1 : 0;
  return out;
}

/** y = scale · m ⊙ x for a given mask. */
export function applyDropoutMask(
  x: ArrayLike<number>,
  mask: ArrayLike<number>,
  scale: number,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  if (mask.length !== x.length) throw new RangeError('mask and input differ in length');
  // Written as a branch, not m·x·scale, so p_drop = 1 (scale ∞) gives 0 for dropped units, not NaN.
  for (let j = 0; j < x.length; j++) out[j] = mask[j] ? x[j] * scale : 0;
  return out;
}

/** The inverted-dropout training scale 1/(1 − p_drop); ∞ at p_drop = 1, where every unit is dropped anyway. */
export function invertedScale(pDrop: number): number {
  checkProbability(pDrop, 'p_drop');
  return 1 / (1 - pDrop);
}

/**
 * Inverted dropout (PyTorch/Keras), training: m ~ Bernoulli(1 − p_drop), ỹ = m ⊙ x/(1 − p_drop).
 * At inference it is the identity (dropoutInvertedEval). The sampled mask is written into `mask` if given.
 */
export function dropoutInverted(
  x: ArrayLike<number>,
  pDrop: number,
  rng: Rng,
  out: Float64Array = new Float64Array(x.length),
  mask: Uint8Array = new Uint8Array(x.length),
): Float64Array {
  sampleDropoutMask(x.length, 1 - pDrop, rng, mask);
  return applyDropoutMask(x, mask, invertedScale(pDrop), out);
}

/** Inverted dropout at inference: ỹ = x. Scaling here too is the double-scaling bug. */
export function dropoutInvertedEval(
  x: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  for (let j = 0; j < x.length; j++) out[j] = x[j];
  return out;
}

/** Original dropout (2014), training: r ~ Bernoulli(p_keep), ỹ = r ⊙ x, no scaling. */
export function dropoutOriginal(
  x: ArrayLike<number>,
  pKeep: number,
  rng: Rng,
  out: Float64Array = new Float64Array(x.length),
  mask: Uint8Array = new Uint8Array(x.length),
): Float64Array {
  sampleDropoutMask(x.length, pKeep, rng, mask);
  return applyDropoutMask(x, mask, 1, out);
}

/** Original dropout at inference: ỹ = p_keep · x (the weight-scaling rule W_test = p W). */
export function dropoutOriginalEval(
  x: ArrayLike<number>,
  pKeep: number,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  checkProbability(pKeep, 'p_keep');
  for (let j = 0; j < x.length; j++) out[j] = pKeep * x[j];
  return out;
}

/** Most units enumerateMasks will list: 2^20 masks is already a million sub-networks. */
export const MAX_ENUMERATED_UNITS = 20;

/** All 2^n masks; mask k keeps unit j iff bit j of k is set (so mask 0 drops everything). */
export function enumerateMasks(n: number): Uint8Array[] {
  if (!(Number.isInteger(n) && n >= 0 && n <= MAX_ENUMERATED_UNITS)) {
    throw new RangeError(`enumerateMasks takes 0 ≤ n ≤ ${MAX_ENUMERATED_UNITS} (got ${n})`);
  }
  const masks: Uint8Array[] = [];
  for (let k = 0; k < 2 ** n; k++) {
    const m = new Uint8Array(n);
    for (let j = 0; j < n; j++) m[j] = (k >> j) & 1;
    masks.push(m);
  }
  return masks;
}

/** P(m) = p_keep^{#kept} (1 − p_keep)^{#dropped}. */
export function maskProbability(mask: ArrayLike<number>, pKeep: number): number {
  let p = 1;
  for (let j = 0; j < mask.length; j++) p *= mask[j] ? pKeep : 1 - pKeep;
  return p;
}

/**
 * Per-unit E[ỹ] and Var[ỹ] of inverted dropout: x and x²·p_drop/(1 − p_drop). At p_drop = 1 every
 * unit is dropped and the output is 0 (mean and variance 0): the formulas do not extend there.
 */
export function invertedMoments(x: ArrayLike<number>, pDrop: number): { mean: Float64Array; var: Float64Array } {
  checkProbability(pDrop, 'p_drop');
  if (pDrop === 1) return { mean: new Float64Array(x.length), var: new Float64Array(x.length) };
  const mean = Float64Array.from(x);
  const ratio = pDrop / (1 - pDrop);
  const variance = Float64Array.from(x, (v) => (v === 0 ? 0 : v * v * ratio));
  return { mean, var: variance };
}

/**
 * Exact probability-weighted mean and variance of the inverted-dropout output over all 2^n masks
 * (the brief's enumeration check of E[ỹ] = x), for 0 ≤ p_drop < 1.
 */
export function invertedMomentsByEnumeration(
  x: ArrayLike<number>,
  pDrop: number,
): { mean: Float64Array; var: Float64Array } {
  if (!(pDrop >= 0 && pDrop < 1)) throw new RangeError(`p_drop must be in [0, 1) (got ${pDrop})`);
  const n = x.length;
  const scale = invertedScale(pDrop);
  const mean = new Float64Array(n);
  const second = new Float64Array(n);
  const y = new Float64Array(n);
  for (const m of enumerateMasks(n)) {
    const p = maskProbability(m, 1 - pDrop);
    applyDropoutMask(x, m, scale, y);
    for (let j = 0; j < n; j++) {
      mean[j] += p * y[j];
      second[j] += p * y[j] * y[j];
    }
  }
  return { mean, var: mean.map((mu, j) => second[j] - mu * mu) };
}

/**
 * Normalised weighted geometric mean of probabilities: Πσ^P / (Πσ^P + Π(1−σ)^P), taken in logs.
 * Outputs within ~1e-6 of 0 or 1 carry few digits of 1 − σ; sigmoidUnitEnsemble works from logits instead.
 */
export function nwgm(values: ArrayLike<number>, weights: ArrayLike<number>): number {
  let logG = 0;
  let logH = 0;
  for (let k = 0; k < values.length; k++) {
    logG += weights[k] * Math.log(values[k]);
    logH += weights[k] * Math.log1p(-values[k]);
  }
  return sigmoid(logG - logH);
}

export interface SigmoidUnitEnsemble {
  /** w·x + b, the undropped pre-activation. */
  readonly z: number;
  /** E[z_m] over masks, z_m = w·(m ⊙ x)/p_keep + b; equals z (inverted scaling keeps the mean). */
  readonly meanZ: number;
  /** The true ensemble (arithmetic) mean E[σ(z_m)] over all 2^n sub-networks. */
  readonly ensembleMean: number;
  /** The weight-scaling rule's output σ(w·x + b). */
  readonly weightScaled: number;
  /** NWGM of the sub-network outputs, from the product formula; equals σ(E[z]) for one sigmoid unit. */
  readonly nwgm: number;
  /** 2^n. */
  readonly subnetworks: number;
}

/**
 * One sigmoid unit under inverted dropout of its n inputs: the exact ensemble over all 2^n masks vs
 * the weight-scaling rule. The log-space NWGM uses log σ(z) = −softplus(−z), so it never takes log 0.
 */
export function sigmoidUnitEnsemble(
  w: ArrayLike<number>,
  x: ArrayLike<number>,
  pKeep: number,
  b = 0,
): SigmoidUnitEnsemble {
  const n = x.length;
  if (w.length !== n) throw new RangeError('w and x differ in length');
  if (!(pKeep > 0 && pKeep <= 1)) throw new RangeError(`p_keep must be in (0, 1] (got ${pKeep})`);
  let meanZ = 0;
  let ensembleMean = 0;
  let logG = 0;
  let logH = 0;
  for (const m of enumerateMasks(n)) {
    const p = maskProbability(m, pKeep);
    const zm = maskedLogit(w, x, m, pKeep, b);
    meanZ += p * zm;
    ensembleMean += p * sigmoid(zm);
    logG -= p * softplus(-zm);
    logH -= p * softplus(zm);
  }
  const z = maskedLogit(w, x, null, 1, b);
  return {
    z,
    meanZ,
    ensembleMean,
    weightScaled: sigmoid(z),
    nwgm: sigmoid(logG - logH),
    subnetworks: 2 ** n,
  };
}

export interface MeanEstimate {
  readonly mean: number;
  /** Standard error s/√k (sample standard deviation s); NaN for k < 2. */
  readonly stdErr: number;
  readonly count: number;
}

/** A running mean with its standard error (Welford), for live Monte-Carlo readouts. */
export interface MeanAccumulator extends MeanEstimate {
  add(v: number): void;
  reset(): void;
}

export function createMeanAccumulator(): MeanAccumulator {
  let count = 0;
  let mean = 0;
  let m2 = 0;
  return {
    add(v: number) {
      count++;
      const d = v - mean;
      mean += d / count;
      m2 += d * (v - mean);
    },
    reset() {
      count = 0;
      mean = 0;
      m2 = 0;
    },
    get count() {
      return count;
    },
    get mean() {
      return count > 0 ? mean : NaN;
    },
    get stdErr() {
      return count > 1 ? Math.sqrt(m2 / (count - 1) / count) : NaN;
    },
  };
}

/**
 * Monte-Carlo estimate of the sigmoid unit's ensemble mean E[σ(z_m)] from k sampled masks
 * (inverted scaling); converges to sigmoidUnitEnsemble(...).ensembleMean, not to σ(w·x).
 */
export function monteCarloSigmoidUnit(
  w: ArrayLike<number>,
  x: ArrayLike<number>,
  pKeep: number,
  k: number,
  rng: Rng,
  b = 0,
  acc: MeanAccumulator = createMeanAccumulator(),
): MeanEstimate {
  const m = new Uint8Array(x.length);
  for (let i = 0; i < k; i++) {
    sampleDropoutMask(x.length, pKeep, rng, m);
    acc.add(sigmoid(maskedLogit(w, x, m, pKeep, b)));
  }
  return { mean: acc.mean, stdErr: acc.stdErr, count: acc.count };
}

/** z_m = w·(m ⊙ x)/p_keep + b; no mask means all kept. */
function maskedLogit(
  w: ArrayLike<number>,
  x: ArrayLike<number>,
  m: ArrayLike<number> | null,
  pKeep: number,
  b: number,
): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) if (!m || m[j]) s += w[j] * x[j];
  return s / pKeep + b;
}

function checkProbability(p: number, name: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name} must be in [0, 1] (got ${p})`);
}
