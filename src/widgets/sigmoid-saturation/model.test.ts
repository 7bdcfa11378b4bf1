import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { decadeStep, depthAxisFloor, readout, sampleCurve, saturatedZones } from './model.ts';
import { schema } from './state.ts';

describe('sigmoid-saturation model', () => {
  it.each([-10, -5, -2, 0, 1, 2, 5, 10])('reads σ(%d) and σ′ from the core (oracles)', (x) => {
    const r = readout('sigmoid', x, 10);
    assertClose(r.fx, oracle(`sigmoid(${x})`), { rel: 1e-12 });
    assertClose(r.dfx, oracle(`sigmoid'(${x})`), { rel: 1e-9 });
  });

  it('marks σ′ < 0.01 as saturated exactly beyond |x| = 4.58486', () => {
    const t = oracle("sigmoid'(x)=0.01 at |x|=");
    expect(readout('sigmoid', t - 1e-6, 1).saturated).toBe(false);
    expect(readout('sigmoid', t + 1e-6, 1).saturated).toBe(true);
    expect(readout('sigmoid', -t - 1e-6, 1).saturated).toBe(true);
    const zones = saturatedZones('sigmoid');
    assertClose(zones[1].from, t, { rel: 1e-12 });
    assertClose(zones[0].to, -t, { rel: 1e-12 });
    assertClose(saturatedZones('tanh')[1].from, oracle("tanh'(x)=0.01 at |x|="), { rel: 1e-12 });
  });

  it('depth: σ′(0)^10 = 0.25^10 and the bound holds for every x', () => {
    const r = readout('sigmoid', 0, 10);
    assertClose(10 ** r.lgPower, oracle('0.25^10'), { rel: 1e-12 });
    assertClose(r.lgPower, r.lgBound, { rel: 1e-15 });
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 1, max: 100 }), (x, L) => {
        const q = readout('sigmoid', x, L);
        return q.lgPower <= q.lgBound + 1e-12 && Number.isFinite(q.lgPower);
      }),
    );
  });

  it('keeps σ′(10)^100 ≈ 10^−434 representable (no underflow to 0, no NaN)', () => {
    const r = readout('sigmoid', 10, 100);
    assertClose(r.lgPower, 100 * Math.log10(oracle("sigmoid'(10)")), { rel: 1e-9 });
    expect(r.lgPower).toBeLessThan(-434);
  });

  it('ReLU: slope 1 for x > 0 passes unchanged; x < 0 gives exactly 0', () => {
    expect(readout('relu', 3, 50).lgPower).toBe(0);
    expect(readout('relu', -3, 50).lgPower).toBe(-Infinity);
    expect(readout('relu', -3, 50).saturated).toBe(true);
  });

  it('samples curves that include the ReLU corner', () => {
    const pts = sampleCurve('relu', 400);
    expect(pts.some((p) => p.x === 0)).toBe(true);
    expect(pts.every((p, i) => i === 0 || p.x >= pts[i - 1].x)).toBe(true);
  });

  it('log axis floors move in whole tick steps', () => {
    expect(decadeStep(6)).toBe(1);
    expect(decadeStep(30)).toBe(5);
    expect(depthAxisFloor([-6.02, -9.8])).toBe(-10);
    expect(depthAxisFloor([-434.3])).toBe(-500);
    expect(depthAxisFloor([-Infinity, 0])).toBe(-2);
  });
});

describe('sigmoid-saturation state', () => {
  it('defaults are valid and in range', () => {
    expect(parseState(schema, {}).state).toEqual(defaults(schema));
    expect(defaults(schema)).toEqual({ x: 2, L: 10, act: 'sigmoid', compare: false });
  });
  it('clamps out-of-range values and ignores malformed ones', () => {
    const { state, issues } = parseState(schema, { x: '40', L: 'lots', act: 'tanh' });
    expect(state).toMatchObject({ x: 10, L: 10, act: 'tanh' });
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'malformed']);
  });
});
