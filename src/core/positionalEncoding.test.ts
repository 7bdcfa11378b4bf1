import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { dot } from './vec.ts';
import {
  embeddingScale,
  peFrequencies,
  peShift,
  peSimilarity,
  sinusoidalPE,
  sinusoidalPETable,
} from './positionalEncoding.ts';

describe('sinusoidal PE against the brief (T12.5)', () => {
  it.each([0, 1, 2])('PE(pos = %d), d = 8', (pos) => {
    assertClose(sinusoidalPE(pos, 8), oracleList(`PE pos=${pos} d=8`), { rel: 1e-12, abs: 1e-15 });
  });

  it('frequencies ωᵢ = 10000^{−2i/d}', () => {
    assertClose(peFrequencies(8), oracleList('PE omega_i d=8 (i=0..3)'), { rel: 1e-15 });
  });

  it('rotating PE(1) by k = 2 gives PE(3) (first pair)', () => {
    const [rot0, rot1, pe30, pe31] = oracleList('R_k @ PE(1)[0:2] (k=2) == PE(3)[0:2]');
    const shifted = peShift(sinusoidalPE(1, 8), 2);
    assertClose([shifted[0], shifted[1]], [rot0, rot1], { rel: 1e-12 });
    assertClose(sinusoidalPE(3, 8).subarray(0, 2), [pe30, pe31], { rel: 1e-12 });
  });

  it('PE(1)·PE(3) = PE(5)·PE(7) = Σ cos(2ωᵢ)', () => {
    assertClose(dot(sinusoidalPE(1, 8), sinusoidalPE(3, 8)), oracle('PE(pos=1)·PE(pos=3) d=8'), { rel: 1e-12 });
    assertClose(dot(sinusoidalPE(5, 8), sinusoidalPE(7, 8)), oracle('PE(pos=5)·PE(pos=7) d=8 (same offset => same)'), {
      rel: 1e-12,
    });
    assertClose(peSimilarity(2, 8), oracle('PE(pos=1)·PE(pos=3) d=8'), { rel: 1e-12 });
  });

  it('embedding scale √512', () => {
    assertClose(embeddingScale(512), oracle('Transformer emb scale sqrt(d_model=512)'), { rel: 1e-15 });
  });
});

describe('PE table and properties', () => {
  it('the table rows are PE(p); an odd d ends with an unpaired sine', () => {
    const T = sinusoidalPETable(20, 7);
    for (const p of [0, 3, 19])
      assertClose(T.subarray(7 * p, 7 * p + 7), sinusoidalPE(p, 7), { rel: 1e-14, abs: 1e-15 });
    expect(T[7 * 3 + 6]).toBeCloseTo(Math.sin(3 / 10000 ** (6 / 7)), 15);
    expect(peSimilarity(2, 7)).toBeNaN();
  });

  it('PE(p)·PE(p+k) depends only on k and equals Σ cos(ωᵢk) (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }).map((h) => 2 * h),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: -100, max: 100 }),
        (d, p, q, k) => {
          const a = dot(sinusoidalPE(p, d), sinusoidalPE(p + k, d));
          const b = dot(sinusoidalPE(q, d), sinusoidalPE(q + k, d));
          // Angles up to 600 rad carry ~1e-13 absolute rounding each.
          assertClose(a, b, { rel: 1e-10, abs: 1e-10 });
          assertClose(a, peSimilarity(k, d), { rel: 1e-10, abs: 1e-10 });
        },
      ),
      { seed: 1201, numRuns: 300 },
    );
  });

  it('is symmetric in k and largest at k = 0, where it equals d/2', () => {
    for (const d of [8, 64, 128]) {
      expect(peSimilarity(0, d)).toBe(d / 2);
      for (const k of [1, 5, 40]) {
        expect(peSimilarity(-k, d)).toBe(peSimilarity(k, d));
        expect(peSimilarity(k, d)).toBeLessThan(d / 2);
      }
    }
  });

  it('peShift maps PE(p) to PE(p+k) for every pair (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 32 }).map((h) => 2 * h),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: -50, max: 50 }),
        (d, p, k) => {
          assertClose(peShift(sinusoidalPE(p, d), k), sinusoidalPE(p + k, d), { rel: 1e-10, abs: 1e-10 });
        },
      ),
      { seed: 1202, numRuns: 200 },
    );
  });
});
