import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { conventions, createMonteCarlo, exact, X } from './model.ts';
import { schema } from './state.ts';

describe('the four rows on the T7.5 example (x = [1, 2, 3, 4], p_drop = 0.2, m = [1, 0, 1, 1])', () => {
  const c = conventions([1, 0, 1, 1], 0.2, false);
  it('inverted: scaled at training, identity at inference', () => {
    assertClose(c.invTrain, oracleList('inverted train out mask=[1,0,1,1]'), { rel: 1e-15 });
    expect(Array.from(c.invEval)).toEqual([1, 2, 3, 4]);
  });
  it('original (2014): unscaled at training, × p_keep at test', () => {
    expect(Array.from(c.origTrain)).toEqual(oracleList('original(2014) train out same mask'));
    assertClose(c.origEval, oracleList('original(2014) test out q*x'), { rel: 1e-15 });
  });
  it('the sigmoid unit at inference: w·x = 0.05 and σ(0.05) = 0.512497', () => {
    assertClose(c.z.invEval, oracle('w.x (w=[.5,-1,.25,.2])'), { rel: 1e-12 });
    assertClose(c.a.invEval, oracle('NWGM of ensemble'), { rel: 1e-9 });
  });
  it('the double-scaling bug multiplies by p_keep a second time', () => {
    const bug = conventions([1, 0, 1, 1], 0.2, true);
    assertClose(bug.invEval, [0.8, 1.6, 2.4, 3.2], { rel: 1e-15 });
  });
});

describe('exact expectations', () => {
  it('inverted dropout keeps the mean; its variance is x²·p_drop/(1 − p_drop)', () => {
    const e = exact(0.2);
    expect(Array.from(e.moments.mean)).toEqual([...X]);
    assertClose(e.moments.var, oracleList('inverted Var[out] = x^2 (1-q)/q'), { rel: 1e-9 });
  });
  it('ensemble of 16 sub-networks vs weight scaling (0.494549 vs 0.512497)', () => {
    const { ensemble } = exact(0.2);
    expect(ensemble.subnetworks).toBe(16);
    assertClose(ensemble.ensembleMean, oracle('E[sigmoid(w.(m*x)/q)] (true ensemble mean)'), { rel: 1e-9 });
    assertClose(ensemble.weightScaled, oracle('NWGM of ensemble'), { rel: 1e-9 });
    assertClose(ensemble.nwgm, oracle('NWGM of ensemble'), { rel: 1e-9 });
    assertClose(ensemble.meanZ, oracle('E[w.(m*x)/q]'), { rel: 1e-9 });
  });
  it('for every p_drop the training rows have inference’s mean (inverted) or p_keep times it (original)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 18 }), (k) => {
        const p = k * 0.05;
        return exact(p).moments.mean.every((v, j) => v === X[j]);
      }),
    );
  });
});

describe('Monte Carlo over sampled masks', () => {
  it('unit averages converge to the inference output x, the output average to the ensemble mean, not σ(w·x)', () => {
    const mc = createMonteCarlo(11);
    mc.add(20_000, 0.2);
    const s = mc.snapshot();
    expect(s.count).toBe(20_000);
    s.unitMean.forEach((m, j) => expect(Math.abs(m - X[j])).toBeLessThan(5 * s.unitErr[j]));
    const target = oracle('E[sigmoid(w.(m*x)/q)] (true ensemble mean)');
    expect(Math.abs(s.outMean - target)).toBeLessThan(5 * s.outErr);
    expect(Math.abs(s.outMean - oracle('NWGM of ensemble'))).toBeGreaterThan(5 * s.outErr);
  });
  it('is reproducible from its seed, keeps a bounded log-spaced history and resets', () => {
    const a = createMonteCarlo(3);
    const b = createMonteCarlo(3);
    a.add(500, 0.5);
    b.add(500, 0.5);
    expect(a.snapshot()).toEqual(b.snapshot());
    a.add(50_000, 0.5);
    const h = a.snapshot().history;
    expect(h.length).toBeLessThanOrEqual(240);
    expect(h.every((p, i) => i === 0 || p.k > h[i - 1].k)).toBe(true);
    a.reset();
    expect(a.snapshot().count).toBe(0);
    expect(a.snapshot().unitMean).toEqual([0, 0, 0, 0]);
  });
});

describe('dropout state', () => {
  it('defaults are the brief’s example; masks are clamped to bits', () => {
    expect(defaults(schema)).toEqual({ pdrop: 0.2, mask: [1, 0, 1, 1], mode: 'train', bug: false });
    const { state, issues } = parseState(schema, { pdrop: '1', mask: '1,3,0,1', mode: 'test' });
    expect(state).toMatchObject({ pdrop: 0.9, mask: [1, 1, 0, 1], mode: 'train' });
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'clamped', 'malformed']);
  });
});
