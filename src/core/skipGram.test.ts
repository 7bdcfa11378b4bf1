import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { centralDiff } from '../test/finiteDiff.ts';
import { sigmoid } from './activations.ts';
import { embeddingTable, nearestNeighbours } from './embedding.ts';
import { createRng } from './rng.ts';
import {
  buildVocab,
  createSkipGramTrainer,
  encodeSentences,
  prepareSkipGramCorpus,
  sgnsBatchLossGrad,
  sgnsPairGrad,
  sgnsPairLoss,
  sgnsStep,
  sgnsWorkspace,
  skipGramInit,
  skipGramPairs,
  unigramSampler,
  type SgnsBatch,
} from './skipGram.ts';
import { cosine } from './vec.ts';

describe('corpus → vocabulary → pairs', () => {
  const corpus = [
    ['the', 'cat', 'sat'],
    ['the', 'dog', 'sat', 'down'],
    ['a', 'cat'],
  ];
  it('orders the vocabulary by count, then alphabetically, and drops rare words on request', () => {
    const v = buildVocab(corpus);
    expect(v.words).toEqual(['cat', 'sat', 'the', 'a', 'dog', 'down']);
    expect(Array.from(v.counts)).toEqual([2, 2, 2, 1, 1, 1]);
    expect(v.index.get('dog')).toBe(4);
    expect(buildVocab(corpus, { minCount: 2 }).words).toEqual(['cat', 'sat', 'the']);
    const enc = encodeSentences(corpus, buildVocab(corpus, { minCount: 2 }));
    expect(enc.map((s) => Array.from(s))).toEqual([[2, 0, 1], [2, 1], [0]]);
  });

  it('pairs every word with its neighbours within the window, inside sentences', () => {
    const pairs = skipGramPairs([Int32Array.of(0, 1, 2, 3), Int32Array.of(4, 5)], 1);
    expect(Array.from(pairs)).toEqual([0, 1, 1, 0, 1, 2, 2, 1, 2, 3, 3, 2, 4, 5, 5, 4]);
    // Window 2 on a sentence of length L: Σ_i min(i,2) + min(L−1−i,2) pairs.
    expect(skipGramPairs([Int32Array.of(0, 1, 2, 3, 4)], 2).length / 2).toBe(14);
  });

  it('the reduced (random) window gives a seeded subset of the full window’s pairs', () => {
    const s = [Int32Array.from({ length: 30 }, (_, i) => i)];
    const full = new Set<string>();
    const p = skipGramPairs(s, 3);
    for (let i = 0; i < p.length; i += 2) full.add(`${p[i]},${p[i + 1]}`);
    const a = skipGramPairs(s, 3, createRng(4));
    expect(Array.from(skipGramPairs(s, 3, createRng(4)))).toEqual(Array.from(a));
    expect(a.length).toBeLessThan(p.length);
    for (let i = 0; i < a.length; i += 2) expect(full.has(`${a[i]},${a[i + 1]}`)).toBe(true);
  });
});

describe('unigram^0.75 negative sampler', () => {
  it('has probabilities ∝ count^0.75 and draws them (200 000 draws, 5σ)', () => {
    const counts = [50, 20, 10, 5, 1, 1, 0.5];
    const s = unigramSampler(counts);
    const z = counts.reduce((a, c) => a + c ** 0.75, 0);
    assertClose(
      s.probs,
      counts.map((c) => c ** 0.75 / z),
      { rel: 1e-14 },
    );
    const rng = createRng(9);
    const n = 200_000;
    const hits = new Float64Array(counts.length);
    for (let i = 0; i < n; i++) hits[s.sample(rng)]++;
    s.probs.forEach((p, i) => expect(Math.abs(hits[i] / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n)));
    const a = unigramSampler(counts);
    const r1 = createRng(2);
    const r2 = createRng(2);
    expect(Array.from({ length: 20 }, () => a.sample(r1))).toEqual(Array.from({ length: 20 }, () => s.sample(r2)));
  });
  it('power 0 is uniform, power 1 the raw unigram', () => {
    assertClose(unigramSampler([1, 3], 0).probs, [0.5, 0.5], { rel: 1e-15 });
    assertClose(unigramSampler([1, 3], 1).probs, [0.25, 0.75], { rel: 1e-15 });
  });
});

describe('SGNS loss and gradient', () => {
  it('ℓ = −log σ(u_o·v_c) − Σ log σ(−u_n·v_c)', () => {
    const m = skipGramInit(6, 4, createRng(1), { init: 'normal', scale: 0.8 });
    const dotRows = (i: number, j: number) => {
      let s = 0;
      for (let k = 0; k < 4; k++) s += m.wout[i * 4 + k] * m.win[j * 4 + k];
      return s;
    };
    const want =
      -Math.log(sigmoid(dotRows(2, 0))) - Math.log(sigmoid(-dotRows(3, 0))) - Math.log(sigmoid(-dotRows(3, 0)));
    assertClose(sgnsPairLoss(m, 0, 2, [3, 3]), want, { rel: 1e-14 });
    // At word2vec's initialisation W_out = 0, so every score is 0: ℓ = (1 + K) ln 2.
    const w2v = skipGramInit(6, 4, createRng(1));
    assertClose(sgnsPairLoss(w2v, 1, 2, [3, 4, 5, 0, 1]), 6 * Math.LN2, { rel: 1e-15 });
  });

  it('the batch gradient matches central differences (repeated and coinciding rows included)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4 }), (seed, B, K) => {
        const rng = createRng(seed);
        const V = 2 + rng.int(5);
        const d = 1 + rng.int(4);
        const m = skipGramInit(V, d, rng, { init: 'normal', scale: 1 });
        const batch: SgnsBatch = {
          centers: Int32Array.from({ length: B }, () => rng.int(V)),
          contexts: Int32Array.from({ length: B }, () => rng.int(V)),
          negatives: Int32Array.from({ length: B * K }, () => rng.int(V)),
          K,
        };
        const { gIn, gOut } = sgnsBatchLossGrad(m, batch);
        for (const [W, G] of [
          [m.win, gIn],
          [m.wout, gOut],
        ]) {
          for (let i = 0; i < W.length; i++) {
            const fd = centralDiff(W, i, () => sgnsBatchLossGrad(m, batch).loss);
            if (Math.abs(fd - G[i]) > 1e-7 * Math.max(1, Math.abs(fd))) return false;
          }
        }
        return true;
      }),
      { seed: 71, numRuns: 60 },
    );
  });

  it('is sparse: rows not in the pair get no gradient', () => {
    const m = skipGramInit(8, 3, createRng(2), { init: 'normal' });
    const gIn = new Float64Array(24);
    const gOut = new Float64Array(24);
    sgnsPairGrad(m, 1, 2, [5, 5], gIn, gOut);
    for (let r = 0; r < 8; r++) {
      const touchedIn = gIn.subarray(r * 3, r * 3 + 3).some((v) => v !== 0);
      const touchedOut = gOut.subarray(r * 3, r * 3 + 3).some((v) => v !== 0);
      expect(touchedIn).toBe(r === 1);
      expect(touchedOut).toBe(r === 2 || r === 5);
    }
  });

  it('sgnsStep is W ← W − lr ∇(mean ℓ), returns the loss before the step and leaves its workspace clean', () => {
    const m = skipGramInit(7, 3, createRng(3), { init: 'normal', scale: 0.5 });
    const batch: SgnsBatch = { centers: [0, 4, 0], contexts: [1, 2, 6], negatives: [3, 5, 6, 3, 1, 1], K: 2 };
    const { loss, gIn, gOut } = sgnsBatchLossGrad(m, batch);
    const win = m.win.slice();
    const wout = m.wout.slice();
    const ws = sgnsWorkspace(m);
    assertClose(sgnsStep(m, batch, 0.3, ws), loss, { rel: 1e-15 });
    assertClose(
      m.win,
      win.map((w, i) => w - 0.3 * gIn[i]),
      { rel: 1e-15, abs: 1e-17 },
    );
    assertClose(
      m.wout,
      wout.map((w, i) => w - 0.3 * gOut[i]),
      { rel: 1e-15, abs: 1e-17 },
    );
    expect(ws.gIn.every((v) => v === 0) && ws.gOut.every((v) => v === 0)).toBe(true);
    expect(ws.touchedIn.every((v) => v === 0) && ws.touchedOut.every((v) => v === 0)).toBe(true);
    // Untouched rows are bit-identical.
    expect(m.win.subarray(3, 6)).toEqual(win.subarray(3, 6));
    expect(sgnsBatchLossGrad(m, batch).loss).toBeLessThan(loss);
  });
});

describe('training on a tiny corpus with clear co-occurrence structure', () => {
  const groups = [
    ['cat', 'dog', 'mouse', 'horse', 'cow'],
    ['apple', 'banana', 'cherry', 'grape', 'pear'],
    ['red', 'blue', 'green', 'yellow', 'black'],
  ];
  // Each sentence draws its words from one group only.
  const r = createRng(2);
  const corpus = Array.from({ length: 200 }, () => {
    const g = groups[r.int(3)];
    return Array.from({ length: 6 }, () => g[r.int(5)]);
  });
  const group = (w: string) => groups.findIndex((g) => g.includes(w));

  it('lowers the loss over a fixed number of seeded steps and brings related words together', () => {
    const t = createSkipGramTrainer(corpus, { dim: 8, window: 2, negatives: 5, seed: 3 });
    expect(t.pairCount).toBe(200 * 18);
    const start = t.train(800);
    expect(start.steps).toBe(50);
    assertClose(t.losses[0], 6 * Math.LN2, { rel: 1e-9 }); // W_out starts at 0
    for (let i = 0; i < 3; i++) t.epoch();
    const end = t.train(800);
    expect(t.epochs).toBe(3);
    expect(end.meanLoss).toBeLessThan(0.5 * start.meanLoss);
    const last = t.losses.slice(-50).reduce((s, x) => s + x, 0) / 50;
    expect(last).toBeLessThan(2);

    const d = t.model.d;
    const E = embeddingTable(t.vocab.words.map((_, i) => t.model.win.subarray(i * d, (i + 1) * d)));
    let within = 0;
    let across = 0;
    let nw = 0;
    let na = 0;
    t.vocab.words.forEach((w, i) => {
      const nn = nearestNeighbours(E, i, 1)[0];
      expect(group(t.vocab.words[nn.index]), `${w}'s nearest word`).toBe(group(w));
      t.vocab.words.forEach((w2, j) => {
        if (j <= i) return;
        const c = cosine(E.data.subarray(i * d, (i + 1) * d), E.data.subarray(j * d, (j + 1) * d));
        if (group(w) === group(w2)) {
          within += c;
          nw++;
        } else {
          across += c;
          na++;
        }
      });
    });
    expect(within / nw).toBeGreaterThan(0.8);
    expect(across / na).toBeLessThan(0.5);
  });

  it('is reproducible and can run in slices: train(32) twice = train(64)', () => {
    const a = createSkipGramTrainer(corpus, { seed: 5 });
    const b = createSkipGramTrainer(corpus, { seed: 5 });
    a.train(32);
    a.train(32);
    b.train(64);
    expect(a.model.win).toEqual(b.model.win);
    expect(a.model.wout).toEqual(b.model.wout);
    expect(a.losses).toEqual(b.losses);
    expect(a.pairsSeen).toBe(64);
    const c = createSkipGramTrainer(corpus, { seed: 6 });
    c.train(64);
    expect(c.model.win).not.toEqual(a.model.win);
  });

  it('a prepared corpus gives the same runs as the sentences, for any seed, and no run changes it', () => {
    const prepared = prepareSkipGramCorpus(corpus, { window: 3, minCount: 2 });
    const pairs = prepared.pairs.slice();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.boolean(), (seed, dynamicWindow) => {
        const config = { window: 3, minCount: 2, dim: 4, seed, dynamicWindow };
        const a = createSkipGramTrainer(corpus, config);
        const b = createSkipGramTrainer(prepared, config);
        // Past an epoch's end, so the reshuffle (and, with the reduced window, the new pairs) is covered.
        const n = a.pairCount + 50;
        for (const t of [a, b]) t.train(n);
        expect(b.model.win).toEqual(a.model.win);
        expect(b.model.wout).toEqual(a.model.wout);
        expect(b.losses).toEqual(a.losses);
        expect(b.vocab.words).toEqual(a.vocab.words);
        expect(prepared.pairs).toEqual(pairs);
      }),
      { seed: 31, numRuns: 8 },
    );
    expect(() => createSkipGramTrainer(prepared, { window: 2 })).toThrow(RangeError);
    expect(() => createSkipGramTrainer(prepared, { minCount: 1 })).toThrow(RangeError);
    expect(() => createSkipGramTrainer(prepared, { power: 1 })).toThrow(RangeError);
  });

  it('epoch() finishes the current epoch and batches never straddle one', () => {
    const t = createSkipGramTrainer(corpus, { batchSize: 7 });
    t.train(10);
    const rep = t.epoch();
    expect(rep.pairs).toBe(t.pairCount - 10);
    expect(t.epochs).toBe(1);
    expect(t.pairsSeen).toBe(t.pairCount);
    expect(t.train(0)).toEqual({ steps: 0, pairs: 0, meanLoss: 0, diverged: false });
  });

  it('a diverging learning rate stops training with a flag, never NaN', () => {
    const t = createSkipGramTrainer(corpus, { lr: 200, batchSize: 1, seed: 1 });
    for (let i = 0; i < 20 && !t.diverged; i++) t.train(500);
    expect(t.diverged).toBe(true);
    expect(t.losses.some(Number.isNaN)).toBe(false);
    expect(t.model.win.every(Number.isFinite) && t.model.wout.every(Number.isFinite)).toBe(true);
    expect(t.train(10).steps).toBe(0);
    t.lr = Number.NaN;
    expect(() => t.train(1)).toThrow(RangeError);
  });
});
