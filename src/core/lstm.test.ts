import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracleList } from '../test/oracles.ts';
import { lstmCellPathGradient, lstmForward, lstmInit, lstmParamCount, lstmStep, type LstmParams } from './lstm.ts';
import { rnnJacobianNorms } from './bptt.ts';
import { createRng } from './rng.ts';
import { rnnForward, rnnInit } from './rnn.ts';

const F = (xs: number[]) => Float64Array.from(xs);
const flat = (rows: number[][]) => F(rows.flat());

// The brief's examples (T15.5); each W acts on [h; x].
const scalar: LstmParams = {
  dh: 1,
  dx: 1,
  Wf: F([0.5, 1.0]),
  bf: F([0]),
  Wi: F([-0.5, 0.5]),
  bi: F([0.1]),
  Wc: F([1.0, -1.0]),
  bc: F([0]),
  Wo: F([0.2, 0.8]),
  bo: F([-0.1]),
};
const twoD: LstmParams = {
  dh: 2,
  dx: 2,
  Wf: flat([
    [0.1, -0.2, 0.3, 0.4],
    [0.5, 0.1, -0.3, 0.2],
  ]),
  bf: F([0.0, 0.1]),
  Wi: flat([
    [-0.1, 0.2, 0.1, -0.4],
    [0.3, -0.2, 0.2, 0.1],
  ]),
  bi: F([0.1, -0.1]),
  Wc: flat([
    [0.2, 0.3, -0.5, 0.1],
    [-0.3, 0.4, 0.2, -0.2],
  ]),
  bc: F([0.0, 0.0]),
  Wo: flat([
    [0.3, -0.1, 0.2, 0.2],
    [0.1, 0.2, -0.1, 0.3],
  ]),
  bo: F([-0.1, 0.05]),
};

describe('lstmStep against the brief (T15.5)', () => {
  const cases = [
    ['scalar', scalar, [0.5], [-0.3], [1.0]],
    ['2d', twoD, [0.1, -0.2], [0.5, -0.5], [1.0, 2.0]],
  ] as const;
  it.each(cases)('%s: f, i, c̃ (g), o, c_t, h_t', (name, p, h, c, x) => {
    const s = lstmStep(p, h, c, x);
    assertClose(s.f, oracleList(`LSTM ${name} f`), {}, 'f');
    assertClose(s.i, oracleList(`LSTM ${name} i`), {}, 'i');
    assertClose(s.cTilde, oracleList(`LSTM ${name} g`), {}, 'c̃');
    assertClose(s.o, oracleList(`LSTM ${name} o`), {}, 'o');
    assertClose(s.c, oracleList(`LSTM ${name} c`), {}, 'c');
    assertClose(s.h, oracleList(`LSTM ${name} h`), {}, 'h');
  });

  it('the direct cell-path derivative ∂c_t/∂c_{t−1} is f (checked by a difference with h and x fixed)', () => {
    const e = 1e-6;
    const fd =
      (lstmStep(scalar, [0.5], [-0.3 + e], [1]).c[0] - lstmStep(scalar, [0.5], [-0.3 - e], [1]).c[0]) / (2 * e);
    assertClose(fd, oracleList('LSTM scalar dc_t/dc_{t-1} direct path = f')[0], { rel: 1e-8 });
  });

  it('parameter counts, one bias and PyTorch two', () => {
    const [one, torch] = oracleList('LSTM params dx=10 dh=20 (one bias | torch two biases)');
    expect(lstmParamCount(10, 20)).toBe(one);
    expect(lstmParamCount(10, 20, { torchBiases: true })).toBe(torch);
    const p = lstmInit(20, 10, createRng(1));
    const n = [p.Wf, p.Wi, p.Wc, p.Wo, p.bf, p.bi, p.bc, p.bo].reduce((s, a) => s + a.length, 0);
    expect(n).toBe(one);
  });
});

describe('lstm properties', () => {
  const weight = fc.double({ min: -2, max: 2, noNaN: true });
  it('gates lie in (0, 1), c̃ and h in (−1, 1), and c_t = f⊙c + i⊙c̃', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer(),
        weight,
        (dh, dx, seed, w) => {
          const rng = createRng(seed);
          const p = lstmInit(dh, dx, rng, { scale: Math.abs(w) + 0.1, forgetBias: w });
          const xs = Array.from({ length: 6 }, () => Array.from({ length: dx }, () => 2 * rng.next() - 1));
          const c0 = Array.from({ length: dh }, () => 4 * rng.next() - 2);
          const tr = lstmForward(p, xs, undefined, c0);
          let cPrev: ArrayLike<number> = tr.c0;
          for (const s of tr.steps) {
            for (let k = 0; k < dh; k++) {
              for (const g of [s.f[k], s.i[k], s.o[k]]) if (!(g > 0 && g < 1)) return false;
              if (!(Math.abs(s.cTilde[k]) < 1 && Math.abs(s.h[k]) < 1)) return false;
              if (Math.abs(s.c[k] - (s.f[k] * cPrev[k] + s.i[k] * s.cTilde[k])) > 1e-15) return false;
            }
            cPrev = s.c;
          }
          return true;
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });
});

describe('the cell path: ∏ f_t against a vanilla RNN (T15.3, T15.4)', () => {
  const T = 40;
  const dh = 8;
  const dx = 4;
  const inputs = (seed: number) => {
    const r = createRng(seed);
    return Array.from({ length: T }, () => Array.from({ length: dx }, () => r.normal()));
  };

  it('is the running product of the forget gates, in log10', () => {
    const p = lstmInit(dh, dx, createRng(3));
    const tr = lstmForward(p, inputs(4));
    const g = lstmCellPathGradient(tr);
    for (const k of [0, 10, 39, 40]) {
      for (let j = 0; j < dh; j++) {
        let prod = 1;
        for (let t = k + 1; t <= T; t++) prod *= tr.steps[t - 1].f[j];
        assertClose(10 ** g.log10[k * dh + j], prod, { rel: 1e-12 });
      }
    }
    expect(g.norm[T]).toBe(1);
    expect(g.normLog10[0]).toBe(Math.max(...Array.from({ length: dh }, (_, j) => g.log10[j])));
  });

  it('stays readable in log10 where the product underflows', () => {
    const p = lstmInit(2, 1, createRng(3), { forgetBias: -6 });
    const tr = lstmForward(
      p,
      Array.from({ length: 500 }, () => [0]),
    );
    const g = lstmCellPathGradient(tr);
    expect(g.norm[0]).toBe(0);
    expect(g.normLog10[0]).toBeLessThan(-700);
    expect(Number.isFinite(g.normLog10[0])).toBe(true);
  });

  it('a forget-gate bias of 1 keeps the gradient alive longer than 0', () => {
    const xs = inputs(8);
    const at = (bf: number) =>
      lstmCellPathGradient(lstmForward(lstmInit(dh, dx, createRng(9), { forgetBias: bf }), xs));
    const g0 = at(0);
    const g1 = at(1);
    // Mean f ≈ σ(0) = 0.5 against σ(1) ≈ 0.73: about 0.3 against 0.14 decades lost per step.
    expect(g0.normLog10[0] / T).toBeLessThan(-0.15);
    expect(g1.normLog10[0] / T).toBeGreaterThan(-0.15);
    for (let k = 0; k < T; k++) expect(g1.normLog10[k]).toBeGreaterThan(g0.normLog10[k]);
  });

  it('with f near 1 the cell path outlives a tanh RNN of the same size, which still decays', () => {
    const xs = inputs(8);
    const lstm = lstmCellPathGradient(lstmForward(lstmInit(dh, dx, createRng(9), { forgetBias: 4 }), xs));
    const rnnP = rnnInit(dh, dx, createRng(10), { gain: 1, kind: 'orthogonal' });
    const rnn = rnnJacobianNorms(rnnP, rnnForward(rnnP, xs));
    // ∏ f with f ≈ σ(4) = 0.98 over 40 steps: about 10^{−0.35}; the RNN, even at gain 1, loses far more.
    expect(lstm.normLog10[0]).toBeGreaterThan(-1);
    expect(rnn.log10[0]).toBeLessThan(lstm.normLog10[0] - 1);
    // It mitigates, it does not prevent: the product still decreases monotonically.
    for (let k = 1; k <= T; k++) expect(lstm.normLog10[k - 1]).toBeLessThan(lstm.normLog10[k]);
  });
});
