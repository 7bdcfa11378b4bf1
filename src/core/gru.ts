import { sigmoid } from './activations.ts';
import { fillUniformSymmetric } from './init.ts';
import { gatePreactivation, gateProductPath, type GatePathGradient } from './lstm.ts';
import type { Rng } from './rng.ts';
import { matVecAcc } from './vec.ts';

/**
 * GRU cell (T15.3). Gate matrices are d_h × (d_h + d_x) on [h_{t−1}; x_t], h first.
 * For the reset-after candidate, W_h's first d_h columns act as PyTorch's W_hn, its x
 * columns as W_in, b_h as b_in and `bhh` (default 0) as b_hn.
 */
export interface GruParams {
  readonly dh: number;
  readonly dx: number;
  readonly Wz: Float64Array;
  readonly Wr: Float64Array;
  readonly Wh: Float64Array;
  readonly bz: Float64Array;
  readonly br: Float64Array;
  readonly bh: Float64Array;
  /** Recurrent candidate bias b_hn, gated by r in reset-after; added ungated in reset-before. */
  readonly bhh?: Float64Array;
}

/**
 * 'A' (Cho et al. 2014, PyTorch, Keras, D2L): h_t = z⊙h_{t−1} + (1−z)⊙h̃, z keeps the old state.
 * 'B' (Chung et al. 2014, Olah): h_t = (1−z)⊙h_{t−1} + z⊙h̃, z takes the new state.
 */
export type GruConvention = 'A' | 'B';
/**
 * 'before' (Cho): h̃ = tanh(W_h[r⊙h_{t−1}; x_t] + b_h).
 * 'after' (PyTorch/cuDNN, Keras reset_after): h̃ = tanh(W_hx x_t + b_h + r⊙(W_hh h_{t−1} + b_hh)).
 */
export type GruReset = 'before' | 'after';

export interface GruOptions {
  conv?: GruConvention;
  reset?: GruReset;
}

/** One step's values: gates z, r ∈ (0,1), the candidate h̃ and h_t. */
export interface GruStep {
  readonly z: Float64Array;
  readonly r: Float64Array;
  readonly hTilde: Float64Array;
  readonly h: Float64Array;
}

/** One GRU step; conv 'A' and reset 'before' (Cho et al. 2014, the brief's primary) by default. */
export function gruStep(
  p: GruParams,
  hPrev: ArrayLike<number>,
  x: ArrayLike<number>,
  { conv = 'A', reset = 'before' }: GruOptions = {},
): GruStep {
  const n = p.dh;
  const cols = n + p.dx;
  const z = gatePreactivation(p.Wz, p.bz, hPrev, x, new Float64Array(n));
  const r = gatePreactivation(p.Wr, p.br, hPrev, x, new Float64Array(n));
  for (let k = 0; k < n; k++) {
    z[k] = sigmoid(z[k]);
    r[k] = sigmoid(r[k]);
  }
  const pre = Float64Array.from(p.bh);
  matVecAcc(p.Wh, n, cols, x, pre, n);
  if (reset === 'before') {
    const rh = new Float64Array(n);
    for (let k = 0; k < n; k++) rh[k] = r[k] * hPrev[k];
    matVecAcc(p.Wh, n, cols, rh, pre, 0);
    if (p.bhh) for (let k = 0; k < n; k++) pre[k] += p.bhh[k];
  } else {
    const rec = p.bhh ? Float64Array.from(p.bhh) : new Float64Array(n);
    matVecAcc(p.Wh, n, cols, hPrev, rec, 0);
    for (let k = 0; k < n; k++) pre[k] += r[k] * rec[k];
  }
  const hTilde = pre;
  const h = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    hTilde[k] = Math.tanh(hTilde[k]);
    // Written as h̃ + keep·(h_{t−1} − h̃) so h_t lies between the two even after rounding.
    const keep = conv === 'A' ? z[k] : 1 - z[k];
    h[k] = hTilde[k] + keep * (hPrev[k] - hTilde[k]);
  }
  return { z, r, hTilde, h };
}

/** steps[t − 1] holds time t's values; h0 defaults to zeros. */
export interface GruTrace {
  readonly h0: Float64Array;
  readonly steps: GruStep[];
}

export function gruForward(
  p: GruParams,
  xs: ReadonlyArray<ArrayLike<number>>,
  h0?: ArrayLike<number>,
  opts: GruOptions = {},
): GruTrace {
  const H0 = Float64Array.from(h0 ?? new Float64Array(p.dh));
  const steps: GruStep[] = [];
  let h: Float64Array = H0;
  for (const x of xs) {
    const s = gruStep(p, h, x, opts);
    steps.push(s);
    h = s.h;
  }
  return { h0: H0, steps };
}

/**
 * The GRU's direct path ∂h_T/∂h_k|direct = diag(∏_{t=k+1}^{T} keep_t), the term that skips
 * the candidate and the gates: keep = z under convention A, 1 − z under B. The GRU's
 * counterpart of the LSTM's ∏ f_t.
 */
export function gruDirectPathGradient(trace: GruTrace, conv: GruConvention = 'A'): GatePathGradient {
  const keep = trace.steps.map((s) => (conv === 'A' ? s.z : s.z.map((z) => 1 - z)));
  return gateProductPath(keep, trace.h0.length);
}

/** Seeded GRU parameters, PyTorch-style U(−1/√d_h, 1/√d_h) for every weight and bias (b_hn = 0). */
export function gruInit(
  dh: number,
  dx: number,
  rng: Rng,
  { scale = 1 / Math.sqrt(dh) }: { scale?: number } = {},
): GruParams {
  const u = (len: number) => fillUniformSymmetric(new Float64Array(len), rng, scale);
  const m = dh * (dh + dx);
  return { dh, dx, Wz: u(m), Wr: u(m), Wh: u(m), bz: u(dh), br: u(dh), bh: u(dh) };
}

/** #GRU = 3(d_h(d_h + d_x) + d_h); PyTorch's two biases per gate add 3 d_h. */
export function gruParamCount(dx: number, dh: number, { torchBiases = false } = {}): number {
  return 3 * (dh * (dh + dx) + dh * (torchBiases ? 2 : 1));
}
