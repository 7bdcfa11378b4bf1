import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose, finiteDiff } from '../test/assertClose.ts';
import { erf, erfc, normalCdf, normalPdf } from './erf.ts';

describe('erf', () => {
  // Reference values of erf/erfc (Abramowitz & Stegun Table 7.1 and standard tables).
  it.each([
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [3, 0.9999779095030014],
  ])('erf(%d)', (x, v) => assertClose(erf(x), v, { rel: 1e-14 }));

  it('erfc keeps relative precision in the tail', () => {
    assertClose(erfc(5), 1.5374597944280349e-12, { rel: 1e-12 });
    assertClose(erfc(10), 2.088487583762545e-45, { rel: 1e-12 });
    assertClose(normalCdf(-10), 7.61985302416047e-24, { rel: 1e-12 });
  });

  it('is odd, bounded and consistent with erfc, across the switch at |x| = 3', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        const e = erf(x);
        return Math.abs(e + erf(-x)) <= 1e-15 && Math.abs(e) <= 1 && Math.abs(1 - e - erfc(x)) <= 2e-15;
      }),
    );
    assertClose(erf(3 - 1e-12), erf(3), { rel: 1e-12 });
  });

  it('Φ′ = φ', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -6, max: 6, noNaN: true }),
        (x) => Math.abs(finiteDiff(normalCdf, x) - normalPdf(x)) <= 1e-8,
      ),
    );
    expect(normalCdf(0)).toBe(0.5);
  });
});
