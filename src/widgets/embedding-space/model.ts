import {
  analogy,
  nearestNeighbours,
  oneHot,
  oneHotVsDense,
  type EmbeddingTable,
  type OneHotVsDense,
} from '../../core/embedding.ts';
import { pca } from '../../core/pca.ts';
import {
  createSkipGramTrainer,
  prepareSkipGramCorpus,
  type SkipGramCorpus,
  type SkipGramTrainer,
} from '../../core/skipGram.ts';
import { cosine, distance } from '../../core/vec.ts';
import type { CorpusLang } from './corpus.ts';
import type { Scale, ScatterView } from './state.ts';

/**
 * Skip-gram with negative sampling as the widget trains it: 16-dimensional vectors, a window
 * of 2 words each side, 5 negatives per pair from unigram^0.75, SGD with learning rate 0.5
 * on batches of 16 pairs; words seen once are dropped. Chosen by trying: on these corpora it
 * learns the family analogies within about 20 epochs and trains an epoch in ~10 ms.
 */
export const TRAIN = { dim: 16, window: 2, negatives: 5, lr: 0.5, batchSize: 16, minCount: 2 } as const;
/** Loss-curve points per epoch (each the mean loss of 1/8 of an epoch's steps). */
export const BINS_PER_EPOCH = 8;

export interface AnalogyPreset {
  readonly a: string;
  readonly ap: string;
  readonly b: string;
  /** The answer a person expects; the widget reports where the model ranks it. */
  readonly expected: string;
}

export interface Theme {
  readonly key: 'family' | 'animals' | 'food' | 'places';
  readonly words: readonly string[];
}

export interface Preset {
  /** The word whose neighbours are listed by default. */
  readonly query: string;
  readonly analogies: readonly AnalogyPreset[];
  /** The words drawn in the scatter, by theme (the PCA is fitted to these). */
  readonly themes: readonly Theme[];
}

export const PRESETS: Record<CorpusLang, Preset> = {
  en: {
    query: 'king',
    analogies: [
      { a: 'man', ap: 'king', b: 'woman', expected: 'queen' },
      { a: 'father', ap: 'mother', b: 'son', expected: 'daughter' },
      { a: 'boy', ap: 'girl', b: 'prince', expected: 'princess' },
      { a: 'france', ap: 'paris', b: 'japan', expected: 'tokyo' },
      { a: 'france', ap: 'french', b: 'germany', expected: 'german' },
    ],
    themes: [
      {
        key: 'family',
        words: [
          'king',
          'queen',
          'prince',
          'princess',
          'man',
          'woman',
          'boy',
          'girl',
          'father',
          'mother',
          'son',
          'daughter',
        ],
      },
      { key: 'animals', words: ['cat', 'dog', 'horse', 'cow', 'sheep', 'pig', 'bird', 'duck', 'fish'] },
      { key: 'food', words: ['apple', 'orange', 'banana', 'bread', 'cheese', 'rice', 'soup', 'tea', 'coffee', 'cake'] },
      {
        key: 'places',
        words: ['paris', 'france', 'tokyo', 'japan', 'rome', 'italy', 'berlin', 'germany', 'beijing', 'china'],
      },
    ],
  },
  zh: {
    query: '国王',
    analogies: [
      { a: '男人', ap: '国王', b: '女人', expected: '女王' },
      { a: '父亲', ap: '母亲', b: '儿子', expected: '女儿' },
      { a: '男孩', ap: '女孩', b: '王子', expected: '公主' },
      { a: '法国', ap: '巴黎', b: '日本', expected: '东京' },
      { a: '法国', ap: '法语', b: '德国', expected: '德语' },
    ],
    themes: [
      {
        key: 'family',
        words: ['国王', '女王', '王子', '公主', '男人', '女人', '男孩', '女孩', '父亲', '母亲', '儿子', '女儿'],
      },
      { key: 'animals', words: ['猫', '狗', '马', '牛', '羊', '猪', '鸟', '鸭子', '鱼'] },
      { key: 'food', words: ['苹果', '橘子', '香蕉', '面包', '奶酪', '米饭', '面条', '茶', '咖啡', '蛋糕'] },
      { key: 'places', words: ['巴黎', '法国', '东京', '日本', '罗马', '意大利', '柏林', '德国', '北京', '中国'] },
    ],
  },
};

/** Each loaded corpus is counted and paired once, however often the reader retrains on it. */
const prepared = new WeakMap<readonly string[][], SkipGramCorpus>();

export function createTrainer(sentences: string[][], seed: number): SkipGramTrainer {
  let corpus = prepared.get(sentences);
  if (!corpus) {
    corpus = prepareSkipGramCorpus(sentences, TRAIN);
    prepared.set(sentences, corpus);
  }
  return createSkipGramTrainer(corpus, { ...TRAIN, seed });
}

/** The trained input vectors as an embedding table, without copying. */
export function tableOf(tr: SkipGramTrainer): EmbeddingTable {
  return { V: tr.model.V, d: tr.model.d, data: tr.model.win };
}

export interface QueryInput {
  w: string;
  an: number;
  a: string;
  ap: string;
  b: string;
  ex: boolean;
}

export interface ResolvedQuery {
  readonly w: string;
  readonly a: string;
  readonly ap: string;
  readonly b: string;
  /** The preset's expected answer (none for a custom analogy). */
  readonly expected: string | null;
  readonly custom: boolean;
  readonly exclude: boolean;
}

/** The words asked about: the state's own where given, otherwise the corpus's presets. */
export function resolveQuery(q: QueryInput, lang: CorpusLang): ResolvedQuery {
  const p = PRESETS[lang];
  const preset = p.analogies[Math.max(0, Math.min(p.analogies.length - 1, q.an))];
  const custom = q.a !== '' && q.ap !== '' && q.b !== '';
  return {
    w: q.w || p.query,
    a: custom ? q.a : preset.a,
    ap: custom ? q.ap : preset.ap,
    b: custom ? q.b : preset.b,
    expected: custom ? null : preset.expected,
    custom,
    exclude: q.ex,
  };
}

/** Words of a query that the vocabulary does not have (they cannot be looked up). */
export function missingWords(q: ResolvedQuery, index: ReadonlyMap<string, number>): string[] {
  return [q.w, q.a, q.ap, q.b].filter((w, i, all) => !index.has(w) && all.indexOf(w) === i);
}

export interface LossPoint {
  /** Epochs trained at the bin's middle. */
  readonly x: number;
  /** Mean loss per pair over the bin's SGD steps. */
  readonly y: number;
}

/** Mean loss over eighths of each epoch, for the completed bins of `losses` (one entry per SGD step). */
export function lossBins(losses: readonly number[], stepsPerEpoch: number): LossPoint[] {
  const out: LossPoint[] = [];
  const epochs = Math.ceil(losses.length / stepsPerEpoch) + 1;
  for (let e = 0; e < epochs; e++) {
    for (let b = 0; b < BINS_PER_EPOCH; b++) {
      const lo = e * stepsPerEpoch + Math.floor((b * stepsPerEpoch) / BINS_PER_EPOCH);
      const hi = e * stepsPerEpoch + Math.floor(((b + 1) * stepsPerEpoch) / BINS_PER_EPOCH);
      if (hi > losses.length || hi <= lo) return out;
      let sum = 0;
      for (let i = lo; i < hi; i++) sum += losses[i];
      out.push({ x: e + (b + 0.5) / BINS_PER_EPOCH, y: sum / (hi - lo) });
    }
  }
  return out;
}

export type Role = 'query' | 'neighbour' | 'a' | 'ap' | 'b' | 'answer' | 'expected' | null;

export interface ScatterPoint {
  readonly word: string;
  readonly theme: Theme['key'] | 'other';
  readonly x: number;
  readonly y: number;
  readonly role: Role;
}

export interface Ranked {
  readonly word: string;
  readonly score: number;
  /** One of the analogy's three inputs (shown when they are not excluded). */
  readonly input: boolean;
}

export interface AnalogyView {
  readonly a: string;
  readonly ap: string;
  readonly b: string;
  readonly ranked: Ranked[];
  /** Where the expected answer ranks (1 = top) among the candidates, with its cosine; null without an expectation. */
  readonly expected: { word: string; rank: number; score: number; of: number } | null;
}

/** Everything the figure shows for one trained model and one query: plain data, so it can be serialised. */
export interface Display {
  readonly lang: CorpusLang;
  /** Epochs trained (fractional while an epoch is under way). */
  readonly epochs: number;
  readonly V: number;
  readonly d: number;
  readonly tokens: number;
  readonly pairsPerEpoch: number;
  readonly loss: LossPoint[];
  /** Mean loss of the first and of the latest complete epoch (null before one is complete). */
  readonly lossFirst: number | null;
  readonly lossLast: number | null;
  readonly msPerEpoch: number;
  readonly scatter: ScatterPoint[];
  /** The PCA directions (2 × d), kept so the next frame can align its signs with them. */
  readonly components: number[];
  readonly explained: [number, number];
  /** v = e_{a′} − e_a + e_b projected into the scatter's plane. */
  readonly analogyPoint: { x: number; y: number } | null;
  readonly query: ResolvedQuery;
  readonly neighbours: Ranked[] | null;
  readonly analogy: AnalogyView | null;
  readonly missing: string[];
  /** The vocabulary, most frequent first (for the word pickers). */
  readonly vocab: readonly string[];
}

const r6 = (v: number) => Math.round(v * 1e6) / 1e6;

function epochMeans(losses: readonly number[], steps: number): number[] {
  const out: number[] = [];
  for (let e = 0; (e + 1) * steps <= losses.length; e++) {
    let s = 0;
    for (let i = e * steps; i < (e + 1) * steps; i++) s += losses[i];
    out.push(s / steps);
  }
  return out;
}

/**
 * What the figure shows for a trainer and a query. `align` is the previous frame's PCA
 * directions, so the scatter does not flip while training; `view` picks the scatter's words.
 */
export function display(
  tr: SkipGramTrainer,
  lang: CorpusLang,
  tokens: number,
  q: ResolvedQuery,
  {
    msPerEpoch = 0,
    align,
    view = 'focus',
  }: { msPerEpoch?: number; align?: ArrayLike<number>; view?: ScatterView } = {},
): Display {
  const E = tableOf(tr);
  const idx = tr.vocab.index;
  const words = tr.vocab.words;
  const stepsPerEpoch = Math.ceil(tr.pairCount / TRAIN.batchSize);
  const missing = missingWords(q, idx);

  const neighbours = idx.has(q.w)
    ? nearestNeighbours(E, idx.get(q.w) as number, 6).map((n) => ({
        word: words[n.index],
        score: n.score,
        input: false,
      }))
    : null;

  let an: AnalogyView | null = null;
  let vector: Float64Array | null = null;
  if (idx.has(q.a) && idx.has(q.ap) && idx.has(q.b)) {
    const ia = idx.get(q.a) as number;
    const iap = idx.get(q.ap) as number;
    const ib = idx.get(q.b) as number;
    const res = analogy(E, ia, iap, ib, { exclude: q.exclude, k: 6 });
    vector = res.vector;
    const inputs = new Set([ia, iap, ib]);
    let expected: AnalogyView['expected'] = null;
    if (q.expected !== null && idx.has(q.expected)) {
      const ie = idx.get(q.expected) as number;
      const score = res.scores[ie];
      let rank = 1;
      let of = 0;
      for (let w = 0; w < E.V; w++) {
        if (q.exclude && inputs.has(w)) continue;
        of++;
        if (w !== ie && (res.scores[w] > score || (res.scores[w] === score && w < ie))) rank++;
      }
      expected = { word: q.expected, rank, score, of };
    }
    an = {
      a: q.a,
      ap: q.ap,
      b: q.b,
      ranked: res.ranked.map((n) => ({ word: words[n.index], score: n.score, input: inputs.has(n.index) })),
      expected,
    };
  }

  // The scatter: PCA of the four themes' words ('all'), or of the words the question is about
  // ('focus': the analogy's words, its best answers, the query and its neighbours), so the
  // directions that separate them (such as gender and royalty) get the two axes.
  const preset = PRESETS[lang];
  const themeOf = (w: string) => preset.themes.find((th) => th.words.includes(w))?.key ?? 'other';
  const asked = [q.a, q.ap, q.b, ...(q.expected ? [q.expected] : [])];
  const candidates =
    view === 'all'
      ? [
          ...preset.themes.flatMap((th) => th.words),
          ...asked,
          q.w,
          ...(an?.ranked.slice(0, 1).map((r) => r.word) ?? []),
        ]
      : [
          ...asked,
          ...(an?.ranked.slice(0, 3).map((r) => r.word) ?? []),
          q.w,
          ...(neighbours?.slice(0, 3).map((n) => n.word) ?? []),
        ];
  const shown: { word: string; theme: ScatterPoint['theme'] }[] = [];
  const seen = new Set<string>();
  for (const w of candidates)
    if (idx.has(w) && !seen.has(w)) {
      shown.push({ word: w, theme: themeOf(w) });
      seen.add(w);
    }
  const X = new Float64Array(shown.length * E.d);
  shown.forEach((s, i) =>
    X.set(E.data.subarray((idx.get(s.word) as number) * E.d, ((idx.get(s.word) as number) + 1) * E.d), i * E.d),
  );
  const p = pca(X, shown.length, E.d, 2, { align });
  const roles = new Map<string, Role>();
  for (const n of neighbours?.slice(0, 3) ?? []) roles.set(n.word, 'neighbour');
  if (an) {
    if (an.expected) roles.set(an.expected.word, 'expected');
    if (an.ranked[0]) roles.set(an.ranked[0].word, 'answer');
    roles.set(q.a, 'a');
    roles.set(q.ap, 'ap');
    roles.set(q.b, 'b');
  }
  roles.set(q.w, 'query');
  const scatter = shown.map((s, i) => ({
    word: s.word,
    theme: s.theme,
    x: r6(p.projected[2 * i]),
    y: r6(p.projected[2 * i + 1]),
    role: roles.get(s.word) ?? null,
  }));
  let analogyPoint: Display['analogyPoint'] = null;
  if (vector) {
    const c = [0, 0];
    for (let k = 0; k < 2; k++)
      for (let j = 0; j < E.d; j++) c[k] += (vector[j] - p.mean[j]) * p.components[k * E.d + j];
    analogyPoint = { x: r6(c[0]), y: r6(c[1]) };
  }

  const means = epochMeans(tr.losses, stepsPerEpoch);
  return {
    lang,
    epochs: tr.pairsSeen / tr.pairCount,
    V: E.V,
    d: E.d,
    tokens,
    pairsPerEpoch: tr.pairCount,
    loss: lossBins(tr.losses, stepsPerEpoch).map((l) => ({ x: l.x, y: r6(l.y) })),
    lossFirst: means.length > 0 ? means[0] : null,
    lossLast: means.length > 0 ? means[means.length - 1] : null,
    msPerEpoch,
    scatter,
    components: Array.from(p.components),
    explained: [p.explainedVarianceRatio[0] ?? 0, p.explainedVarianceRatio[1] ?? 0],
    analogyPoint,
    query: q,
    neighbours,
    analogy: an,
    missing,
    vocab: words,
  };
}

export interface ScaleFacts {
  readonly V: number;
  readonly d: number;
  readonly sizes: OneHotVsDense;
  /** cos and Euclidean distance of two distinct one-hot vectors (always 0 and √2). */
  readonly oneHotCos: number;
  readonly oneHotDist: number;
}

/** The vocabulary and dimension behind each "scale" choice: this corpus, BERT-Base's WordPiece table, word2vec's GoogleNews vectors. */
export function scaleFacts(scale: Scale, corpusV: number, d: number): ScaleFacts {
  const [V, dim] = scale === 'bert' ? [30522, 768] : scale === 'w2v' ? [3_000_000, 300] : [corpusV, d];
  const a = oneHot(0, Math.max(2, Math.min(V, 64)));
  const b = oneHot(1, a.length);
  return { V, d: dim, sizes: oneHotVsDense(V, dim), oneHotCos: cosine(a, b), oneHotDist: distance(a, b) };
}
