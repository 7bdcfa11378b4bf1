import { matmulTransA, matmulTransB } from './matrix.ts';

/**
 * Principal component analysis for the embedding scatter: the covariance's eigenvectors by
 * the cyclic Jacobi method, which is exact to rounding, needs no starting guess and, unlike
 * power iteration with deflation, does not slow down when two variances are close.
 * Cost O(d³) per sweep, a handful of sweeps: well under a millisecond for d = 16.
 */

export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  readonly values: Float64Array;
  /** Row i (length n) is the unit eigenvector of values[i]. */
  readonly vectors: Float64Array;
}

/** Eigen-decomposition of a symmetric n × n matrix (row-major; only symmetry is assumed, not checked). */
export function symmetricEigen(A: ArrayLike<number>, n: number, { maxSweeps = 100 } = {}): SymmetricEigen {
  const a = Float64Array.from({ length: n * n }, (_, i) => A[i]);
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += a[i] * a[i];
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off <= 1e-30 * total) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        // Past a few sweeps, an entry below the diagonals' last bits is rounding noise (Numerical Recipes' test).
        const g = 100 * Math.abs(apq);
        const app = Math.abs(a[p * n + p]);
        const aqq = Math.abs(a[q * n + q]);
        if (sweep > 3 && app + g === app && aqq + g === aqq) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        // Rotation J in the (p, q) plane with (JᵀAJ)_pq = 0; t = tan φ, the smaller root.
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t =
          Math.abs(theta) > 1e150
            ? 1 / (2 * theta)
            : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = V[k * n + p];
          const vkq = V[k * n + q];
          V[k * n + p] = c * vkp - s * vkq;
          V[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[j * n + j] - a[i * n + i] || i - j);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    for (let k = 0; k < n; k++) vectors[r * n + k] = V[k * n + col];
  });
  return { values, vectors };
}

export interface PcaResult {
  readonly k: number;
  /** k × d, row i the i-th principal direction (unit length, mutually orthogonal). */
  readonly components: Float64Array;
  /** Variance along each component (eigenvalues of the covariance with the n − 1 denominator). */
  readonly explainedVariance: Float64Array;
  /** explainedVariance / total variance (0 when the data have no variance). */
  readonly explainedVarianceRatio: Float64Array;
  readonly totalVariance: number;
  readonly mean: Float64Array;
  /** n × k coordinates of the centred rows in the component basis: the 2-D scatter for k = 2. */
  readonly projected: Float64Array;
}

export interface PcaOptions {
  /**
   * Previous components (k × d): each new component's sign is chosen to agree with the
   * matching old one, so a scatter recomputed while training does not flip back and forth.
   * Without it, each component's largest-magnitude entry is made positive.
   */
  align?: ArrayLike<number>;
}

/** Top-k principal components of X (n × d, rows are samples), with explained variance and projections. */
export function pca(X: ArrayLike<number>, n: number, d: number, k = 2, opts: PcaOptions = {}): PcaResult {
  const kk = Math.max(0, Math.min(k, d));
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += X[i * d + j];
  if (n > 0) for (let j = 0; j < d; j++) mean[j] /= n;
  const Xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) Xc[i * d + j] = X[i * d + j] - mean[j];
  // Covariance XcᵀXc/(n − 1); the product is exactly symmetric (each entry sums the same terms in the same order).
  const C = matmulTransA(Xc, Xc, n, d, d);
  const denom = Math.max(1, n - 1);
  for (let e = 0; e < d * d; e++) C[e] /= denom;
  let totalVariance = 0;
  for (let p = 0; p < d; p++) totalVariance += C[p * d + p];
  const { values, vectors } = symmetricEigen(C, d);
  const components = vectors.slice(0, kk * d);
  for (let c = 0; c < kk; c++) {
    const row = c * d;
    let ref = 0;
    if (opts.align && opts.align.length >= (c + 1) * d) {
      for (let j = 0; j < d; j++) ref += components[row + j] * opts.align[row + j];
    }
    if (ref === 0) {
      let big = 0;
      for (let j = 0; j < d; j++) if (Math.abs(components[row + j]) > Math.abs(big)) big = components[row + j];
      ref = big;
    }
    if (ref < 0) for (let j = 0; j < d; j++) components[row + j] = -components[row + j];
  }
  // Rounding can leave tiny negative eigenvalues on rank-deficient data; variances are ≥ 0.
  const explainedVariance = Float64Array.from(values.subarray(0, kk), (v) => Math.max(0, v));
  const explainedVarianceRatio = explainedVariance.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  const projected = matmulTransB(Xc, components, n, d, kk);
  return { k: kk, components, explainedVariance, explainedVarianceRatio, totalVariance, mean, projected };
}
