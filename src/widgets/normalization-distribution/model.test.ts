import { describe, expect, it } from 'vitest';
import { parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle } from '../../test/oracles.ts';
import { BATCH, BINS, WIDTH, createNormRunner, logit, sigmoidCurve, type NormConfig } from './model.ts';
import { schema } from './state.ts';

const cfg = (over: Partial<NormConfig> = {}): NormConfig => ({
  mu: 0,
  s: 1,
  norm: 'none',
  gamma: 1,
  beta: 0,
  w: 'xavier',
  L: 8,
  ...over,
});

describe('normalization-distribution', () => {
  const run = createNormRunner();

  it('the Gaussian readouts are the brief’s oracles (T4.5): s = γ = 1, 2, 5, 10', () => {
    for (const s of [1, 2, 5, 10]) {
      const g = run(cfg({ norm: 'bn', gamma: s })).gaussian!;
      assertClose(g.saturated, oracle(`P(sigmoid'(z)<0.01) s=${s}`), { rel: 1e-9 });
      assertClose(g.meanSlope, oracle(`E[sigmoid'(z)] s=${s}`), { rel: 1e-6 });
    }
  });

  it('BatchNorm with γ = 5: every layer’s measured saturation is near the predicted 35.9 %', () => {
    const r = run(cfg({ norm: 'bn', gamma: 5, w: 'normal' }));
    for (const l of r.layers) expect(Math.abs(l.saturated - 0.359157)).toBeLessThan(0.05);
  });

  it('γ and β set the output: mean β and std ≈ γ, not 0 and 1 (BN and LN)', () => {
    for (const norm of ['bn', 'ln'] as const) {
      const r = run(cfg({ norm, gamma: 2, beta: 1 }));
      for (const l of r.layers) {
        assertClose(l.mean, 1, { rel: 1e-9 });
        expect(Math.abs(l.std - 2)).toBeLessThan(1e-3);
      }
    }
  });

  it('a wide input saturates layer 1 as N(0, s²) predicts; BatchNorm undoes it', () => {
    const wide = run(cfg({ s: 10 }));
    expect(Math.abs(wide.layers[0].saturated - oracle("P(sigmoid'(z)<0.01) s=10"))).toBeLessThan(0.05);
    const bn = run(cfg({ s: 10, norm: 'bn' }));
    expect(bn.layers[0].saturated).toBeLessThan(0.01);
    assertClose(bn.layers[0].meanSlope, oracle("E[sigmoid'(z)] s=1"), { rel: 0.03 });
  });

  it('N(0, 1) weights saturate every layer; normalisation brings them back', () => {
    const big = run(cfg({ w: 'normal' }));
    for (const l of big.layers) expect(l.saturated).toBeGreaterThan(0.2);
    for (const norm of ['bn', 'ln'] as const) {
      for (const l of run(cfg({ w: 'normal', norm })).layers) expect(l.saturated).toBeLessThan(0.01);
    }
  });

  it('histograms count every unit of the batch; mean slope is E[h(1 − h)]', () => {
    const r = run(cfg({ mu: 3, s: 4, L: 3 }));
    for (const l of r.layers) {
      expect(l.hist).toHaveLength(BINS);
      expect(l.hist.reduce((a, b) => a + b, 0)).toBe(WIDTH * BATCH);
      expect(l.meanSlope).toBeGreaterThan(0);
      expect(l.meanSlope).toBeLessThanOrEqual(0.25);
    }
  });

  it('logit inverts σ exactly enough for the axis, and names the rounded ends', () => {
    // Beyond |u| = 12 a value only has to land in the edge bin; up to 20 it is still exact to 1e-6.
    for (const u of [-30, -20, -12, -4.58486, 0, 2, 12, 20]) {
      const h = 1 / (1 + Math.exp(-u));
      assertClose(logit(h), u, { rel: 1e-6, abs: 1e-9 });
    }
    expect(logit(1)).toBe(Infinity);
    expect(logit(0)).toBe(-Infinity);
  });

  it('curve samples stay within σ′ ≤ 1/4; the schema clamps a layer beyond the depth', () => {
    expect(sigmoidCurve().every((p) => p.df <= 0.25)).toBe(true);
    const { state, issues } = parseState(schema, { layer: '40', s: '0' });
    expect(state.layer).toBe(20);
    expect(state.s).toBe(0.1);
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'clamped']);
  });
});
