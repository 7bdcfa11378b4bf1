import { ACTIVATIONS, type ActivationName } from './activations.ts';
import { LEAKY_SLOPE } from './constants.ts';
import { gaussExpect } from './quadrature.ts';

/**
 * Mean-field signal propagation (Poole et al. 2016; Schoenholz et al. 2017) for a plain
 * deep net of infinite width with W_ij ∼ N(0, σ_w²/n), biases ∼ N(0, σ_b²):
 *   q_{l+1} = σ_w² E[φ(√q_l z)²] + σ_b²,   χ_l = σ_w² E[φ'(√q_l z)²],   z ∼ N(0, 1).
 * χ is the ratio of squared gradient norms per layer, so χ < 1 vanishes and χ > 1 explodes.
 * Expectations use the brief's Simpson grid; linear, ReLU and LeakyReLU use closed forms
 * (quadrature of a jump in φ' at 0 is off by ~1e-3).
 */

/** E[φ(√q z)²] and E[φ'(√q z)²] in closed form, where they exist. */
function closedForm(act: ActivationName): { phi2: (q: number) => number; dphi2: number } | null {
  switch (act) {
    case 'linear':
      return { phi2: (q) => q, dphi2: 1 };
    case 'relu':
      return { phi2: (q) => q / 2, dphi2: 1 / 2 };
    case 'leakyRelu': {
      const k = (1 + LEAKY_SLOPE * LEAKY_SLOPE) / 2;
      return { phi2: (q) => k * q, dphi2: k };
    }
    default:
      return null;
  }
}

/** The next pre-activation variance σ_w² E[φ(√q z)²] + σ_b². */
export function meanFieldNextQ(act: ActivationName, sw2: number, q: number, sb2 = 0): number {
  const cf = closedForm(act);
  if (cf) return sw2 * cf.phi2(q) + sb2;
  const { f } = ACTIVATIONS[act];
  return (
    sw2 *
      gaussExpect((x) => {
        const y = f(x);
        return y * y;
      }, q) +
    sb2
  );
}

/** χ(q) = σ_w² E[φ'(√q z)²], the per-layer ratio of squared gradient norms at variance q. */
export function meanFieldChi(act: ActivationName, sw2: number, q: number): number {
  const cf = closedForm(act);
  if (cf) return sw2 * cf.dphi2;
  const { df } = ACTIVATIONS[act];
  return (
    sw2 *
    gaussExpect((x) => {
      const d = df(x);
      return d * d;
    }, q)
  );
}

export interface FixedPoint {
  /**
   * The variance q* the recursion settles at from q1, or null when there is none: linear and
   * ReLU-like maps only scale q (by σ_w² or σ_w²/2), and some maps grow without bound.
   */
  readonly qStar: number | null;
  /** χ at q* (the closed form for linear/ReLU; χ at the last iterate if q diverges). */
  readonly chiStar: number;
}

/**
 * The fixed point of q ↦ σ_w² E[φ(√q z)²] + σ_b², iterated from q1 until |Δq| < 1e-15·max(1, q)
 * (brief, Appendix C). When the iteration crawls (tanh at σ_w² = 1 approaches 0 only like
 * 1/l), the sign of g(q) = next(q) − q decides: no root below means q* = 0, else bisection.
 */
export function meanFieldFixedPoint(act: ActivationName, sw2: number, q1 = 1, sb2 = 0): FixedPoint {
  const cf = closedForm(act);
  if (cf) return { qStar: null, chiStar: sw2 * cf.dphi2 };
  const next = (q: number) => meanFieldNextQ(act, sw2, q, sb2);
  const g = (q: number) => next(q) - q;
  let q = q1;
  let prev = q1;
  for (let it = 0; it < 500; it++) {
    const n = next(q);
    prev = q;
    q = n;
    if (Math.abs(q - prev) < 1e-15 * Math.max(1, q)) {
      // The absolute tolerance stops a geometric approach to 0 at q ≈ 1e-15: that fixed point is 0.
      if (q < 1e-12 && sb2 === 0) return { qStar: 0, chiStar: sw2 * ACTIVATIONS[act].df(0) ** 2 };
      return { qStar: q, chiStar: meanFieldChi(act, sw2, q) };
    }
    if (!Number.isFinite(q)) break;
  }
  if (Number.isFinite(q) && q < prev) {
    const lo = 1e-12 * Math.max(q, 1e-300);
    if (g(lo) <= 0) return { qStar: 0, chiStar: sw2 * ACTIVATIONS[act].df(0) ** 2 };
    return bisectFixedPoint(act, sw2, g, lo, q);
  }
  // Growing: look for a crossing above before declaring divergence.
  let hi = Number.isFinite(q) ? q : prev;
  for (let k = 0; k < 60 && hi < 1e15; k++) {
    if (g(hi) < 0) return bisectFixedPoint(act, sw2, g, hi / 2, hi);
    hi *= 2;
  }
  return { qStar: null, chiStar: meanFieldChi(act, sw2, Math.min(hi, 1e15)) };
}

function bisectFixedPoint(
  act: ActivationName,
  sw2: number,
  g: (q: number) => number,
  lo: number,
  hi: number,
): FixedPoint {
  // Invariant: g(lo) > 0 ≥ g(hi).
  for (let it = 0; it < 200 && hi - lo > 1e-15 * hi; it++) {
    const mid = 0.5 * (lo + hi);
    if (g(mid) > 0) lo = mid;
    else hi = mid;
  }
  const q = 0.5 * (lo + hi);
  return { qStar: q, chiStar: meanFieldChi(act, sw2, q) };
}

export interface MeanFieldResult extends FixedPoint {
  /** q_1..q_L: the pre-activation variance of layer l (index l−1). */
  readonly q: number[];
  /** χ_1..χ_L. */
  readonly chi: number[];
  /** √R_l = √(χ_1⋯χ_l) for l = 1..L: the gradient-norm ratio after l backward steps. */
  readonly sqrtR: number[];
  /** log10 √R_l, finite where √R_l under- or overflows. */
  readonly log10SqrtR: number[];
  /**
   * For a depth-L net, the predicted ‖∂L/∂h_l‖ / ‖∂L/∂h_L‖ for l = 0..L, i.e. √(χ_{l+1}⋯χ_L)
   * (index l; the last entry is 1). Comparable with the MLP's measured gradient norms.
   */
  readonly gradRatio: number[];
  readonly log10GradRatio: number[];
}

/**
 * Runs the recursion for L layers from q_1 = q1 (for an MLP fed N(0, v) inputs, q1 = σ_w²·v + σ_b²)
 * and returns q_l, χ_l, the cumulative √R_l, the per-layer gradient profile and the fixed point.
 */
export function meanField(act: ActivationName, sw2: number, q1: number, L: number, sb2 = 0): MeanFieldResult {
  const q: number[] = [];
  const chi: number[] = [];
  let qi = q1;
  for (let l = 0; l < L; l++) {
    q.push(qi);
    chi.push(meanFieldChi(act, sw2, qi));
    qi = meanFieldNextQ(act, sw2, qi, sb2);
  }
  const log10SqrtR: number[] = [];
  let acc = 0;
  for (const c of chi) {
    acc += 0.5 * Math.log10(c);
    log10SqrtR.push(acc);
  }
  // Exact products where representable (the closed forms give 2^±25 exactly), logs otherwise.
  const sqrtR: number[] = [];
  let prod = 1;
  for (const c of chi) {
    prod *= c;
    sqrtR.push(Math.sqrt(prod));
  }
  return { q, chi, sqrtR, log10SqrtR, ...gradProfile(chi, L), ...meanFieldFixedPoint(act, sw2, q1, sb2) };
}

/**
 * The predicted gradient profile of a depth-L net from its per-layer χ_1..χ_L (the first L
 * entries of `chi`): for l = 0..L, √(χ_{l+1}⋯χ_L) and its log10. The χ recursion runs forward
 * from q_1, so the χ of a deeper net's first L layers are exactly a depth-L net's: one
 * `meanField` at the largest depth serves every shallower one through this function.
 */
export function gradProfile(
  chi: ArrayLike<number>,
  L: number = chi.length,
): { gradRatio: number[]; log10GradRatio: number[] } {
  if (!(Number.isInteger(L) && L >= 0 && L <= chi.length))
    throw new RangeError(`depth ${L} is not an integer in 0..${chi.length}`);
  const log10GradRatio = new Array<number>(L + 1).fill(0);
  const gradRatio = new Array<number>(L + 1).fill(1);
  let tail = 1;
  for (let l = L - 1; l >= 0; l--) {
    tail *= chi[l];
    gradRatio[l] = Math.sqrt(tail);
    log10GradRatio[l] = log10GradRatio[l + 1] + 0.5 * Math.log10(chi[l]);
  }
  return { gradRatio, log10GradRatio };
}
