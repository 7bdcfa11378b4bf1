import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle } from '../test/oracles.ts';
import { adamFirstStep, adamStep, createAdamState } from './adam.ts';

describe('Adam against the brief (T2.5)', () => {
  it.each(['1', '0.001', '1e-06', '1e-08', '1e-10'])('first step, g = %s', (gs) => {
    const g = Number(gs);
    const want = oracle(`adam step1 |dtheta| g=${gs}`);
    assertClose(Math.abs(adamFirstStep(g)), want, { rel: 1e-12 });
    // The full update agrees at t = 1 (1 − β₂ is not exactly 0.001 in binary, hence 1e-12).
    const theta = new Float64Array([0.5]);
    adamStep(theta, [g], createAdamState(1));
    assertClose(Math.abs(theta[0] - 0.5), want, { rel: 1e-9 });
  });
  it('the widget ratios: ×0.990 at 1e-6, ×0.0099 at 1e-10', () => {
    assertClose(adamFirstStep(1e-6) / -1e-3, 0.990099, { rel: 1e-6 });
    assertClose(adamFirstStep(1e-10) / -1e-3, 0.00990099, { rel: 1e-6 });
  });
});

describe('adamStep', () => {
  it('matches a direct transcription of Algorithm 1 over several steps', () => {
    const gs = [0.3, -0.1, 0.05, 2, -0.7];
    const theta = new Float64Array([1]);
    const st = createAdamState(1);
    let m = 0;
    let v = 0;
    let ref = 1;
    gs.forEach((g, i) => {
      const t = i + 1;
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      ref -= (0.01 * (m / (1 - 0.9 ** t))) / (Math.sqrt(v / (1 - 0.999 ** t)) + 1e-8);
      adamStep(theta, [g], st, { lr: 0.01 });
      assertClose(theta[0], ref, { rel: 1e-14 });
    });
    expect(st.t).toBe(5);
  });
  it('is invariant to the gradient scale up to O(ε/|g|)', () => {
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: -4, max: 4 }), (g0, e) => {
        const g = Math.abs(g0) < 1e-3 ? 1 : g0;
        const a = new Float64Array([0]);
        const b = new Float64Array([0]);
        adamStep(a, [g], createAdamState(1));
        adamStep(b, [g * 10 ** e], createAdamState(1));
        // |Δθ| = α|g|/(|g| + ε): the scales differ only by O(ε/|g|).
        const smaller = Math.min(Math.abs(g), Math.abs(g * 10 ** e));
        return Math.abs(a[0] - b[0]) <= (2e-8 / smaller + 1e-12) * Math.abs(a[0]);
      }),
      { seed: 51 },
    );
  });
});
