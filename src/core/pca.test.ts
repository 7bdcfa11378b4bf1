import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { pca, symmetricEigen } from './pca.ts';
import { createRng } from './rng.ts';
import { orthogonalMatrix } from './spectral.ts';

describe('symmetricEigen', () => {
  it('2×2 in closed form, sorted largest first', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    assertClose(values, [3, 1], { rel: 1e-15 });
    assertClose(Math.abs(vectors[0] * vectors[1]), 0.5, { rel: 1e-15 });
    assertClose(vectors[0] * vectors[1], 0.5, { rel: 1e-15 }); // (1, 1)/√2 up to sign
    assertClose(vectors[2] * vectors[3], -0.5, { rel: 1e-15 }); // (1, −1)/√2
  });
  it('A v = λ v with orthonormal v, for random symmetric matrices', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer(), (n, seed) => {
        const r = createRng(seed);
        const A = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = r.normal();
        const { values, vectors } = symmetricEigen(A, n);
        for (let a = 0; a < n; a++) {
          if (a > 0 && values[a] > values[a - 1]) return false;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += A[i * n + j] * vectors[a * n + j];
            if (Math.abs(s - values[a] * vectors[a * n + i]) > 1e-12 * n) return false;
          }
          for (let b = 0; b <= a; b++) {
            let s = 0;
            for (let j = 0; j < n; j++) s += vectors[a * n + j] * vectors[b * n + j];
            if (Math.abs(s - (a === b ? 1 : 0)) > 1e-13 * n) return false;
          }
        }
        return true;
      }),
      { seed: 51, numRuns: 60 },
    );
  });
});

describe('pca', () => {
  it('recovers known components, variances and coordinates', () => {
    // Points m ± a_i q_i (i = 1…d): mean m, covariance Σ 2 a_i² q_i q_iᵀ/(n − 1) with n = 2d.
    const d = 5;
    const n = 2 * d;
    const Q = orthogonalMatrix(d, createRng(8));
    const a = [3, 2, 1.5, 1, 0.5];
    const m = [1, -2, 0.5, 3, 0];
    const X = new Float64Array(n * d);
    for (let i = 0; i < d; i++)
      for (const [r, s] of [
        [2 * i, 1],
        [2 * i + 1, -1],
      ])
        for (let j = 0; j < d; j++) X[r * d + j] = m[j] + s * a[i] * Q[i * d + j];
    const res = pca(X, n, d, 3);
    expect(res.k).toBe(3);
    assertClose(res.mean, m, { rel: 1e-14, abs: 1e-14 });
    const want = a.map((ai) => (2 * ai * ai) / (n - 1));
    assertClose(res.explainedVariance, want.slice(0, 3), { rel: 1e-12 });
    const total = want.reduce((s, v) => s + v, 0);
    assertClose(res.totalVariance, total, { rel: 1e-12 });
    assertClose(
      res.explainedVarianceRatio,
      want.slice(0, 3).map((v) => v / total),
      { rel: 1e-12 },
    );
    for (let c = 0; c < 3; c++) {
      let dotq = 0;
      for (let j = 0; j < d; j++) dotq += res.components[c * d + j] * Q[c * d + j];
      assertClose(Math.abs(dotq), 1, { rel: 1e-12 });
      // Point 2c sits at +a_c along q_c, and at 0 along the other components.
      for (let r = 0; r < n; r++) {
        const expected = r === 2 * c ? a[c] * Math.sign(dotq) : r === 2 * c + 1 ? -a[c] * Math.sign(dotq) : 0;
        assertClose(res.projected[r * 3 + c], expected, { rel: 1e-12, abs: 1e-12 });
      }
    }
  });

  it('components are orthonormal, variances sorted, and projections reproduce the variance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 2, max: 8 }), fc.integer(), (n, d, seed) => {
        const r = createRng(seed);
        const X = Float64Array.from({ length: n * d }, () => r.normal() * (1 + r.next() * 3));
        const k = Math.min(d, 3);
        const res = pca(X, n, d, k);
        for (let a = 0; a < k; a++) {
          for (let b = 0; b <= a; b++) {
            let s = 0;
            for (let j = 0; j < d; j++) s += res.components[a * d + j] * res.components[b * d + j];
            if (Math.abs(s - (a === b ? 1 : 0)) > 1e-12) return false;
          }
          if (a > 0 && res.explainedVariance[a] > res.explainedVariance[a - 1]) return false;
          let v = 0;
          for (let i = 0; i < n; i++) v += res.projected[i * k + a] ** 2;
          if (Math.abs(v / (n - 1) - res.explainedVariance[a]) > 1e-10 * Math.max(1, res.totalVariance)) return false;
        }
        return res.explainedVarianceRatio.reduce((s, x) => s + x, 0) <= 1 + 1e-12;
      }),
      { seed: 52, numRuns: 80 },
    );
  });

  it('keeps signs stable: largest entry positive, or aligned with previous components', () => {
    const r = createRng(3);
    const X = Float64Array.from({ length: 40 * 4 }, () => r.normal());
    const first = pca(X, 40, 4, 2);
    for (let c = 0; c < 2; c++) {
      const row = Array.from(first.components.subarray(c * 4, c * 4 + 4));
      const big = row.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
      expect(big).toBeGreaterThan(0);
    }
    const flipped = first.components.map((v) => -v);
    const again = pca(X, 40, 4, 2, { align: flipped });
    assertClose(again.components, flipped, { rel: 1e-12, abs: 1e-15 });
    assertClose(
      again.projected,
      first.projected.map((v) => -v),
      { rel: 1e-12, abs: 1e-15 },
    );
  });

  it('handles degenerate input: constant data, k > d', () => {
    const res = pca(new Float64Array(12).fill(2), 4, 3, 5);
    expect(res.k).toBe(3);
    expect(Array.from(res.explainedVariance)).toEqual([0, 0, 0]);
    expect(Array.from(res.explainedVarianceRatio)).toEqual([0, 0, 0]);
    expect(res.projected.every((v) => v === 0)).toBe(true);
  });
});
