import { ACTIVATIONS } from './activations.ts';
import { matmul } from './matrix.ts';
import type { RnnParams, RnnTrace } from './rnn.ts';
import { spectralNorm } from './spectral.ts';
import { matTVecAcc, norm } from './vec.ts';

/**
 * Backpropagation through time for the vanilla RNN (T14.3):
 * ∂h_T/∂h_k = ∏_{t=T}^{k+1} diag(φ′(a_t)) W_hh.
 *
 * Products of T − k Jacobians leave the double range quickly (0.25^600 underflows,
 * 3^700 overflows), so every running product is kept as (mantissa array, power-of-two
 * exponent): rescaling by powers of two is exact, and log10 norms stay finite however long
 * the sequence. Linear values are derived from the logs at the end: an overflow reads
 * Infinity (with `overflow` set), an underflow reads 0 (with `underflow` set), never NaN.
 */

const LOG10_2 = Math.log10(2);

/** x · 2^e, stepping so that neither 2^e nor an intermediate overflows on its own. */
function ldexp(x: number, e: number): number {
  if (x === 0 || e === 0) return x;
  if (e === -Infinity) return 0;
  let y = x;
  let k = e;
  while (k > 1000 && Number.isFinite(y)) {
    y *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000 && y !== 0) {
    y *= 2 ** -1000;
    k += 1000;
  }
  return y * 2 ** k;
}

/** Scale v in place so max |vᵢ| ∈ [1, 2); returns the exponent e removed (true v = v · 2^e). */
function normalise(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]));
  if (m === 0 || !Number.isFinite(m)) return 0;
  const e = Math.floor(Math.log2(m));
  if (e === 0) return 0;
  for (let i = 0; i < v.length; i++) v[i] = ldexp(v[i], -e);
  return e;
}

/** log10 of (mantissa norm · 2^e); −Infinity for a zero vector. */
function log10Norm(v: Float64Array, e: number): number {
  const nv = norm(v);
  return nv === 0 ? -Infinity : Math.log10(nv) + e * LOG10_2;
}

export type MatrixNorm = 'spectral' | 'fro';

/** Norms indexed by k = 0…T, with flags for values that left the double range. */
export interface LogScaleSeries {
  /** log10 of the quantity; finite unless it is exactly 0 (−Infinity). */
  readonly log10: Float64Array;
  /** 10^log10: Infinity where it overflows, 0 where it underflows. */
  readonly value: Float64Array;
  readonly overflow: boolean;
  readonly underflow: boolean;
}

function fromLog10(log10: Float64Array): LogScaleSeries {
  const value = new Float64Array(log10.length);
  let overflow = false;
  let underflow = false;
  for (let k = 0; k < log10.length; k++) {
    const v = 10 ** log10[k];
    value[k] = v;
    if (v === Infinity) overflow = true;
    if (v === 0 && log10[k] > -Infinity) underflow = true;
  }
  return { log10, value, overflow, underflow };
}

/**
 * ‖∂h_T/∂h_k‖ for k = 0…T along an RNN trace (index T is the identity: 1 in the spectral
 * norm, √d_h in Frobenius). 'spectral' is ‖·‖₂, the norm in the bound
 * ‖∂h_T/∂h_k‖₂ ≤ (γ‖W_hh‖₂)^{T−k}; it costs a small symmetric eigenproblem per step.
 * 'fro' (Frobenius, ≥ ‖·‖₂, ≤ √d_h ‖·‖₂) is cheaper. For d_h = 1 both are |∂h_T/∂h_k|.
 */
export function rnnJacobianNorms(
  p: RnnParams,
  trace: RnnTrace,
  { norm: which = 'spectral' }: { norm?: MatrixNorm } = {},
): LogScaleSeries {
  const n = p.dh;
  const T = trace.hs.length - 1;
  const df = ACTIVATIONS[p.act].df;
  let M = new Float64Array(n * n);
  let next = new Float64Array(n * n);
  for (let i = 0; i < n; i++) M[i * n + i] = 1;
  let e = 0;
  const d = new Float64Array(n);
  const log10 = new Float64Array(T + 1);
  const matNorm = (A: Float64Array) => (which === 'fro' ? norm(A) : spectralNorm(A, n, n));
  log10[T] = Math.log10(matNorm(M));
  for (let k = T - 1; k >= 0; k--) {
    const a = trace.as[k + 1];
    for (let l = 0; l < n; l++) d[l] = df(a[l]);
    // M_k = (M_{k+1} · diag(φ′(a_{k+1}))) · W_hh: scale M's columns in place (M_{k+1} is not
    // needed again), then the blocked kernel.
    for (let i = 0; i < n; i++) {
      const ni = i * n;
      for (let l = 0; l < n; l++) M[ni + l] *= d[l];
    }
    matmul(M, p.Whh, n, n, n, next);
    [M, next] = [next, M];
    e += normalise(M);
    const nm = matNorm(M);
    log10[k] = nm === 0 ? -Infinity : Math.log10(nm) + e * LOG10_2;
  }
  return fromLog10(log10);
}

export interface BpttClip {
  /** Threshold on the gradient's L2 norm. */
  maxNorm: number;
  /**
   * 'global' (default): rescale the whole parameter gradient (W_hh, W_xh, b) to maxNorm if it
   * is longer, as torch.nn.utils.clip_grad_norm_ does (here without its 1e-6 in the
   * denominator). 'perStep': clip the backpropagated ∂L/∂h_k at every step before it is
   * passed on, so the per-step plot itself is capped.
   */
  mode?: 'global' | 'perStep';
}

export interface BpttOptions {
  /** ∂L/∂h_t given directly for the loss on h_T only. */
  dLdhT?: ArrayLike<number>;
  /** ∂L_t/∂h_t for t = 1…T (index t; index 0 and missing entries count as zero). */
  dLdh?: ReadonlyArray<ArrayLike<number> | null | undefined>;
  clip?: BpttClip;
}

export interface BpttResult {
  /** ∂L/∂W_hh (d_h × d_h), ∂L/∂W_xh (d_h × d_x), ∂L/∂b, after clipping. ±Infinity only if unclipped and overflowing. */
  readonly dWhh: Float64Array;
  readonly dWxh: Float64Array;
  readonly db: Float64Array;
  /** ∂L/∂h_0 (not a parameter, so 'global' clipping leaves it as is). */
  readonly dh0: Float64Array;
  /** ‖∂L/∂h_k‖ for k = 0…T: the gradient reaching step k (after clipping in 'perStep' mode). */
  readonly dh: LogScaleSeries;
  /** log10 of the parameter gradient's norm before clipping, and its value (may be Infinity). */
  readonly gradNormLog10: number;
  readonly gradNorm: number;
  /** log10 of the factor clipping applied to the parameter gradient (0: not clipped). */
  readonly clipFactorLog10: number;
  readonly clipped: boolean;
  /** Some returned linear value overflowed to ±Infinity. */
  readonly overflow: boolean;
}

/**
 * BPTT for a scalar loss L on an RNN trace: δ_k = φ′(a_k) ⊙ ∂L/∂h_k,
 * ∂L/∂h_{k−1} = W_hhᵀ δ_k + ∂L_{k−1}/∂h_{k−1}, ∂L/∂W_hh = Σ_k δ_k h_{k−1}ᵀ,
 * ∂L/∂W_xh = Σ_k δ_k x_kᵀ, ∂L/∂b = Σ_k δ_k. Exact (no truncation).
 */
export function rnnBptt(p: RnnParams, trace: RnnTrace, opts: BpttOptions): BpttResult {
  const { dh: n, dx } = p;
  const T = trace.hs.length - 1;
  const df = ACTIVATIONS[p.act].df;
  const clip = opts.clip;
  const perStep = clip?.mode === 'perStep';
  const stepMax = clip?.mode === 'perStep' ? clip.maxNorm : Infinity;
  const upstream = (t: number): ArrayLike<number> | null | undefined =>
    t === T && opts.dLdhT ? opts.dLdhT : opts.dLdh?.[t];

  // g = ∂L/∂h_k as mantissa·2^gE.
  let g = new Float64Array(n);
  let gE = 0;
  const add = (src: ArrayLike<number> | null | undefined) => {
    if (!src) return;
    const s = Float64Array.from(src);
    const sE = normalise(s);
    if (norm(g) === 0 || sE > gE) {
      for (let i = 0; i < n; i++) g[i] = ldexp(g[i], gE - sE);
      gE = sE;
      for (let i = 0; i < n; i++) g[i] += s[i];
    } else {
      for (let i = 0; i < n; i++) g[i] += ldexp(s[i], sE - gE);
    }
    gE += normalise(g);
  };
  if (opts.dLdhT && opts.dLdh?.[T]) add(opts.dLdh[T]);
  add(upstream(T));

  const oW = 0;
  const oX = n * n;
  const oB = n * n + n * dx;
  const acc = new Float64Array(oB + n);
  let accE = -Infinity;
  const delta = new Float64Array(n);
  const dhLog10 = new Float64Array(T + 1);
  const clipStep = () => {
    if (!perStep) return;
    const lg = log10Norm(g, gE);
    if (lg > Math.log10(stepMax)) {
      const s = stepMax / norm(g);
      for (let i = 0; i < n; i++) g[i] *= s;
      gE = normalise(g);
    }
  };

  for (let k = T; k >= 1; k--) {
    clipStep();
    dhLog10[k] = log10Norm(g, gE);
    const a = trace.as[k];
    let any = false;
    for (let i = 0; i < n; i++) {
      delta[i] = df(a[i]) * g[i];
      if (delta[i] !== 0) any = true;
    }
    // Bring the accumulator and this step's terms to a common exponent.
    let f = 0;
    if (any && gE > accE) {
      if (accE > -Infinity) for (let j = 0; j < acc.length; j++) acc[j] = ldexp(acc[j], accE - gE);
      accE = gE;
      f = 1;
    } else if (any) f = ldexp(1, gE - accE);
    if (f !== 0) {
      const hPrev = trace.hs[k - 1];
      const x = trace.xs[k];
      for (let i = 0; i < n; i++) {
        const di = f * delta[i];
        if (di === 0) continue;
        for (let j = 0; j < n; j++) acc[oW + i * n + j] += di * hPrev[j];
        for (let j = 0; j < dx; j++) acc[oX + i * dx + j] += di * x[j];
        acc[oB + i] += di;
      }
    }
    accE += normalise(acc);
    const back = new Float64Array(n);
    matTVecAcc(p.Whh, n, n, delta, back);
    g = back;
    gE += normalise(g);
    if (k - 1 >= 1) add(upstream(k - 1));
  }
  clipStep();
  dhLog10[0] = log10Norm(g, gE);

  const gradNormLog10 = accE === -Infinity ? -Infinity : log10Norm(acc, accE);
  let clipFactorLog10 = 0;
  let scale = (x: number) => ldexp(x, accE);
  if (clip && !perStep && gradNormLog10 > Math.log10(clip.maxNorm)) {
    clipFactorLog10 = Math.log10(clip.maxNorm) - gradNormLog10;
    const s = clip.maxNorm / norm(acc);
    scale = (x: number) => x * s;
  }
  const out = acc.map((x) => (accE === -Infinity ? 0 : scale(x)));
  const dh0 = g.map((x) => ldexp(x, gE));
  const dh = fromLog10(dhLog10);
  const gradNorm = 10 ** gradNormLog10;
  let overflow = dh.overflow || gradNorm === Infinity;
  for (const x of out) if (!Number.isFinite(x)) overflow = true;
  for (const x of dh0) if (!Number.isFinite(x)) overflow = true;
  return {
    dWhh: out.slice(oW, oX),
    dWxh: out.slice(oX, oB),
    db: out.slice(oB),
    dh0,
    dh,
    gradNormLog10,
    gradNorm,
    clipFactorLog10,
    clipped: clipFactorLog10 < 0,
    overflow,
  };
}
