import type { Rng } from './rng.ts';
import { LEAKY_SLOPE } from './constants.ts';

/**
 * Weight initialisers. Conventions follow PyTorch's `torch.nn.init`: fan-in/fan-out of a
 * dense layer W ∈ ℝ^{out×in} are (in, out); `gain` multiplies the standard deviation.
 */

/** Xavier/Glorot "normalised" variance 2/(n_in + n_out). */
export const xavierVar = (fanIn: number, fanOut: number): number => 2 / (fanIn + fanOut);
/** Xavier std √(2/(n_in + n_out)). */
export const xavierStd = (fanIn: number, fanOut: number): number => Math.sqrt(2 / (fanIn + fanOut));
/** Xavier uniform bound √(6/(n_in + n_out)): U(−b, b) has variance b²/3 = 2/(n_in + n_out). */
export const xavierBound = (fanIn: number, fanOut: number): number => Math.sqrt(6 / (fanIn + fanOut));
/** He/Kaiming variance 2/n_in (fan-in mode, ReLU gain √2). */
export const heVar = (fanIn: number): number => 2 / fanIn;
/** He std √(2/n_in). */
export const heStd = (fanIn: number): number => Math.sqrt(2 / fanIn);
/** He uniform bound √(6/n_in). */
export const heBound = (fanIn: number): number => Math.sqrt(6 / fanIn);
/** PyTorch's nn.Linear default: kaiming_uniform with a = √5, i.e. U(±1/√n_in), variance 1/(3 n_in). */
export const pytorchLinearDefaultVar = (fanIn: number): number => 1 / (3 * fanIn);

export const GAIN_NAMES = ['linear', 'sigmoid', 'tanh', 'relu', 'leakyRelu', 'selu'] as const;
export type GainName = (typeof GAIN_NAMES)[number];

/**
 * The recommended gain per nonlinearity, as `torch.nn.init.calculate_gain`: linear and
 * sigmoid 1, tanh 5/3, ReLU √2, LeakyReLU √(2/(1 + slope²)), SELU 3/4.
 */
export function gain(name: GainName, slope = LEAKY_SLOPE): number {
  switch (name) {
    case 'linear':
    case 'sigmoid':
      return 1;
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'leakyRelu':
      return Math.sqrt(2 / (1 + slope * slope));
    case 'selu':
      return 3 / 4;
  }
}

export const INIT_SCHEMES = [
  'normal',
  'small',
  'xavierNormal',
  'xavierUniform',
  'heNormal',
  'heUniform',
  'pytorchDefault',
] as const;
/**
 * normal: N(0, 1) · gain. small: N(0, 0.01²) · gain. xavier*: std gain·√(2/(n_in+n_out)).
 * he*: std gain/√n_in with default gain √2 (so heNormal with gain g is "custom σ_w² = g²").
 * pytorchDefault: U(±gain/√n_in).
 */
export type InitScheme = (typeof INIT_SCHEMES)[number];

/** The gain a scheme uses when none is given: √2 for He (PyTorch's kaiming default), else 1. */
export function defaultGain(scheme: InitScheme): number {
  return scheme === 'heNormal' || scheme === 'heUniform' ? Math.SQRT2 : 1;
}

/** Standard deviation of a weight drawn by `scheme` (uniform schemes: bound/√3). */
export function initStd(scheme: InitScheme, fanIn: number, fanOut: number, g = defaultGain(scheme)): number {
  switch (scheme) {
    case 'normal':
      return g;
    case 'small':
      return 0.01 * g;
    case 'xavierNormal':
    case 'xavierUniform':
      return g * xavierStd(fanIn, fanOut);
    case 'heNormal':
    case 'heUniform':
      return g / Math.sqrt(fanIn);
    case 'pytorchDefault':
      return g / Math.sqrt(3 * fanIn);
  }
}

/** Variance of a weight drawn by `scheme`. */
export function initVar(scheme: InitScheme, fanIn: number, fanOut: number, g = defaultGain(scheme)): number {
  const s = initStd(scheme, fanIn, fanOut, g);
  return s * s;
}

/** The mean-field weight scale σ_w² = n_in · Var(W) (Xavier on a square layer: 1; He: 2; N(0,1): n_in). */
export function sigmaW2(scheme: InitScheme, fanIn: number, fanOut: number, g = defaultGain(scheme)): number {
  return fanIn * initVar(scheme, fanIn, fanOut, g);
}

/** True for the schemes that draw from a uniform distribution. */
export function isUniformScheme(scheme: InitScheme): boolean {
  return scheme === 'xavierUniform' || scheme === 'heUniform' || scheme === 'pytorchDefault';
}

/**
 * Fills a fanOut×fanIn weight matrix (row-major, PyTorch's Linear.weight layout) with
 * i.i.d. draws of `scheme`. Returns `out`.
 */
export function initWeights(
  fanIn: number,
  fanOut: number,
  scheme: InitScheme,
  rng: Rng,
  g = defaultGain(scheme),
  out: Float64Array = new Float64Array(fanIn * fanOut),
): Float64Array {
  const std = initStd(scheme, fanIn, fanOut, g);
  const n = fanIn * fanOut;
  if (isUniformScheme(scheme)) {
    fillUniformSymmetric(out.subarray(0, n), rng, std * Math.sqrt(3));
  } else {
    for (let i = 0; i < n; i++) out[i] = std * rng.normal();
  }
  return out;
}

/** Fills `out` with N(mean, std²) draws. */
export function fillNormal(out: Float64Array, rng: Rng, mean = 0, std = 1): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = mean + std * rng.normal();
  return out;
}

/** Fills `out` with U(−b, b) draws, b·(2u − 1) (PyTorch's uniform initialisers). */
export function fillUniformSymmetric(out: Float64Array, rng: Rng, b: number): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = b * (2 * rng.next() - 1);
  return out;
}

/** Fills `out` with U[lo, hi) draws. */
export function fillUniform(out: Float64Array, rng: Rng, lo: number, hi: number): Float64Array {
  for (let i = 0; i < out.length; i++) out[i] = lo + (hi - lo) * rng.next();
  return out;
}
