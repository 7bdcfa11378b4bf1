/**
 * Dense matrix helpers on row-major Float64Array with explicit shapes. Every function
 * writes into `out` when it is given (and has the right length) so that widgets
 * recomputing on every pointer move do not allocate.
 */

function target(out: Float64Array | undefined, len: number, name: string): Float64Array {
  if (out === undefined) return new Float64Array(len);
  if (out.length !== len) throw new RangeError(`${name}: out has length ${out.length}, expected ${len}`);
  return out;
}

function checkLen(a: ArrayLike<number>, len: number, name: string, what: string): void {
  if (a.length !== len) throw new RangeError(`${name}: ${what} has length ${a.length}, expected ${len}`);
}

/**
 * C = A·B with A m×k and B k×n (C m×n). `out` must not alias A or B.
 * The i-k-j loop order walks B and C along rows, which is what keeps this fast in V8.
 * Zeros of A are skipped: masked attention weights (exactly 0) then cost nothing and
 * contribute 0, not NaN, even against an infinite value in B.
 */
export function matmul(
  A: ArrayLike<number>,
  B: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
): Float64Array {
  checkLen(A, m * k, 'matmul', 'A');
  checkLen(B, k * n, 'matmul', 'B');
  const C = target(out, m * n, 'matmul');
  if (C === A || C === B) throw new RangeError('matmul: out must not alias an input');
  C.fill(0);
  for (let i = 0; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const a = A[ai + p];
      if (a === 0) continue;
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[bp + j];
    }
  }
  return C;
}

/**
 * C = A·Bᵀ with A m×k and B n×k (C m×n): rows of A dotted with rows of B, so QKᵀ
 * never needs Kᵀ materialised. `out` must not alias A or B.
 */
export function matmulTransposeB(
  A: ArrayLike<number>,
  B: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
): Float64Array {
  checkLen(A, m * k, 'matmulTransposeB', 'A');
  checkLen(B, n * k, 'matmulTransposeB', 'B');
  const C = target(out, m * n, 'matmulTransposeB');
  if (C === A || C === B) throw new RangeError('matmulTransposeB: out must not alias an input');
  for (let i = 0; i < m; i++) {
    const ai = i * k;
    const ci = i * n;
    for (let j = 0; j < n; j++) {
      const bj = j * k;
      let s = 0;
      for (let p = 0; p < k; p++) s += A[ai + p] * B[bj + p];
      C[ci + j] = s;
    }
  }
  return C;
}

/** Aᵀ (cols×rows) of A (rows×cols). `out` must not alias A. */
export function transpose(A: ArrayLike<number>, rows: number, cols: number, out?: Float64Array): Float64Array {
  checkLen(A, rows * cols, 'transpose', 'A');
  const T = target(out, rows * cols, 'transpose');
  if (T === A) throw new RangeError('transpose: out must not alias the input');
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = A[i * cols + j];
  return T;
}

/** Element-wise A + B (same length). `out` may be A or B. */
export function add(A: ArrayLike<number>, B: ArrayLike<number>, out?: Float64Array): Float64Array {
  checkLen(B, A.length, 'add', 'B');
  const C = target(out, A.length, 'add');
  for (let i = 0; i < A.length; i++) C[i] = A[i] + B[i];
  return C;
}

/** Element-wise s·A. `out` may be A. */
export function scale(A: ArrayLike<number>, s: number, out?: Float64Array): Float64Array {
  const C = target(out, A.length, 'scale');
  for (let i = 0; i < A.length; i++) C[i] = s * A[i];
  return C;
}

/** Σ aᵢbᵢ over two equal-length vectors. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkLen(b, a.length, 'dot', 'b');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The n×n identity. */
export function identity(n: number, out?: Float64Array): Float64Array {
  const I = target(out, n * n, 'identity');
  I.fill(0);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}
