import { createRng, type Rng } from './rng.ts';
import { dot, matVecAcc, norm } from './vec.ts';

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
 * ‖W‖₂ = σ_max(W) for a rows × cols matrix: the square root of the largest eigenvalue of the
 * Gram matrix G = WᵀW (or WWᵀ, whichever is smaller, k × k with k = min(rows, cols)), found
 * by k steps of Lanczos with full reorthogonalisation, then Newton's method on the tridiagonal
 * matrix it builds. After k steps the Krylov space is all of ℝᵏ, so the answer is exact to
 * rounding whatever the gap between the two largest singular values, at a fixed cost of
 * O(k²·max(rows, cols) + k³). (Power iteration needs ~1/gap iterations: thousands for the
 * products of near-orthogonal Jacobians the RNN figures take norms of.)
 * Scale-free: W is divided by its largest entry first, so entries near overflow are fine.
 * A non-finite entry gives Infinity or NaN, as the largest |entry| is.
 */
export function spectralNorm(W: ArrayLike<number>, rows: number, cols: number): number {
  let m = 0;
  for (let i = 0; i < rows * cols; i++) m = Math.max(m, Math.abs(W[i]));
  if (m === 0 || !Number.isFinite(m)) return m;
  const k = Math.min(rows, cols);
  const G = gram(W, rows, cols, m);
  return Math.sqrt(largestEigenvalue(G, k)) * m;
}

/** (W/m)ᵀ(W/m) when cols ≤ rows, else (W/m)(W/m)ᵀ: symmetric positive semidefinite, k × k. */
function gram(W: ArrayLike<number>, rows: number, cols: number, m: number): Float64Array {
  const byCols = cols <= rows;
  const k = byCols ? cols : rows;
  const G = new Float64Array(k * k);
  const a = new Float64Array(cols);
  if (byCols) {
    // Σ_r a_r a_rᵀ over the rows a_r of W/m, lower triangle, in row order.
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < cols; j++) a[j] = W[r * cols + j] / m;
      for (let i = 0; i < k; i++) {
        const ai = a[i];
        if (ai === 0) continue;
        const gi = i * k;
        for (let j = 0; j <= i; j++) G[gi + j] += ai * a[j];
      }
    }
  } else {
    const A = new Float64Array(rows * cols);
    for (let i = 0; i < A.length; i++) A[i] = W[i] / m;
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) G[i * k + j] = dot(A, A, cols, i * cols, j * cols);
  }
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) G[j * k + i] = G[i * k + j];
  return G;
}

/**
 * λ_max of a symmetric positive semidefinite k × k matrix: Lanczos from a fixed start vector
 * for k steps, each new vector orthogonalised against all earlier ones. If the Krylov space
 * closes early (an invariant subspace: β = 0), the next vector is the unit vector least
 * represented so far, orthogonalised, and the tridiagonal matrix splits into blocks there.
 */
function largestEigenvalue(G: Float64Array, k: number): number {
  const Q = new Float64Array(k * k); // row j is the j-th Lanczos vector
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k); // beta[j] couples vectors j and j + 1
  const w = new Float64Array(k);
  // Any start will do: the k steps (with restarts) span all of ℝᵏ.
  Q.fill(1 / Math.sqrt(k), 0, k);
  let scale = 0; // ≥ ‖G‖ estimate, for the breakdown test
  for (let i = 0; i < k * k; i++) scale = Math.max(scale, Math.abs(G[i]));
  scale *= k;
  for (let j = 0; j < k; j++) {
    const qj = j * k;
    // w = G q_j, α_j = q_jᵀ G q_j
    let a = 0;
    for (let r = 0; r < k; r++) {
      const gr = r * k;
      let s = 0;
      for (let c = 0; c < k; c++) s += G[gr + c] * Q[qj + c];
      w[r] = s;
      a += s * Q[qj + r];
    }
    alpha[j] = a;
    if (j === k - 1) break;
    const bPrev = j > 0 ? beta[j - 1] : 0;
    for (let i = 0; i < k; i++) w[i] -= a * Q[qj + i] + (j > 0 ? bPrev * Q[qj - k + i] : 0);
    orthogonalise(w, Q, j + 1, k);
    let b = norm(w);
    if (b <= 1e-13 * scale) {
      // The space closed: restart from the unit vector with the least weight in it so far.
      b = 0;
      let best = 0;
      let bestRest = -1;
      for (let e = 0; e < k; e++) {
        let inside = 0;
        for (let r = 0; r <= j; r++) inside += Q[r * k + e] ** 2;
        if (1 - inside > bestRest) [best, bestRest] = [e, 1 - inside];
      }
      w.fill(0);
      w[best] = 1;
      orthogonalise(w, Q, j + 1, k);
      orthogonalise(w, Q, j + 1, k);
    }
    beta[j] = b;
    const nw = b > 0 ? b : norm(w);
    for (let i = 0; i < k; i++) Q[qj + k + i] = w[i] / nw;
  }
  return tridiagonalMax(alpha, beta, k);
}

/** w ← w − Σ_r (q_r·w) q_r over the first `count` rows of Q (modified Gram–Schmidt). */
function orthogonalise(w: Float64Array, Q: Float64Array, count: number, k: number): void {
  for (let r = 0; r < count; r++) {
    const qr = r * k;
    let p = 0;
    for (let i = 0; i < k; i++) p += w[i] * Q[qr + i];
    for (let i = 0; i < k; i++) w[i] -= p * Q[qr + i];
  }
}

/**
 * Largest eigenvalue of the symmetric tridiagonal matrix with diagonal α and off-diagonal β.
 * Where Lanczos restarted (β = 0) the matrix splits into blocks, and each is solved on its own:
 * an unreduced block has simple eigenvalues, but two blocks can share one (a repeated top
 * singular value, as in a ReLU-masked orthogonal matrix), and on the whole matrix that is a
 * double root, where Newton stalls about √ε short of it.
 */
function tridiagonalMax(alpha: Float64Array, beta: Float64Array, k: number): number {
  let best = 0;
  for (let start = 0; start < k;) {
    let end = start + 1;
    while (end < k && beta[end - 1] !== 0) end++;
    best = Math.max(best, blockMax(alpha, beta, start, end));
    start = end;
  }
  return best;
}

/**
 * Largest eigenvalue of the unreduced block [start, end): Newton's method on its characteristic
 * polynomial p, started above every eigenvalue (the Gershgorin bound). p has only real, simple
 * roots, so from there Newton descends monotonically onto the largest one, quadratically once
 * close. p′/p = Σ dᵢ′/dᵢ comes from the ratios dᵢ = pᵢ/pᵢ₋₁ of the leading minors, which
 * neither overflow nor underflow.
 */
function blockMax(alpha: Float64Array, beta: Float64Array, start: number, end: number): number {
  let x = -Infinity;
  for (let i = start; i < end; i++) {
    const r = (i > start ? Math.abs(beta[i - 1]) : 0) + (i < end - 1 ? Math.abs(beta[i]) : 0);
    x = Math.max(x, alpha[i] + r);
  }
  for (let it = 0; it < 200; it++) {
    let d = 1;
    let dd = 0;
    let logDeriv = 0; // p′(x)/p(x)
    for (let i = start; i < end; i++) {
      const b2 = i > start ? beta[i - 1] * beta[i - 1] : 0;
      const q = b2 === 0 ? 0 : b2 / d;
      const di = alpha[i] - x - q;
      const ddi = -1 + (b2 === 0 ? 0 : (q / d) * dd);
      if (di === 0) return x; // x is an eigenvalue, and no eigenvalue lies above x
      logDeriv += ddi / di;
      d = di;
      dd = ddi;
    }
    const next = x - 1 / logDeriv;
    if (!(next < x)) break;
    x = next;
  }
  return Math.max(0, x);
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
