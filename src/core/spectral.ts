import { createRng, type Rng } from './rng.ts';
import { dot, matTVecAcc, matVecAcc, norm } from './vec.ts';

/**
 * Spectral radius and spectral norm of a small square matrix, and the seeded recurrent
 * matrices the RNN figures use. Matrices are row-major Float64Arrays of size n·n.
 */

export interface SpectralOptions {
  /** Iterations whose growth is averaged (after the burn-in). Default 1000. */
  iterations?: number;
  /** Iterations discarded first, so the start vector's other components die out. Default 200. */
  burnIn?: number;
  /** Start-vector generator; default a fixed seed, so the estimate is reproducible. */
  rng?: Rng;
}

/**
 * ρ(W) = max |λᵢ| by power iteration, read through Gelfand's formula ρ = lim ‖Wᵏx‖^{1/k}:
 * the geometric mean of the per-step growth ‖Wx‖/‖x‖ after a burn-in. Unlike the
 * Rayleigh quotient this also converges when the dominant eigenvalues are a complex pair
 * (rotation-like W, the usual case for a random matrix); the error is then
 * O(log κ / iterations), κ the conditioning of the dominant eigenvectors: exact to
 * rounding for normal W with a gap, about 1e-3 relative for a random 32×32 Gaussian.
 */
export function spectralRadius(W: ArrayLike<number>, n: number, opts: SpectralOptions = {}): number {
  const { iterations = 1000, burnIn = 200, rng = createRng(0x5eed) } = opts;
  let x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal();
  let y = new Float64Array(n);
  let logGrowth = 0;
  for (let it = 0; it < burnIn + iterations; it++) {
    const s0 = norm(x);
    if (s0 === 0) return 0;
    for (let i = 0; i < n; i++) x[i] /= s0;
    y.fill(0);
    matVecAcc(W, n, n, x, y);
    const s = norm(y);
    if (s === 0) return 0; // W nilpotent along this start vector: ρ is 0 for what we can see
    if (it >= burnIn) logGrowth += Math.log(s);
    [x, y] = [y, x];
  }
  return Math.exp(logGrowth / iterations);
}

/**
 * ‖W‖₂ = σ_max(W) for a rows × cols matrix, by power iteration on WᵀW until the estimate
 * changes by less than `tol` (relative). Scale-free: W is normalised by its largest entry
 * first, so entries near overflow are fine.
 */
export function spectralNorm(
  W: ArrayLike<number>,
  rows: number,
  cols: number,
  { tol = 1e-12, maxIterations = 2000, start }: { tol?: number; maxIterations?: number; start?: Float64Array } = {},
): number {
  let m = 0;
  for (let i = 0; i < rows * cols; i++) m = Math.max(m, Math.abs(W[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  const v = new Float64Array(cols);
  if (start && start.length === cols && norm(start) > 0) v.set(start);
  else {
    // A fixed generic start: a vector orthogonal to the top singular vector is unlikely.
    const rng = createRng(0xc0ffee);
    for (let j = 0; j < cols; j++) v[j] = rng.normal();
  }
  const u = new Float64Array(rows);
  let sigma = 0;
  for (let it = 0; it < maxIterations; it++) {
    const nv = norm(v);
    if (nv === 0) return 0;
    for (let j = 0; j < cols; j++) v[j] /= nv;
    u.fill(0);
    matVecAcc(W, rows, cols, v, u);
    for (let i = 0; i < rows; i++) u[i] /= m;
    const next = norm(u);
    v.fill(0);
    matTVecAcc(W, rows, cols, u, v);
    for (let j = 0; j < cols; j++) v[j] /= m;
    if (Math.abs(next - sigma) <= tol * next) {
      sigma = next;
      break;
    }
    sigma = next;
  }
  if (start && start.length === cols) {
    const nv = norm(v);
    for (let j = 0; j < cols; j++) start[j] = nv > 0 ? v[j] / nv : 0;
  }
  return sigma * m;
}

/**
 * A Haar-random n × n orthogonal matrix: QR of a Gaussian matrix by modified Gram–Schmidt,
 * with the sign fix that makes the distribution uniform (Mezzadri 2007). Rows are orthonormal.
 */
export function orthogonalMatrix(n: number, rng: Rng): Float64Array {
  const Q = new Float64Array(n * n);
  for (let i = 0; i < n * n; i++) Q[i] = rng.normal();
  // Orthonormalise the rows; Gram–Schmidt on the rows of G gives the Qᵀ of G's transpose,
  // which has the same (Haar) distribution.
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let k = 0; k < i; k++) {
      const rk = k * n;
      const p = dot(Q, Q, n, ri, rk);
      for (let j = 0; j < n; j++) Q[ri + j] -= p * Q[rk + j];
    }
    const s = norm(Q, ri, n);
    for (let j = 0; j < n; j++) Q[ri + j] /= s;
  }
  return Q;
}

export type RecurrentMatrixKind = 'orthogonal' | 'gaussian';

/**
 * A seeded recurrent matrix with a chosen gain.
 * - 'orthogonal': gain · Q, so ρ(W) = ‖W‖₂ = gain exactly (the clean case for the bound
 *   ‖∂h_T/∂h_k‖ ≤ (γ‖W‖₂)^{T−k}).
 * - 'gaussian': i.i.d. N(0, 1) entries rescaled so that the estimated spectral radius is
 *   `gain`. ‖W‖₂ is then larger than ρ (≈ 2ρ for large n), so short products can grow
 *   before they decay.
 */
export function recurrentMatrix(
  n: number,
  rng: Rng,
  { gain = 1, kind = 'orthogonal' }: { gain?: number; kind?: RecurrentMatrixKind } = {},
): Float64Array {
  if (kind === 'orthogonal') {
    const Q = orthogonalMatrix(n, rng);
    for (let i = 0; i < Q.length; i++) Q[i] *= gain;
    return Q;
  }
  const W = new Float64Array(n * n);
  for (let i = 0; i < W.length; i++) W[i] = rng.normal();
  const rho = spectralRadius(W, n);
  const s = rho > 0 ? gain / rho : 0;
  for (let i = 0; i < W.length; i++) W[i] *= s;
  return W;
}
