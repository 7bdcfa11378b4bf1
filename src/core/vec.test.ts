import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { axpy, cosine, distance, dot, matTVecAcc, matVecAcc, norm } from './vec.ts';

describe('vector helpers', () => {
  it('dot, axpy, norm, distance', () => {
    expect(dot([1, 2, 3], [4, -5, 6])).toBe(12);
    expect(dot([1, 2, 3], [4, -5, 6], 2)).toBe(-6);
    expect(Array.from(axpy(2, [1, 2], new Float64Array([10, 20])))).toEqual([12, 24]);
    expect(norm([3, 4])).toBe(5);
    assertClose(norm([1e200, 1e200]), Math.SQRT2 * 1e200, { rel: 1e-15 });
    assertClose(norm([3e-200, 4e-200]), 5e-200, { rel: 1e-15 });
    expect(norm([0, 0])).toBe(0);
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(distance([1, 1], [4, 5])).toBe(5);
  });
  it('cosine is in [−1, 1], symmetric, scale-free, and 0 for a zero vector', () => {
    const v = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 3, maxLength: 3 });
    fc.assert(
      fc.property(v, v, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (a, b, s) => {
        const c = cosine(a, b);
        if (!(c >= -1 && c <= 1) || c !== cosine(b, a)) return false;
        if (norm(a) === 0 || norm(b) === 0) return c === 0;
        return (
          Math.abs(
            cosine(
              a.map((x) => s * x),
              b,
            ) - c,
          ) <= 1e-12
        );
      }),
      { seed: 61 },
    );
    assertClose(cosine([1, 2], [2, 4]), 1, { rel: 1e-15 });
    assertClose(cosine([1, 2], [-2, -4]), -1, { rel: 1e-15 });
    expect(cosine([1, 0], [0, 3])).toBe(0);
  });
  it('matVecAcc and matTVecAcc on a column block of a matrix', () => {
    // W = [[1, 2, 3], [4, 5, 6]]; block of columns 1…2.
    const W = [1, 2, 3, 4, 5, 6];
    expect(Array.from(matVecAcc(W, 2, 3, [1, -1], new Float64Array([10, 20]), 1))).toEqual([9, 19]);
    expect(Array.from(matVecAcc(W, 2, 3, [1, 1, 1], new Float64Array(2)))).toEqual([6, 15]);
    expect(Array.from(matTVecAcc(W, 2, 3, [1, -1], new Float64Array(2), 1))).toEqual([-3, -3]);
    expect(Array.from(matTVecAcc(W, 2, 3, [1, 1], new Float64Array(3)))).toEqual([5, 7, 9]);
  });
});

describe('norm (offset, length, overflow)', () => {
  it('is the Euclidean norm', () => {
    expect(norm([3, 4])).toBe(5);
    expect(norm([0, 0])).toBe(0);
    expect(norm([9, 3, 4, 9], 1, 2)).toBe(5);
  });
  it('neither overflows nor underflows where the sum of squares would', () => {
    assertClose(norm([3e200, 4e200]), 5e200, { rel: 1e-15 });
    assertClose(norm([3e-200, 4e-200]), 5e-200, { rel: 1e-15 });
    assertClose(norm([3e-320, 4e-320]), 5e-320, { rel: 1e-3 }); // subnormals carry few digits
    assertClose(norm([1e308, 1e308]), Math.SQRT2 * 1e308, { rel: 1e-15 });
  });
  it('reads Infinity, never NaN, for non-finite entries', () => {
    expect(norm([1, Infinity])).toBe(Infinity);
    expect(norm([-Infinity, 1])).toBe(Infinity);
    expect(norm([1, NaN, 2])).toBe(Infinity);
    expect(norm([NaN])).toBe(Infinity);
  });
});
