import { sigmoid } from './activations.ts';
import { fillUniformSymmetric } from './init.ts';
import type { Rng } from './rng.ts';
import { matVecAcc } from './vec.ts';

/**
 * LSTM cell with a forget gate, the brief's six equations (T15.3). Each gate matrix is
 * d_h × (d_h + d_x), row-major, acting on [h_{t−1}; x_t]: its first d_h columns multiply
 * h_{t−1} (brief §0). PyTorch orders its stacked rows (i, f, g, o) and stores the h and x
 * blocks apart; map them before comparing.
 */
export interface LstmParams {
  readonly dh: number;
  readonly dx: number;
  readonly Wf: Float64Array;
  readonly Wi: Float64Array;
  readonly Wc: Float64Array;
  readonly Wo: Float64Array;
  readonly bf: Float64Array;
  readonly bi: Float64Array;
  readonly bc: Float64Array;
  readonly bo: Float64Array;
}

/** Every value of one step, for a step-through: gates f, i, o ∈ (0,1), candidate c̃, c_t, h_t. */
export interface LstmStep {
  readonly f: Float64Array;
  readonly i: Float64Array;
  readonly cTilde: Float64Array;
  readonly o: Float64Array;
  readonly c: Float64Array;
  readonly h: Float64Array;
}

/** out = W[h; x] + b for a d_h × (d_h + d_x) gate matrix. */
export function gatePreactivation(
  W: Float64Array,
  b: Float64Array,
  h: ArrayLike<number>,
  x: ArrayLike<number>,
  out: Float64Array,
): Float64Array {
  const dh = b.length;
  const cols = dh + x.length;
  out.set(b);
  matVecAcc(W, dh, cols, h, out, 0);
  matVecAcc(W, dh, cols, x, out, dh);
  return out;
}

/**
 * f = σ(W_f[h;x]+b_f), i = σ(W_i[h;x]+b_i), c̃ = tanh(W_c[h;x]+b_c),
 * c_t = f⊙c_{t−1} + i⊙c̃, o = σ(W_o[h;x]+b_o), h_t = o⊙tanh(c_t).
 */
export function lstmStep(
  p: LstmParams,
  hPrev: ArrayLike<number>,
  cPrev: ArrayLike<number>,
  x: ArrayLike<number>,
): LstmStep {
  const n = p.dh;
  const f = gatePreactivation(p.Wf, p.bf, hPrev, x, new Float64Array(n));
  const i = gatePreactivation(p.Wi, p.bi, hPrev, x, new Float64Array(n));
  const cTilde = gatePreactivation(p.Wc, p.bc, hPrev, x, new Float64Array(n));
  const o = gatePreactivation(p.Wo, p.bo, hPrev, x, new Float64Array(n));
  const c = new Float64Array(n);
  const h = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    f[k] = sigmoid(f[k]);
    i[k] = sigmoid(i[k]);
    cTilde[k] = Math.tanh(cTilde[k]);
    o[k] = sigmoid(o[k]);
    c[k] = f[k] * cPrev[k] + i[k] * cTilde[k];
    h[k] = o[k] * Math.tanh(c[k]);
  }
  return { f, i, cTilde, o, c, h };
}

/** steps[t − 1] holds time t's values; h0 and c0 default to zeros. */
export interface LstmTrace {
  readonly h0: Float64Array;
  readonly c0: Float64Array;
  readonly steps: LstmStep[];
}

export function lstmForward(
  p: LstmParams,
  xs: ReadonlyArray<ArrayLike<number>>,
  h0?: ArrayLike<number>,
  c0?: ArrayLike<number>,
): LstmTrace {
  const H0 = Float64Array.from(h0 ?? new Float64Array(p.dh));
  const C0 = Float64Array.from(c0 ?? new Float64Array(p.dh));
  const steps: LstmStep[] = [];
  let h: Float64Array = H0;
  let c: Float64Array = C0;
  for (const x of xs) {
    const s = lstmStep(p, h, c, x);
    steps.push(s);
    h = s.h;
    c = s.c;
  }
  return { h0: H0, c0: C0, steps };
}

/** log10 of a product of gate values along a path, per unit and as a norm, for k = 0…T. */
export interface GatePathGradient {
  /** (T+1) × d_h, row k: log10 ∏_{t=k+1}^{T} g_{t,j} per unit j (row T is 0, the empty product). */
  readonly log10: Float64Array;
  /** log10 of the diagonal matrix's spectral norm, max_j ∏_t g_{t,j}. */
  readonly normLog10: Float64Array;
  /** 10^normLog10: 0 once it underflows, never NaN. */
  readonly norm: Float64Array;
}

/**
 * The direct path's gradient through a sequence of diagonal Jacobians diag(g_t), t = 1…T
 * (gates[t − 1] = g_t): ∏_{t=k+1}^{T} g_t for k = 0…T, kept as log10 so long products that
 * underflow stay readable. An exactly zero gate gives −Infinity.
 */
export function gateProductPath(gates: ReadonlyArray<ArrayLike<number>>, n: number): GatePathGradient {
  const T = gates.length;
  const log10 = new Float64Array((T + 1) * n);
  for (let k = T - 1; k >= 0; k--) {
    const g = gates[k]; // g_{k+1}
    for (let j = 0; j < n; j++) log10[k * n + j] = log10[(k + 1) * n + j] + Math.log10(g[j]);
  }
  const normLog10 = new Float64Array(T + 1);
  const norm = new Float64Array(T + 1);
  for (let k = 0; k <= T; k++) {
    let m = -Infinity;
    for (let j = 0; j < n; j++) m = Math.max(m, log10[k * n + j]);
    normLog10[k] = n > 0 ? m : 0;
    norm[k] = 10 ** normLog10[k];
  }
  return { log10, normLog10, norm };
}

/**
 * The cell path's direct gradient ∂c_T/∂c_k|direct = diag(∏_{t=k+1}^{T} f_t) (T15.3), for
 * k = 0…T, as log10 per unit (row k of a (T+1) × d_h array; row T is 0, the empty product)
 * so long products that underflow stay readable. `norm[k]` is the spectral norm of that
 * diagonal matrix, max_j ∏ f_{t,j} (10^log10; 0 once it underflows, never NaN).
 */
export function lstmCellPathGradient(trace: LstmTrace): GatePathGradient {
  return gateProductPath(
    trace.steps.map((s) => s.f),
    trace.h0.length,
  );
}

export interface GatedInitOptions {
  /** Weights and other biases are U(−s, s); default s = 1/√d_h, PyTorch's choice. */
  scale?: number;
}

/**
 * Seeded LSTM parameters, PyTorch-style U(−1/√d_h, 1/√d_h), except that every forget-gate
 * bias is set to `forgetBias` exactly (default 1, as Gers et al. 2000 and Jozefowicz et
 * al. 2015 recommend; PyTorch itself leaves it random around 0).
 */
export function lstmInit(
  dh: number,
  dx: number,
  rng: Rng,
  { forgetBias = 1, scale = 1 / Math.sqrt(dh) }: GatedInitOptions & { forgetBias?: number } = {},
): LstmParams {
  const u = (len: number) => fillUniformSymmetric(new Float64Array(len), rng, scale);
  const m = dh * (dh + dx);
  return {
    dh,
    dx,
    Wf: u(m),
    Wi: u(m),
    Wc: u(m),
    Wo: u(m),
    bf: new Float64Array(dh).fill(forgetBias),
    bi: u(dh),
    bc: u(dh),
    bo: u(dh),
  };
}

/** #LSTM = 4(d_h(d_h + d_x) + d_h); PyTorch's two biases per gate add 4 d_h. */
export function lstmParamCount(dx: number, dh: number, { torchBiases = false } = {}): number {
  return 4 * (dh * (dh + dx) + dh * (torchBiases ? 2 : 1));
}
