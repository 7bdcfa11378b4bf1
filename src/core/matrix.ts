/**
 * Dense matrices as row-major Float64Array + explicit shape: the core's one matrix module.
 * Every function writes into a caller-provided `out` when given (it must have exactly the
 * result's length) and allocates one otherwise, so that widgets recomputing on every pointer
 * move need not allocate. Products refuse an `out` that aliases an input.
 *
 * The product kernels are register-blocked (plain triple loops run at about half the speed
 * in V8), yet every entry still accumulates its k products one at a time in ascending order:
 * the results are bit-identical to the textbook loops (and 0·∞ is NaN, as in IEEE
 * arithmetic), so a loop written out for teaching and the matrix form agree exactly.
 * Vector helpers (dot, norm, cosine, matrix–vector products) live in `vec.ts`.
 */

/** Row-major m×n matrix. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

function target(out: Float64Array | undefined, len: number, name: string): Float64Array {
  if (out === undefined) return new Float64Array(len);
  if (out.length !== len) throw new RangeError(`${name}: out has length ${out.length}, expected ${len}`);
  return out;
}

function checkLen(a: ArrayLike<number>, len: number, name: string, what: string): void {
  if (a.length !== len) throw new RangeError(`${name}: ${what} has length ${a.length}, expected ${len}`);
}

function checkAlias(out: Float64Array, name: string, a: ArrayLike<number>, b: ArrayLike<number> = a): void {
  if (out === a || out === b) throw new RangeError(`${name}: out must not alias an input`);
}

/** Packs rows (all of equal length) into a Matrix. */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const m = rows.length;
  const n = m === 0 ? 0 : rows[0].length;
  const data = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    if (rows[i].length !== n) throw new RangeError(`row ${i} has ${rows[i].length} entries, expected ${n}`);
    data.set(rows[i], i * n);
  }
  return { data, rows: m, cols: n };
}

/** Unpacks an m×n row-major array into nested rows (for display and tests). */
export function toRows(a: ArrayLike<number>, m: number, n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m; i++) out.push(Array.from({ length: n }, (_, j) => a[i * n + j]));
  return out;
}

/**
 * C = A·B with A m×k and B k×n (C m×n).
 * i-k-j order (B and C walked along rows), two rows of C and four k at a time, so that each
 * load of B and C feeds several products (~4 GMAC/s in V8 against ~1.4 for the plain loop).
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
  checkAlias(C, 'matmul', A, B);
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
        // One rounding per add, in ascending p: the textbook loop's result, not a 4-term partial sum.
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
 * C = A·Bᵀ with A m×k and B n×k (C m×n): rows of A dotted with rows of B (the fastest
 * layout), so QKᵀ never needs Kᵀ materialised. 2×2 blocks: four independent sums share
 * each load.
 */
export function matmulTransB(
  A: ArrayLike<number>,
  B: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  out?: Float64Array,
): Float64Array {
  checkLen(A, m * k, 'matmulTransB', 'A');
  checkLen(B, n * k, 'matmulTransB', 'B');
  const C = target(out, m * n, 'matmulTransB');
  checkAlias(C, 'matmulTransB', A, B);
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

/** C = Aᵀ·B with A k×m and B k×n (e.g. a weight gradient δᵀ·H summed over a batch of k rows). */
export function matmulTransA(
  A: ArrayLike<number>,
  B: ArrayLike<number>,
  k: number,
  m: number,
  n: number,
  out?: Float64Array,
): Float64Array {
  checkLen(A, k * m, 'matmulTransA', 'A');
  checkLen(B, k * n, 'matmulTransA', 'B');
  const C = target(out, m * n, 'matmulTransA');
  checkAlias(C, 'matmulTransA', A, B);
  C.fill(0);
  // Same blocking as matmul, with A read down its columns (two output rows, four rows of B).
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const c0 = i * n;
    const c1 = c0 + n;
    let p = 0;
    for (; p + 3 < k; p += 4) {
      const a0 = p * m + i;
      const a1 = a0 + m;
      const a2 = a1 + m;
      const a3 = a2 + m;
      const x00 = A[a0];
      const x01 = A[a1];
      const x02 = A[a2];
      const x03 = A[a3];
      const x10 = A[a0 + 1];
      const x11 = A[a1 + 1];
      const x12 = A[a2 + 1];
      const x13 = A[a3 + 1];
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
      const x0 = A[p * m + i];
      const x1 = A[p * m + i + 1];
      const b0 = p * n;
      for (let j = 0; j < n; j++) {
        C[c0 + j] += x0 * B[b0 + j];
        C[c1 + j] += x1 * B[b0 + j];
      }
    }
  }
  for (; i < m; i++) {
    const ci = i * n;
    for (let p = 0; p < k; p++) {
      const a = A[p * m + i];
      const bp = p * n;
      for (let j = 0; j < n; j++) C[ci + j] += a * B[bp + j];
    }
  }
  return C;
}

/** G = A·Aᵀ (m×m Gram matrix of the rows of the m×k matrix A); only the upper half is computed, then mirrored. */
export function gram(A: ArrayLike<number>, m: number, k: number, out?: Float64Array): Float64Array {
  checkLen(A, m * k, 'gram', 'A');
  const G = target(out, m * m, 'gram');
  checkAlias(G, 'gram', A);
  let i = 0;
  // 2×2 blocks of row pairs: four dot products share each load (about twice as fast as one at a time).
  for (; i + 1 < m; i += 2) {
    const a0 = i * k;
    const a1 = a0 + k;
    let d00 = 0;
    let d01 = 0;
    let d11 = 0;
    for (let p = 0; p < k; p++) {
      const x = A[a0 + p];
      const y = A[a1 + p];
      d00 += x * x;
      d01 += x * y;
      d11 += y * y;
    }
    G[i * m + i] = d00;
    G[i * m + i + 1] = d01;
    G[(i + 1) * m + i] = d01;
    G[(i + 1) * m + i + 1] = d11;
    let j = i + 2;
    for (; j + 1 < m; j += 2) {
      const b0 = j * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let p = 0; p < k; p++) {
        const x = A[a0 + p];
        const y = A[a1 + p];
        const u = A[b0 + p];
        const v = A[b1 + p];
        s00 += x * u;
        s01 += x * v;
        s10 += y * u;
        s11 += y * v;
      }
      G[i * m + j] = G[j * m + i] = s00;
      G[i * m + j + 1] = G[(j + 1) * m + i] = s01;
      G[(i + 1) * m + j] = G[j * m + i + 1] = s10;
      G[(i + 1) * m + j + 1] = G[(j + 1) * m + i + 1] = s11;
    }
    for (; j < m; j++) {
      const bj = j * k;
      let s0 = 0;
      let s1 = 0;
      for (let p = 0; p < k; p++) {
        const u = A[bj + p];
        s0 += A[a0 + p] * u;
        s1 += A[a1 + p] * u;
      }
      G[i * m + j] = G[j * m + i] = s0;
      G[(i + 1) * m + j] = G[j * m + i + 1] = s1;
    }
  }
  if (i < m) {
    const ai = i * k;
    let s = 0;
    for (let p = 0; p < k; p++) s += A[ai + p] * A[ai + p];
    G[i * m + i] = s;
  }
  return G;
}

/** Aᵀ (n×m) of an m×n matrix A; tiled so that neither side is walked with a large stride. */
export function transpose(A: ArrayLike<number>, m: number, n: number, out?: Float64Array): Float64Array {
  checkLen(A, m * n, 'transpose', 'A');
  const T = target(out, m * n, 'transpose');
  checkAlias(T, 'transpose', A);
  const S = 16;
  for (let i0 = 0; i0 < m; i0 += S) {
    const i1 = Math.min(m, i0 + S);
    for (let j0 = 0; j0 < n; j0 += S) {
      const j1 = Math.min(n, j0 + S);
      for (let i = i0; i < i1; i++) {
        const ai = i * n;
        for (let j = j0; j < j1; j++) T[j * m + i] = A[ai + j];
      }
    }
  }
  return T;
}

/** The n×n identity. */
export function identity(n: number, out?: Float64Array): Float64Array {
  const I = target(out, n * n, 'identity');
  I.fill(0);
  for (let i = 0; i < n; i++) I[i * n + i] = 1;
  return I;
}

/** I + A for an n×n matrix A (the Jacobian of a residual block y = x + F(x)). `out` may be A. */
export function addIdentity(A: ArrayLike<number>, n: number, out?: Float64Array): Float64Array {
  checkLen(A, n * n, 'addIdentity', 'A');
  const C = target(out, n * n, 'addIdentity');
  for (let i = 0; i < n * n; i++) C[i] = A[i];
  for (let i = 0; i < n; i++) C[i * n + i] += 1;
  return C;
}

/** Aᵖ for an n×n matrix A and integer p ≥ 0, by repeated multiplication (left to right, as a chain of layers). */
export function matPow(A: ArrayLike<number>, n: number, p: number, out?: Float64Array): Float64Array {
  if (!(Number.isInteger(p) && p >= 0)) throw new RangeError(`matPow needs an integer power ≥ 0, got ${p}`);
  if (out !== undefined) checkAlias(out, 'matPow', A);
  const P = identity(n, out);
  const tmp = new Float64Array(n * n);
  for (let s = 0; s < p; s++) {
    matmul(P, A, n, n, n, tmp);
    P.set(tmp);
  }
  return P;
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
