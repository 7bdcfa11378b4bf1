import { dsigmoid, sigmoid } from './activations.ts';

/**
 * |x| at which σ'(x) = c, for 0 < c ≤ 1/4: σ' = s(1−s) = c gives
 * s = (1+√(1−4c))/2 and x = ln(s/(1−s)). Beyond it σ'(x) < c.
 */
export function sigmoidSaturationThreshold(c: number): number {
  if (!(c > 0 && c <= 0.25)) return NaN;
  const root = Math.sqrt(1 - 4 * c);
  // s/(1−s) with 1 − s = 2c/(1+√(1−4c)) to avoid cancelling when c is tiny.
  const s = (1 + root) / 2;
  const oneMinusS = (2 * c) / (1 + root);
  return Math.log(s / oneMinusS);
}

/** |x| at which tanh'(x) = 1 − tanh²(x) = c, for 0 < c ≤ 1. */
export function tanhSaturationThreshold(c: number): number {
  if (!(c > 0 && c <= 1)) return NaN;
  return Math.atanh(Math.sqrt(1 - c));
}

/** dL/dz of binary cross-entropy on a sigmoid output: σ(z) − y. */
export function bceGradLogit(z: number, y: number): number {
  return sigmoid(z) - y;
}

/** dL/dz of ½(σ(z) − y)² on a sigmoid output: (σ(z) − y) σ'(z). */
export function mseGradLogit(z: number, y: number): number {
  return (sigmoid(z) - y) * dsigmoid(z);
}

/**
 * The best case for L stacked sigmoid units: each contributes at most σ'(x), so a
 * path through L of them is scaled by σ'(x)^L (before the weights).
 * Returned in log10 so that depths of 100+ stay representable.
 */
export function log10DerivativePower(dfx: number, depth: number): number {
  return depth * Math.log10(dfx);
}
