import {
  attention,
  copyColumns,
  dotProductVariance,
  seededOutputProjection,
  tokenSelfAttention,
  type AttentionResult,
} from '../../core/attention.ts';
import { mixSeed } from '../../core/hashSeed.ts';
import { matmul } from '../../core/matrix.ts';
import { createRng } from '../../core/rng.ts';
import { MAX_TOKENS, tokenize, type TokenLang, type Tokenized } from '../../core/tokens.ts';

/** Width of the token vectors (and of W^O's output). */
export const D_MODEL = 64;
export const DK_MAX = 64;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Chinese rules (one token per character) as soon as the text has a CJK character. */
export function detectLang(sentence: string): TokenLang {
  return CJK.test(sentence) ? 'zh' : 'en';
}

/** The sentence to use: the state's, or the page language's example when it is blank. */
export function sentenceTokens(sentence: string, example: string): Tokenized & { lang: TokenLang; text: string } {
  const text = sentence.trim() === '' ? example : sentence;
  const lang = detectLang(text);
  return { ...tokenize(text, lang, MAX_TOKENS), lang, text };
}

export interface AttentionSettings {
  heads: number;
  dk: number;
  scale: boolean;
  causal: boolean;
  positional: boolean;
  seed: number;
}

export interface HeadView {
  /** The head's own Q, K (n×d_k) and V (n×d_v), sliced from the packed projections. */
  Q: Float64Array;
  K: Float64Array;
  V: Float64Array;
  attn: AttentionResult;
}

export interface AttentionModel {
  tokens: string[];
  n: number;
  heads: number;
  dk: number;
  dv: number;
  /** τ: √d_k with scaling on, 1 without. */
  tau: number;
  perHead: HeadView[];
  /** Concat(head₁…head_h): n × h·d_v. */
  concat: Float64Array;
  /** W^O: h·d_v × d_model. */
  Wo: Float64Array;
  /** Concat·W^O: n × d_model. */
  output: Float64Array;
}

/** Q, K, V of every head at the widest d_k, which any narrower d_k slices (columns have their own seeds). */
export interface Projected {
  tokens: string[];
  n: number;
  heads: number;
  seed: number;
  /** n × h·DK_MAX each, heads packed by column. */
  Q: Float64Array;
  K: Float64Array;
  V: Float64Array;
}

/** Tokens → unit-variance vectors (+ PE) → seeded W^Q, W^K, W^V at d_k = DK_MAX (the core's pipeline). */
export function projectTokens(
  tokens: readonly string[],
  s: Pick<AttentionSettings, 'heads' | 'positional' | 'seed'>,
): Projected {
  const r = tokenSelfAttention(tokens, {
    dModel: D_MODEL,
    heads: s.heads,
    dk: DK_MAX,
    positional: s.positional,
    seed: s.seed,
  });
  return { tokens: [...tokens], n: tokens.length, heads: s.heads, seed: s.seed, Q: r.Q, K: r.K, V: r.V };
}

/**
 * Per-head softmax(QKᵀ/τ + M)V at width d_k (the first d_k columns of each head), then
 * Concat·W^O: the same numbers as the core's tokenSelfAttention at that d_k, without
 * redrawing and re-multiplying the projections while a d_k slider moves.
 */
export function attendProjected(p: Projected, s: Pick<AttentionSettings, 'dk' | 'scale' | 'causal'>): AttentionModel {
  const { n, heads } = p;
  const dk = s.dk;
  const dv = dk;
  const stride = heads * DK_MAX;
  const concat = new Float64Array(n * heads * dv);
  const perHead = Array.from({ length: heads }, (_, hd) => {
    const Q = copyColumns(p.Q, n, stride, hd * DK_MAX, dk);
    const K = copyColumns(p.K, n, stride, hd * DK_MAX, dk);
    const V = copyColumns(p.V, n, stride, hd * DK_MAX, dv);
    const attn = attention(Q, K, V, { n, dk, dv, causal: s.causal, scale: s.scale });
    for (let t = 0; t < n; t++) concat.set(attn.output.subarray(t * dv, (t + 1) * dv), t * heads * dv + hd * dv);
    return { Q, K, V, attn };
  });
  // W^O as the core's seededProjections draws it for this seed and shape (see tokenSelfAttention).
  const Wo = seededOutputProjection(createRng(mixSeed(p.seed, 0x51)), { heads, dv, dOut: D_MODEL });
  const output = matmul(concat, Wo, n, heads * dv, D_MODEL);
  return {
    tokens: p.tokens,
    n,
    heads,
    dk,
    dv,
    tau: s.scale ? Math.sqrt(dk) : 1,
    perHead,
    concat,
    Wo,
    output,
  };
}

/** Everything the figure draws for a sentence and settings (projectTokens, then attendProjected). */
export function computeAttention(tokens: readonly string[], s: AttentionSettings): AttentionModel {
  return attendProjected(projectTokens(tokens, s), s);
}

/** Whether query i may look at key j. */
export function allowed(i: number, j: number, causal: boolean): boolean {
  return !causal || j <= i;
}

export interface HeadStats {
  /** Standard deviation of the allowed logits QKᵀ/τ: about √d_k unscaled, about 1 scaled. */
  logitStd: number;
  /** Mean over rows of the largest weight (1/n uniform … 1 one-hot). */
  meanMax: number;
  /** Mean over rows of tr J = Σⱼ pⱼ(1 − pⱼ) = 1 − Σⱼ pⱼ², the softmax's total gradient gain: 0 when one-hot. */
  meanTrace: number;
  /** Rows whose largest weight exceeds 0.99 (among rows with at least two keys). */
  saturated: number;
  /** Rows with at least two keys (the causal mask leaves row 0 a single one). */
  rows: number;
}

export const SATURATED = 0.99;

function meanSquare(M: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < M.length; k++) s += M[k] * M[k];
  return M.length > 0 ? s / M.length : 0;
}

export function headStats(h: HeadView, n: number, causal: boolean): HeadStats {
  const attn = h.attn;
  let sum = 0;
  let sumSq = 0;
  let count = 0;
  let maxSum = 0;
  let traceSum = 0;
  let saturated = 0;
  let rows = 0;
  for (let i = 0; i < n; i++) {
    let rowMax = 0;
    let sq = 0;
    let keys = 0;
    for (let j = 0; j < n; j++) {
      if (!allowed(i, j, causal)) continue;
      const z = attn.scores[i * n + j];
      sum += z;
      sumSq += z * z;
      count++;
      keys++;
      const p = attn.weights[i * n + j];
      if (p > rowMax) rowMax = p;
      sq += p * p;
    }
    if (keys < 2) continue;
    rows++;
    maxSum += rowMax;
    traceSum += 1 - sq;
    if (rowMax > SATURATED) saturated++;
  }
  const mean = count > 0 ? sum / count : 0;
  const variance = count > 1 ? Math.max(0, sumSq / count - mean * mean) : 0;
  return {
    logitStd: Math.sqrt(variance),
    meanMax: rows > 0 ? maxSum / rows : 1,
    meanTrace: rows > 0 ? traceSum / rows : 0,
    saturated,
    rows,
  };
}

/**
 * σ_q², σ_k² of Var(q·k) = d_k σ_q² σ_k² for one head: the mean square of its Q and K entries
 * over all DK_MAX columns, not only the first d_k. Every d_k slices the same columns, so the
 * estimate (and the theory curve drawn from it) stays put while d_k moves; from the first d_k
 * columns alone it would swing by tens of percent at small d_k (16 numbers at d_k = 1).
 */
export function componentVariances(p: Projected, head: number): { varQ: number; varK: number } {
  const stride = p.heads * DK_MAX;
  const Q = copyColumns(p.Q, p.n, stride, head * DK_MAX, DK_MAX);
  const K = copyColumns(p.K, p.n, stride, head * DK_MAX, DK_MAX);
  return { varQ: meanSquare(Q), varK: meanSquare(K) };
}

/**
 * Spread of q·k/τ expected from Var(q·k) = d_k σ_q² σ_k²: √d_k·σ_qσ_k unscaled, σ_qσ_k after
 * dividing by √d_k (1 for unit-variance components; the positional encoding adds about ½ to
 * each token component's variance, so σ_q², σ_k² ≈ 1.5 with it).
 */
export function expectedLogitStd(dk: number, scale: boolean, varQ = 1, varK = 1): number {
  return Math.sqrt(dotProductVariance(dk, varQ, varK)) / (scale ? Math.sqrt(dk) : 1);
}

/** The row to explain when none is pinned: the most decisive query (largest top weight, ≥ 2 keys). */
export function autoRow(attn: AttentionResult, n: number, causal: boolean): number {
  let best = 0;
  let bestMax = -1;
  for (let i = 0; i < n; i++) {
    if (causal && i < 1 && n > 1) continue;
    let m = 0;
    for (let j = 0; j < n; j++) m = Math.max(m, attn.weights[i * n + j]);
    if (m > bestMax + 1e-12) {
      bestMax = m;
      best = i;
    }
  }
  return best;
}

export interface RowTerm {
  j: number;
  token: string;
  /** q_i·k_j/τ. */
  score: number;
  weight: number;
  /** v_j (a view into the head's V). */
  v: Float64Array;
}

export interface RowReadout {
  i: number;
  token: string;
  /** Allowed keys, heaviest first. */
  terms: RowTerm[];
  /** Keys the causal mask hides. */
  masked: number;
  /** max_j of the allowed logits, and Σⱼ e^{zⱼ − max}. */
  maxScore: number;
  sumExp: number;
  /** o_i = Σⱼ a_ij v_j. */
  output: Float64Array;
}

/** The numbers behind row i of a head: its logits, weights, the v_j they weight, and o_i. */
export function rowReadout(m: AttentionModel, head: number, i: number, causal: boolean): RowReadout {
  const { n, dv } = m;
  const h = m.perHead[head];
  const terms: RowTerm[] = [];
  let maxScore = -Infinity;
  for (let j = 0; j < n; j++) if (allowed(i, j, causal)) maxScore = Math.max(maxScore, h.attn.scores[i * n + j]);
  let sumExp = 0;
  for (let j = 0; j < n; j++) {
    if (!allowed(i, j, causal)) continue;
    const score = h.attn.scores[i * n + j];
    sumExp += Math.exp(score - maxScore);
    terms.push({
      j,
      token: m.tokens[j],
      score,
      weight: h.attn.weights[i * n + j],
      v: h.V.subarray(j * dv, (j + 1) * dv),
    });
  }
  terms.sort((a, b) => b.weight - a.weight || a.j - b.j);
  return {
    i,
    token: m.tokens[i],
    terms,
    masked: n - terms.length,
    maxScore,
    sumExp,
    output: h.attn.output.subarray(i * dv, (i + 1) * dv),
  };
}

/**
 * A symmetric colour limit for signed matrices: 2.5 × their root mean square (about the 99th
 * percentile of a normal spread), rounded up to one significant digit. O(N), no sort, so it
 * can run on every slider step.
 */
export function signedLimit(...mats: ArrayLike<number>[]): number {
  let sq = 0;
  let len = 0;
  for (const M of mats) {
    for (let k = 0; k < M.length; k++) sq += M[k] * M[k];
    len += M.length;
  }
  const q = len > 0 ? 2.5 * Math.sqrt(sq / len) : 0;
  if (!(q > 0 && Number.isFinite(q))) return 1;
  const e = 10 ** Math.floor(Math.log10(q));
  return Math.ceil(q / e - 1e-9) * e;
}

/** Display width of a token in character cells (CJK characters count double). */
export function tokenWidth(token: string): number {
  let w = 0;
  for (const ch of token) w += CJK.test(ch) || /[\u3000-\u303f\uff00-\uffef]/u.test(ch) ? 2 : 1;
  return w;
}
