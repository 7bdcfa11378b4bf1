import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { sigmoid } from './activations.ts';
import {
  applyDropoutMask,
  createMeanAccumulator,
  dropoutInverted,
  dropoutInvertedEval,
  dropoutOriginal,
  dropoutOriginalEval,
  enumerateMasks,
  invertedMoments,
  invertedMomentsByEnumeration,
  invertedScale,
  maskProbability,
  monteCarloSigmoidUnit,
  nwgm,
  sampleDropoutMask,
  sigmoidUnitEnsemble,
} from './dropout.ts';
import { createRng } from './rng.ts';

// T7.5: x = [1, 2, 3, 4], p_keep = 0.8 (PyTorch p = 0.2), mask [1, 0, 1, 1].
const x = [1, 2, 3, 4];
const P_DROP = 0.2;
const P_KEEP = 0.8;
const MASK = [1, 0, 1, 1];
const W = [0.5, -1, 0.25, 0.2];

describe('both conventions on the T7.5 example', () => {
  it('inverted: scaled at training, identity at inference', () => {
    assertClose(applyDropoutMask(x, MASK, invertedScale(P_DROP)), oracleList('inverted train out mask=[1,0,1,1]'), {
      rel: 1e-15,
    });
    expect(Array.from(dropoutInvertedEval(x))).toEqual(x);
  });

  it('original (2014): unscaled at training, × p_keep at inference', () => {
    expect(Array.from(applyDropoutMask(x, MASK, 1))).toEqual(oracleList('original(2014) train out same mask'));
    assertClose(dropoutOriginalEval(x, P_KEEP), oracleList('original(2014) test out q*x'), { rel: 1e-15 });
  });

  it('inverted expectation and variance over all 16 masks', () => {
    const e = invertedMomentsByEnumeration(x, P_DROP);
    assertClose(e.mean, oracleList('inverted E[out] over 16 masks'), { rel: 1e-14 });
    assertClose(e.var, oracleList('inverted Var[out] = x^2 (1-q)/q'), { rel: 1e-12 });
    const closed = invertedMoments(x, P_DROP);
    assertClose(closed.mean, x, { rel: 0 });
    assertClose(closed.var, oracleList('inverted Var[out] = x^2 (1-q)/q'), { rel: 1e-12 });
  });

  it('sampled masks use the rng and agree with the output', () => {
    const mask = new Uint8Array(4);
    const y = dropoutInverted(x, P_DROP, createRng(5), undefined, mask);
    expect(Array.from(y)).toEqual(Array.from(applyDropoutMask(x, mask, 1.25)));
    const again = new Uint8Array(4);
    dropoutInverted(x, P_DROP, createRng(5), undefined, again);
    expect(Array.from(again)).toEqual(Array.from(mask));
    const orig = new Uint8Array(4);
    const yo = dropoutOriginal(x, P_KEEP, createRng(5), undefined, orig);
    expect(Array.from(orig)).toEqual(Array.from(mask));
    expect(Array.from(yo)).toEqual(Array.from(applyDropoutMask(x, orig, 1)));
  });

  it('edge probabilities: p_drop = 0 is the identity, p_drop = 1 gives zeros (not NaN)', () => {
    expect(Array.from(dropoutInverted(x, 0, createRng(1)))).toEqual(x);
    expect(Array.from(dropoutInverted(x, 1, createRng(1)))).toEqual([0, 0, 0, 0]);
    expect(Array.from(invertedMoments(x, 1).var)).toEqual([0, 0, 0, 0]);
    expect(() => dropoutInverted(x, 1.5, createRng(1))).toThrow(RangeError);
    expect(() => sampleDropoutMask(3, -0.1, createRng(1))).toThrow(RangeError);
  });
});

describe('ensemble vs weight scaling for one sigmoid unit (T7.5)', () => {
  const e = sigmoidUnitEnsemble(W, x, P_KEEP);
  it('w·x, E[z], ensemble mean, weight scaling and NWGM', () => {
    assertClose(e.z, oracle('w.x (w=[.5,-1,.25,.2])'), { rel: 1e-12 });
    assertClose(e.meanZ, oracle('E[w.(m*x)/q]'), { rel: 1e-12 });
    assertClose(e.ensembleMean, oracle('E[sigmoid(w.(m*x)/q)] (true ensemble mean)'), { rel: 1e-9 });
    assertClose(e.weightScaled, oracle('sigmoid(w.x) (weight-scaling rule)'), { rel: 1e-12 });
    assertClose(e.nwgm, oracle('NWGM of ensemble'), { rel: 1e-12 });
    expect(e.subnetworks).toBe(16);
    expect(Math.abs(e.ensembleMean - e.nwgm)).toBeGreaterThan(0.017);
  });

  const unit = (lo: number, hi: number, qMin: number) =>
    fc.tuple(
      fc.integer({ min: 1, max: 6 }).chain((n) => {
        const v = fc.double({ min: lo, max: hi, noNaN: true });
        return fc.tuple(fc.array(v, { minLength: n, maxLength: n }), fc.array(v, { minLength: n, maxLength: n }));
      }),
      fc.double({ min: lo, max: hi, noNaN: true }),
      fc.double({ min: qMin, max: 1, noNaN: true }),
    );

  it('NWGM = σ(E[z]) and E[z] = w·x + b for any single sigmoid unit', () => {
    fc.assert(
      fc.property(unit(-3, 3, 0.05), ([[w, xs], b, q]) => {
        const r = sigmoidUnitEnsemble(w, xs, q, b);
        return (
          Math.abs(r.nwgm - sigmoid(r.meanZ)) <= 1e-12 && Math.abs(r.meanZ - r.z) <= 1e-12 * Math.max(1, Math.abs(r.z))
        );
      }),
      { seed: 7, numRuns: 100 },
    );
  });

  it('the generic nwgm of the sub-network outputs agrees (outputs kept away from 0 and 1)', () => {
    // From probabilities, log(1 − σ) near σ ≈ 1 has lost digits already: |z| ≤ 12 keeps 1 − σ ≥ 6e-6.
    fc.assert(
      fc.property(unit(-1, 1, 0.5), ([[w, xs], b, q]) => {
        const masks = enumerateMasks(xs.length);
        const outs = masks.map((m) => sigmoid(w.reduce((s, wj, j) => s + (m[j] ? wj * xs[j] : 0), 0) / q + b));
        const g = nwgm(
          outs,
          masks.map((m) => maskProbability(m, q)),
        );
        return Math.abs(g - sigmoidUnitEnsemble(w, xs, q, b).nwgm) <= 1e-9;
      }),
      { seed: 8, numRuns: 100 },
    );
  });

  it('Monte Carlo over sampled masks converges to the ensemble mean, not to σ(w·x) (5σ)', () => {
    const est = monteCarloSigmoidUnit(W, x, P_KEEP, 40_000, createRng(2024));
    expect(est.count).toBe(40_000);
    expect(Math.abs(est.mean - e.ensembleMean)).toBeLessThan(5 * est.stdErr);
    expect(Math.abs(est.mean - e.weightScaled)).toBeGreaterThan(5 * est.stdErr);
    // The error bar is the real one: σ(z_m) over masks has this exact variance.
    let second = 0;
    for (const m of enumerateMasks(4)) {
      const z = W.reduce((s, wj, j) => s + (m[j] ? wj * x[j] : 0), 0) / P_KEEP;
      second += maskProbability(m, P_KEEP) * sigmoid(z) ** 2;
    }
    const sd = Math.sqrt(second - e.ensembleMean ** 2);
    assertClose(est.stdErr, sd / Math.sqrt(40_000), { rel: 0.02 });
  });
});

describe('masks and expectations', () => {
  it('enumerateMasks lists 2^n distinct masks whose probabilities sum to 1', () => {
    for (const n of [0, 1, 3, 6]) {
      const ms = enumerateMasks(n);
      expect(ms.length).toBe(2 ** n);
      expect(new Set(ms.map((m) => m.join(''))).size).toBe(2 ** n);
      assertClose(
        ms.reduce((s, m) => s + maskProbability(m, 0.3), 0),
        1,
        { rel: 1e-14 },
      );
    }
    expect(Array.from(enumerateMasks(3)[5])).toEqual([1, 0, 1]);
    expect(() => enumerateMasks(21)).toThrow(RangeError);
  });

  it('inverted dropout preserves the mean: Monte Carlo within 5σ for every unit', () => {
    const y = [1, -2, 0.5, 3, 0, 7];
    const rng = createRng(99);
    const k = 20_000;
    for (const pDrop of [0.1, 0.5, 0.8]) {
      const sums = new Float64Array(y.length);
      const out = new Float64Array(y.length);
      const mask = new Uint8Array(y.length);
      for (let i = 0; i < k; i++) {
        dropoutInverted(y, pDrop, rng, out, mask);
        for (let j = 0; j < y.length; j++) sums[j] += out[j];
      }
      const { var: v } = invertedMoments(y, pDrop);
      for (let j = 0; j < y.length; j++) {
        const err = Math.abs(sums[j] / k - y[j]);
        expect(err, `p_drop ${pDrop}, unit ${j}`).toBeLessThanOrEqual(5 * Math.sqrt(v[j] / k));
      }
    }
  });

  it('the original convention needs the test-time factor: its training mean is p_keep·x', () => {
    const rng = createRng(4);
    const k = 20_000;
    let s = 0;
    const out = new Float64Array(1);
    for (let i = 0; i < k; i++) s += dropoutOriginal([2], 0.6, rng, out)[0];
    const sd = Math.sqrt((4 * 0.6 * 0.4) / k);
    expect(Math.abs(s / k - dropoutOriginalEval([2], 0.6)[0])).toBeLessThan(5 * sd);
  });

  it('the accumulator gives the sample mean and s/√k', () => {
    const acc = createMeanAccumulator();
    expect(acc.mean).toBeNaN();
    [2, 4, 4, 4, 5, 5, 7, 9].forEach((v) => acc.add(v));
    expect(acc.mean).toBe(5);
    assertClose(acc.stdErr, Math.sqrt(32 / 7 / 8), { rel: 1e-14 });
    acc.reset();
    expect(acc.count).toBe(0);
  });
});
