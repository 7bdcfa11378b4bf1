import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { add, dot, identity, matmul, matmulTransposeB, scale, transpose } from './linalg.ts';

const small = fc.integer({ min: 1, max: 5 });
const entries = (len: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: len, maxLength: len });

describe('matrix helpers', () => {
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
          assertClose(matmulTransposeB(A, B, m, k, n), matmul(A, Bt, m, k, n), { rel: 1e-12, abs: 1e-12 });
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
    expect(add(A, A, A)).toBe(A);
    expect(Array.from(A)).toEqual([2, 4, 6, 8]);
    expect(Array.from(scale(A, 0.5, A))).toEqual([1, 2, 3, 4]);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
  });

  it('blocked products are bit-identical to the textbook loops, for every shape remainder (fast-check)', () => {
    const naive = (A: number[], B: number[], m: number, k: number, n: number, bt: boolean) => {
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
          expect(Array.from(matmul(A, B, m, k, n))).toEqual(naive(A, B, m, k, n, false));
          expect(Array.from(matmulTransposeB(A, B, m, k, n))).toEqual(naive(A, B, m, k, n, true));
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
