import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng, sampleWithoutReplacement } from './rng.ts';

describe('createRng', () => {
  it('is reproducible from its seed and differs between seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 8 }, () => a.next());
    expect(Array.from({ length: 8 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 8 }, () => c.next())).not.toEqual(xs);
  });

  it('gives uniforms in [0, 1) and integers in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const r = createRng(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.next();
          const k = r.int(n);
          if (!(u >= 0 && u < 1) || !(Number.isInteger(k) && k >= 0 && k < n)) return false;
        }
        return true;
      }),
    );
  });

  it('has the moments of U(0,1) and N(0,1) (n = 200 000, 5σ bounds)', () => {
    const r = createRng(7);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    for (let i = 0; i < n; i++) {
      su += r.next();
      const z = r.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(Math.abs(su / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sn / n)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});

describe('sampleWithoutReplacement', () => {
  it('draws k distinct indices in range, reproducibly, with k draws of the generator', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), (seed, n, kk) => {
        const k = Math.min(n, kk);
        const a = sampleWithoutReplacement(n, k, createRng(seed));
        expect(sampleWithoutReplacement(n, k, createRng(seed))).toEqual(a);
        expect(a).toHaveLength(k);
        expect(new Set(a).size).toBe(k);
        expect(a.every((i) => Number.isInteger(i) && i >= 0 && i < n)).toBe(true);
        // Partial Fisher–Yates by hand: draw i picks among the n − i indices not yet taken.
        const r = createRng(seed);
        const left = Array.from({ length: n }, (_, i) => i);
        for (let i = 0; i < k; i++) {
          const j = i + r.int(n - i);
          [left[i], left[j]] = [left[j], left[i]];
        }
        expect(left.slice(0, k)).toEqual(a);
      }),
      { seed: 5, numRuns: 100 },
    );
  });
  it('is uniform over the n indices (each drawn about k/n of the time)', () => {
    const r = createRng(3);
    const counts = new Array<number>(10).fill(0);
    for (let t = 0; t < 20_000; t++) for (const i of sampleWithoutReplacement(10, 3, r)) counts[i]++;
    // 6 000 expected per index; binomial sd ≈ 65.
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(400);
    expect(() => sampleWithoutReplacement(3, 4, r)).toThrow(RangeError);
  });
});
