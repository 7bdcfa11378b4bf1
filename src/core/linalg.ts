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
 * i-k-j order (B and C walked along rows), two rows of C and four k at a time so that each
 * load of B and C feeds several products: about 2–3× the plain triple loop in V8. Every
 * entry still accumulates its k products in ascending order, one rounding per add, so the
 * result is bit-identical to the textbook loop (and 0·∞ is NaN, as in IEEE arithmetic).
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
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const c0 = i * n;
    const c1 = c0 + n;
    const a0 = i * k;
    const a1 = a0 + k;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const x00 = A[a0 + p];
      const x01 = A[a0 + p + 1];
      const x02 = A[a0 + p + 2];
      const x03 = A[a0 + p + 3];
      const x10 = A[a1 + p];
      const x11 = A[a1 + p + 1];
      const x12 = A[a1 + p + 2];
      const x13 = A[a1 + p + 3];
      const b0 = p * n;
      const b1 = b0 + n;
      const b2 = b1 + n;
      const b3 = b2 + n;
      for (let j = 0; j < n; j++) {
        const y0 = B[b0 + j];
        const y1 = B[b1 + j];
        const y2 = B[b2 + j];
        const y3 = B[b3 + j];
        let u = C[c0 + j];
        u += x00 * y0;
        u += x01 * y1;
        u += x02 * y2;
        u += x03 * y3;
        C[c0 + j] = u;
        let v = C[c1 + j];
        v += x10 * y0;
        v += x11 * y1;
        v += x12 * y2;
        v += x13 * y3;
        C[c1 + j] = v;
      }
    }
    for (; p < k; p++) {
      const x0 = A[a0 + p];
      const x1 = A[a1 + p];
      const b0 = p * n;
      for (let j = 0; j < n; j++) {
        C[c0 + j] += x0 * B[b0 + j];
        C[c1 + j] += x1 * B[b0 + j];
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    const ai = i * k;
    for (let p = 0; p < k; p++) {
      const a = A[ai + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[bp + j];
    }
  }
  return C;
}

/**
 * C = A·Bᵀ with A m×k and B n×k (C m×n): rows of A dotted with rows of B, so QKᵀ
 * never needs Kᵀ materialised. `out` must not alias A or B. Computed in 2×2 blocks (four
 * independent sums share each load), each dot product summed in ascending order as usual.
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
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    const c0 = i * n;
    const c1 = c0 + n;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let p = 0; p < k; p++) {
        const x0 = A[a0 + p];
        const x1 = A[a1 + p];
        const y0 = B[b0 + p];
        const y1 = B[b1 + p];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s10 += x1 * y0;
        s11 += x1 * y1;
      }
      C[c0 + j] = s00;
      C[c0 + j + 1] = s01;
      C[c1 + j] = s10;
      C[c1 + j + 1] = s11;
    }
    for (; j < n; j++) {
      const b0 = j * k;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < k; p++) {
        s0 += A[a0 + p] * B[b0 + p];
        s1 += A[a1 + p] * B[b0 + p];
      }
      C[c0 + j] = s0;
      C[c1 + j] = s1;
    }
  }
  for (; i < m; i++) {
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
