import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import { createMlp, sampleInput } from '../../core/mlp.ts';
import { createMeasurer, curves, MAX_BLOCKS, NET_BATCH, NET_WIDTH, paths } from './model.ts';

describe('residual-gradient: the scalar picture (brief T3.5)', () => {
  it.each([
    [0.1, 20],
    [0.01, 50],
    [-0.5, 10],
    [0.5, 10],
  ])('j = %d, L = %d: plain j^L and residual (1 + j)^L are the oracles', (j, L) => {
    const c = curves(j, L);
    const jKey = String(j);
    assertClose(10 ** c.plain[L], Math.abs(oracle(`plain j=${jKey} L=${L}  j^L`)), { rel: 1e-9 });
    assertClose(10 ** c.residual[L], oracle(`resid j=${jKey} L=${L} (1+j)^L`), { rel: 1e-9 });
  });

  it('(1.5)^10 = 57.665: the identity does not stop explosion', () => {
    assertClose(10 ** curves(0.5, 10).residual[10], oracle('1.5^10'), { rel: 1e-12 });
  });

  it('for j ≥ 0 the residual gain never falls below 1; the plain one never rises above 1 for |j| ≤ 1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100 }), (j, L) => {
        const c = curves(j, L);
        return c.residual.every((v) => v >= -1e-12) && c.plain.every((v) => v <= 1e-12);
      }),
    );
  });

  it('j = −1 cancels the identity exactly: (1 + j)^L = 0', () => {
    expect(curves(-1, 5).residual[5]).toBe(-Infinity);
  });
});

describe('residual-gradient: the measured random network', () => {
  const measure = createMeasurer();

  it('plain: ‖∂L/∂h‖ shrinks like |j|^k (finite width: within a factor of 4 over 20 blocks)', () => {
    for (const j of [0.1, 0.5, 0.9]) {
      const m = measure(j, 20, 1);
      expect(Math.abs(m.plain[20] - 20 * Math.log10(j)), `j = ${j}`).toBeLessThan(Math.log10(4));
    }
  });

  it('residual with random branches grows like √(1 + j²) per block, not (1 + j)', () => {
    const m = measure(1, 100, 1);
    const c = curves(1, 100);
    expect(Math.abs(m.residual[100] - c.residualRandom[100])).toBeLessThan(1);
    expect(c.residual[100] - m.residual[100]).toBeGreaterThan(10);
    expect(m.residual[100]).toBeGreaterThan(10); // 10^15: it explodes
  });

  it('j = 0: the plain stack passes exactly nothing; the residual one passes everything', () => {
    const m = measure(0, 10, 1);
    expect(m.plain.slice(1).every((v) => v === -Infinity)).toBe(true);
    m.residual.forEach((v) => assertClose(v, 0, { abs: 1e-12 }));
  });

  it('a shallower stack is the tail of the deep one, and the sign of j does not matter to random weights', () => {
    const deep = measure(0.3, MAX_BLOCKS, 2);
    const short = measure(0.3, 7, 2);
    expect(short.residual).toEqual(deep.residual.slice(0, 8));
    expect(measure(-0.3, 7, 2)).toEqual(short);
  });

  it('measures exactly what an L-block network built and run the direct way measures', () => {
    // Build the L-block residual network the direct way, from the same W₀ and input.
    const cfg = (depth: number, seed: number) =>
      ({ depth, width: NET_WIDTH, batch: NET_BATCH, activation: 'linear', init: 'heNormal', gain: 1, seed }) as const;
    for (const [j, L, seed] of [
      [0.5, 1, 3],
      [-0.8, 13, 3],
      [1, 64, 5],
    ]) {
      const base = createMlp(cfg(MAX_BLOCKS, seed)).weights;
      const net = createMlp({ ...cfg(L, seed), residual: true });
      net.weights.forEach((w, i) => w.set(base[MAX_BLOCKS - L + i].map((v) => Math.abs(j) * v)));
      const g = net.run(sampleInput(NET_BATCH, NET_WIDTH, seed)).gradNorm;
      const direct = Array.from({ length: L + 1 }, (_, k) => Math.log10(g[L - k]) - Math.log10(g[L]));
      expect(createMeasurer()(j, L, seed).residual).toEqual(direct);
    }
  });
});

describe('residual-gradient: paths (Veit et al.)', () => {
  it('L = 3 gives 1, 3, 3, 1 paths by length', () => {
    const p = paths(1, 3);
    assertClose(
      p.count.map((v) => v * 8),
      oracleList('paths L=3 by length k'),
      { rel: 1e-12 },
    );
  });

  it('shares sum to 1; the gradient share is C(L,k)|j|^k/(1 + |j|)^L', () => {
    const p = paths(0.5, 10);
    assertClose(
      p.gradient.reduce((s, v) => s + v, 0),
      1,
      { rel: 1e-12 },
    );
    assertClose(p.gradient[0], 1 / 1.5 ** 10, { rel: 1e-12 });
    expect(p.halfGradientUpTo).toBe(3);
  });

  it('ResNet-110 (54 blocks): paths of length ≤ 17 are 0.45 % of all', () => {
    const p = paths(0.45, 54);
    // |j| = 0.45 puts half of the gradient on paths of ≤ 17 blocks: the oracle's tiny minority.
    expect(p.halfGradientUpTo).toBe(17);
    assertClose(p.pathShareOfHalf, oracle('paths L=54 share with length<=17'), { rel: 1e-9 });
  });
});
