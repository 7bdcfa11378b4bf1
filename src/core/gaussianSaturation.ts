import { dsigmoid } from './activations.ts';
import { normalCdf } from './erf.ts';
import { gaussExpect } from './quadrature.ts';
import { sigmoidSaturationThreshold } from './saturation.ts';

/**
 * How much of a Gaussian cloud of pre-activations z ∼ N(μ, s²) sits in the saturated tails
 * |z| > t, where t is a saturation threshold (default: σ'(z) < 0.01 ⇔ |z| > 4.58486):
 * P = Φ((−t − μ)/s) + Φ((μ − t)/s). For tanh pass `tanhSaturationThreshold(c)` as t.
 */
export function saturationFraction(s: number, mu = 0, t = sigmoidSaturationThreshold(0.01)): number {
  if (s === 0) return Math.abs(mu) > t ? 1 : 0;
  // Both terms are lower tails, so neither loses precision to 1 − Φ.
  return normalCdf((-t - mu) / s) + normalCdf((mu - t) / s);
}

/** E[σ'(z)] for z ∼ N(μ, s²) (Simpson on the brief's grid): the mean local gain of a sigmoid layer. */
export function expectedSigmoidDerivative(s: number, mu = 0): number {
  return gaussExpect(dsigmoid, s * s, mu);
}
