/**
 * Small dense-vector helpers shared by the sequence and embedding modules. Vectors are any
 * ArrayLike<number>; results that are vectors are written into a caller's `out` where the
 * callers are hot loops (skip-gram training, BPTT).
 */

type Vec = ArrayLike<number>;

/** a · b over the first `n` entries (default: all of a). */
export function dot(a: Vec, b: Vec, n = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

/** y ← y + α x (BLAS axpy), in place; returns y. */
export function axpy(alpha: number, x: Vec, y: Float64Array | number[]): Float64Array | number[] {
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
  return y;
}

/**
 * Euclidean norm ‖a‖₂, scaled so that squaring cannot overflow or underflow
 * (‖[1e200, 1e200]‖ = 1.414e200, not Infinity).
 */
export function norm(a: Vec): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  if (m === 0 || m === Infinity || Number.isNaN(m)) return m;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const t = a[i] / m;
    s += t * t;
  }
  return m * Math.sqrt(s);
}

/** Euclidean distance ‖a − b‖₂. */
export function distance(a: Vec, b: Vec): number {
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return norm(d);
}

/**
 * cos(a, b) = a·b / (‖a‖ ‖b‖). A zero vector has no direction: the cosine is then 0
 * (not NaN), which ranks it last among neighbours rather than poisoning a sort.
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
