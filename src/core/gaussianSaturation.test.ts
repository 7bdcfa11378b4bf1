import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle } from '../test/oracles.ts';
import { dsigmoid } from './activations.ts';
import { expectedSigmoidDerivative, saturationFraction } from './gaussianSaturation.ts';
import { gaussExpect } from './quadrature.ts';
import { tanhSaturationThreshold } from './saturation.ts';

describe('saturation under N(0, s²) pre-activations (T4.5)', () => {
  it.each([1, 2, 5, 10])('s = %d', (s) => {
    assertClose(saturationFraction(s), oracle(`P(sigmoid'(z)<0.01) s=${s}`), { rel: 1e-9 });
    // E[σ'] is a Simpson value in the brief: 1e-6.
    assertClose(expectedSigmoidDerivative(s), oracle(`E[sigmoid'(z)] s=${s}`), { rel: 1e-6 });
  });
});

describe('properties', () => {
  it('P(σ′ < 0.01) agrees with quadrature of the indicator, for any mean', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 8, noNaN: true }),
        fc.double({ min: -6, max: 6, noNaN: true }),
        (s, mu) => {
          // The indicator has jumps away from the nodes, so quadrature is only good to ~1e-3.
          const q = gaussExpect((z) => (dsigmoid(z) < 0.01 ? 1 : 0), s * s, mu);
          return Math.abs(saturationFraction(s, mu) - q) < 3e-3;
        },
      ),
      { seed: 91, numRuns: 50 },
    );
  });
  it('grows with the spread and with |μ|; a shift of the cloud saturates it', () => {
    expect(saturationFraction(5)).toBeGreaterThan(saturationFraction(2));
    expect(saturationFraction(1, 6)).toBeGreaterThan(0.9);
    expect(saturationFraction(0, 5)).toBe(1);
    expect(saturationFraction(0, 4)).toBe(0);
    expect(expectedSigmoidDerivative(0.001)).toBeCloseTo(0.25, 6);
    expect(expectedSigmoidDerivative(1, 8)).toBeLessThan(0.002);
  });
  it('takes the tanh threshold as well', () => {
    const t = tanhSaturationThreshold(0.01);
    assertClose(saturationFraction(1, 0, t), 2 * (1 - 0.998619), { rel: 1e-3 });
  });
});
