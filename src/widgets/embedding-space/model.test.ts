import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analogy, createSkipGramTrainer, embeddingTable, nearestNeighbours } from '../../core/index.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle } from '../../test/oracles.ts';
import { tokenizeCorpus, type CorpusLang } from './corpus.ts';
import { BINS_PER_EPOCH, display, lossBins, PRESETS, resolveQuery, scaleFacts, TRAIN } from './model.ts';
import { TrainingSession } from './session.ts';
import { schema } from './state.ts';

const corpus = (lang: CorpusLang) => tokenizeCorpus(readFileSync(`content/corpora/${lang}.txt`, 'utf8'), lang);
const q0 = { w: '', an: 0, a: '', ap: '', b: '', ex: true };
// One trained run per corpus (30 epochs, seed 1), shared by the tests that only read it.
const trained = new Map<CorpusLang, TrainingSession>();
function trainedSession(lang: CorpusLang): TrainingSession {
  let s = trained.get(lang);
  if (!s) {
    s = new TrainingSession(corpus(lang), lang, 1);
    s.advance(30, Infinity);
    trained.set(lang, s);
  }
  return s;
}

describe('corpora', { timeout: 60_000 }, () => {
  it.each(['zh', 'en'] as const)(
    '%s: a few hundred sentences, every preset and theme word in the vocabulary',
    (lang) => {
      const s = corpus(lang);
      expect(s.length).toBeGreaterThan(300);
      const session = new TrainingSession(s, lang, 1);
      const idx = session.trainer.vocab.index;
      const p = PRESETS[lang];
      const words = [
        p.query,
        ...p.analogies.flatMap((a) => [a.a, a.ap, a.b, a.expected]),
        ...p.themes.flatMap((t) => t.words),
      ];
      expect(words.filter((w) => !idx.has(w))).toEqual([]);
    },
  );

  it.each([
    ['zh', 406, 2749, 347, 7930],
    ['en', 392, 3069, 323, 9468],
  ] as const)('%s: the sizes stated in content/corpora/README.md', (lang, sentences, tokens, V, pairs) => {
    const s = corpus(lang);
    const session = new TrainingSession(s, lang, 1);
    expect([s.length, session.tokens, session.trainer.vocab.words.length, session.trainer.pairCount]).toEqual([
      sentences,
      tokens,
      V,
      pairs,
    ]);
  });

  it('tokenises English to lower-case words and Chinese on its spaces', () => {
    expect(tokenizeCorpus("The King's crown.\n\nParis!", 'en')).toEqual([['the', 'king', 's', 'crown'], ['paris']]);
    expect(tokenizeCorpus('国王 戴着 王冠 。', 'zh')).toEqual([['国王', '戴着', '王冠']]);
  });
});

// Each run trains tens of epochs; on a busy machine that takes longer than the default 5 s.
describe('training the shipped corpora', { timeout: 60_000 }, () => {
  it('is deterministic and slicing does not change it: 30 epochs in slices equal 30 epochs at once', () => {
    const s = corpus('en');
    const a = new TrainingSession(s, 'en', 1);
    a.advance(30, Infinity);
    const b = new TrainingSession(s, 'en', 1);
    for (let i = 0; i < 20_000 && !b.reached(30); i++) b.advance(30, 0);
    expect(b.reached(30)).toBe(true);
    assertClose(b.trainer.model.win, a.trainer.model.win, { rel: 0 });
    // The same as the core trainer with the widget's settings.
    const c = createSkipGramTrainer(s, { ...TRAIN, seed: 1 });
    for (let e = 0; e < 30; e++) c.epoch();
    assertClose(c.model.win, a.trainer.model.win, { rel: 0 });
  });

  it.each(['zh', 'en'] as const)('%s: the loss falls over a fixed number of epochs with a fixed seed', (lang) => {
    const session = trainedSession(lang);
    const d = display(session.trainer, lang, session.tokens, resolveQuery(q0, lang));
    // word2vec's init (W_out = 0) starts every pair at (K + 1)·ln 2.
    assertClose(session.trainer.losses[0], (TRAIN.negatives + 1) * Math.LN2, { rel: 1e-12 });
    expect(d.lossFirst).not.toBeNull();
    expect(d.lossLast as number).toBeLessThan((d.lossFirst as number) - 1);
    expect(d.loss).toHaveLength(30 * BINS_PER_EPOCH);
    expect(d.epochs).toBe(30);
  });

  it.each(['zh', 'en'] as const)(
    '%s: learns the family analogy (rank 1) and reports the capital analogy honestly',
    (lang) => {
      const session = trainedSession(lang);
      const family = display(session.trainer, lang, session.tokens, resolveQuery(q0, lang));
      expect(family.analogy?.expected?.rank).toBe(1);
      expect(family.analogy?.ranked[0].word).toBe(PRESETS[lang].analogies[0].expected);
      expect(family.analogy?.expected?.of).toBe(family.V - 3);
      // The capital analogy: the model ranks the capitals together; where the expected one lands is reported as is.
      const cap = display(session.trainer, lang, session.tokens, resolveQuery({ ...q0, an: 3 }, lang));
      const e = cap.analogy?.expected;
      expect(e?.rank).toBeGreaterThanOrEqual(1);
      expect(cap.analogy?.ranked[(e?.rank ?? 1) - 1]?.word ?? e?.word).toBe(e?.word);
      // Without excluding the inputs, the ranked list may contain them and says so.
      const incl = display(session.trainer, lang, session.tokens, resolveQuery({ ...q0, ex: false }, lang));
      const inputs = new Set([incl.query.a, incl.query.ap, incl.query.b]);
      for (const r of incl.analogy?.ranked ?? []) expect(r.input).toBe(inputs.has(r.word));
    },
  );

  it('lists neighbours by cosine, best first, without the word itself', () => {
    const session = trainedSession('en');
    const d = display(session.trainer, 'en', session.tokens, resolveQuery({ ...q0, w: 'cat' }, 'en'));
    const n = d.neighbours ?? [];
    expect(n[0].word).toBe('dog');
    expect(n.every((x, i) => i === 0 || x.score <= n[i - 1].score)).toBe(true);
    expect(n.some((x) => x.word === 'cat')).toBe(false);
    expect(d.scatter.find((p) => p.word === 'cat')?.role).toBe('query');
  });

  it('reports unknown words instead of guessing', () => {
    const session = new TrainingSession(corpus('en'), 'en', 1);
    session.advance(1, Infinity);
    const d = display(
      session.trainer,
      'en',
      session.tokens,
      resolveQuery({ ...q0, w: 'zebra', a: 'man', ap: 'king', b: 'unicorn' }, 'en'),
    );
    expect(d.missing).toEqual(['zebra', 'unicorn']);
    expect(d.neighbours).toBeNull();
    expect(d.analogy).toBeNull();
    expect(JSON.stringify(d)).not.toMatch(/NaN/);
  });
});

describe('loss bins and sizes', () => {
  it('averages each eighth of an epoch and stops at the last complete bin', () => {
    const losses = Array.from({ length: 20 }, (_, i) => i);
    const bins = lossBins(losses, 16);
    expect(bins).toHaveLength(8 + 2);
    expect(bins[0]).toEqual({ x: 1 / 16, y: 0.5 });
    expect(bins[8].x).toBeCloseTo(1 + 1 / 16, 12);
  });

  it('the brief’s toy table: king − man + woman is king itself unless the inputs are excluded; king’s nearest neighbour is man', () => {
    const E = embeddingTable([
      [1, -0.1, 0.2],
      [0.9, 0.3, 0.4],
      [0.2, -0.1, 0.1],
      [0.2, 0.1, 0.1],
      [0, 0, 1],
    ]);
    expect(analogy(E, 2, 0, 3, { exclude: false }).ranked[0].index).toBe(0);
    expect(analogy(E, 2, 0, 3).ranked[0].index).toBe(1);
    assertClose(analogy(E, 2, 0, 3).ranked[0].score, oracle('cos(v,queen)'), { rel: 1e-9 });
    // Stated in the embeddings topic: cos(king, man) = 0.916 > cos(king, queen) = 0.900.
    const nn = nearestNeighbours(E, 0, 2);
    expect(nn.map((n) => n.index)).toEqual([2, 1]);
    assertClose(nn[0].score, 0.916342, { rel: 1e-5 });
    assertClose(nn[1].score, 0.900484, { rel: 1e-5 });
  });

  it('BERT-Base: 30 522 × 768 = 23 440 896 parameters (oracle); one-hot vectors are orthogonal at distance √2', () => {
    const f = scaleFacts('bert', 331, 16);
    expect(f.sizes.tableParams).toBe(23440896);
    expect(f.sizes.tableParams).toBe(Number(oracle('BERT-base token-embedding params')));
    expect(f.oneHotCos).toBe(0);
    assertClose(f.oneHotDist, Math.SQRT2, { rel: 1e-15 });
    expect(scaleFacts('corpus', 331, 16).sizes.tableParams).toBe(331 * 16);
  });

  it('schema: defaults and outside values', () => {
    expect(defaults(schema)).toMatchObject({ corpus: 'zh', ep: 30, ex: true });
    const { state, issues } = parseState(schema, { ep: '1000', corpus: 'fr', w: 'x'.repeat(40) });
    expect(state.ep).toBe(100);
    expect(state.corpus).toBe('zh');
    expect(state.w).toHaveLength(24);
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'malformed', 'truncated']);
  });
});
