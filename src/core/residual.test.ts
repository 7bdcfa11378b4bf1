import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList, oracleRaw } from '../test/oracles.ts';
import { fromRows } from './matrix.ts';
import { createMlp, sampleInput } from './mlp.ts';
import {
  linearResidualGradNorms,
  log10PlainProduct,
  log10ResidualProduct,
  pathCounts,
  pathShareUpTo,
  pathTotal,
  pathWeights,
  plainJacobian,
  plainProduct,
  residualJacobian,
  residualProduct,
} from './residual.ts';

describe('plain j^L against residual (1+j)^L (T3.5)', () => {
  it.each([
    [0.1, 20],
    [0.01, 50],
    [-0.5, 10],
    [0.5, 10],
  ])('j = %d, L = %d', (j, L) => {
    assertClose(plainProduct(j, L), oracle(`plain j=${j} L=${L}  j^L`), { rel: 1e-12 });
    assertClose(residualProduct(j, L), oracle(`resid j=${j} L=${L} (1+j)^L`), { rel: 1e-12 });
    assertClose(log10PlainProduct(j, L), Math.log10(Math.abs(oracle(`plain j=${j} L=${L}  j^L`))), { rel: 1e-12 });
    assertClose(log10ResidualProduct(j, L), Math.log10(oracle(`resid j=${j} L=${L} (1+j)^L`)), {
      rel: 1e-12,
      abs: 1e-12,
    });
  });
  it('the identity rescues vanishing but not explosion', () => {
    expect(residualProduct(0.5, 10)).toBe(oracle('1.5^10'));
    assertClose(residualProduct(0.5, 50), oracle('1.5^50'), { rel: 1e-12 });
    expect(log10PlainProduct(1e-3, 200)).toBe(-600); // j^L itself underflows to 0
    expect(plainProduct(1e-3, 200)).toBe(0);
  });
});

describe('matrix case (T3.5)', () => {
  const J = fromRows([
    [0.1, 0.2],
    [0, 0.1],
  ]).data;
  it('J³ and (I + J)³', () => {
    assertClose(plainJacobian(J, 2, 3), oracleList('J^3'), { rel: 1e-12, abs: 1e-15 });
    assertClose(residualJacobian(J, 2, 3), oracleList('(I+J)^3'), { rel: 1e-12, abs: 1e-15 });
  });
});

describe('path counts (Veit et al.)', () => {
  it('oracles', () => {
    expect(pathCounts(3)).toEqual(oracleRaw('paths L=3 by length k'));
    expect(pathTotal(10)).toBe(oracle('paths L=10 total'));
    expect(pathCounts(10).reduce((a, b) => a + b, 0)).toBe(1024);
    assertClose(pathShareUpTo(54, 17), oracle('paths L=54 share with length<=17'), { rel: 1e-10 });
  });
  it('counts are binomial and sum to 2^L; the CDF reaches 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), (L) => {
        const c = pathCounts(L);
        expect(c.length).toBe(L + 1);
        expect(c.reduce((a, b) => a + b, 0)).toBe(2 ** L);
        for (let k = 1; k <= L; k++) expect(c[k]).toBe(c[L - k]);
        assertClose(pathShareUpTo(L, L), 1, { rel: 1e-12 });
      }),
      { seed: 61 },
    );
    expect(pathShareUpTo(2000, 1000)).toBeGreaterThan(0.5);
  });
  it('per-length gradient weights sum to (1 + |j|)^L and favour short paths when |j| < 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: -1, max: 1, noNaN: true }), (L, j) => {
        const w = pathWeights(L, j);
        assertClose(
          w.reduce((a, b) => a + b, 0),
          (1 + Math.abs(j)) ** L,
          { rel: 1e-10 },
        );
      }),
      { seed: 62 },
    );
    expect(pathWeights(4, 0)).toEqual([1, 0, 0, 0, 0]);
    const w = pathWeights(54, 0.1);
    expect(w.indexOf(Math.max(...w))).toBeLessThan(10);
  });
});

describe('linearResidualGradNorms: the backward pass of linear residual blocks', () => {
  it('gives the gradient norms of the same network run forward and backward, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 9999 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (depth, width, batch, seed, gain) => {
          const net = createMlp({ depth, width, batch, activation: 'linear', residual: true, seed, gain });
          const stats = net.run(sampleInput(batch, width, seed));
          const mine = linearResidualGradNorms(net.weights, batch, width, net.lossGrad());
          expect(Array.from(mine)).toEqual(Array.from(stats.gradNorm));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('one block of a 1×1 matrix w scales the gradient by 1 + w; no blocks pass it unchanged', () => {
    expect(Array.from(linearResidualGradNorms([[0.5]], 1, 1, [2]))).toEqual([3, 2]);
    expect(Array.from(linearResidualGradNorms([[-1]], 1, 1, [2]))).toEqual([0, 2]);
    expect(Array.from(linearResidualGradNorms([], 2, 2, [3, 0, 0, 4]))).toEqual([5]);
  });

  it('reports an overflowing gradient as Infinity, and rejects mismatched shapes', () => {
    const big = Array.from({ length: 4 }, () => [1e300]);
    expect(linearResidualGradNorms(big, 1, 1, [1])[0]).toBe(Infinity);
    expect(() => linearResidualGradNorms([[1]], 1, 1, [1, 2])).toThrow(RangeError);
    expect(() => linearResidualGradNorms([[1]], 0, 1, [])).toThrow(RangeError);
  });
});
