import { ELU_ALPHA, GELU_TANH_C, LEAKY_SLOPE, SQRT_2_OVER_PI } from './constants.ts';
import { normalCdf, normalPdf } from './erf.ts';

/** An activation as a value/derivative pair, the way the rest of the core consumes it. */
export interface Activation {
  readonly name: ActivationName;
  f(x: number): number;
  df(x: number): number;
}

export const ACTIVATION_NAMES = [
  'sigmoid',
  'tanh',
  'relu',
  'leakyRelu',
  'elu',
  'gelu',
  'geluTanh',
  'silu',
  'softplus',
  'linear',
] as const;
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** σ(x) = 1/(1+e^{−x}), evaluated so that neither tail overflows. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * σ'(x) = e^{−|x|}/(1+e^{−|x|})². Same value as σ(1−σ), but it keeps full relative
 * precision in the tails, where 1 − σ(x) rounds to 0 (σ'(40) ≈ 4.2e−18, not 0).
 */
export function dsigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  const d = 1 + e;
  // Rounding can land one ulp above the exact maximum 1/4 next to 0.
  return Math.min(0.25, e / (d * d));
}

export function dtanh(x: number): number {
  // 1 − tanh² loses everything past |x| ≈ 19; 4e^{−2|x|}/(1+e^{−2|x|})² does not,
  // but near 0 it can round a hair above 1, so each form is used where it is exact.
  if (Math.abs(x) < 0.5) {
    const t = Math.tanh(x);
    return 1 - t * t;
  }
  const e = Math.exp(-2 * Math.abs(x));
  const d = 1 + e;
  return (4 * e) / (d * d);
}

export const relu = (x: number): number => (x > 0 ? x : 0);
/** ReLU'(0) is taken as 0, as in PyTorch. */
export const drelu = (x: number): number => (x > 0 ? 1 : 0);

export const leakyRelu = (x: number, alpha = LEAKY_SLOPE): number => (x > 0 ? x : alpha * x);
export const dleakyRelu = (x: number, alpha = LEAKY_SLOPE): number => (x > 0 ? 1 : alpha);

export const elu = (x: number, alpha = ELU_ALPHA): number => (x > 0 ? x : alpha * Math.expm1(x));
export const delu = (x: number, alpha = ELU_ALPHA): number => (x > 0 ? 1 : alpha * Math.exp(x));

/** GELU(x) = x Φ(x), the exact (erf) form. */
export const gelu = (x: number): number => x * normalCdf(x);
export const dgelu = (x: number): number => normalCdf(x) + x * normalPdf(x);

/** The tanh approximation BERT and GPT-2 used. */
export function geluTanh(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x)));
}
export function dgeluTanh(x: number): number {
  const u = SQRT_2_OVER_PI * (x + GELU_TANH_C * x * x * x);
  const t = Math.tanh(u);
  const du = SQRT_2_OVER_PI * (1 + 3 * GELU_TANH_C * x * x);
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
}

/** SiLU / Swish-1: x σ(x). */
export const silu = (x: number): number => x * sigmoid(x);
export const dsilu = (x: number): number => {
  const s = sigmoid(x);
  return s + x * s * (1 - s);
};

/** softplus(x) = ln(1+eˣ), written to avoid overflow for large x. */
export const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

export const ACTIVATIONS: Readonly<Record<ActivationName, Activation>> = {
  sigmoid: { name: 'sigmoid', f: sigmoid, df: dsigmoid },
  tanh: { name: 'tanh', f: Math.tanh, df: dtanh },
  relu: { name: 'relu', f: relu, df: drelu },
  leakyRelu: { name: 'leakyRelu', f: (x) => leakyRelu(x), df: (x) => dleakyRelu(x) },
  elu: { name: 'elu', f: (x) => elu(x), df: (x) => delu(x) },
  gelu: { name: 'gelu', f: gelu, df: dgelu },
  geluTanh: { name: 'geluTanh', f: geluTanh, df: dgeluTanh },
  silu: { name: 'silu', f: silu, df: dsilu },
  softplus: { name: 'softplus', f: softplus, df: sigmoid },
  linear: { name: 'linear', f: (x) => x, df: () => 1 },
};

export function activation(name: ActivationName): Activation {
  return ACTIVATIONS[name];
}

export function isActivationName(name: string): name is ActivationName {
  return (ACTIVATION_NAMES as readonly string[]).includes(name);
}
