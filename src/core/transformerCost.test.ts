import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleRaw } from '../test/oracles.ts';
import {
  attentionVsRecurrenceMultAdds,
  BERT_BASE,
  BERT_LARGE,
  bertParams,
  decodingCost,
  encoderCriticalPath,
  rnnCriticalPath,
  rnnLayerCost,
  selfAttentionLayerCost,
  transformerEncoderLayerParams,
} from './transformerCost.ts';

describe('operation counts against the brief (T13.5)', () => {
  it.each([
    [100, 512],
    [512, 512],
    [4096, 512],
  ])('n = %d, d = %d: n²d | nd²', (n, d) => {
    const { attention, recurrent } = attentionVsRecurrenceMultAdds(n, d);
    const key = `mult-adds n=${n} d=${d}  selfattn n^2 d | rnn n d^2`;
    expect([attention, recurrent]).toEqual(oracleRaw(key));
  });

  it('sequential steps: RNN n = 128 → 128; 6-layer encoder → 6; 20 generated tokens, 6 layers → 20 passes, 120 layers', () => {
    // These three are stated in the brief's text (T13.5); the JSON has no keys for them.
    expect(rnnCriticalPath(128)).toBe(128);
    expect(encoderCriticalPath(6)).toBe(6);
    const g = decodingCost(10, 20, 512, 6);
    expect([g.passes, g.layerApplications]).toEqual([20, 120]);
  });

  it('self-attention is cheaper than recurrence exactly when n < d (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (n, d) => {
        const { attention, recurrent } = attentionVsRecurrenceMultAdds(n, d);
        expect(Math.sign(recurrent - attention)).toBe(Math.sign(d - n));
      }),
      { seed: 1311, numRuns: 200 },
    );
  });
});

describe('layer costs', () => {
  it('self-attention: 4nd² projections + 2n²d, one step, h·n² weights', () => {
    expect(selfAttentionLayerCost(3, 4, 2)).toEqual({
      projections: 192,
      scores: 36,
      mix: 36,
      total: 264,
      sequentialSteps: 1,
      attentionWeights: 18,
    });
  });

  it('RNN: n·d² recurrence + n·d·d_in input, n steps; a stack pipelines to n + L − 1', () => {
    expect(rnnLayerCost(5, 4, 3)).toEqual({ recurrence: 80, input: 60, total: 140, sequentialSteps: 5, states: 20 });
    expect(rnnCriticalPath(10, 3)).toBe(12);
    expect(rnnCriticalPath(0, 3)).toBe(0);
  });

  it('decoding: hand-computed totals with and without a KV cache (prompt 2, 3 tokens, d = 4, 1 layer)', () => {
    // Prefill 4·2·16 + 2·4·4 = 160; cached steps at context 3 and 4: (64 + 24) + (64 + 32).
    expect(decodingCost(2, 3, 4, 1)).toEqual({ passes: 3, layerApplications: 3, multAdds: 344, kvCacheEntries: 32 });
    // Without a cache each pass redoes the prefix: 160 + (192 + 72) + (256 + 128).
    expect(decodingCost(2, 3, 4, 1, false)).toEqual({
      passes: 3,
      layerApplications: 3,
      multAdds: 808,
      kvCacheEntries: 0,
    });
    expect(decodingCost(2, 3, 4, 6).multAdds).toBe(6 * 344);
    expect(decodingCost(5, 0, 4, 6).passes).toBe(0);
  });

  it('the KV cache never changes the number of passes, only the work (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 12 }),
        (p, g, d, L) => {
          const a = decodingCost(p, g, d, L, true);
          const b = decodingCost(p, g, d, L, false);
          expect(a.passes).toBe(g);
          expect(b.passes).toBe(g);
          expect(a.multAdds).toBeLessThanOrEqual(b.multAdds);
        },
      ),
      { seed: 1312, numRuns: 200 },
    );
  });
});

describe('parameter counts against the brief (T11.5, T12.5)', () => {
  it('Transformer-base encoder layer', () => {
    expect(transformerEncoderLayerParams(512, 2048)).toBe(
      oracle('Transformer-base encoder layer params (d=512,dff=2048)'),
    );
  });

  it('BERT-Base and BERT-Large', () => {
    expect(bertParams(BERT_BASE)).toBe(oracle('BERT-base params (V=30522,H=768,L=12) w/ pooler, no MLM head'));
    expect(bertParams(BERT_LARGE)).toBe(oracle('BERT-large params (V=30522,H=1024,L=24)'));
    expect(bertParams({ ...BERT_BASE, pooler: false })).toBe(109482240 - (768 * 768 + 768));
  });

  it("BERT-Base's token table and its share", () => {
    const table = BERT_BASE.vocab * BERT_BASE.hidden;
    expect(table).toBe(oracle('BERT-base token-embedding params'));
    assertClose(table / bertParams(BERT_BASE), oracle('share of BERT-base params in token embeddings'), { rel: 1e-12 });
  });
});
