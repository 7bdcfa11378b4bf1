/**
 * Dense-vector helpers: the core's one home for dot products, norms, cosines and
 * matrix–vector products (matrix–matrix products are in `matrix.ts`). Vectors are any
 * ArrayLike<number>; results that are vectors are written into a caller's `out` where the
 * callers are hot loops (skip-gram training, BPTT, the MLP).
 */

type Vec = ArrayLike<number>;

/**
 * a · b over n entries (default: all of a), starting at aOffset in a and bOffset in b, so that
 * rows of a row-major matrix can be dotted in place: dot(A, B, d, i·d, j·d) = A[i,:]·B[j,:].
 */
export function dot(a: Vec, b: Vec, n = a.length, aOffset = 0, bOffset = 0): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[aOffset + i] * b[bOffset + i];
  return s;
}

/** y ← y + α x (BLAS axpy), in place; returns y. */
export function axpy(alpha: number, x: Vec, y: Float64Array | number[]): Float64Array | number[] {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
  return y;
}

/**
 * Euclidean norm ‖a‖₂ of a[offset .. offset+length) (default: all of a). In the comfortable
 * range it is the plain √Σaᵢ²; when the largest entry is huge or tiny the entries are first
 * rescaled by a power of two (exact), so it neither overflows nor underflows where the sum of
 * squares would (‖[1e200, 1e200]‖ = 1.414e200, not Infinity).
 * Any non-finite entry (±Infinity or NaN) gives Infinity: the norm is unrepresentable.
 */
export function norm(a: Vec, offset = 0, length = a.length - offset): number {
  let max = 0;
  const end = offset + length;
  for (let i = offset; i < end; i++) {
    const v = Math.abs(a[i]);
    if (v > max) max = v;
    else if (v !== v) return Infinity; // NaN
  }
  if (max === Infinity) return Infinity;
  if (max === 0) return 0;
  // Between 1e-150 and 1e150 the squares can neither overflow nor underflow.
  const s2 = max >= 1e150 ? 2 ** -600 : max <= 1e-150 ? 2 ** 600 : 1;
  let s = 0;
  if (s2 === 1) {
    for (let i = offset; i < end; i++) s += a[i] * a[i];
    return Math.sqrt(s);
  }
  for (let i = offset; i < end; i++) {
    const v = a[i] * s2;
    s += v * v;
  }
  return Math.sqrt(s) / s2;
}

/** Euclidean distance ‖a − b‖₂. */
export function distance(a: Vec, b: Vec): number {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return norm(d);
}

/**
 * cos(a, b) = a·b / (‖a‖ ‖b‖), clamped to [−1, 1]. A zero vector has no direction: the cosine
 * is then 0 (not NaN), which ranks it last among neighbours rather than poisoning a sort.
 * Each vector is divided by its own norm before the products, so huge or tiny entries are fine.
 */
export function cosine(a: Vec, b: Vec): number {
  const na = norm(a);
  const nb = norm(b);
  if (na === 0 || nb === 0) return 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] / na) * (b[i] / nb);
  // Rounding can leave |s| a hair above 1 for parallel vectors.
  return Math.max(-1, Math.min(1, s));
}

/**
 * out[r] += Σ_j W[r, c0 + j] · x[j] for j < x.length: a row-major `rows × cols` matrix, or a
 * column block of it. The gate matrices act on [h; x] without building the concatenation:
 * the h block starts at column 0, the x block at column d_h.
 */
export function matVecAcc(
  W: ArrayLike<number>,
  rows: number,
  cols: number,
  x: Vec,
  out: Float64Array,
  c0 = 0,
): Float64Array {
  const n = x.length;
  for (let r = 0; r < rows; r++) {
    const base = r * cols + c0;
    let s = 0;
    for (let j = 0; j < n; j++) s += W[base + j] * x[j];
    out[r] += s;
  }
  return out;
}

/** out[j] += Σ_r W[r, c0 + j] · v[r] for j < out.length: the transpose of {@link matVecAcc}. */
export function matTVecAcc(
  W: ArrayLike<number>,
  rows: number,
  cols: number,
  v: Vec,
  out: Float64Array,
  c0 = 0,
): Float64Array {
  const n = out.length;
  for (let r = 0; r < rows; r++) {
    const vr = v[r];
    if (vr === 0) continue;
    const base = r * cols + c0;
    for (let j = 0; j < n; j++) out[j] += W[base + j] * vr;
  }
  return out;
}
