import { hashString } from './hashSeed.ts';
import { createRng } from './rng.ts';

/** The attention widgets' sentence limit. */
export const MAX_TOKENS = 64;

export type TokenLang = 'zh' | 'en';

export interface Tokenized {
  /** At most maxTokens tokens, in order. */
  tokens: string[];
  /** How many tokens the whole sentence had. */
  total: number;
  /** total > maxTokens: the tail was dropped (the widget shows a note). */
  truncated: boolean;
}

// Han, kana: one token per character, as BERT's BasicTokenizer does for CJK text.
const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const WORD_CHAR = String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}])`;
const PATTERNS: Record<TokenLang, RegExp> = {
  // Chinese text: each CJK character; runs of Latin letters/digits stay whole ("BERT模型" → BERT 模 型).
  zh: new RegExp(String.raw`\s+|[${CJK}]|${WORD_CHAR}+|.`, 'gsu'),
  // English: words, keeping an inner apostrophe or hyphen ("don't", "self-attention") so tokens read as words.
  en: new RegExp(String.raw`\s+|[${CJK}]|${WORD_CHAR}+(?:['’\-]${WORD_CHAR}+)*|.`, 'gsu'),
};

/**
 * Splits a sentence into display tokens. Whitespace is dropped; punctuation is kept, each
 * mark its own token (BERT keeps it too, and real attention maps put much weight on "。"
 * and "."). Case is kept. Code points, not UTF-16 units, so no surrogate is split.
 * This is a readable stand-in for WordPiece, not WordPiece: no sub-word pieces.
 */
export function tokenize(sentence: string, lang: TokenLang, maxTokens = MAX_TOKENS): Tokenized {
  const tokens: string[] = [];
  let total = 0;
  for (const m of sentence.matchAll(PATTERNS[lang])) {
    if (/^\s/u.test(m[0])) continue;
    if (total < maxTokens) tokens.push(m[0]);
    total++;
  }
  return { tokens, total, truncated: total > maxTokens };
}

/** A reproducible vector for a token: d draws of N(0, 1) from a stream seeded by hash(token, seed). */
export function tokenEmbedding(token: string, d: number, seed = 0, out?: Float64Array): Float64Array {
  const v = out ?? new Float64Array(d);
  if (v.length !== d) throw new RangeError(`tokenEmbedding: out has length ${v.length}, expected ${d}`);
  const r = createRng(hashString(token, seed));
  for (let i = 0; i < d; i++) v[i] = r.normal();
  return v;
}

/** X (n×d): row t is tokenEmbedding(tokens[t], d, seed); equal tokens get equal rows. */
export function embedTokens(tokens: readonly string[], d: number, seed = 0, out?: Float64Array): Float64Array {
  const X = out ?? new Float64Array(tokens.length * d);
  if (X.length !== tokens.length * d) throw new RangeError('embedTokens: out has the wrong length');
  for (let t = 0; t < tokens.length; t++) tokenEmbedding(tokens[t], d, seed, X.subarray(t * d, (t + 1) * d));
  return X;
}
