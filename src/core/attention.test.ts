import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList, oracleRaw } from '../test/oracles.ts';
import {
  attention,
  attentionRow,
  causalMask,
  dotProductVariance,
  multiHead,
  seededOutputProjection,
  seededProjections,
  tokenSelfAttention,
} from './attention.ts';
import { identity } from './matrix.ts';
import { createRng, type Rng } from './rng.ts';
import { rowEntropy } from './softmax.ts';
import { embedTokens, tokenize } from './tokens.ts';

// The brief's 3×2 example (T12.5): Q = K = [[1,0],[0,1],[1,1]], V = [[1,2],[3,4],[5,6]].
const Q = [1, 0, 0, 1, 1, 1];
const V = [1, 2, 3, 4, 5, 6];
const shape = { n: 3, dk: 2, dv: 2 };

describe('scaled dot-product attention against the brief (T12.5)', () => {
  it('scores, weights and output', () => {
    const r = attention(Q, Q, V, shape);
    assertClose(r.scores, oracleList('attn scores QK^T/sqrt2'), { rel: 1e-12, abs: 1e-15 });
    assertClose(r.weights, oracleList('attn weights'), { rel: 1e-12 });
    assertClose(r.output, oracleList('attn output'), { rel: 1e-12 });
    expect(Array.from(r.emptyRows)).toEqual([0, 0, 0]);
  });

  it('causal weights and output', () => {
    const r = attention(Q, Q, V, { ...shape, causal: true });
    assertClose(r.weights, oracleList('causal attn weights'), { rel: 1e-12, abs: 0 });
    assertClose(r.output, oracleList('causal attn output'), { rel: 1e-12 });
  });

  it('the causal mask for n = 4 (1 = allowed); an explicit mask gives the same as causal', () => {
    expect(Array.from(causalMask(4))).toEqual((oracleRaw('causal mask n=4 (1=allowed)') as number[][]).flat());
    const a = attention(Q, Q, V, { ...shape, mask: causalMask(3) });
    const b = attention(Q, Q, V, { ...shape, causal: true });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
  });

  it('the loop (one row at a time, no matrix product) reproduces the matrix form (T13.5)', () => {
    for (const causal of [false, true]) {
      const rows = [0, 1, 2].flatMap((i) => Array.from(attentionRow(Q, Q, V, i, { ...shape, causal }).output));
      assertClose(rows, oracleList(causal ? 'causal attn output' : 'attn output'), { rel: 1e-12 });
      const M = attention(Q, Q, V, { ...shape, causal });
      for (let i = 0; i < 3; i++)
        assertClose(attentionRow(Q, Q, V, i, { ...shape, causal }).weights, M.weights.subarray(3 * i, 3 * i + 3), {
          rel: 1e-14,
        });
    }
  });

  it('without scaling the scores are QKᵀ; a temperature replaces √d_k', () => {
    const raw = attention(Q, Q, V, { ...shape, scale: false });
    assertClose(raw.scores, [1, 0, 1, 0, 1, 1, 1, 1, 2]);
    const t = attention(Q, Q, V, { ...shape, temperature: Math.SQRT2 });
    assertClose(t.weights, oracleList('attn weights'), { rel: 1e-12 });
    expect(() => attention(Q, Q, V, { ...shape, temperature: 0 })).toThrow(RangeError);
  });

  it('a query with nothing to attend to gets zero weights and output, flagged', () => {
    const r = attention(Q, Q, V, { ...shape, mask: [0, 0, 0, 1, 1, 1, 1, 1, 1] });
    expect(Array.from(r.emptyRows)).toEqual([1, 0, 0]);
    expect(Array.from(r.output.subarray(0, 2))).toEqual([0, 0]);
    expect(attentionRow(Q, Q, V, 0, { ...shape, mask: [0, 0, 0, 1, 1, 1, 1, 1, 1] }).empty).toBe(true);
  });

  it('cross-attention shapes (n ≠ m) and buffer reuse', () => {
    const Qc = [1, 0];
    const r = attention(Qc, Q, V, { n: 1, m: 3, dk: 2, dv: 2 });
    assertClose(r.weights, oracleList('attn weights').slice(0, 3), { rel: 1e-12 });
    const again = attention(Q, Q, V, { ...shape, out: attention(Q, Q, V, shape) });
    const first = attention(Q, Q, V, { ...shape, out: again });
    expect(first.weights).toBe(again.weights);
    expect(first.output).toBe(again.output);
    expect(first.scores).toBe(again.scores);
  });
});

describe('multi-head attention against the brief (T12.5)', () => {
  const X = [1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 1, -1];
  const I = identity(4);

  it('head weights and the concatenation with W^O = I', () => {
    const r = multiHead(X, I, I, I, I, { n: 3, dModel: 4, heads: 2 });
    assertClose(r.heads[0].weights, oracleList('MHA head1 weights'), { rel: 1e-12 });
    assertClose(r.heads[1].weights, oracleList('MHA head2 weights'), { rel: 1e-12 });
    assertClose(r.concat, oracleList('MHA concat (W_O = I)'), { rel: 1e-12 });
    assertClose(r.output, oracleList('MHA concat (W_O = I)'), { rel: 1e-12 });
    // W^O = null means the identity too.
    expect(multiHead(X, I, I, I, null, { n: 3, dModel: 4, heads: 2 }).output).toEqual(r.concat);
  });

  it('W^O mixes the heads: swapping the two halves swaps the output columns', () => {
    const swap = new Float64Array(16);
    [2, 3, 0, 1].forEach((c, rIdx) => (swap[rIdx * 4 + c] = 1));
    const r = multiHead(X, I, I, I, swap, { n: 3, dModel: 4, heads: 2 });
    const c = oracleList('MHA concat (W_O = I)');
    for (let t = 0; t < 3; t++)
      assertClose(r.output.subarray(4 * t, 4 * t + 4), [c[4 * t + 2], c[4 * t + 3], c[4 * t], c[4 * t + 1]], {
        rel: 1e-12,
      });
  });

  it('reuses a previous result and rejects a d_model that heads do not divide', () => {
    const a = multiHead(X, I, I, I, I, { n: 3, dModel: 4, heads: 2 });
    const b = multiHead(X, I, I, I, I, { n: 3, dModel: 4, heads: 2, out: a });
    expect(b.heads[1].weights).toBe(a.heads[1].weights);
    expect(b.output).toBe(a.output);
    expect(() => multiHead(X, I, I, I, I, { n: 3, dModel: 4, heads: 3 })).toThrow(RangeError);
  });
});

describe('Var(q·k) = d_k (T12.2)', () => {
  it.each([2, 64, 512])('d_k = %d', (dk) => {
    expect(dotProductVariance(dk)).toBe(oracle(`Var(q.k) iid N(0,1), d_k=${dk}`));
  });

  it('matches a seeded simulation within 5 standard errors (d_k = 64, 20 000 pairs)', () => {
    const r = createRng(64);
    const N = 20_000;
    let s2 = 0;
    for (let t = 0; t < N; t++) {
      let s = 0;
      for (let p = 0; p < 64; p++) s += r.normal() * r.normal();
      s2 += s * s;
    }
    // Var of (q·k)² is E[(q·k)⁴] − 64² = 3·64² + 6·64 − 64² for products of normals: se ≈ 64·√2/√N.
    const se = Math.sqrt(2 * 64 * 64 + 6 * 64) / Math.sqrt(N);
    expect(Math.abs(s2 / N - 64)).toBeLessThan(5 * se);
  });
});

const randn = (r: Rng, len: number) => Float64Array.from({ length: len }, () => r.normal());

describe('attention properties (fast-check, seeded)', () => {
  const dims = fc.record({
    n: fc.integer({ min: 1, max: 8 }),
    m: fc.integer({ min: 1, max: 8 }),
    dk: fc.integer({ min: 1, max: 6 }),
    dv: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
    causal: fc.boolean(),
    scale: fc.boolean(),
  });

  it('every row of weights sums to 1; the causal mask zeroes exactly the upper triangle', () => {
    fc.assert(
      fc.property(dims, ({ n, m, dk, dv, seed, causal, scale }) => {
        const r = createRng(seed);
        const res = attention(randn(r, n * dk), randn(r, m * dk), randn(r, m * dv), { n, m, dk, dv, causal, scale });
        for (let i = 0; i < n; i++) {
          const last = causal ? i + m - n : m - 1;
          if (last < 0) {
            expect(res.emptyRows[i]).toBe(1);
            continue;
          }
          let s = 0;
          for (let j = 0; j < m; j++) {
            const w = res.weights[i * m + j];
            if (j > last) expect(w).toBe(0);
            s += w;
          }
          assertClose(s, 1, { rel: 1e-12 });
        }
      }),
      { seed: 1301, numRuns: 300 },
    );
  });

  it('permuting the tokens (no PE) permutes the output rows the same way', () => {
    const arb = fc.integer({ min: 2, max: 10 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        perm: fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        heads: fc.constantFrom(1, 2, 4),
        seed: fc.integer(),
      }),
    );
    fc.assert(
      fc.property(arb, ({ n, perm, heads, seed }) => {
        const dModel = 8;
        const r = createRng(seed);
        const X = randn(r, n * dModel);
        const Xp = new Float64Array(n * dModel);
        perm.forEach((src, dst) => Xp.set(X.subarray(src * dModel, (src + 1) * dModel), dst * dModel));
        const W = seededProjections(r, { dModel, heads });
        const a = multiHead(X, W.Wq, W.Wk, W.Wv, W.Wo, { n, dModel, heads });
        const b = multiHead(Xp, W.Wq, W.Wk, W.Wv, W.Wo, { n, dModel, heads });
        perm.forEach((src, dst) =>
          assertClose(
            b.output.subarray(dst * dModel, (dst + 1) * dModel),
            a.output.subarray(src * dModel, (src + 1) * dModel),
            { rel: 1e-9, abs: 1e-12 },
          ),
        );
      }),
      { seed: 1302, numRuns: 150 },
    );
  });

  it('the loop and the matrix form agree exactly (bit for bit) on random inputs', () => {
    fc.assert(
      fc.property(dims, ({ n, m, dk, dv, seed, causal, scale }) => {
        const r = createRng(seed);
        const q = randn(r, n * dk);
        const k = randn(r, m * dk);
        const v = randn(r, m * dv);
        const opts = { n, m, dk, dv, causal, scale };
        const M = attention(q, k, v, opts);
        for (let i = 0; i < n; i++) {
          const row = attentionRow(q, k, v, i, opts);
          expect(row.output).toEqual(M.output.subarray(i * dv, (i + 1) * dv));
          expect(row.weights).toEqual(M.weights.subarray(i * m, (i + 1) * m));
          expect(row.scores).toEqual(M.scores.subarray(i * m, (i + 1) * m));
        }
      }),
      { seed: 1303, numRuns: 200 },
    );
  });
});

describe('why √d_k (statistical, seeded)', () => {
  // Mean row entropy of softmax(QKᵀ) over 40 draws of unit-variance Q, K with 16 tokens.
  function meanEntropy(dk: number, scale: boolean, seed: number): number {
    const r = createRng(seed);
    const n = 16;
    let h = 0;
    const trials = 40;
    for (let t = 0; t < trials; t++) {
      const q = randn(r, n * dk);
      const k = randn(r, n * dk);
      const res = attention(q, k, new Float64Array(n), { n, dk, dv: 1, scale });
      h += rowEntropy(res.weights, n, n).reduce((a, b) => a + b) / n;
    }
    return h / trials;
  }
  const dks = [2, 4, 8, 16, 32, 64];

  it('without the scale, entropy falls as d_k grows (towards one-hot)', () => {
    const H = dks.map((dk) => meanEntropy(dk, false, 7));
    for (let i = 1; i < H.length; i++) expect(H[i]).toBeLessThan(H[i - 1]);
    expect(H[H.length - 1]).toBeLessThan(0.2 * Math.log(16));
  });

  it('with the scale, entropy stays near its d_k = 1 level', () => {
    const H = dks.map((dk) => meanEntropy(dk, true, 7));
    for (const h of H) expect(Math.abs(h - H[0])).toBeLessThan(0.08 * Math.log(16));
  });
});

describe('seeded projections', () => {
  it('give a softmax that is neither uniform nor one-hot for d_k = 2 … 64 (two example sentences)', () => {
    for (const [text, lang] of [
      ['The quick brown fox jumps over the lazy dog near the river bank .', 'en'],
      ['我爱自然语言处理，也喜欢深度学习。', 'zh'],
    ] as const) {
      const { tokens } = tokenize(text, lang);
      const n = tokens.length;
      const dModel = 64;
      const X = embedTokens(tokens, dModel, 0);
      for (const dk of [2, 4, 8, 16, 32, 64]) {
        const W = seededProjections(createRng(1), { dModel, dk });
        const w = multiHead(X, W.Wq, W.Wk, W.Wv, W.Wo, { n, dModel, heads: 1, dk }).heads[0].weights;
        const H = rowEntropy(w, n, n).reduce((a, b) => a + b) / n / Math.log(n);
        let maxW = 0;
        for (let i = 0; i < n; i++) maxW += Math.max(...w.subarray(i * n, (i + 1) * n)) / n;
        expect(H, `${lang} d_k=${dk} normalised entropy`).toBeGreaterThan(0.6);
        expect(H, `${lang} d_k=${dk} normalised entropy`).toBeLessThan(0.95);
        expect(maxW, `${lang} d_k=${dk} mean max weight`).toBeGreaterThan(2 / n);
        expect(maxW, `${lang} d_k=${dk} mean max weight`).toBeLessThan(0.6);
      }
    }
  });

  it('are reproducible, have the documented shapes, and keep existing columns when d_k grows', () => {
    const a = seededProjections(createRng(5), { dModel: 16, heads: 2, dk: 4 });
    const b = seededProjections(createRng(5), { dModel: 16, heads: 2, dk: 4 });
    const c = seededProjections(createRng(5), { dModel: 16, heads: 2, dk: 6 });
    expect(a.Wq).toEqual(b.Wq);
    expect([a.Wq.length, a.Wv.length, a.Wo.length, c.Wq.length]).toEqual([16 * 8, 16 * 8, 8 * 16, 16 * 12]);
    for (let row = 0; row < 16; row++) {
      for (let hd = 0; hd < 2; hd++) {
        for (let col = 0; col < 4; col++) {
          expect(c.Wq[row * 12 + hd * 6 + col]).toBe(a.Wq[row * 8 + hd * 4 + col]);
          expect(c.Wk[row * 12 + hd * 6 + col]).toBe(a.Wk[row * 8 + hd * 4 + col]);
        }
      }
    }
    expect(seededProjections(createRng(6), { dModel: 16, heads: 2, dk: 4 }).Wq).not.toEqual(a.Wq);
  });

  it('entries of W^Q have variance 1/d_model', () => {
    const W = seededProjections(createRng(9), { dModel: 64, dk: 64 });
    const v = W.Wq.reduce((s, x) => s + x * x, 0) / W.Wq.length;
    expect(Math.abs(v * 64 - 1)).toBeLessThan(5 * Math.sqrt(2 / W.Wq.length));
  });
});

describe('tokenSelfAttention (the widget pipeline)', () => {
  const { tokens } = tokenize('我爱自然语言处理。', 'zh');
  const n = tokens.length;

  it('is reproducible and has the documented shapes', () => {
    const a = tokenSelfAttention(tokens, { heads: 4, dk: 16, seed: 3 });
    const b = tokenSelfAttention(tokens, { heads: 4, dk: 16, seed: 3 });
    expect(b.output).toEqual(a.output);
    expect([a.heads.length, a.heads[0].weights.length, a.concat.length, a.output.length, a.X.length]).toEqual([
      4,
      n * n,
      n * 64,
      n * 64,
      n * 64,
    ]);
    expect(tokenSelfAttention(tokens, { heads: 4, dk: 16, seed: 4 }).output).not.toEqual(a.output);
  });

  it('without PE, reordering the tokens reorders the rows; with PE it does not', () => {
    const rev = tokens.slice().reverse();
    const d = 64;
    for (const positional of [false, true]) {
      const a = tokenSelfAttention(tokens, { heads: 2, positional });
      const b = tokenSelfAttention(rev, { heads: 2, positional });
      let maxErr = 0;
      for (let t = 0; t < n; t++) {
        for (let c = 0; c < d; c++)
          maxErr = Math.max(maxErr, Math.abs(b.output[(n - 1 - t) * d + c] - a.output[t * d + c]));
      }
      if (positional) expect(maxErr).toBeGreaterThan(1e-3);
      else expect(maxErr).toBeLessThan(1e-12);
    }
  });

  it('same token, same row of weights (without PE): the two 的 in a sentence attend identically', () => {
    const t = tokenize('我的书和你的书', 'zh').tokens;
    const w = tokenSelfAttention(t, { dk: 8 }).heads[0].weights;
    const m = t.length;
    assertClose(w.subarray(1 * m, 2 * m), w.subarray(5 * m, 6 * m), { rel: 1e-14, abs: 0 });
  });
});

describe('seededOutputProjection', () => {
  it('is the W^O of seededProjections for the same generator, whatever d_k', () => {
    for (const [heads, dk] of [
      [1, 8],
      [4, 16],
      [8, 3],
    ]) {
      const full = seededProjections(createRng(7), { dModel: 32, heads, dk, dOut: 32 });
      const wo = seededOutputProjection(createRng(7), { heads, dv: dk, dOut: 32 });
      expect(Array.from(wo)).toEqual(Array.from(full.Wo));
    }
    expect(() => seededOutputProjection(createRng(1), { heads: 0, dv: 2, dOut: 2 })).toThrow(RangeError);
  });
});
