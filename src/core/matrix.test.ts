import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import {
  add,
  addIdentity,
  fromRows,
  gram,
  identity,
  matmul,
  matmulTransA,
  matmulTransB,
  matPow,
  scale,
  toRows,
  transpose,
} from './matrix.ts';
import { createRng } from './rng.ts';

/** The textbook triple loop, as the reference. */
function naive(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
      out[i * n + j] = s;
    }
  return out;
}

const rand = (len: number, seed: number) => {
  const r = createRng(seed);
  return Float64Array.from({ length: len }, () => r.normal());
};

const dims = fc.record({
  m: fc.integer({ min: 1, max: 9 }),
  k: fc.integer({ min: 1, max: 9 }),
  n: fc.integer({ min: 1, max: 9 }),
  seed: fc.integer(),
});

describe('matrix products against the triple loop (all remainders of the blocked kernels)', () => {
  it('A·B, A·Bᵀ, Aᵀ·B and A·Aᵀ', () => {
    fc.assert(
      fc.property(dims, ({ m, k, n, seed }) => {
        const a = rand(m * k, seed);
        const b = rand(k * n, seed + 1);
        const ref = naive(a, b, m, k, n);
        assertClose(matmul(a, b, m, k, n), ref, { rel: 1e-12, abs: 1e-12 }, 'A·B');
        assertClose(matmulTransB(a, transpose(b, k, n), m, k, n), ref, { rel: 1e-12, abs: 1e-12 }, 'A·Bᵀ');
        assertClose(matmulTransA(transpose(a, m, k), b, k, m, n), ref, { rel: 1e-12, abs: 1e-12 }, 'Aᵀ·B');
        assertClose(gram(a, m, k), naive(a, transpose(a, m, k), m, k, m), { rel: 1e-12, abs: 1e-12 }, 'A·Aᵀ');
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('overwrites a dirty out buffer', () => {
    const a = fromRows([
      [1, 2],
      [3, 4],
    ]).data;
    const out = new Float64Array(4).fill(99);
    expect(Array.from(matmul(a, a, 2, 2, 2, out))).toEqual([7, 10, 15, 22]);
    out.fill(99);
    expect(Array.from(matmulTransA(a, a, 2, 2, 2, out))).toEqual([10, 14, 14, 20]);
  });

  it('transpose tiles cover non-multiples of the tile size', () => {
    const a = rand(37 * 21, 3);
    const t = transpose(a, 37, 21);
    for (let i = 0; i < 37; i++) for (let j = 0; j < 21; j++) expect(t[j * 37 + i]).toBe(a[i * 21 + j]);
  });
});

describe('small helpers', () => {
  it('identity, I + A, powers', () => {
    expect(Array.from(identity(2))).toEqual([1, 0, 0, 1]);
    expect(Array.from(addIdentity([1, 2, 3, 4], 2))).toEqual([2, 2, 3, 5]);
    expect(Array.from(matPow([1, 1, 0, 1], 2, 5))).toEqual([1, 5, 0, 1]);
    expect(Array.from(matPow([2, 0, 0, 3], 2, 0))).toEqual([1, 0, 0, 1]);
    expect(() => matPow([1], 1, -1)).toThrow(RangeError);
  });
  it('fromRows / toRows round-trip and reject ragged rows', () => {
    const rows = [
      [1, 2, 3],
      [4, 5, 6],
    ];
    const m = fromRows(rows);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(toRows(m.data, 2, 3)).toEqual(rows);
    expect(() => fromRows([[1, 2], [3]])).toThrow(RangeError);
  });
});

const small = fc.integer({ min: 1, max: 5 });
const entries = (len: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: len, maxLength: len });

describe('products: worked examples, exactness, out buffers', () => {
  it('multiplies a worked example', () => {
    // [[1,2,3],[4,5,6]]·[[7,8],[9,10],[11,12]] = [[58,64],[139,154]]
    const C = matmul([1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2);
    expect(Array.from(C)).toEqual([58, 64, 139, 154]);
  });

  it('A·Bᵀ equals A·transpose(B), and transposing twice is the identity (fast-check)', () => {
    fc.assert(
      fc.property(
        small.chain((m) =>
          small.chain((k) => small.chain((n) => fc.tuple(fc.constant([m, k, n]), entries(m * k), entries(n * k)))),
        ),
        ([[m, k, n], A, B]) => {
          const Bt = transpose(B, n, k);
          assertClose(matmulTransB(A, B, m, k, n), matmul(A, Bt, m, k, n), { rel: 1e-12, abs: 1e-12 });
          expect(Array.from(transpose(Bt, k, n))).toEqual(B);
        },
      ),
      { seed: 11, numRuns: 200 },
    );
  });

  it('I·A = A·I = A', () => {
    const A = Float64Array.from([1, -2, 3.5, 0, 4, 9]);
    expect(Array.from(matmul(identity(2), A, 2, 2, 3))).toEqual(Array.from(A));
    expect(Array.from(matmul(A, identity(3), 2, 3, 3))).toEqual(Array.from(A));
  });

  it('writes into out, allows in-place add/scale, and refuses aliasing for products', () => {
    const out = new Float64Array(4);
    const A = Float64Array.from([1, 2, 3, 4]);
    expect(matmul(A, A, 2, 2, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([7, 10, 15, 22]);
    expect(() => matmul(A, A, 2, 2, 2, A)).toThrow(RangeError);
    expect(() => matmul(A, A, 2, 2, 2, new Float64Array(3))).toThrow(RangeError);
    expect(() => matmul(A, A, 2, 3, 2)).toThrow(RangeError);
    expect(() => matmulTransB(A, A, 2, 2, 2, A)).toThrow(RangeError);
    expect(() => matmulTransA(A, A, 2, 2, 2, A)).toThrow(RangeError);
    expect(() => gram(A, 2, 2, A)).toThrow(RangeError);
    expect(() => transpose(A, 2, 2, A)).toThrow(RangeError);
    expect(() => matPow(A, 2, 3, A)).toThrow(RangeError);
    expect(add(A, A, A)).toBe(A);
    expect(Array.from(A)).toEqual([2, 4, 6, 8]);
    expect(Array.from(scale(A, 0.5, A))).toEqual([1, 2, 3, 4]);
    expect(Array.from(addIdentity(A, 2, A))).toEqual([2, 2, 3, 5]);
  });

  it('blocked products are bit-identical to the textbook loops, for every shape remainder (fast-check)', () => {
    const textbook = (A: number[], B: number[], m: number, k: number, n: number, bt: boolean) => {
      const C: number[] = [];
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let p = 0; p < k; p++) s += A[i * k + p] * (bt ? B[j * k + p] : B[p * n + j]);
          C.push(s);
        }
      }
      return C;
    };
    const dim = fc.integer({ min: 1, max: 9 });
    fc.assert(
      fc.property(
        dim.chain((m) =>
          dim.chain((k) => dim.chain((n) => fc.tuple(fc.constant([m, k, n]), entries(m * k), entries(k * n)))),
        ),
        ([[m, k, n], A, B]) => {
          expect(Array.from(matmul(A, B, m, k, n))).toEqual(textbook(A, B, m, k, n, false));
          expect(Array.from(matmulTransB(A, B, m, k, n))).toEqual(textbook(A, B, m, k, n, true));
          const At = Array.from(transpose(A, m, k));
          expect(Array.from(matmulTransA(At, B, k, m, n))).toEqual(textbook(A, B, m, k, n, false));
          expect(Array.from(gram(A, m, k))).toEqual(textbook(A, A, m, k, m, true));
        },
      ),
      { seed: 12, numRuns: 300 },
    );
  });

  it('follows IEEE arithmetic for non-finite entries (0·∞ = NaN)', () => {
    expect(matmul([1, 0], [2, Infinity], 1, 2, 1)[0]).toBeNaN();
    expect(matmul([1, 2], [3, Infinity], 1, 2, 1)[0]).toBe(Infinity);
  });
});
