import { describe, expect, it } from 'vitest';
import { bertParams, BERT_BASE, BERT_LARGE, mlmProbabilities } from '../../core/index.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import zh from '../../../content/i18n/zh.json' with { type: 'json' };
import en from '../../../content/i18n/en.json' with { type: 'json' };
import {
  band,
  convergence,
  ConvergenceCache,
  embeddingAt,
  maskOnce,
  mlmExpectedCounts,
  nspCount,
  nspDraw,
  pairInput,
} from './model.ts';
import { schema } from './state.ts';

const VOCAB = zh['bert-masking.vocab'].split(' ');
const PAIR = pairInput(zh['bert-masking.exampleA'], zh['bert-masking.exampleB']);

describe('bert-masking model (T11.5 oracles)', () => {
  it('per-token probabilities and expected counts for N = 100 and 512', () => {
    const p = mlmProbabilities();
    assertClose(p.mask, oracle('P(token replaced by [MASK])'), { rel: 1e-12 });
    assertClose(p.random, oracle('P(token randomised)'), { rel: 1e-12 });
    assertClose(p.keep, oracle('P(selected but unchanged)'), { rel: 1e-12 });
    for (const N of [100, 512]) {
      const e = mlmExpectedCounts(N);
      assertClose(
        [e.selected, e.mask, e.random, e.keep],
        oracleList(`N=${N} expected selected/MASK/random/unchanged`),
        {
          rel: 1e-12,
        },
      );
    }
  });

  it('packs [CLS] A [SEP] B [SEP] with segments; Chinese by character', () => {
    expect(PAIR.tokens.slice(0, 3)).toEqual(['[CLS]', '小', '猫']);
    expect(PAIR.tokens.filter((x) => x === '[SEP]')).toHaveLength(2);
    const sep = PAIR.tokens.indexOf('[SEP]');
    expect(PAIR.segments.slice(0, sep + 1).every((s) => s === 0)).toBe(true);
    expect(PAIR.segments.slice(sep + 1).every((s) => s === 1)).toBe(true);
    expect(pairInput('字'.repeat(60), 'b')).toMatchObject({ totalA: 60, truncated: true });
  });

  it('never selects [CLS]/[SEP]; the same seed gives the same masking', () => {
    for (let seed = 1; seed < 50; seed++) {
      const m = maskOnce(PAIR.tokens, VOCAB, seed, 'bernoulli');
      for (const i of m.positions) expect(['[CLS]', '[SEP]']).not.toContain(PAIR.tokens[i]);
      expect(m.counts.mask + m.counts.random + m.counts.keep).toBe(m.counts.selected);
    }
    expect(maskOnce(PAIR.tokens, VOCAB, 7, 'exact')).toEqual(maskOnce(PAIR.tokens, VOCAB, 7, 'exact'));
    // 'exact' selects round(15 %) of the candidates every time.
    const c = maskOnce(PAIR.tokens, VOCAB, 3, 'exact').counts;
    expect(c.selected).toBe(Math.max(1, Math.round(0.15 * c.candidates)));
  });

  it('pooled shares converge within the binomial band for a fixed seed', () => {
    const c = convergence(PAIR.tokens, VOCAB, 1, 'bernoulli', 3000);
    const t = c.total;
    expect(c.selected[2999]).toBe(t.selected);
    expect(Math.abs(t.selected / t.candidates - 0.15)).toBeLessThan(1.5 * band(0.15, t.candidates));
    expect(Math.abs(t.mask / t.selected - 0.8)).toBeLessThan(1.5 * band(0.8, t.selected));
    expect(Math.abs(t.random / t.selected - 0.1)).toBeLessThan(1.5 * band(0.1, t.selected));
    expect(Math.abs(t.keep / t.selected - 0.1)).toBeLessThan(1.5 * band(0.1, t.selected));
  });

  it('the growing cache gives exactly the direct pooled counts, in any order of requests', () => {
    const cache = new ConvergenceCache();
    for (const reps of [5, 300, 40, 1000, 1]) {
      const a = cache.get(PAIR.tokens, VOCAB, 4, 'exact', reps);
      const b = convergence(PAIR.tokens, VOCAB, 4, 'exact', reps);
      expect(a).toEqual(b);
    }
    // A new seed starts over.
    expect(cache.get(PAIR.tokens, VOCAB, 5, 'exact', 10)).toEqual(convergence(PAIR.tokens, VOCAB, 5, 'exact', 10));
  });

  it('the input embedding is the sum of its three parts', () => {
    const e = embeddingAt(PAIR.tokens, PAIR.segments, 3, 1);
    for (let j = 0; j < 8; j++)
      assertClose(e.sum[j], e.token[j] + e.segment[j] + e.position[j], { rel: 1e-15, abs: 1e-15 });
    // Same token and segment at another position: the token and segment parts repeat, the position part does not.
    const t = PAIR.tokens;
    const i = t.indexOf('吃');
    const k = t.lastIndexOf('吃');
    expect(k).toBeGreaterThan(i);
    const a = embeddingAt(t, PAIR.segments, i, 1);
    const b = embeddingAt(t, PAIR.segments, k, 1);
    expect(a.token).toEqual(b.token);
    expect(a.segment).toEqual(b.segment);
    expect(a.position).not.toEqual(b.position);
  });

  it('NSP: labels are right, pairs are 50/50 within the band, parameters of BERT-Base/Large', () => {
    const corpus = en['bert-masking.corpus'].split('|');
    for (let i = 1; i < 200; i++) {
      const p = nspDraw(corpus, 1, i)!;
      expect(p.label === 'IsNext').toBe(p.indexB === p.indexA + 1);
    }
    const n = 2000;
    expect(Math.abs(nspCount(corpus, 1, n) / n - 0.5)).toBeLessThan(1.5 * band(0.5, n));
    expect(nspDraw(corpus.slice(0, 2), 1, 1)).toBeNull();
    expect(bertParams(BERT_BASE)).toBe(oracle('BERT-base params (V=30522,H=768,L=12) w/ pooler, no MLM head'));
    expect(bertParams(BERT_LARGE)).toBe(oracle('BERT-large params (V=30522,H=1024,L=24)'));
  });
});

describe('bert-masking state', () => {
  it('defaults and validation', () => {
    expect(defaults(schema)).toMatchObject({ v: 'mlm', s: '', sel: 'bernoulli', reps: 200 });
    const { state, issues } = parseState(schema, { v: 'gpt', reps: '1e9' });
    expect(state).toMatchObject({ v: 'mlm', reps: 5000 });
    expect(issues.map((i) => i.kind)).toEqual(['malformed', 'clamped']);
  });
});
