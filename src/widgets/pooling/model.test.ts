import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleKeys, oracleList } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { PRESETS, run, setup, sizeTerms, sweepCell, windowDetail, type PoolingState } from './model.ts';
import { ORACLE_A, schema } from './state.ts';

const base = (): PoolingState => ({ ...defaults(schema) });
const at = (over: Partial<PoolingState>) => run(setup({ ...base(), ...over }));

describe('pooling model on the 4×4 input (T9.5 oracles)', () => {
  it('defaults are the brief’s matrix with max pooling 2/2', () => {
    expect(defaults(schema).A).toEqual([...ORACLE_A]);
    const out = at({});
    expect([out.outH, out.outW]).toEqual([2, 2]);
    expect(Array.from(out.y)).toEqual(oracleList('maxpool2s2(A)'));
  });

  it('average pooling 2/2 and max pooling 3/1', () => {
    assertClose(at({ op: 'avg' }).y, oracleList('avgpool2s2(A)'), { rel: 1e-15 });
    expect(Array.from(at({ k: 3, s: 1 }).y)).toEqual(oracleList('maxpool3s1(A)'));
  });

  it('global max = 7 and GAP = 39/16, one value whatever the window settings', () => {
    const [gmax, gap] = oracleList('globalmax(A) / GAP(A)');
    const m = at({ g: true, k: 3, s: 1, p: 1 });
    expect([m.outH, m.outW, m.y[0]]).toEqual([1, 1, gmax]);
    expect(at({ g: true, op: 'avg' }).y[0]).toBe(gap);
    expect(gap).toBe(39 / 16);
  });

  it('a window’s arithmetic: values, divisor and the winning cell', () => {
    const su = setup(base());
    const out = run(su);
    const w = windowDetail(su, out, 0, 0);
    expect(w.values).toEqual([1, 3, 4, 2]);
    expect(w.value).toBe(4);
    expect(w.argmax).toBe(4);
    expect([w.top, w.left, w.bottom, w.right]).toEqual([0, 0, 2, 2]);
    const w11 = windowDetail(su, out, 1, 1);
    expect(w11.values).toEqual([5, 6, 7, 3]);
    expect(w11.argmax).toBe(14);
  });

  it('average with padding counts the padded zeros in the divisor unless told not to', () => {
    const su = setup({ ...base(), op: 'avg', k: 2, s: 2, p: 1 });
    const out = run(su);
    expect([out.outH, out.outW]).toEqual([3, 3]);
    const corner = windowDetail(su, out, 0, 0);
    expect(corner.values).toEqual([1]);
    expect(corner.padCells).toBe(3);
    expect(corner.divisor).toBe(4);
    expect(corner.value).toBe(0.25);
    const noPad = setup({ ...base(), op: 'avg', k: 2, s: 2, p: 1, cip: false });
    const w = windowDetail(noPad, run(noPad), 0, 0);
    expect([w.padCells, w.divisor, w.value]).toEqual([0, 1, 1]);
  });

  it('padding above ⌊k/2⌋ is reduced (PyTorch would refuse) and flagged', () => {
    const su = setup({ ...base(), k: 2, p: 2 });
    expect(su.p).toBe(1);
    expect(su.padLimited).toBe(true);
    expect(() => run(su)).not.toThrow();
  });

  it('a window larger than the input gives no output, not an error', () => {
    const out = at({ A: [1, 2, 3, 4], H: 2, W: 2, k: 4, s: 1, p: 0 });
    expect([out.outH, out.outW, out.y.length]).toEqual([0, 0, 0]);
    expect(sizeTerms(setup({ ...base(), A: [1, 2, 3, 4], H: 2, W: 2, k: 4 }), 2).out).toBe(0);
  });

  it('A with the wrong length is padded with zeros or cut, and flagged', () => {
    const su = setup({ ...base(), A: [1, 2, 3], H: 2, W: 2 });
    expect(Array.from(su.A)).toEqual([1, 2, 3, 0]);
    expect(su.resized).toBe(true);
    expect(setup(base()).resized).toBe(false);
  });

  it('the built-in digit is 8×8 and pools to 4×4', () => {
    const digit = PRESETS.find((p) => p.id === 'digit')!;
    expect(digit.A.length).toBe(64);
    const out = at({ A: [...digit.A], H: 8, W: 8 });
    expect([out.outH, out.outW]).toEqual([4, 4]);
  });
});

describe('output-size formula (T9.5 table)', () => {
  const layer = (k: number, s: number, p: number, ceil = false) => setup({ ...base(), k, s, p: Math.min(p, 2), ceil });
  it.each([
    [224, 2, 2, 0],
    [224, 3, 2, 1],
    [112, 3, 2, 1],
    [7, 3, 2, 0],
    [5, 2, 2, 0],
    [28, 3, 1, 1],
  ])('H=%d K=%d S=%d P=%d', (H, K, S, P) => {
    const terms = sizeTerms({ ...layer(K, S, P), p: P }, H);
    expect(terms.out).toBe(oracle(`out H=${H} K=${K} S=${S} P=${P} D=1`));
    expect(terms.out).toBe(Math.floor((H + 2 * P - K) / S) + 1);
    expect(terms.span).toBe(H + 2 * P - K);
  });
  it('ceil mode: H = 5, K = 2, S = 2 gives 3', () => {
    expect(oracleKeys('out H=5 K=2 S=2 P=0 ceil_mode').length).toBe(1);
    const terms = sizeTerms(layer(2, 2, 0, true), 5);
    expect(terms.out).toBe(oracle('out H=5 K=2 S=2 P=0 ceil_mode'));
    expect(terms.rounded).toBe(2);
  });
  it('ceil mode drops a last window that would start in the right padding', () => {
    // H = 4, K = 2, S = 3, P = 1: ⌈3/3⌉ + 1 = 2 windows start at −1 and 2; a third would not exist anyway.
    const terms = sizeTerms(layer(3, 2, 1, true), 4);
    expect(terms.out).toBe(3);
    expect(terms.dropped).toBe(false);
    const t2 = sizeTerms(layer(2, 2, 1, true), 4);
    // ⌈(4 + 2 − 2)/2⌉ + 1 = 3, and the third window starts at 3 ≥ H + P? 2·2 − 1 = 3 < 5: kept.
    expect(t2.out).toBe(3);
  });
});

describe('every reachable state', () => {
  it('gives finite outputs whose size matches the formula, and windows inside the padded input', () => {
    const state = fc.record({
      H: fc.integer({ min: 1, max: 8 }),
      W: fc.integer({ min: 1, max: 8 }),
      op: fc.constantFrom('max' as const, 'avg' as const),
      g: fc.boolean(),
      k: fc.integer({ min: 1, max: 4 }),
      s: fc.integer({ min: 1, max: 4 }),
      p: fc.integer({ min: 0, max: 2 }),
      ceil: fc.boolean(),
      cip: fc.boolean(),
      seed: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(state, (st) => {
        const A = Array.from({ length: st.H * st.W }, (_, i) => ((i * 7 + st.seed) % 19) - 9);
        const su = setup({ ...st, A });
        const out = run(su);
        if (!out.y.every(Number.isFinite)) return false;
        if (!su.global) {
          const h = sizeTerms(su, su.H).out;
          const w = sizeTerms(su, su.W).out;
          // No output at all when the window does not fit along either side.
          if (out.outH !== (h > 0 && w > 0 ? h : 0) || out.outW !== (h > 0 && w > 0 ? w : 0)) return false;
        }
        for (let o = 0; o < out.outH * out.outW; o++) {
          const c = sweepCell(out, o)!;
          const w = windowDetail(su, out, c.i, c.j);
          if (w.top < -su.p || w.left < -su.p || w.bottom > su.H + su.p || w.right > su.W + su.p) return false;
          const expected = su.op === 'max' ? Math.max(...w.values) : w.values.reduce((a, b) => a + b, 0) / w.divisor;
          if (Math.abs(expected - w.value) > 1e-12) return false;
        }
        return true;
      }),
    );
  });
});

describe('pooling state', () => {
  it('clamps and rejects outside values with issues', () => {
    const { state, issues } = parseState(schema, { k: '9', op: 'median', A: '1,2,x', at: '3' });
    expect(state.k).toBe(4);
    expect(state.op).toBe('max');
    expect(state.A).toEqual([...ORACLE_A]);
    expect(state.at).toBe(3);
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'malformed', 'malformed']);
  });
});
