import { addIdentity, matmul, matPow } from './matrix.ts';
import { norm } from './vec.ts';

/**
 * Residual paths. A block y = x + F(x) has Jacobian I + J; across L blocks the scalar
 * picture is (1 + j)^L against j^L for a plain stack. The identity stops the product from
 * collapsing but does not bound it: (1.5)^10 = 57.665.
 */

/** The plain stack's gain j^L. */
export const plainProduct = (j: number, L: number): number => j ** L;

/** The residual stack's gain (1 + j)^L. */
export const residualProduct = (j: number, L: number): number => (1 + j) ** L;

/** log10|j^L| = L·log10|j|, finite where j^L itself underflows (−Infinity for j = 0). */
export const log10PlainProduct = (j: number, L: number): number => L * Math.log10(Math.abs(j));

/** log10|(1 + j)^L|. */
export const log10ResidualProduct = (j: number, L: number): number => L * Math.log10(Math.abs(1 + j));

/** J^L for an n×n block Jacobian J (row-major). */
export const plainJacobian = (J: ArrayLike<number>, n: number, L: number): Float64Array => matPow(J, n, L);

/** (I + J)^L for an n×n block Jacobian J. */
export const residualJacobian = (J: ArrayLike<number>, n: number, L: number): Float64Array =>
  matPow(addIdentity(J, n), n, L);

/**
 * Veit et al. 2016: L residual blocks unroll into 2^L paths, C(L, k) of them through k
 * residual branches. Returns [C(L,0), …, C(L,L)] (exact below 2^53; Infinity past ~L = 1030).
 */
export function pathCounts(L: number): number[] {
  const out = [1];
  for (let k = 1; k <= L; k++) out.push(Math.round((out[k - 1] * (L - k + 1)) / k));
  return out;
}

/** Total number of paths through L blocks, 2^L. */
export const pathTotal = (L: number): number => 2 ** L;

/** log C(L, k), for binomial weights at depths where the counts overflow. */
function logBinomial(L: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((L - k + i) / i);
  return s;
}

/**
 * The share of the 2^L paths that pass through at most kMax residual branches:
 * Σ_{k ≤ kMax} C(L, k)/2^L, the Binomial(L, ½) CDF (summed in log space, so any L works).
 */
export function pathShareUpTo(L: number, kMax: number): number {
  let s = 0;
  const log2L = L * Math.LN2;
  for (let k = 0; k <= Math.min(kMax, L); k++) s += Math.exp(logBinomial(L, k) - log2L);
  return Math.min(1, s);
}

/**
 * Gradient carried by the paths of each length k = 0..L when each branch scales by j:
 * C(L, k)·|j|^k (their sum is (1 + |j|)^L). Shows that long paths carry almost nothing.
 */
export function pathWeights(L: number, j: number): number[] {
  const aj = Math.abs(j);
  const out: number[] = [];
  // k = 0 is the identity path (weight 1 even for j = 0, where k·log 0 would be NaN).
  for (let k = 0; k <= L; k++) out.push(k === 0 ? 1 : aj === 0 ? 0 : Math.exp(logBinomial(L, k) + k * Math.log(aj)));
  return out;
}

/**
 * The backward pass of a stack of linear residual blocks h_l = h_{l−1} + h_{l−1}W_lᵀ (no bias,
 * no normalization) for a batch of rows: ∂L/∂h_{l−1} = ∂L/∂h_l + (∂L/∂h_l)·W_l. A linear block's
 * backward pass needs none of the forward values, so this is the whole measurement, with the
 * same arithmetic as createMlp's backward pass for activation 'linear', norm 'none' and
 * residual blocks (the tests hold it to that network's numbers bit for bit). createMlp also
 * runs the forward pass and reports every norm as Infinity if that pass overflowed; here there
 * is no forward pass. `weights` are the L blocks' width × width matrices, first block first;
 * `dOut` is ∂L/∂h_L (batch × width). Returns ‖∂L/∂h_l‖ for l = 0..L (Infinity where a norm
 * overflows).
 */
export function linearResidualGradNorms(
  weights: readonly ArrayLike<number>[],
  batch: number,
  width: number,
  dOut: ArrayLike<number>,
): Float64Array {
  const size = batch * width;
  if (!(Number.isInteger(batch) && batch >= 1 && Number.isInteger(width) && width >= 1))
    throw new RangeError(`batch and width must be positive integers (got ${batch}, ${width})`);
  if (dOut.length !== size) throw new RangeError(`dOut must have ${size} values, got ${dOut.length}`);
  const L = weights.length;
  const out = new Float64Array(L + 1);
  let g = Float64Array.from(dOut);
  let next = new Float64Array(size);
  out[L] = norm(g);
  for (let i = L - 1; i >= 0; i--) {
    matmul(g, weights[i], batch, width, width, next);
    for (let e = 0; e < size; e++) next[e] += g[e];
    out[i] = norm(next);
    const t = g;
    g = next;
    next = t;
  }
  return out;
}
