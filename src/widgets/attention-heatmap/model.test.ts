import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attention, tokenSelfAttention } from '../../core/index.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracleList } from '../../test/oracles.ts';
import zh from '../../../content/i18n/zh.json' with { type: 'json' };
import en from '../../../content/i18n/en.json' with { type: 'json' };
import { bandLayout, EDGE, labelStride, NARROW_BELOW } from './layout.ts';
import {
  attendProjected,
  autoRow,
  componentVariances,
  computeAttention,
  detectLang,
  expectedLogitStd,
  headStats,
  projectTokens,
  rowReadout,
  sentenceTokens,
  signedLimit,
  tokenWidth,
  type AttentionSettings,
} from './model.ts';
import { schema } from './state.ts';

const BASE: AttentionSettings = { heads: 1, dk: 64, scale: true, causal: false, positional: true, seed: 1 };
const ZH = sentenceTokens('', zh['attention-heatmap.example']).tokens;
const EN = sentenceTokens('', en['attention-heatmap.example']).tokens;

describe('attention-heatmap sentences', () => {
  it('splits the Chinese example by character and the English one by word, punctuation kept', () => {
    expect(ZH).toEqual([...'小猫没有吃鱼，因为它已经吃饱了。']);
    expect(EN).toEqual([
      'The',
      'animal',
      "didn't",
      'cross',
      'the',
      'street',
      'because',
      'it',
      'was',
      'too',
      'tired',
      '.',
    ]);
    expect(detectLang('BERT 模型')).toBe('zh');
    expect(detectLang('self-attention')).toBe('en');
  });

  it('the long examples are exactly 64 tokens in both languages', () => {
    for (const d of [zh, en]) {
      const r = sentenceTokens(d['attention-heatmap.exampleLong'], '');
      expect(r.total).toBe(64);
      expect(r.truncated).toBe(false);
    }
  });

  it('a longer sentence is cut at 64 tokens and says how long it was', () => {
    const r = sentenceTokens('字'.repeat(100), '');
    expect(r.tokens).toHaveLength(64);
    expect(r).toMatchObject({ total: 100, truncated: true });
  });

  it('a blank sentence falls back to the example', () => {
    expect(sentenceTokens('   ', 'a b').tokens).toEqual(['a', 'b']);
  });
});

describe('attention-heatmap model', () => {
  it('is the core pipeline: same output as tokenSelfAttention, heads sliced from the packed Q, K, V', () => {
    for (const heads of [1, 2, 4]) {
      const s = { ...BASE, heads, dk: 64 / heads };
      const m = computeAttention(ZH, s);
      const r = tokenSelfAttention(ZH, { dModel: 64, heads, dk: s.dk, positional: true, seed: 1 });
      expect(Array.from(m.output)).toEqual(Array.from(r.output));
      expect(Array.from(m.concat)).toEqual(Array.from(r.concat));
      m.perHead.forEach((h, hd) => {
        expect(Array.from(h.attn.weights)).toEqual(Array.from(r.heads[hd].weights));
        // The sliced Q, K, V reproduce the head's attention on their own.
        const again = attention(h.Q, h.K, h.V, { n: m.n, dk: m.dk, dv: m.dv });
        assertClose(again.output, h.attn.output, { rel: 1e-12 });
      });
    }
  });

  it('slicing the widest projections gives exactly the core result at any d_k (the slider’s fast path)', () => {
    for (const [heads, dk, causal] of [
      [1, 1, false],
      [2, 7, true],
      [4, 33, false],
      [8, 64, true],
    ] as const) {
      const m = computeAttention(EN, { ...BASE, heads, dk, causal });
      const r = tokenSelfAttention(EN, { dModel: 64, heads, dk, causal, positional: true, seed: 1 });
      expect(Array.from(m.Wo)).toEqual(Array.from(r.projections.Wo));
      expect(Array.from(m.output)).toEqual(Array.from(r.output));
      m.perHead.forEach((h, hd) => expect(Array.from(h.attn.weights)).toEqual(Array.from(r.heads[hd].weights)));
    }
  });

  it('every row of the weights sums to 1; the causal mask zeroes the upper triangle', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 999 }),
        (dk, causal, seed) => {
          const m = computeAttention(EN, { ...BASE, dk, causal, seed });
          const n = m.n;
          const W = m.perHead[0].attn.weights;
          for (let i = 0; i < n; i++) {
            let s = 0;
            for (let j = 0; j < n; j++) {
              if (causal && j > i && W[i * n + j] !== 0) return false;
              s += W[i * n + j];
            }
            if (Math.abs(s - 1) > 1e-12) return false;
          }
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('without the positional encoding, permuting the tokens permutes the output rows', () => {
    const perm = [3, 0, 5, 1, 4, 2, 7, 6, 11, 8, 10, 9];
    const a = computeAttention(EN, { ...BASE, positional: false });
    const b = computeAttention(
      perm.map((p) => EN[p]),
      { ...BASE, positional: false },
    );
    const d = a.dv;
    perm.forEach((p, i) =>
      assertClose(
        b.perHead[0].attn.output.subarray(i * d, (i + 1) * d),
        a.perHead[0].attn.output.subarray(p * d, (p + 1) * d),
        {
          rel: 1e-10,
          abs: 1e-12,
        },
      ),
    );
  });

  it('row readout: the weights sum to 1 and Σⱼ aᵢⱼ vⱼ is the row of O', () => {
    const m = computeAttention(ZH, { ...BASE, causal: true });
    for (const i of [0, 5, 15]) {
      const r = rowReadout(m, 0, i, true);
      expect(r.terms).toHaveLength(i + 1);
      expect(r.masked).toBe(m.n - i - 1);
      assertClose(
        r.terms.reduce((s, x) => s + x.weight, 0),
        1,
        { rel: 1e-12 },
      );
      const o = new Float64Array(m.dv);
      for (const x of r.terms) for (let c = 0; c < m.dv; c++) o[c] += x.weight * x.v[c];
      assertClose(o, r.output, { rel: 1e-9, abs: 1e-12 });
      // Weights are sorted heaviest first and equal e^(z − max)/Σ.
      for (const x of r.terms) assertClose(x.weight, Math.exp(x.score - r.maxScore) / r.sumExp, { rel: 1e-12 });
      expect(r.terms.every((x, k) => k === 0 || x.weight <= r.terms[k - 1].weight)).toBe(true);
    }
  });

  it('stats on the brief’s 3×2 example (T12.5): top weights and 1 − Σp² from the oracle weights', () => {
    const Q = new Float64Array([1, 0, 0, 1, 1, 1]);
    const V = new Float64Array([1, 2, 3, 4, 5, 6]);
    const attn = attention(Q, Q, V, { n: 3, dk: 2, dv: 2 });
    const w = oracleList('attn weights');
    const st = headStats({ Q, K: Q, V, attn }, 3, false);
    assertClose(st.meanMax, (w[0] + w[5] + w[8]) / 3, { rel: 1e-9 });
    const tr = [0, 1, 2].map((i) => 1 - w.slice(3 * i, 3 * i + 3).reduce((s, p) => s + p * p, 0));
    assertClose(st.meanTrace, (tr[0] + tr[1] + tr[2]) / 3, { rel: 1e-9 });
    expect(st.saturated).toBe(0);
    const scores = oracleList('attn scores QK^T/sqrt2');
    const mean = scores.reduce((s, z) => s + z, 0) / 9;
    const sd = Math.sqrt(scores.reduce((s, z) => s + (z - mean) ** 2, 0) / 9);
    assertClose(st.logitStd, sd, { rel: 1e-9 });
    // The causal row 0 has a single key and is left out of the averages.
    expect(
      headStats({ Q, K: Q, V, attn: attention(Q, Q, V, { n: 3, dk: 2, dv: 2, causal: true }) }, 3, true).rows,
    ).toBe(2);
  });

  it('√d_k keeps the spread near σ_qσ_k; without it the spread grows like √d_k and the softmax saturates', () => {
    const long = sentenceTokens(en['attention-heatmap.exampleLong'], '').tokens;
    const spread = (dk: number, scale: boolean) => {
      const m = computeAttention(long, { ...BASE, dk, scale });
      return headStats(m.perHead[0], m.n, false);
    };
    const s64 = spread(64, true);
    const u64 = spread(64, false);
    const u4 = spread(4, false);
    const v = componentVariances(projectTokens(long, BASE), 0);
    // Var(q·k) = d_k·σ_q²·σ_k² (brief: 64 → std 8 for unit variances).
    assertClose(s64.logitStd, expectedLogitStd(64, true, v.varQ, v.varK), { rel: 0.25 });
    assertClose(u64.logitStd, expectedLogitStd(64, false, v.varQ, v.varK), { rel: 0.25 });
    expect(expectedLogitStd(64, false)).toBe(8);
    expect(u64.logitStd / u4.logitStd).toBeGreaterThan(2.5);
    expect(u64.meanMax).toBeGreaterThan(0.8);
    expect(u64.saturated).toBeGreaterThan(5 * Math.max(1, s64.saturated));
    expect(s64.meanMax).toBeLessThan(0.6);
    expect(u64.meanTrace).toBeLessThan(s64.meanTrace / 3);
  });

  it("the theory curve's σ_q², σ_k² are each head's mean squares over all DK_MAX columns, whatever d_k is", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 8),
        fc.integer({ min: 1, max: 999 }),
        fc.boolean(),
        (heads, seed, positional) => {
          const p = projectTokens(ZH, { heads, seed, positional });
          const wide = attendProjected(p, { dk: 64, scale: true, causal: false });
          const meanSquare = (a: Float64Array) => a.reduce((s, x) => s + x * x, 0) / a.length;
          for (let hd = 0; hd < heads; hd++) {
            const v = componentVariances(p, hd);
            assertClose(v.varQ, meanSquare(wide.perHead[hd].Q), { rel: 1e-12 });
            assertClose(v.varK, meanSquare(wide.perHead[hd].K), { rel: 1e-12 });
          }
        },
      ),
      { numRuns: 25 },
    );
    // Unit-variance token vectors through 1/√d_model-scaled projections: σ² ≈ 1, ≈ 1.5 with PE.
    const plain = componentVariances(projectTokens(ZH, { ...BASE, positional: false }), 0);
    const pe = componentVariances(projectTokens(ZH, BASE), 0);
    expect(plain.varQ).toBeGreaterThan(0.6);
    expect(plain.varQ).toBeLessThan(1.4);
    expect(pe.varQ).toBeGreaterThan(plain.varQ);
  });

  it('the auto row is the most decisive query; signed limits are positive and cover most values', () => {
    const m = computeAttention(ZH, BASE);
    const i = autoRow(m.perHead[0].attn, m.n, false);
    const n = m.n;
    const top = (r: number) => Math.max(...m.perHead[0].attn.weights.subarray(r * n, (r + 1) * n));
    for (let r = 0; r < n; r++) expect(top(r)).toBeLessThanOrEqual(top(i));
    expect(autoRow(computeAttention(ZH, { ...BASE, causal: true }).perHead[0].attn, n, true)).toBeGreaterThan(0);
    const lim = signedLimit(m.perHead[0].Q);
    expect(lim).toBeGreaterThan(0);
    expect(Array.from(m.perHead[0].Q).filter((v) => Math.abs(v) > lim).length / m.perHead[0].Q.length).toBeLessThan(
      0.02,
    );
    expect(signedLimit(new Float64Array(4))).toBe(1);
  });

  it('CJK characters count double for label widths', () => {
    expect(tokenWidth('猫')).toBe(2);
    expect(tokenWidth('，')).toBe(2);
    expect(tokenWidth("didn't")).toBe(6);
  });
});

describe('attention-heatmap layout', () => {
  it('keeps a fixed aspect per mode and fits every panel inside the width', () => {
    for (const width of [340, 390, 559, 560, 700, 900, 1400]) {
      for (const n of [1, 3, 12, 16, 64]) {
        const L = bandLayout(width, n, 6);
        expect(L.narrow).toBe(width < NARROW_BELOW);
        for (const r of [L.Q, L.K, L.A, L.bars, L.V, L.O]) {
          expect(r.x).toBeGreaterThanOrEqual(0);
          // The highlighted row's outline overhangs the panel by half its stroke.
          expect(r.x + r.w).toBeLessThanOrEqual(width - EDGE + 1e-9);
          expect(r.y + r.h).toBeLessThanOrEqual(L.height + 1e-9);
          expect(r.w).toBeGreaterThan(0);
        }
        expect(L.A.w).toBeCloseTo(n * L.cell, 9);
      }
    }
    expect(labelStride(4)).toBe(3);
    expect(labelStride(20)).toBe(1);
  });
});

describe('attention-heatmap state', () => {
  it('defaults and validation', () => {
    expect(defaults(schema)).toMatchObject({ s: '', h: '1', dk: 64, sc: true, c: false, pe: true, q: -1 });
    const { state, issues } = parseState(schema, { dk: '500', h: '3', q: 'x', s: 'a'.repeat(700) });
    expect(state).toMatchObject({ dk: 64, h: '1', q: -1 });
    expect(state.s).toHaveLength(600);
    expect(issues.map((i) => i.kind).sort()).toEqual(['clamped', 'malformed', 'malformed', 'truncated']);
  });
});
