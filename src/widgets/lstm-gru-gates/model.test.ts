import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracleList } from '../../test/oracles.ts';
import { gateFigure, inputSequence, stepView, type GateSettings } from './model.ts';
import { schema } from './state.ts';

const base: GateSettings = { cell: 'lstm', T: 24, b: 1, conv: 'A', reset: 'before', w: 'seeded', seed: 1 };

describe('lstm-gru-gates model', { timeout: 30_000 }, () => {
  it('the worked example: step 1 of the LSTM is the brief’s 2-D oracle (T15.5)', () => {
    const fig = gateFigure({ ...base, w: 'example' });
    const v = stepView(fig, 1, 'A').values;
    assertClose(v.f, oracleList('LSTM 2d f'), { rel: 1e-9 });
    assertClose(v.i, oracleList('LSTM 2d i'), { rel: 1e-9 });
    assertClose(v.cTilde, oracleList('LSTM 2d g'), { rel: 1e-9 });
    assertClose(v.o, oracleList('LSTM 2d o'), { rel: 1e-9 });
    assertClose(v.c, oracleList('LSTM 2d c'), { rel: 1e-9 });
    assertClose(v.h, oracleList('LSTM 2d h'), { rel: 1e-9 });
  });

  it.each([
    ['A', 'before', 'GRU 2d convA reset-before'],
    ['A', 'after', 'GRU 2d convA reset-after'],
    ['B', 'before', 'GRU 2d convB reset-before'],
    ['B', 'after', 'GRU 2d convB reset-after'],
  ] as const)('the worked example: step 1 of the GRU, convention %s, reset-%s, is the oracle', (conv, reset, key) => {
    const fig = gateFigure({ ...base, cell: 'gru', w: 'example', conv, reset });
    const v = stepView(fig, 1, conv).values;
    assertClose(v.z, oracleList('GRU 2d convA reset-before z'), { rel: 1e-9 });
    assertClose(v.r, oracleList('GRU 2d convA reset-before r'), { rel: 1e-9 });
    assertClose(v.h, oracleList(`${key} h`), { rel: 1e-9 });
    if (conv === 'A') assertClose(v.hTilde, oracleList(`${key} ht`), { rel: 1e-9 });
  });

  it('c_t = kept + written (the additive path), and the GRU’s h_t likewise', () => {
    for (const cell of ['lstm', 'gru'] as const) {
      for (const conv of ['A', 'B'] as const) {
        const fig = gateFigure({ ...base, cell, conv });
        for (let t = 1; t <= fig.T; t++) {
          const sv = stepView(fig, t, conv);
          const out = cell === 'lstm' ? sv.values.c : sv.values.h;
          assertClose(
            out,
            sv.kept.map((k, j) => k + sv.written[j]),
            { rel: 1e-12, abs: 1e-15 },
          );
        }
      }
    }
  });

  it('gates stay in (0, 1) and the forget bias moves the cell path’s decay as the core authors measured', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.double({ min: -3, max: 5, noNaN: true }), (seed, b) => {
        const fig = gateFigure({ ...base, seed, b });
        return fig.series.filter((s) => s.kind === 'gate').every((s) => s.values.every((v) => v > 0 && v < 1));
      }),
      { numRuns: 30 },
    );
    // Averaged over seeds: b_f = 0 loses about 0.3 decades per step, b_f = 1 about 0.14 (src/core notes).
    const rate = (b: number) => {
      let sum = 0;
      for (let seed = 1; seed <= 20; seed++) sum += gateFigure({ ...base, T: 60, b, seed }).pathRate;
      return sum / 20;
    };
    expect(rate(0)).toBeGreaterThan(-0.4);
    expect(rate(0)).toBeLessThan(-0.2);
    expect(rate(1)).toBeGreaterThan(-0.2);
    expect(rate(1)).toBeLessThan(-0.08);
    expect(rate(4)).toBeGreaterThan(-0.02);
  });

  it('the cell path never decays faster than its own gates allow: log10 ∏f is the sum of log10 f', () => {
    const fig = gateFigure({ ...base, T: 10 });
    const f = fig.series[0].values;
    for (let j = 0; j < 2; j++) {
      let sum = 0;
      for (let t = 0; t < 10; t++) sum += Math.log10(f[j * 10 + t]);
      assertClose(fig.path.log10[j], sum, { rel: 1e-12 });
    }
  });

  it('counts parameters with one bias per gate: 4 blocks for the LSTM, 3 for the GRU, 1 for the RNN', () => {
    const p = gateFigure(base).params;
    expect(p).toEqual({ gated: 40, lstm: 40, gru: 30, rnn: 10 });
  });

  it('a longer sequence extends a shorter one; the example fixes only x_1', () => {
    expect(inputSequence({ ...base, T: 30 }).slice(1, 10)).toEqual(inputSequence({ ...base, T: 10 }).slice(1, 10));
    expect(inputSequence({ ...base, w: 'example' })[0]).toEqual([1, 2]);
    expect(inputSequence({ ...base, cell: 'gru', w: 'example' })[0]).toEqual([1, -1]);
    expect(inputSequence({ ...base, w: 'example' })[1]).toEqual(inputSequence(base)[1]);
  });

  it('schema: defaults and outside values', () => {
    expect(defaults(schema)).toMatchObject({ cell: 'lstm', b: 1, conv: 'A' });
    const { state, issues } = parseState(schema, { b: '9', conv: 'c', t: '0' });
    expect(state.b).toBe(5);
    expect(state.conv).toBe('A');
    expect(state.t).toBe(1);
    expect(issues).toHaveLength(3);
  });
});
