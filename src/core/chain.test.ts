import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { ACTIVATION_NAMES } from './activations.ts';
import { chainProduct } from './chain.ts';

describe('scalar sigmoid chain (T1.5)', () => {
  it.each([1, 4])('w = %d, b = 0, x0 = 0.5, L = 5', (w) => {
    const r = chainProduct([w, w, w, w, w], 0, 0.5, 'sigmoid');
    assertClose(r.x, oracleList(`sigchain w=${w} x_1..x_5`), { rel: 1e-12 });
    assertClose(r.factors, oracleList(`sigchain w=${w} local factors w*s'(z_l)`), { rel: 1e-12 });
    assertClose(r.product, oracle(`sigchain w=${w} dx5/dx0`), { rel: 1e-12 });
    assertClose(r.log10AbsProduct, Math.log10(r.product), { rel: 1e-12 });
  });
  it('w = 4 shrinks the factors after layer 1 (saturation)', () => {
    const f = chainProduct(4, 0, 0.5, 'sigmoid', 5).factors;
    expect(f[0]).toBeGreaterThan(0.25);
    for (let l = 1; l < 5; l++) expect(f[l]).toBeLessThan(f[l - 1]);
  });
});

describe('exact powers through a linear chain (T1.5)', () => {
  it.each([
    [0.25, 5],
    [0.25, 10],
    [0.25, 20],
    [0.25, 50],
    [1.5, 10],
    [1.5, 50],
    [0.9, 10],
  ])('%d^%d', (w, L) => {
    const r = chainProduct(w, 0, 1, 'linear', L);
    assertClose(r.product, oracle(`${w}^${L}`), { rel: 1e-12 });
    assertClose(r.running[L - 1], r.product, { rel: 0 });
  });
  it('0.25^5 and 0.25^10 are the exact rationals', () => {
    expect(chainProduct(0.25, 0, 1, 'linear', 5).product).toBe(1 / 1024);
    expect(chainProduct(0.25, 0, 1, 'linear', 10).product).toBe(1 / 1048576);
    expect(chainProduct(1.5, 0, 1, 'linear', 10).product).toBe(57.6650390625);
  });
});

describe('the chain rule matches a finite difference of x_L(x0)', () => {
  const smooth = ACTIVATION_NAMES.filter((a) => !['relu', 'leakyRelu', 'elu'].includes(a));
  it.each(smooth)('%s', (act) => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 6 }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        (ws, b, x0) => {
          const xL = (x: number) => chainProduct(ws, b, x, act).x[ws.length - 1];
          const h = 1e-6;
          const fd = (xL(x0 + h) - xL(x0 - h)) / (2 * h);
          const an = chainProduct(ws, b, x0, act).product;
          return Math.abs(an - fd) <= 1e-6 * Math.max(1, Math.abs(fd));
        },
      ),
      { seed: 81, numRuns: 60 },
    );
  });
});
