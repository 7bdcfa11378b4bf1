import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, mixSeed } from './hashSeed.ts';
import { embedTokens, MAX_TOKENS, tokenEmbedding, tokenize } from './tokens.ts';

describe('tokenize', () => {
  it.each([
    ['我爱自然语言处理。', 'zh', ['我', '爱', '自', '然', '语', '言', '处', '理', '。']],
    ['BERT 模型， 很 强！', 'zh', ['BERT', '模', '型', '，', '很', '强', '！']],
    ['GPT-2和BERT', 'zh', ['GPT', '-', '2', '和', 'BERT']],
    ['The cat sat on the mat.', 'en', ['The', 'cat', 'sat', 'on', 'the', 'mat', '.']],
    ["Don't stop: self-attention, 2017!", 'en', ["Don't", 'stop', ':', 'self-attention', ',', '2017', '!']],
    ['  spaced\tout\nwords  ', 'en', ['spaced', 'out', 'words']],
    ['café naïve', 'en', ['café', 'naïve']],
    ['emoji 😀 ok', 'en', ['emoji', '😀', 'ok']],
    ['', 'en', []],
  ] as const)('%j (%s)', (text, lang, expected) => {
    const r = tokenize(text, lang);
    expect(r.tokens).toEqual(expected);
    expect(r.total).toBe(expected.length);
    expect(r.truncated).toBe(false);
  });

  it('truncates at 64 tokens and reports it', () => {
    const r = tokenize('字'.repeat(70), 'zh');
    expect(r.tokens).toHaveLength(MAX_TOKENS);
    expect(r.total).toBe(70);
    expect(r.truncated).toBe(true);
    const exact = tokenize('a '.repeat(64), 'en');
    expect([exact.tokens.length, exact.truncated]).toEqual([64, false]);
    expect(tokenize('a b c', 'en', 2)).toEqual({ tokens: ['a', 'b'], total: 3, truncated: true });
  });

  it('never produces whitespace or empty tokens, and loses no non-space character (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.constantFrom('zh' as const, 'en' as const),
        (s, lang) => {
          const { tokens } = tokenize(s, lang, 1000);
          for (const t of tokens) expect(t).toMatch(/^\S+$/u);
          expect(tokens.join('')).toBe(s.replace(/\s+/gu, ''));
        },
      ),
      { seed: 1101, numRuns: 300 },
    );
  });
});

describe('token vectors', () => {
  it('same token → same vector, at any position; different tokens or seeds → different vectors', () => {
    const a = tokenEmbedding('猫', 16, 3);
    expect(tokenEmbedding('猫', 16, 3)).toEqual(a);
    expect(tokenEmbedding('狗', 16, 3)).not.toEqual(a);
    expect(tokenEmbedding('猫', 16, 4)).not.toEqual(a);
    const X = embedTokens(['the', 'cat', 'the'], 16, 3);
    expect(X.subarray(0, 16)).toEqual(X.subarray(32, 48));
    expect(X.subarray(16, 32)).toEqual(tokenEmbedding('cat', 16, 3));
  });

  it('a shorter vector is a prefix of a longer one (one stream per token)', () => {
    expect(tokenEmbedding('word', 32, 1).subarray(0, 8)).toEqual(tokenEmbedding('word', 8, 1));
  });

  it('components are roughly N(0, 1) across many tokens', () => {
    let s = 0;
    let s2 = 0;
    const N = 500;
    const d = 64;
    for (let i = 0; i < N; i++) {
      const v = tokenEmbedding(`tok${i}`, d, 0);
      for (const x of v) {
        s += x;
        s2 += x * x;
      }
    }
    const m = s / (N * d);
    expect(Math.abs(m)).toBeLessThan(5 / Math.sqrt(N * d));
    expect(Math.abs(s2 / (N * d) - 1)).toBeLessThan(5 * Math.sqrt(2 / (N * d)));
  });

  it('hashes are stable (pinned values guard against accidental changes)', () => {
    expect(hashString('')).toBe(hashString('', 0));
    expect(hashString('ab')).not.toBe(hashString('ba'));
    expect(mixSeed(1, 2, 3)).not.toBe(mixSeed(1, 3, 2));
    // Shared URLs reproduce a figure from its seed, so these must not drift.
    expect([hashString('猫', 0), mixSeed(7, 1, 2), hashString('the', 0)]).toEqual([1444661083, 637691440, 1436389201]);
    expect(Array.from(tokenEmbedding('the', 3, 0))).toEqual([
      1.5952455792202815, -0.5803720040311521, 0.9394597061850499,
    ]);
  });
});
