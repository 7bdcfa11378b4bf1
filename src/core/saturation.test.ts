import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { dsigmoid, dtanh } from './activations.ts';
import {
  bceGradLogit,
  log10DerivativePower,
  mseGradLogit,
  sigmoidSaturationThreshold,
  tanhSaturationThreshold,
} from './saturation.ts';

describe('saturation thresholds (T5.5)', () => {
  it.each([0.1, 0.01, 0.001])("σ′(x) = %d at the brief's |x|", (c) => {
    assertClose(sigmoidSaturationThreshold(c), oracle(`sigmoid'(x)=${c} at |x|=`), { rel: 1e-12 });
  });
  it.each([0.1, 0.01])("tanh′(x) = %d at the brief's |x|", (c) => {
    assertClose(tanhSaturationThreshold(c), oracle(`tanh'(x)=${c} at |x|=`), { rel: 1e-12 });
  });
  it('inverts σ′ and tanh′ for any level', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 0.25, noNaN: true }), (c) => {
        const x = sigmoidSaturationThreshold(c);
        return Math.abs(dsigmoid(x) - c) <= 1e-9 * c;
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1, noNaN: true }), (c) => {
        const x = tanhSaturationThreshold(c);
        return Math.abs(dtanh(x) - c) <= 1e-7 * c;
      }),
    );
  });
  it('rejects levels σ′ never reaches', () => {
    expect(sigmoidSaturationThreshold(0.3)).toBeNaN();
    expect(sigmoidSaturationThreshold(0)).toBeNaN();
    expect(sigmoidSaturationThreshold(0.25)).toBe(0);
  });
});

describe('output-layer gradients (T5.5)', () => {
  it.each([-10, -2])('BCE cancels saturation, MSE does not (y = 1, z = %d)', (z) => {
    const key = `dL/dz y=1 z=${z}  BCE: s-y | MSE: (s-y)s'`;
    const [bce, mse] = oracleList(key);
    assertClose(bceGradLogit(z, 1), bce, { rel: 1e-12 });
    assertClose(mseGradLogit(z, 1), mse, { rel: 1e-9 });
  });
});

describe('depth bound σ′(x)^L', () => {
  it.each([5, 10, 20, 50])("0.25^%d, the sigmoid's best case", (L) => {
    assertClose(10 ** log10DerivativePower(0.25, L), oracle(`0.25^${L}`), { rel: 1e-12 });
  });
  it('stays finite in log10 where the power itself underflows', () => {
    const lg = log10DerivativePower(dsigmoid(10), 100);
    expect(10 ** lg).toBe(0);
    assertClose(lg, 100 * Math.log10(oracle("sigmoid'(10)")), { rel: 1e-9 });
  });
});
