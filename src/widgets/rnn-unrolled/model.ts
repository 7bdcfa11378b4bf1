import { rnnBptt, rnnJacobianNorms } from '../../core/bptt.ts';
import { mixSeed } from '../../core/hashSeed.ts';
import { createRng } from '../../core/rng.ts';
import { rnnForward, rnnInit, type RnnParams, type RnnTrace } from '../../core/rnn.ts';
import type { RnnAct } from './state.ts';

/** Hidden units (rows of the heat strip) and input size. */
export const DH = 16;
export const DX = 1;

export interface RnnSettings {
  T: number;
  g: number;
  act: RnnAct;
  u: number;
  clip: boolean;
  tau: number;
  seed: number;
}

/** γ = max |φ′|: the per-step factor the activation can contribute at most. */
export function maxSlope(act: RnnAct): number {
  return act === 'sigmoid' ? 0.25 : 1;
}

/**
 * Seeded parameters: W_hh = g·Q with Q a Haar-orthogonal matrix, so its spectral radius and
 * spectral norm are both exactly g and the bound (γ‖W_hh‖₂)^{T−k} is tight for the linear
 * RNN. The weights depend on the seed only: g rescales the same Q, φ is just a label.
 */
export function rnnParams(s: Pick<RnnSettings, 'g' | 'act' | 'u' | 'seed'>): RnnParams {
  return rnnInit(DH, DX, createRng(mixSeed(s.seed, 1)), { gain: s.g, kind: 'orthogonal', inputScale: s.u, act: s.act });
}

/** x_1 … x_T ~ N(0, 1) from their own stream, so a longer sequence extends a shorter one. */
export function inputSequence(T: number, seed: number): number[][] {
  const rng = createRng(mixSeed(seed, 2));
  return Array.from({ length: T }, () => [rng.normal()]);
}

/** A fixed unit vector u: the loss is L = uᵀh_T, so ‖∂L/∂h_T‖ = 1. */
export function lossDirection(seed: number): Float64Array {
  const rng = createRng(mixSeed(seed, 3));
  const v = Float64Array.from({ length: DH }, () => rng.normal());
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

export interface RnnFigure {
  readonly T: number;
  readonly params: RnnParams;
  readonly trace: RnnTrace;
  /** x_t for t = 1…T. */
  readonly xs: number[];
  /** log10 ‖∂h_T/∂h_k‖₂ for k = 0…T (−Infinity where exactly 0). */
  readonly jacLog10: Float64Array;
  readonly jacValue: Float64Array;
  /** log10 of the bound (γ g)^{T−k}. */
  readonly boundLog10: Float64Array;
  readonly gamma: number;
  /** Average slope of log10 ‖∂h_T/∂h_k‖ per step, from k = T to 0: negative vanishes, positive explodes. */
  readonly decadesPerStep: number;
  /** Largest |h_t|, the heat strip's colour range. */
  readonly hMax: number;
  /** The parameter gradient of L = uᵀh_T and what clipping did to it (NaN norm when clipping is off: not computed). */
  readonly gradNormLog10: number;
  readonly clipFactorLog10: number;
  readonly clipped: boolean;
  /** log10 of each step's term after clipping: every term of the sum is multiplied by the same factor. */
  readonly clippedLog10: Float64Array;
  /** Some h_t overflowed (only an unbounded φ with a huge gain gets here). */
  readonly overflow: boolean;
}

export function rnnFigure(s: RnnSettings): RnnFigure {
  const params = rnnParams(s);
  const xs = inputSequence(s.T, s.seed);
  const trace = rnnForward(params, xs);
  const jac = rnnJacobianNorms(params, trace, { norm: 'spectral' });
  const gamma = maxSlope(s.act);
  const perStep = Math.log10(gamma * s.g);
  const boundLog10 = Float64Array.from({ length: s.T + 1 }, (_, k) => (s.T - k) * perStep);
  // The full BPTT is only needed for what clipping does to the parameter gradient.
  const bptt = s.clip
    ? rnnBptt(params, trace, { dLdhT: lossDirection(s.seed), clip: { maxNorm: s.tau, mode: 'global' } })
    : { gradNormLog10: NaN, clipFactorLog10: 0, clipped: false };
  const clippedLog10 = jac.log10.map((v) => v + bptt.clipFactorLog10);
  let hMax = 0;
  for (let t = 1; t <= s.T; t++)
    for (const v of trace.hs[t]) if (Number.isFinite(v)) hMax = Math.max(hMax, Math.abs(v));
  const first = jac.log10[0];
  return {
    T: s.T,
    params,
    trace,
    xs: xs.map((x) => x[0]),
    jacLog10: jac.log10,
    jacValue: jac.value,
    boundLog10,
    gamma,
    decadesPerStep: Number.isFinite(first) ? first / s.T : -Infinity,
    hMax,
    gradNormLog10: bptt.gradNormLog10,
    clipFactorLog10: bptt.clipFactorLog10,
    clipped: bptt.clipped,
    clippedLog10,
    overflow: trace.overflow,
  };
}

export type Regime = 'vanishing' | 'exploding' | 'stable';

/** Over the whole sequence: shrinks by more than 10×, grows by more than 10×, or neither. */
export function regime(fig: RnnFigure): Regime {
  const lg = fig.jacLog10[0];
  if (!(lg > -1)) return 'vanishing';
  if (lg > 1) return 'exploding';
  return 'stable';
}

/** tanh and sigmoid states are bounded; ReLU and linear ones can grow without limit. */
export function isBounded(act: RnnAct): boolean {
  return act === 'tanh' || act === 'sigmoid';
}
