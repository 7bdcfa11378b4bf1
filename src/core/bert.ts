import { mixSeed } from './hashSeed.ts';
import { createRng, sampleWithoutReplacement, type Rng } from './rng.ts';
import { tokenEmbedding } from './tokens.ts';

/**
 * BERT's pre-training inputs: masked-language-model corruption (15 % of positions, split
 * 80/10/10 into [MASK] / random token / unchanged), next-sentence pairs, and the input
 * embedding as the sum of token, segment and position parts.
 */

export const MASK_TOKEN = '[MASK]';
export const CLS_TOKEN = '[CLS]';
export const SEP_TOKEN = '[SEP]';
export const PAD_TOKEN = '[PAD]';
/** BERT's learned position table has 512 rows. */
export const BERT_MAX_POSITIONS = 512;

export type MlmAction = 'mask' | 'random' | 'keep';

export interface MlmOptions {
  /** Probability that a position is selected for prediction (default 0.15). */
  rate?: number;
  /** Shares of the selected positions replaced by [MASK], a random token, or kept (default 0.8/0.1/0.1; normalised by their sum). */
  mask?: number;
  random?: number;
  keep?: number;
  /** Where random replacements are drawn from (uniformly; may coincide with the original, as in BERT). */
  vocab: readonly string[];
  maskToken?: string;
  /** Tokens never selected (default [CLS], [SEP], [PAD]). */
  special?: readonly string[];
  /**
   * 'bernoulli' (default): each candidate independently with probability `rate`, as
   * Hugging Face's collator does. 'exact': max(1, round(rate·candidates)) positions drawn
   * without replacement (round half to even, like Python), as the original BERT script does.
   */
  selection?: 'bernoulli' | 'exact';
}

export interface MlmCounts {
  /** Positions eligible for selection (not special). */
  candidates: number;
  selected: number;
  mask: number;
  random: number;
  keep: number;
}

export interface MlmResult {
  /** The corrupted sequence the model sees. */
  input: string[];
  /** Selected positions, ascending: the only ones that contribute to the MLM loss. */
  positions: number[];
  /** What happened at each selected position (parallel to `positions`). */
  actions: MlmAction[];
  /** The original tokens at the selected positions: the prediction targets. */
  labels: string[];
  /** Per position: the action, or null if not selected. */
  actionAt: (MlmAction | null)[];
  counts: MlmCounts;
}

interface MlmRates {
  rate: number;
  pMask: number;
  pRandom: number;
}

function rates(o: MlmOptions): MlmRates {
  const rate = o.rate ?? 0.15;
  const m = o.mask ?? 0.8;
  const r = o.random ?? 0.1;
  const k = o.keep ?? 0.1;
  for (const [name, v] of [
    ['rate', rate],
    ['mask', m],
    ['random', r],
    ['keep', k],
  ] as const) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`mlm: ${name} must be in [0, 1], got ${v}`);
  }
  const s = m + r + k;
  if (!(s > 0)) throw new RangeError('mlm: mask + random + keep must be positive');
  return { rate, pMask: m / s, pRandom: r / s };
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Applies BERT's MLM corruption with the given generator. Draw order (for reproducibility):
 * selection draws first, then per selected position (ascending) one uniform for the action
 * and, for 'random', one integer for the vocabulary index. A 'random' action is counted as
 * such even when the drawn token happens to equal the original.
 */
export function mlmMask(tokens: readonly string[], rng: Rng, options: MlmOptions): MlmResult {
  const { rate, pMask, pRandom } = rates(options);
  const maskToken = options.maskToken ?? MASK_TOKEN;
  const special = new Set(options.special ?? [CLS_TOKEN, SEP_TOKEN, PAD_TOKEN]);
  const vocab = options.vocab;
  if (pRandom > 0 && vocab.length === 0) throw new RangeError('mlm: random replacement needs a non-empty vocab');

  const candidates: number[] = [];
  tokens.forEach((t, i) => {
    if (!special.has(t)) candidates.push(i);
  });

  let positions: number[];
  if ((options.selection ?? 'bernoulli') === 'bernoulli') {
    positions = candidates.filter(() => rng.next() < rate);
  } else {
    const want =
      candidates.length === 0 ? 0 : Math.min(candidates.length, Math.max(1, roundHalfEven(candidates.length * rate)));
    positions = sampleWithoutReplacement(candidates.length, want, rng)
      .map((i) => candidates[i])
      .sort((a, b) => a - b);
  }

  const input = tokens.slice();
  const actionAt: (MlmAction | null)[] = tokens.map(() => null);
  const actions: MlmAction[] = [];
  const counts: MlmCounts = { candidates: candidates.length, selected: positions.length, mask: 0, random: 0, keep: 0 };
  for (const i of positions) {
    const u = rng.next();
    const a: MlmAction = u < pMask ? 'mask' : u < pMask + pRandom ? 'random' : 'keep';
    if (a === 'mask') input[i] = maskToken;
    else if (a === 'random') input[i] = vocab[rng.int(vocab.length)];
    actions.push(a);
    actionAt[i] = a;
    counts[a]++;
  }
  return { input, positions, actions, labels: positions.map((i) => tokens[i]), actionAt, counts };
}

/** Expected counts among N candidate tokens: selected N·rate, then its mask/random/keep shares. */
export function mlmExpectedCounts(N: number, options: Omit<MlmOptions, 'vocab'> = {}): Omit<MlmCounts, 'candidates'> {
  const { rate, pMask, pRandom } = rates({ ...options, vocab: [] });
  const selected = N * rate;
  return { selected, mask: selected * pMask, random: selected * pRandom, keep: selected * (1 - pMask - pRandom) };
}

/** Per-token probabilities: P([MASK]) = 0.12, P(random) = P(unchanged but predicted) = 0.015, P(predicted) = 0.15. */
export function mlmProbabilities(options: Omit<MlmOptions, 'vocab'> = {}) {
  const e = mlmExpectedCounts(1, options);
  return { predicted: e.selected, mask: e.mask, random: e.random, keep: e.keep };
}

export type NspLabel = 'IsNext' | 'NotNext';

export interface NspPair<T> {
  a: T;
  b: T;
  indexA: number;
  indexB: number;
  label: NspLabel;
}

/**
 * One next-sentence-prediction example: A is a random sentence that has a successor; with
 * probability pIsNext B is that successor (IsNext), otherwise a random other sentence
 * (NotNext). Unlike BERT's script, which may draw the true successor as the "random" one,
 * NotNext never uses A itself or its successor, so the label is always right; that needs
 * at least 3 sentences (null otherwise). Draws: A's index, the label, then B's index.
 */
export function sampleNspPair<T>(sentences: readonly T[], rng: Rng, pIsNext = 0.5): NspPair<T> | null {
  const n = sentences.length;
  if (n < 3) return null;
  const i = rng.int(n - 1);
  if (rng.next() < pIsNext) return { a: sentences[i], b: sentences[i + 1], indexA: i, indexB: i + 1, label: 'IsNext' };
  // A uniform index from {0 … n−1} \ {i, i+1}.
  let j = rng.int(n - 2);
  if (j >= i) j += 2;
  return { a: sentences[i], b: sentences[j], indexA: i, indexB: j, label: 'NotNext' };
}

export interface BertInput {
  /** [CLS] A [SEP] (B [SEP]). */
  tokens: string[];
  /** 0 for [CLS], A and its [SEP]; 1 for B and its [SEP]. */
  segments: number[];
}

/** Packs one sentence or a pair the way BERT does. */
export function bertInput(a: readonly string[], b?: readonly string[]): BertInput {
  const tokens = [CLS_TOKEN, ...a, SEP_TOKEN];
  const segments = tokens.map(() => 0);
  if (b !== undefined) {
    tokens.push(...b, SEP_TOKEN);
    for (let i = 0; i <= b.length; i++) segments.push(1);
  }
  return { tokens, segments };
}

export interface BertEmbeddingOptions {
  /** Embedding width (default 8, the toy size of the widget). */
  d?: number;
  seed?: number;
  /** Standard deviation of every table entry (default 1). */
  std?: number;
}

export interface BertEmbedding {
  /** Each n×d: E_tok[wᵢ], E_seg[sᵢ], E_pos[i], and their sum eᵢ (before LayerNorm and dropout). */
  token: Float64Array;
  segment: Float64Array;
  position: Float64Array;
  sum: Float64Array;
  d: number;
}

// Distinct streams for the three tables.
const TAG_TOKEN = 0x746f6b;
const TAG_SEGMENT = 0x736567;
const TAG_POSITION = 0x706f73;

/**
 * eᵢ = E_tok[wᵢ] + E_seg[sᵢ] + E_pos[i] with small seeded tables standing in for the
 * learned ones. Rows are regenerated from (seed, table, index), so the same token,
 * segment or position always gets the same row. i < 512, as in BERT.
 */
export function bertEmbedding(
  tokens: readonly string[],
  segments: readonly number[],
  options: BertEmbeddingOptions = {},
): BertEmbedding {
  const d = options.d ?? 8;
  const seed = options.seed ?? 0;
  const std = options.std ?? 1;
  const n = tokens.length;
  if (segments.length !== n) throw new RangeError(`bertEmbedding: ${n} tokens but ${segments.length} segment ids`);
  if (n > BERT_MAX_POSITIONS)
    throw new RangeError(`bertEmbedding: ${n} tokens exceed the ${BERT_MAX_POSITIONS} learned positions`);
  const token = new Float64Array(n * d);
  const segment = new Float64Array(n * d);
  const position = new Float64Array(n * d);
  const sum = new Float64Array(n * d);
  const tokSeed = mixSeed(seed, TAG_TOKEN);
  for (let i = 0; i < n; i++) {
    const s = segments[i];
    if (s !== 0 && s !== 1) throw new RangeError(`bertEmbedding: segment id ${s} at ${i} is not 0 or 1`);
    tokenEmbedding(tokens[i], d, tokSeed, token.subarray(i * d, (i + 1) * d));
    const rs = createRng(mixSeed(seed, TAG_SEGMENT, s));
    const rp = createRng(mixSeed(seed, TAG_POSITION, i));
    for (let c = 0; c < d; c++) {
      const k = i * d + c;
      token[k] *= std;
      segment[k] = std * rs.normal();
      position[k] = std * rp.normal();
      sum[k] = token[k] + segment[k] + position[k];
    }
  }
  return { token, segment, position, sum, d };
}
