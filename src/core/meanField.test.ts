import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleKeys } from '../test/oracles.ts';
import type { ActivationName } from './activations.ts';
import { gradProfile, meanField, meanFieldChi, meanFieldFixedPoint, meanFieldNextQ } from './meanField.ts';

const SW2: Record<string, number> = { xavier: 1, he: 2, xavier_gain_tanh: 25 / 9 };
// §0: 1e-6 relative for mean-field/quadrature values (closed forms are far tighter).
const MF = { rel: 1e-6, abs: 1e-12 };

describe('mean-field table (T2.5): every `MF ` key', () => {
  const keys = oracleKeys('MF ').filter((k) => !k.startsWith('MF sim-check'));
  it('covers the table', () => expect(keys.length).toBe(55));

  it.each(keys)('%s', (key) => {
    const m = /^MF (\w+) (xavier_gain_tanh|xavier|he) (.+)$/.exec(key);
    expect(m, key).not.toBeNull();
    const [, act, init, what] = m as RegExpExecArray;
    const sw2 = SW2[init];
    const mf = meanField(act as ActivationName, sw2, 1, 50);
    const fp = meanFieldFixedPoint(act as ActivationName, sw2, 1);
    const want = oracle(key);
    let got: number;
    if (what === 'chi' || what === 'chi(q*)') got = fp.chiStar;
    else if (what === 'q*') got = fp.qStar ?? NaN;
    else if (what.startsWith('norm ratio/layer')) got = Math.sqrt(fp.chiStar);
    else if (what === 'chi(q=1)') got = mf.chi[0];
    else if (what === 'q_10 (q_1=1)') got = mf.q[9];
    else if (what === 'prod chi_1..10 (sq-norm)') got = mf.sqrtR[9] ** 2;
    else if (what === 'grad-norm ratio L=10') got = mf.sqrtR[9];
    else if (what === 'grad-norm ratio L=50') got = mf.sqrtR[49];
    else throw new Error(`unhandled ${key}`);
    assertClose(got, want, MF, key);
  });

  it('simulation checkpoints (Appendix C)', () => {
    assertClose(meanField('tanh', 1, 1, 9).sqrtR[8], oracle('MF sim-check tanh sw2=1 sqrt(prod chi_1..9)'), MF);
    assertClose(meanField('tanh', 2, 1, 9).sqrtR[8], oracle('MF sim-check tanh sw2=2 sqrt(prod chi_1..9)'), MF);
    assertClose(meanField('sigmoid', 1, 1, 9).sqrtR[8], oracle('MF sim-check sigmoid sw2=1 sqrt(prod chi_1..9)'), MF);
    assertClose(meanField('relu', 1, 1, 9).sqrtR[8], oracle('MF sim-check relu sw2=1 0.5^4.5'), { rel: 1e-12 });
  });
});

describe('closed forms and structure', () => {
  it('linear and ReLU: χ = σ_w² and σ_w²/2 at every q, exact powers of two', () => {
    for (const q of [0.1, 1, 7]) {
      expect(meanFieldChi('linear', 2, q)).toBe(2);
      expect(meanFieldChi('relu', 2, q)).toBe(1);
      expect(meanFieldNextQ('relu', 2, q)).toBe(q);
    }
    expect(meanField('relu', 1, 1, 50).sqrtR[49]).toBe(2 ** -25);
    expect(meanField('linear', 2, 1, 50).sqrtR[49]).toBe(2 ** 25);
    expect(meanFieldFixedPoint('relu', 2).qStar).toBeNull();
    assertClose(meanFieldChi('leakyRelu', 2, 1), 1 + 1e-4, { rel: 1e-12 });
  });
  it('the ReLU closed form is what quadrature converges to (quadrature alone is ~1e-3 off)', () => {
    const gelu = meanFieldChi('gelu', 2, 1); // smooth, so quadrature is fine
    expect(gelu).toBeGreaterThan(0);
    expect(gelu).toBeLessThan(2);
  });
  it('gradRatio is the backward profile of a depth-L net, and the logs agree', () => {
    const mf = meanField('tanh', 2, 1, 12);
    expect(mf.gradRatio.length).toBe(13);
    expect(mf.gradRatio[12]).toBe(1);
    assertClose(mf.gradRatio[0], mf.sqrtR[11], { rel: 1e-12 });
    assertClose(mf.gradRatio[5], Math.sqrt(mf.chi.slice(5).reduce((a, b) => a * b, 1)), { rel: 1e-12 });
    mf.sqrtR.forEach((v, i) => assertClose(mf.log10SqrtR[i], Math.log10(v), { rel: 1e-12, abs: 1e-12 }));
    mf.gradRatio.forEach((v, i) => assertClose(mf.log10GradRatio[i], Math.log10(v), { rel: 1e-12, abs: 1e-12 }));
  });
  it('log10 stays finite where the ratio underflows (sigmoid, small init, depth 100)', () => {
    const mf = meanField('sigmoid', 1e-6, 1, 100);
    expect(mf.sqrtR[99]).toBe(0);
    // q settles almost at once, so χ is nearly constant: log10 √R_100 ≈ 50·log10 χ.
    assertClose(mf.log10SqrtR[99], 50 * Math.log10(mf.chi[99]), { rel: 1e-3 });
    expect(Number.isFinite(mf.log10SqrtR[99])).toBe(true);
  });
  it('tanh: q* = 0 for σ_w² ≤ 1, a positive root just above, and a bias keeps q* > 0', () => {
    expect(meanFieldFixedPoint('tanh', 0.8).qStar).toBe(0);
    expect(meanFieldFixedPoint('tanh', 0.8).chiStar).toBe(0.8);
    const just = meanFieldFixedPoint('tanh', 1.05);
    expect(just.qStar).toBeGreaterThan(0);
    assertClose(meanFieldNextQ('tanh', 1.05, just.qStar as number), just.qStar as number, { rel: 1e-9 });
    const biased = meanFieldFixedPoint('tanh', 1, 1, 0.05);
    expect(biased.qStar).toBeGreaterThan(0);
    assertClose(meanFieldNextQ('tanh', 1, biased.qStar as number, 0.05), biased.qStar as number, { rel: 1e-9 });
  });
  it('a map that grows without bound has no fixed point', () => {
    const fp = meanFieldFixedPoint('gelu', 50);
    expect(fp.qStar).toBeNull();
    expect(Number.isFinite(fp.chiStar)).toBe(true);
  });
});

describe('gradProfile: a deeper run serves every shallower depth', () => {
  // 80 quadrature runs: ≈ 2.4 s alone on a 2-core machine, over 5 s beside the other test files.
  it('the first L χ of a depth-D run give exactly what meanField at depth L gives', () => {
    const D = 40;
    fc.assert(
      fc.property(
        fc.constantFrom<ActivationName>('sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu', 'linear'),
        fc.double({ min: 0.01, max: 4, noNaN: true }),
        fc.integer({ min: 0, max: D }),
        (act, sw2, L) => {
          const deep = meanField(act, sw2, sw2, D);
          const direct = meanField(act, sw2, sw2, L);
          expect(deep.chi.slice(0, L)).toEqual(direct.chi);
          const p = gradProfile(deep.chi, L);
          expect(p.log10GradRatio).toEqual(direct.log10GradRatio);
          expect(p.gradRatio).toEqual(direct.gradRatio);
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);
  it('by hand: χ = (4, 1/4, 9) at depth 2 and 3', () => {
    expect(gradProfile([4, 0.25, 9], 2).gradRatio).toEqual([1, 0.5, 1]);
    expect(gradProfile([4, 0.25, 9]).gradRatio).toEqual([3, 1.5, 3, 1]);
    expect(gradProfile([4, 0.25, 9], 0)).toEqual({ gradRatio: [1], log10GradRatio: [0] });
  });
  it('rejects a depth the χ do not cover', () => {
    expect(() => gradProfile([1, 2], 3)).toThrow(RangeError);
    expect(() => gradProfile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => gradProfile([1, 2], -1)).toThrow(RangeError);
  });
});
