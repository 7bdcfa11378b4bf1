import {
  bertEmbedding,
  bertInput,
  mlmExpectedCounts,
  mlmMask,
  sampleNspPair,
  type MlmCounts,
  type MlmResult,
  type NspPair,
} from '../../core/bert.ts';
import { mixSeed } from '../../core/hashSeed.ts';
import { createRng } from '../../core/rng.ts';
import { tokenize, type TokenLang } from '../../core/tokens.ts';

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
export const MAX_A = 48;

function lang(s: string): TokenLang {
  return CJK.test(s) ? 'zh' : 'en';
}

export interface PairInput {
  tokens: string[];
  segments: number[];
  /** Sentence A's token count before truncation, and whether it was cut. */
  totalA: number;
  truncated: boolean;
}

/** [CLS] A [SEP] B [SEP] with segment ids, A cut at MAX_A tokens (BERT packs pairs like this). */
export function pairInput(a: string, b: string): PairInput {
  const ta = tokenize(a, lang(a), MAX_A);
  const tb = tokenize(b, lang(b), MAX_A);
  const { tokens, segments } = bertInput(ta.tokens, tb.tokens);
  return { tokens, segments, totalA: ta.total, truncated: ta.truncated };
}

export type Selection = 'bernoulli' | 'exact';

/** One masking of the input, reproducible from (seed, draw). */
export function maskOnce(
  tokens: readonly string[],
  vocab: readonly string[],
  seed: number,
  sel: Selection,
  draw = 0,
): MlmResult {
  return mlmMask(tokens, createRng(mixSeed(seed, 0x6d6c6d, draw)), { vocab, selection: sel });
}

export interface Convergence {
  /** Running totals after each of `reps` independent maskings. */
  candidates: Float64Array;
  selected: Float64Array;
  mask: Float64Array;
  random: Float64Array;
  keep: Float64Array;
  total: MlmCounts;
}

/** Pools `reps` maskings (draws 0 … reps−1) of the same input. */
export function convergence(
  tokens: readonly string[],
  vocab: readonly string[],
  seed: number,
  sel: Selection,
  reps: number,
): Convergence {
  const c = {
    candidates: new Float64Array(reps),
    selected: new Float64Array(reps),
    mask: new Float64Array(reps),
    random: new Float64Array(reps),
    keep: new Float64Array(reps),
  };
  const total: MlmCounts = { candidates: 0, selected: 0, mask: 0, random: 0, keep: 0 };
  for (let r = 0; r < reps; r++) {
    const m = maskOnce(tokens, vocab, seed, sel, r).counts;
    total.candidates += m.candidates;
    total.selected += m.selected;
    total.mask += m.mask;
    total.random += m.random;
    total.keep += m.keep;
    c.candidates[r] = total.candidates;
    c.selected[r] = total.selected;
    c.mask[r] = total.mask;
    c.random[r] = total.random;
    c.keep[r] = total.keep;
  }
  return { ...c, total };
}

/**
 * Running totals that grow on demand and are kept for the same input, seed and selection
 * rule: dragging the "maskings" slider only draws the new maskings, never all of them again.
 */
export class ConvergenceCache {
  #key = '';
  #done = 0;
  #c = {
    candidates: new Float64Array(0),
    selected: new Float64Array(0),
    mask: new Float64Array(0),
    random: new Float64Array(0),
    keep: new Float64Array(0),
  };

  get(tokens: readonly string[], vocab: readonly string[], seed: number, sel: Selection, reps: number): Convergence {
    const key = `${tokens.join('\u0001')}\u0002${vocab.join(' ')}\u0002${seed}\u0002${sel}`;
    if (key !== this.#key) {
      this.#key = key;
      this.#done = 0;
    }
    const c = this.#c;
    if (c.selected.length < reps) {
      const cap = Math.max(reps, 2 * c.selected.length);
      for (const k of ['candidates', 'selected', 'mask', 'random', 'keep'] as const) {
        const next = new Float64Array(cap);
        next.set(c[k].subarray(0, this.#done));
        c[k] = next;
      }
    }
    for (let r = this.#done; r < reps; r++) {
      const m = maskOnce(tokens, vocab, seed, sel, r).counts;
      const prev = r > 0 ? r - 1 : -1;
      c.candidates[r] = (prev >= 0 ? c.candidates[prev] : 0) + m.candidates;
      c.selected[r] = (prev >= 0 ? c.selected[prev] : 0) + m.selected;
      c.mask[r] = (prev >= 0 ? c.mask[prev] : 0) + m.mask;
      c.random[r] = (prev >= 0 ? c.random[prev] : 0) + m.random;
      c.keep[r] = (prev >= 0 ? c.keep[prev] : 0) + m.keep;
    }
    this.#done = Math.max(this.#done, reps);
    const last = reps - 1;
    return {
      candidates: c.candidates.slice(0, reps),
      selected: c.selected.slice(0, reps),
      mask: c.mask.slice(0, reps),
      random: c.random.slice(0, reps),
      keep: c.keep.slice(0, reps),
      total: {
        candidates: c.candidates[last],
        selected: c.selected[last],
        mask: c.mask[last],
        random: c.random[last],
        keep: c.keep[last],
      },
    };
  }
}

/** Two standard errors of a proportion p from m trials: the binomial band the observed share falls in about 95 % of the time. */
export function band(p: number, m: number): number {
  return m > 0 ? 2 * Math.sqrt((p * (1 - p)) / m) : 1;
}

export { mlmExpectedCounts };

export interface EmbeddingParts {
  token: number[];
  segment: number[];
  position: number[];
  sum: number[];
}

/** e_i = E_tok[w_i] + E_seg[s_i] + E_pos[i] at one position (toy d = 8, seeded tables). */
export function embeddingAt(
  tokens: readonly string[],
  segments: readonly number[],
  i: number,
  seed: number,
  d = 8,
): EmbeddingParts {
  const e = bertEmbedding(tokens, segments, { d, seed });
  const row = (M: Float64Array) => Array.from(M.subarray(i * d, (i + 1) * d));
  return { token: row(e.token), segment: row(e.segment), position: row(e.position), sum: row(e.sum) };
}

/** Pair number `index` of the NSP stream, and the IsNext count over draws 1 … n. */
export function nspDraw(sentences: readonly string[], seed: number, index: number): NspPair<string> | null {
  return sampleNspPair(sentences, createRng(mixSeed(seed, 0x6e7370, index)));
}

export function nspCount(sentences: readonly string[], seed: number, n: number): number {
  let isNext = 0;
  for (let i = 1; i <= n; i++) if (nspDraw(sentences, seed, i)?.label === 'IsNext') isNext++;
  return isNext;
}
