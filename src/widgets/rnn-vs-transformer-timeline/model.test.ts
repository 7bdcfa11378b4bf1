import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { oracleList } from '../../test/oracles.ts';
import { cellStates, costCurve, costs, decoderLane, encoderLane, rnnLane } from './model.ts';
import { schema } from './state.ts';

describe('rnn-vs-transformer-timeline model (T13.5 oracles)', () => {
  it('multiply-adds per layer: n = 100, 512, 4096 at d = 512 (break-even at n = d)', () => {
    for (const n of [100, 512, 4096]) {
      const [attn, rnn] = oracleList(`mult-adds n=${n} d=512  selfattn n^2 d | rnn n d^2`);
      const c = costs(n, 512);
      expect(c.attention).toBe(attn);
      expect(c.recurrent).toBe(rnn);
    }
  });

  it('sequential steps: RNN n = 128 → 128; a 6-layer encoder → 6 whatever n; 20 tokens from a 6-layer decoder → 20 passes, 120 layer steps', () => {
    expect(rnnLane(128, 1).steps).toBe(128);
    for (const n of [2, 17, 64]) expect(encoderLane(n, 6).steps).toBe(6);
    const dec = decoderLane(8, 20, 6, 512);
    expect(dec.passes).toBe(20);
    expect(dec.steps).toBe(120);
  });

  it('every cell runs after what it depends on, and the last tick is steps − 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 32 }),
        (n, L, g) => {
          const r = rnnLane(n, L);
          for (let l = 0; l < L; l++)
            for (let i = 0; i < n; i++) {
              const k = l * n + i;
              if (i > 0 && r.ticks[k] <= r.ticks[k - 1]) return false;
              if (l > 0 && r.ticks[k] <= r.ticks[k - n]) return false;
            }
          const e = encoderLane(n, L);
          const d = decoderLane(n, g, L, 64);
          return [r, e, d].every((lane) => Math.max(...lane.ticks) === lane.steps - 1);
        },
      ),
    );
  });

  it('cell states: done before t, running at t, waiting after', () => {
    const lane = rnnLane(3, 2);
    expect(Array.from(cellStates(lane, 0))).toEqual([2, 0, 0, 0, 0, 0]);
    expect(Array.from(cellStates(lane, 2))).toEqual([1, 1, 2, 1, 2, 0]);
    expect(Array.from(cellStates(lane, lane.steps))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('full counts: a self-attention layer costs more than an RNN layer at every n; the leading terms cross at n = d', () => {
    for (const p of costCurve(512)) {
      expect(p.attentionFull).toBeGreaterThan(p.recurrentFull);
      expect(p.attention < p.recurrent).toBe(p.n < 512);
    }
    expect(costs(100, 512).attentionFull).toBe(4 * 100 * 512 ** 2 + 2 * 100 ** 2 * 512);
  });
});

describe('rnn-vs-transformer-timeline state', () => {
  it('defaults and validation', () => {
    expect(defaults(schema)).toMatchObject({ n: 8, L: 6, g: 4, t: 0, d: 512, nc: 100 });
    const { state } = parseState(schema, { n: '1000', d: '100' });
    expect(state.n).toBe(64);
    expect(state.d % 64).toBe(0);
  });
});
