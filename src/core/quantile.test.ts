import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { quantiles } from './quantile.ts';

/** numpy's default (type 7) on a sorted copy. */
function reference(values: number[], probs: number[]): number[] {
  const s = values.map((v) => (Number.isNaN(v) ? Infinity : v)).sort((a, b) => a - b);
  return probs.map((p) => {
    const pos = (s.length - 1) * p;
    const k = Math.floor(pos);
    const f = pos - k;
    if (f === 0 || k + 1 >= s.length) return s[k];
    const [a, b] = [s[k], s[k + 1]];
    if (a === b) return a;
    if (Number.isFinite(a) && Number.isFinite(b)) return a + (b - a) * f;
    // Spec for infinite neighbours: the interpolant is infinite; between −∞ and +∞, the nearer one.
    if (a === -Infinity && b === Infinity) return f < 0.5 ? a : b;
    return a === -Infinity ? a : b;
  });
}

const PROBS = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

describe('quantiles', () => {
  it('match a sort on finite data (histogram path), including ties and skew', () => {
    const value = fc.oneof(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.constantFrom(0, 0, 0, 1, -1),
      fc.double({ min: -1e-300, max: 1e-300, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 400 }), (xs) => {
        assertClose(quantiles(xs, PROBS), reference(xs, PROBS), { rel: 1e-12, abs: 0 });
      }),
      { seed: 3, numRuns: 300 },
    );
  });

  it('match a sort with infinities and NaN (NaN counts as +∞), and are never NaN', () => {
    const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constantFrom(Infinity, -Infinity, NaN));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 60 }), (xs) => {
        const q = quantiles(xs, PROBS);
        for (const v of q) expect(Number.isNaN(v)).toBe(false);
        const ref = reference(xs, PROBS);
        q.forEach((v, i) => expect(v === ref[i] || Math.abs(v - ref[i]) <= 1e-12 * Math.abs(ref[i])).toBe(true));
      }),
      { seed: 4, numRuns: 300 },
    );
    expect(Array.from(quantiles([-Infinity, Infinity], [0.25, 0.75]))).toEqual([-Infinity, Infinity]);
  });

  it('handle constant data, one value, unsorted probabilities and a prefix length', () => {
    expect(Array.from(quantiles([2, 2, 2], [0.1, 0.9]))).toEqual([2, 2]);
    expect(Array.from(quantiles([7], [0, 0.5, 1]))).toEqual([7, 7, 7]);
    expect(Array.from(quantiles([1, 2, 3, 4, 5], [0.75, 0.25]))).toEqual([4, 2]);
    expect(Array.from(quantiles([5, 1, 3, 100, 100], [0.5], undefined, undefined, 3))).toEqual([3]);
    expect(Array.from(quantiles([], [0.5]))).toEqual([0]);
  });

  it('work on 8 192 values with half of them 0 (a ReLU layer)', () => {
    const xs = Array.from({ length: 8192 }, (_, i) => (i % 2 ? 0 : Math.sin(i) + 1));
    assertClose(quantiles(xs, PROBS), reference(xs, PROBS), { rel: 1e-14, abs: 0 });
  });
});
