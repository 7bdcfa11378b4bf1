import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { normalCdf } from './erf.ts';
import { gaussExpect, simpson } from './quadrature.ts';

describe('simpson', () => {
  it('is exact for cubics', () => {
    // ∫_{−1}^{2} x³ − 2x + 1 = [x⁴/4 − x² + x] = 2 − (−7/4).
    assertClose(
      simpson((x) => x ** 3 - 2 * x + 1, -1, 2, 2),
      3.75,
      { rel: 1e-14 },
    );
    assertClose(
      simpson((x) => 4 * x ** 3, 0, 1, 2),
      1,
      { rel: 1e-15 },
    );
  });
  it('rejects an odd number of intervals', () => {
    expect(() => simpson((x) => x, 0, 1, 3)).toThrow(RangeError);
  });
});

describe('gaussExpect on the brief grid', () => {
  it('Gaussian moments: E[1] = 1, E[x²] = q, E[x⁴] = 3q², with a mean shift', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 20, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (q, mu) => {
          assertClose(
            gaussExpect(() => 1, q),
            1,
            { rel: 1e-12 },
          );
          assertClose(
            gaussExpect((x) => x * x, q),
            q,
            { rel: 1e-10 },
          );
          assertClose(
            gaussExpect((x) => x ** 4, q),
            3 * q * q,
            { rel: 1e-10 },
          );
          assertClose(
            gaussExpect((x) => x, q, mu),
            mu,
            { rel: 1e-10, abs: 1e-12 },
          );
        },
      ),
      { seed: 71 },
    );
  });
  it('a step function is off by ~1e-3 at the node z = 0 (why ReLU uses its closed form)', () => {
    const step = gaussExpect((x) => (x > 0 ? 1 : 0), 1);
    expect(Math.abs(step - 0.5)).toBeGreaterThan(1e-4);
    expect(Math.abs(step - 0.5)).toBeLessThan(2e-3);
    // A smooth integrand is accurate far beyond that.
    assertClose(
      gaussExpect((x) => normalCdf(x), 1),
      0.5,
      { rel: 1e-12 },
    );
  });
});
