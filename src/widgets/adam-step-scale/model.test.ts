import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle } from '../../test/oracles.ts';
import { LR, readout, sampleSteps } from './model.ts';

describe('adam-step-scale (brief T2.5)', () => {
  it.each([
    [0, 'adam step1 |dtheta| g=1'],
    [-3, 'adam step1 |dtheta| g=0.001'],
    [-6, 'adam step1 |dtheta| g=1e-06'],
    [-8, 'adam step1 |dtheta| g=1e-08'],
    [-10, 'adam step1 |dtheta| g=1e-10'],
  ])('log10 |g| = %d: Adam’s first step is the oracle', (lg, key) => {
    assertClose(readout(lg, -8).adam, oracle(key), { rel: 1e-9 });
  });

  it('×0.990 of the full step at |g| = 10⁻⁶, ×0.0099 at 10⁻¹⁰; SGD is lr·|g|', () => {
    assertClose(readout(-6, -8).share, 0.990099, { rel: 1e-6 });
    assertClose(readout(-10, -8).share, 0.00990099, { rel: 1e-6 });
    assertClose(readout(-6, -8).sgd, 1e-9, { rel: 1e-12 });
  });

  it('Adam never exceeds lr, outpaces SGD by 1/(|g| + ε), and takes half the full step at |g| = ε', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -12, max: 2, noNaN: true }),
        fc.double({ min: -12, max: -4, noNaN: true }),
        (lg, le) => {
          const r = readout(lg, le);
          return r.adam <= LR * (1 + 1e-12) && Math.abs(r.gain * (r.g + r.eps) - 1) < 1e-9;
        },
      ),
    );
    assertClose(readout(-7, -7).share, 0.5, { rel: 1e-12 });
  });

  it('curves are finite log10 values across the whole axis', () => {
    const s = sampleSteps(-8);
    expect(s.every((p) => Number.isFinite(p.adam) && Number.isFinite(p.sgd))).toBe(true);
    assertClose(s[0].lg, -12, { rel: 1e-12 });
  });
});
