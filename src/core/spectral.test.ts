import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { createRng } from './rng.ts';
import { orthogonalMatrix, recurrentMatrix, spectralNorm, spectralRadius } from './spectral.ts';

/** A Bᵀ for n × n row-major matrices (tests only). */
function mulT(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const C = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += A[i * n + k] * B[j * n + k];
      C[i * n + j] = s;
    }
  return C;
}
function mul(A: Float64Array, B: Float64Array, n: number): Float64Array {
  const Bt = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) Bt[j * n + i] = B[i * n + j];
  return mulT(A, Bt, n);
}

/** Q D Qᵀ with D block-diagonal: a 2×2 scaled rotation (eigenvalues ρ e^{±iθ}) then a diagonal. */
function withSpectrum(n: number, rho: number, theta: number, rest: number[], seed: number): Float64Array {
  const D = new Float64Array(n * n);
  D[0] = rho * Math.cos(theta);
  D[1] = -rho * Math.sin(theta);
  D[n] = rho * Math.sin(theta);
  D[n + 1] = rho * Math.cos(theta);
  rest.forEach((v, i) => (D[(i + 2) * n + i + 2] = v));
  const Q = orthogonalMatrix(n, createRng(seed));
  return mulT(mul(Q, D, n), Q, n);
}

describe('spectralRadius', () => {
  it('finds |λ| of a rotation-like dominant pair exactly (normal W with a gap)', () => {
    const W = withSpectrum(5, 0.9, 1.1, [0.5, -0.3, 0.1], 3);
    assertClose(spectralRadius(W, 5), 0.9, { rel: 1e-10 });
  });
  it('finds a real dominant eigenvalue of either sign, and a non-normal one', () => {
    assertClose(spectralRadius(Float64Array.of(-2, 0, 0, 1), 2), 2, { rel: 1e-12 });
    // Upper triangular (eigenvalues on the diagonal), far from normal.
    assertClose(spectralRadius(Float64Array.of(0.5, 5, 1, 0, -0.8, 3, 0, 0, 0.2), 3), 0.8, { rel: 1e-9 });
  });
  it('is within 0.5% on non-normal 2×2 matrices with complex eigenvalues', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        (a, b, c) => {
          // [[a, b], [−c, a]]: λ = a ± i√(bc).
          const rho = Math.sqrt(a * a + b * c);
          return Math.abs(spectralRadius(Float64Array.of(a, b, -c, a), 2) / rho - 1) < 5e-3;
        },
      ),
      { seed: 21, numRuns: 100 },
    );
  });
  it('is 0 for a nilpotent matrix and the gain for a scaled orthogonal one', () => {
    expect(spectralRadius(Float64Array.of(0, 1, 0, 0), 2)).toBe(0);
    const Q = recurrentMatrix(6, createRng(4), { gain: 1.3 });
    assertClose(spectralRadius(Q, 6), 1.3, { rel: 1e-9 });
  });
});

describe('spectralNorm', () => {
  it('matches the closed-form largest singular value of 2×2 and 2×3 matrices', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }), (w) => {
        // σ²_max = largest eigenvalue of W Wᵀ (2×2 for both shapes).
        const check = (cols: number) => {
          const W = Float64Array.from(w.slice(0, 2 * cols));
          let p = 0;
          let q = 0;
          let r = 0;
          for (let j = 0; j < cols; j++) {
            p += W[j] * W[j];
            q += W[j] * W[cols + j];
            r += W[cols + j] * W[cols + j];
          }
          const top = (p + r) / 2 + Math.sqrt(((p - r) / 2) ** 2 + q * q);
          const s = spectralNorm(W, 2, cols);
          return Math.abs(s - Math.sqrt(top)) <= 1e-8 * Math.max(1, Math.sqrt(top));
        };
        return check(2) && check(3);
      }),
      { seed: 22, numRuns: 200 },
    );
  });
  it('is exact when the top singular values nearly coincide (U·diag(s)·Vᵀ with a gap of 1e-9)', () => {
    // Power iteration needs ~1/gap steps here; the answer must not depend on the gap.
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 16 }), fc.integer({ min: 0, max: 1e6 }), (n, seed) => {
        const rng = createRng(seed);
        const U = orthogonalMatrix(n, rng);
        const V = orthogonalMatrix(n, rng);
        const top = Math.exp(rng.normal() * 3);
        const s = Float64Array.from({ length: n }, (_, i) =>
          i === 0 ? top : top * (1 - 1e-9 * i) * (i > 2 ? rng.next() : 1),
        );
        const W = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let v = 0;
            for (let l = 0; l < n; l++) v += U[i * n + l] * s[l] * V[j * n + l];
            W[i * n + j] = v;
          }
        return Math.abs(spectralNorm(W, n, n) / top - 1) <= 1e-12;
      }),
      { seed: 23, numRuns: 100 },
    );
  });
  it('is exact when the top singular value repeats in a rank-deficient matrix (g·D·Q, D a 0/1 mask)', () => {
    // A ReLU step of an RNN with W_hh = g·Q: every active unit gives a singular value g, the rest 0.
    // Lanczos restarts when the space closes, and the blocks it splits into share the eigenvalue g²;
    // taken as one matrix that is a double root, where Newton stopped about √ε short (≈ 4e-8).
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }),
        fc.integer({ min: 0, max: 1e6 }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        (n, seed, g) => {
          const rng = createRng(seed);
          const Q = orthogonalMatrix(n, rng);
          const mask = Array.from({ length: n }, (_, i) => (i === 0 || rng.next() < 0.5 ? 1 : 0));
          const W = Float64Array.from(Q, (q, idx) => g * mask[Math.floor(idx / n)] * q);
          return Math.abs(spectralNorm(W, n, n) / g - 1) <= 1e-13;
        },
      ),
      { seed: 24, numRuns: 300 },
    );
  });
  it('handles rank-deficient and wide or tall matrices, the identity and a single entry', () => {
    const I = new Float64Array(36);
    for (let i = 0; i < 6; i++) I[i * 6 + i] = 2;
    expect(spectralNorm(I, 6, 6)).toBe(2);
    // Rank one: u vᵀ has σ = ‖u‖‖v‖, in every shape.
    const u = [1, -2, 3];
    const v = [0.5, 0, 0, -0.5, 2];
    const outer = (a: number[], b: number[]) => Float64Array.from(a.flatMap((x) => b.map((y) => x * y)));
    const want = Math.hypot(...u) * Math.hypot(...v);
    assertClose(spectralNorm(outer(u, v), 3, 5), want, { rel: 1e-14 });
    assertClose(spectralNorm(outer(v, u), 5, 3), want, { rel: 1e-14 });
    expect(spectralNorm(Float64Array.of(-7), 1, 1)).toBe(7);
    expect(spectralNorm(new Float64Array(9), 3, 3)).toBe(0);
    expect(spectralNorm(Float64Array.of(1, Infinity), 1, 2)).toBe(Infinity);
  });
  it('is scale-free near overflow and bounds ρ from above', () => {
    assertClose(spectralNorm(Float64Array.of(3e307, 4e307), 1, 2), 5e307, { rel: 1e-12 });
    const rng = createRng(5);
    const W = Float64Array.from({ length: 36 }, () => rng.normal());
    expect(spectralNorm(W, 6, 6)).toBeGreaterThanOrEqual(spectralRadius(W, 6) * (1 - 1e-3));
  });
});

describe('orthogonalMatrix and recurrentMatrix', () => {
  it('Q Qᵀ = I and is seeded', () => {
    const Q = orthogonalMatrix(7, createRng(6));
    const I = mulT(Q, Q, 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) assertClose(I[i * 7 + j], i === j ? 1 : 0, { abs: 1e-14 });
    expect(orthogonalMatrix(7, createRng(6))).toEqual(Q);
  });
  it('a Gaussian recurrent matrix has the requested spectral radius and a larger norm', () => {
    for (const gain of [0.5, 1, 1.5]) {
      const W = recurrentMatrix(16, createRng(7), { gain, kind: 'gaussian' });
      assertClose(spectralRadius(W, 16, { rng: createRng(99), iterations: 4000 }), gain, { rel: 5e-3 });
      expect(spectralNorm(W, 16, 16)).toBeGreaterThan(1.3 * gain);
    }
  });
});
