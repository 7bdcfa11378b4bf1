import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import {
  bertEmbedding,
  bertInput,
  CLS_TOKEN,
  MASK_TOKEN,
  mlmExpectedCounts,
  mlmMask,
  mlmProbabilities,
  sampleNspPair,
  SEP_TOKEN,
} from './bert.ts';
import { createRng } from './rng.ts';

const vocab = ['the', 'cat', 'sat', 'on', 'mat', 'dog', 'ran', 'a'];

describe('MLM expectations against the brief (T11.5)', () => {
  it.each([100, 512])('N = %d: selected / [MASK] / random / unchanged', (N) => {
    const e = mlmExpectedCounts(N);
    assertClose([e.selected, e.mask, e.random, e.keep], oracleList(`N=${N} expected selected/MASK/random/unchanged`), {
      rel: 1e-12,
    });
  });

  it('per-token probabilities 0.12 / 0.015 / 0.015, total 0.15', () => {
    const p = mlmProbabilities();
    assertClose(p.mask, oracle('P(token replaced by [MASK])'), { rel: 1e-12 });
    assertClose(p.random, oracle('P(token randomised)'), { rel: 1e-12 });
    assertClose(p.keep, oracle('P(selected but unchanged)'), { rel: 1e-12 });
    assertClose(p.predicted, 0.15, { rel: 1e-15 });
  });
});

describe('mlmMask', () => {
  const sentence = bertInput(['the', 'cat', 'sat', 'on', 'the', 'mat'], ['a', 'dog', 'ran']).tokens;

  it('is reproducible from the seed and consistent with its own report', () => {
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom('bernoulli' as const, 'exact' as const), (seed, selection) => {
        const a = mlmMask(sentence, createRng(seed), { vocab, rate: 0.4, selection });
        const b = mlmMask(sentence, createRng(seed), { vocab, rate: 0.4, selection });
        expect(b).toEqual(a);
        const { counts } = a;
        expect(counts.candidates).toBe(sentence.length - 3);
        expect(counts.selected).toBe(a.positions.length);
        expect(counts.mask + counts.random + counts.keep).toBe(counts.selected);
        sentence.forEach((t, i) => {
          const act = a.actionAt[i];
          if (t === CLS_TOKEN || t === SEP_TOKEN) expect(act).toBeNull();
          if (act === null || act === 'keep') expect(a.input[i]).toBe(t);
          if (act === 'mask') expect(a.input[i]).toBe(MASK_TOKEN);
          if (act === 'random') expect(vocab).toContain(a.input[i]);
        });
        expect(a.labels).toEqual(a.positions.map((i) => sentence[i]));
        expect([...a.positions].sort((x, y) => x - y)).toEqual(a.positions);
      }),
      { seed: 1111, numRuns: 200 },
    );
  });

  it("'exact' selects max(1, round-half-even(15 % of candidates)), like BERT's script", () => {
    const count = (n: number) =>
      mlmMask(Array(n).fill('w'), createRng(1), { vocab, selection: 'exact' }).counts.selected;
    expect([count(1), count(3), count(10), count(30), count(50), count(100)]).toEqual([1, 1, 2, 4, 8, 15]);
    expect(mlmMask([CLS_TOKEN, SEP_TOKEN], createRng(1), { vocab, selection: 'exact' }).counts.selected).toBe(0);
  });

  it('rejects bad rates and a missing vocabulary', () => {
    expect(() => mlmMask(['a'], createRng(1), { vocab, rate: 1.5 })).toThrow(RangeError);
    expect(() => mlmMask(['a'], createRng(1), { vocab, mask: 0, random: 0, keep: 0 })).toThrow(RangeError);
    expect(() => mlmMask(['a'], createRng(1), { vocab: [] })).toThrow(RangeError);
    expect(mlmMask(['a', 'b'], createRng(1), { vocab: [], rate: 1, mask: 1, random: 0, keep: 0 }).input).toEqual([
      MASK_TOKEN,
      MASK_TOKEN,
    ]);
  });

  it('ratios converge to 15 % and 80/10/10 within a binomial bound (n = 200 000, seed 2018, 5σ)', () => {
    const N = 200_000;
    const { counts } = mlmMask(Array(N).fill('w'), createRng(2018), { vocab });
    const within = (k: number, n: number, p: number) => Math.abs(k - n * p) <= 5 * Math.sqrt(n * p * (1 - p));
    expect(within(counts.selected, N, 0.15), `selected ${counts.selected}`).toBe(true);
    expect(within(counts.mask, counts.selected, 0.8), `mask ${counts.mask}`).toBe(true);
    expect(within(counts.random, counts.selected, 0.1), `random ${counts.random}`).toBe(true);
    expect(within(counts.keep, counts.selected, 0.1), `keep ${counts.keep}`).toBe(true);
    // And not trivially: 15 % to within 0.5 percentage points.
    expect(Math.abs(counts.selected / N - 0.15)).toBeLessThan(0.005);
  });
});

describe('next-sentence pairs', () => {
  const sentences = ['s0', 's1', 's2', 's3', 's4'];

  it('IsNext pairs are consecutive; NotNext never uses A or its successor', () => {
    const r = createRng(3);
    for (let t = 0; t < 2000; t++) {
      const p = sampleNspPair(sentences, r);
      expect(p).not.toBeNull();
      if (p === null) return;
      expect(p.a).toBe(sentences[p.indexA]);
      expect(p.b).toBe(sentences[p.indexB]);
      expect(p.indexA).toBeLessThan(sentences.length - 1);
      if (p.label === 'IsNext') expect(p.indexB).toBe(p.indexA + 1);
      else expect([p.indexA, p.indexA + 1]).not.toContain(p.indexB);
    }
  });

  it('labels are 50/50 within a binomial bound (n = 20 000, 5σ)', () => {
    const r = createRng(4);
    const N = 20_000;
    let isNext = 0;
    for (let t = 0; t < N; t++) if (sampleNspPair(sentences, r)?.label === 'IsNext') isNext++;
    expect(Math.abs(isNext - N / 2)).toBeLessThan(5 * Math.sqrt(N / 4));
  });

  it('needs three sentences', () => {
    expect(sampleNspPair(['a', 'b'], createRng(1))).toBeNull();
    expect(sampleNspPair(['a', 'b', 'c'], createRng(1))).not.toBeNull();
  });
});

describe('BERT input', () => {
  it('packs [CLS] A [SEP] B [SEP] with segment ids', () => {
    expect(bertInput(['a', 'b'], ['c'])).toEqual({
      tokens: [CLS_TOKEN, 'a', 'b', SEP_TOKEN, 'c', SEP_TOKEN],
      segments: [0, 0, 0, 0, 1, 1],
    });
    expect(bertInput(['a'])).toEqual({ tokens: [CLS_TOKEN, 'a', SEP_TOKEN], segments: [0, 0, 0] });
  });

  it('the embedding is the sum of its three parts, each a function of its own index', () => {
    const { tokens, segments } = bertInput(['the', 'cat'], ['the', 'dog']);
    const e = bertEmbedding(tokens, segments, { d: 8, seed: 5 });
    for (let k = 0; k < e.sum.length; k++) expect(e.sum[k]).toBe(e.token[k] + e.segment[k] + e.position[k]);
    const row = (a: Float64Array, i: number) => Array.from(a.subarray(8 * i, 8 * i + 8));
    // 'the' at positions 1 and 4: same token part, different segment and position parts.
    expect(row(e.token, 1)).toEqual(row(e.token, 4));
    expect(row(e.position, 1)).not.toEqual(row(e.position, 4));
    expect(row(e.segment, 1)).not.toEqual(row(e.segment, 4));
    expect(row(e.segment, 0)).toEqual(row(e.segment, 3));
    expect(row(e.segment, 4)).toEqual(row(e.segment, 5));
    // Position rows do not depend on the sentence.
    const other = bertEmbedding(['x', 'y'], [0, 0], { d: 8, seed: 5 });
    expect(row(other.position, 1)).toEqual(row(e.position, 1));
    expect(bertEmbedding(tokens, segments, { d: 8, seed: 5 })).toEqual(e);
  });

  it('rejects more than 512 positions and bad segment ids', () => {
    expect(() => bertEmbedding(Array(513).fill('a'), Array(513).fill(0))).toThrow(RangeError);
    expect(() => bertEmbedding(['a'], [2])).toThrow(RangeError);
    expect(() => bertEmbedding(['a'], [])).toThrow(RangeError);
  });
});
