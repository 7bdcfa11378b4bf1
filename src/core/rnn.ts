import { ACTIVATIONS, type ActivationName } from './activations.ts';
import type { Rng } from './rng.ts';
import { recurrentMatrix, type RecurrentMatrixKind } from './spectral.ts';
import { matVecAcc } from './vec.ts';

/**
 * Vanilla RNN cell h_t = φ(W_hh h_{t−1} + W_xh x_t + b) (brief T14.3).
 * Row-major weights: W_hh is d_h × d_h, W_xh is d_h × d_x.
 */
export interface RnnParams {
  readonly dh: number;
  readonly dx: number;
  readonly Whh: Float64Array;
  readonly Wxh: Float64Array;
  readonly b: Float64Array;
  /** φ, any name from the activation registry; tanh in the brief. */
  readonly act: ActivationName;
}

/** One step: the pre-activation a_t (BPTT needs φ′(a_t)) and h_t = φ(a_t). */
export interface RnnStep {
  readonly a: Float64Array;
  readonly h: Float64Array;
}

/** h_t = φ(W_hh h_{t−1} + W_xh x_t + b); writes into `out` when given. */
export function rnnStep(
  p: RnnParams,
  hPrev: ArrayLike<number>,
  x: ArrayLike<number>,
  out: RnnStep = { a: new Float64Array(p.dh), h: new Float64Array(p.dh) },
): RnnStep {
  const { a, h } = out;
  a.set(p.b);
  matVecAcc(p.Whh, p.dh, p.dh, hPrev, a);
  matVecAcc(p.Wxh, p.dh, p.dx, x, a);
  const f = ACTIVATIONS[p.act].f;
  for (let i = 0; i < p.dh; i++) h[i] = f(a[i]);
  return out;
}

/**
 * The RNN unrolled over xs = [x_1 … x_T]. Indices follow the formulas: hs[0] = h_0 and
 * hs[t] = h_t for t = 1…T; as[t] = a_t (as[0] is empty, there is no a_0).
 */
export interface RnnTrace {
  readonly hs: Float64Array[];
  readonly as: Float64Array[];
  readonly xs: Float64Array[];
  /**
   * Some h_t left the double range. Only an unbounded φ (linear, ReLU, …) with gain^T beyond
   * ~1e308 gets here; from that step on the states are ±Infinity or NaN and mean nothing, so a
   * widget should show the flag instead. BPTT's Jacobian norms stay exact for the linear φ.
   */
  readonly overflow: boolean;
}

export function rnnForward(p: RnnParams, xs: ReadonlyArray<ArrayLike<number>>, h0?: ArrayLike<number>): RnnTrace {
  const hs: Float64Array[] = [Float64Array.from(h0 ?? new Float64Array(p.dh))];
  const as: Float64Array[] = [new Float64Array(0)];
  const xcopy: Float64Array[] = [new Float64Array(0)];
  let overflow = false;
  for (let t = 1; t <= xs.length; t++) {
    const x = Float64Array.from(xs[t - 1]);
    const s = rnnStep(p, hs[t - 1], x);
    hs.push(s.h);
    as.push(s.a);
    xcopy.push(x);
    if (!overflow && !s.h.every(Number.isFinite)) overflow = true;
  }
  return { hs, as, xs: xcopy, overflow };
}

export interface RnnInitOptions {
  /** Spectral radius of W_hh (exact for 'orthogonal', estimated for 'gaussian'). Default 1. */
  gain?: number;
  kind?: RecurrentMatrixKind;
  /** W_xh entries are N(0, inputScale²/d_x). Default 1. */
  inputScale?: number;
  act?: ActivationName;
}

/** Seeded RNN parameters with a recurrent matrix of chosen gain and zero bias. */
export function rnnInit(dh: number, dx: number, rng: Rng, opts: RnnInitOptions = {}): RnnParams {
  const { gain = 1, kind = 'orthogonal', inputScale = 1, act = 'tanh' } = opts;
  const Whh = recurrentMatrix(dh, rng, { gain, kind });
  const Wxh = new Float64Array(dh * dx);
  const s = inputScale / Math.sqrt(dx);
  for (let i = 0; i < Wxh.length; i++) Wxh[i] = s * rng.normal();
  return { dh, dx, Whh, Wxh, b: new Float64Array(dh), act };
}

/** Parameters of the RNN cell: d_h(d_h + d_x) + d_h (one bias; PyTorch keeps two, adding d_h). */
export function rnnParamCount(dx: number, dh: number, { torchBiases = false } = {}): number {
  return dh * (dh + dx) + dh * (torchBiases ? 2 : 1);
}
