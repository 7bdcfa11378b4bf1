import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { centralDiff } from '../test/finiteDiff.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import {
  batchMeanStd,
  batchNorm,
  batchNormEval,
  batchNormSpec,
  createNormCache,
  createNormPlan,
  layerNorm,
  layerNormSpec,
  normBackward,
  normForward,
  rmsNorm,
  rmsNormSpec,
  unbiasedVariance,
  updateRunningStats,
  type NormSpec,
} from './normalization.ts';
import { createRng } from './rng.ts';

// The brief's T4.5 batch: rows = samples, columns = features.
const X = [1, 2, 3, 6, 3, 2, 1, 2, 5, 2, 5, 4];
const GAMMA = [1, 2, 0.5, 1];
const BETA = [0, 1, 0, -1];

describe('BatchNorm on the T4.5 batch', () => {
  it('column means and biased variances', () => {
    const r = batchNorm(X, 3, 4);
    assertClose(r.mean, oracleList('BN mean (per column)'));
    assertClose(r.variance, oracleList('BN var biased (per column)'), { rel: 1e-15, abs: 0 });
    assertClose(unbiasedVariance(r.variance, 3), oracleList('BN unbiased var (per column)'), { rel: 1e-15, abs: 0 });
  });
  it('ε = 0 (the constant column maps to 0), ε = 1e-5, and with γ, β', () => {
    assertClose(batchNorm(X, 3, 4, { eps: 0 }).y, oracleList('BN out eps=0'));
    assertClose(batchNorm(X, 3, 4).y, oracleList('BN out eps=1e-05'));
    assertClose(
      batchNorm(X, 3, 4, { gamma: GAMMA, beta: BETA }).y,
      oracleList('BN out eps=1e-5 gamma=[1,2,.5,1] beta=[0,1,0,-1]'),
    );
  });
  it('running statistics after one step (PyTorch momentum 0.1, Keras 0.99) and eval mode', () => {
    const r = batchNorm(X, 3, 4);
    const mean = new Float64Array(4);
    const variance = new Float64Array(4).fill(1);
    const run = { mean, var: variance };
    expect(updateRunningStats(run, r.mean, r.variance, 3, { momentum: 0.1 }, run)).toBe(run);
    assertClose(mean, oracleList('BN running_mean after 1 step (torch, m=0.1)'));
    assertClose(variance, oracleList('BN running_var after 1 step (torch, m=0.1)'));
    const eval0 = batchNormEval(X.slice(0, 4), 1, 4, mean, variance);
    assertClose(eval0, oracleList('BN eval row0 with those running stats'));
    // Train mode on the same row gives a different answer: the widget's point.
    expect(Math.abs(eval0[0] - r.y[0])).toBeGreaterThan(1);

    const kMean = new Float64Array(4);
    const kVar = new Float64Array(4).fill(1);
    const kRun = { mean: kMean, var: kVar };
    updateRunningStats(kRun, r.mean, r.variance, 3, { convention: 'keras', momentum: 0.99 }, kRun);
    assertClose(kMean, oracleList('BN running_mean after 1 step (keras, m=0.99)'), { rel: 1e-9, abs: 1e-15 });
  });
  it('leaves the running variance alone for a batch of one (when asked to)', () => {
    const mean = new Float64Array([0]);
    const variance = new Float64Array([1]);
    const run = { mean, var: variance };
    updateRunningStats(run, [5], [0], 1, { singleValue: 'keepVariance' }, run);
    expect([mean[0], variance[0]]).toEqual([0.5, 1]);
  });
});

describe('LayerNorm and RMSNorm on the same matrix (T6.5)', () => {
  it('row statistics and outputs', () => {
    const r = layerNorm(X, 3, 4);
    assertClose(r.mean, oracleList('LN mean (per row)'));
    assertClose(r.variance, oracleList('LN var biased (per row)'), { rel: 1e-15 });
    assertClose(layerNorm(X, 3, 4, { eps: 0 }).y, oracleList('LN out eps=0'));
    assertClose(r.y, oracleList('LN out eps=1e-05'));
    assertClose(layerNorm(X, 3, 4, { gamma: GAMMA, beta: BETA }).y, oracleList('LN out eps=1e-5 same gamma/beta'));
  });
  it('RMSNorm (g = 1, ε = 1e-5)', () => {
    assertClose(rmsNorm(X, 3, 4).y, oracleList('RMSNorm out eps=1e-5 (g=1)'));
  });
  it('standard error of a batch mean', () => {
    for (const m of [2, 8, 32, 128]) {
      assertClose(batchMeanStd(m), oracle(`std of batch mean, unit-var feature, m=${m}`), { rel: 1e-12 });
    }
  });
  it('rejects a matrix of the wrong size', () => {
    expect(() => batchNorm([1, 2, 3], 2, 2)).toThrow(RangeError);
  });
});

/** Loss Σ c ⊙ y for a fixed c, so ∂L/∂y = c. */
function fdCheck(spec: NormSpec, seed: number, eps: number): void {
  const plan = createNormPlan(spec);
  const r = createRng(seed);
  const P = plan.params;
  const x = Float64Array.from({ length: plan.size }, () => 2 * r.normal() + 0.5);
  const gamma = Float64Array.from({ length: P }, () => 1 + 0.5 * r.normal());
  const beta = Float64Array.from({ length: P }, () => r.normal());
  const c = Float64Array.from({ length: plan.size }, () => r.normal());
  const cache = createNormCache(plan);
  const y = new Float64Array(plan.size);
  const loss = (xx: Float64Array, g: Float64Array, b: Float64Array) => {
    normForward(plan, xx, eps, g, spec.center === false ? null : b, y, cache);
    let s = 0;
    for (let i = 0; i < y.length; i++) s += c[i] * y[i];
    return s;
  };
  loss(x, gamma, beta);
  const dx = new Float64Array(plan.size);
  const dg = new Float64Array(P);
  const db = new Float64Array(P);
  normBackward(plan, c, gamma, cache, dx, dg, db);
  const fd = (arr: Float64Array, i: number) => centralDiff(arr, i, () => loss(x, gamma, beta));
  for (let i = 0; i < plan.size; i++) assertClose(dx[i], fd(x, i), { rel: 1e-6, abs: 1e-7 }, `dx[${i}]`);
  for (let p = 0; p < P; p++) {
    assertClose(dg[p], fd(gamma, p), { rel: 1e-6, abs: 1e-7 }, `dγ[${p}]`);
    if (spec.center !== false) assertClose(db[p], fd(beta, p), { rel: 1e-6, abs: 1e-7 }, `dβ[${p}]`);
  }
}

describe('backward through the statistics matches finite differences', () => {
  const shape = fc.record({
    n: fc.integer({ min: 2, max: 6 }),
    d: fc.integer({ min: 2, max: 6 }),
    seed: fc.integer(),
    eps: fc.constantFrom(1e-5, 1e-3, 0.1),
  });
  it.each([
    ['BatchNorm', batchNormSpec],
    ['LayerNorm', layerNormSpec],
    ['RMSNorm', rmsNormSpec],
  ] as const)('%s', (_, spec) => {
    fc.assert(
      fc.property(shape, ({ n, d, seed, eps }) => fdCheck(spec(n, d), seed, eps)),
      { seed: 21, numRuns: 40 },
    );
  });
  it('a CNN BatchNorm over [N, C, H, W] and a GroupNorm over [N, G, C/G, H·W]', () => {
    fdCheck({ shape: [2, 3, 2, 2], statAxes: [0, 2, 3], paramAxes: [1] }, 5, 1e-5);
    fdCheck({ shape: [2, 2, 2, 3], statAxes: [2, 3], paramAxes: [1, 2] }, 6, 1e-5);
  });
});

describe('properties', () => {
  const data = fc.record({
    n: fc.integer({ min: 2, max: 8 }),
    d: fc.integer({ min: 2, max: 8 }),
    seed: fc.integer(),
    scale: fc.double({ min: 0.01, max: 100, noNaN: true }),
    shift: fc.double({ min: -50, max: 50, noNaN: true }),
  });
  const make = (n: number, d: number, seed: number, scale: number, shift: number) => {
    const r = createRng(seed);
    return {
      x: Float64Array.from({ length: n * d }, () => shift + scale * r.normal()),
      gamma: Float64Array.from({ length: d }, () => 0.2 + 2 * r.next()),
      beta: Float64Array.from({ length: d }, () => 4 * r.next() - 2),
    };
  };

  it('LN: every row of x̂ has mean 0 and variance σ²/(σ²+ε) (ε keeps it just below 1)', () => {
    fc.assert(
      fc.property(data, ({ n, d, seed, scale, shift }) => {
        const { x } = make(n, d, seed, scale, shift);
        const eps = 1e-5;
        const r = layerNorm(x, n, d, { eps });
        for (let i = 0; i < n; i++) {
          const row = r.xhat.slice(i * d, (i + 1) * d);
          const m = row.reduce((a, b) => a + b, 0) / d;
          const v = row.reduce((a, b) => a + (b - m) ** 2, 0) / d;
          const s2 = r.variance[i];
          assertClose(m, 0, { abs: 1e-12 });
          assertClose(v, s2 / (s2 + eps), { rel: 1e-9 });
        }
      }),
      { seed: 31 },
    );
  });

  it('LN with a shared γ, β: every row has mean β and variance γ²·σ²/(σ²+ε)', () => {
    fc.assert(
      fc.property(
        data,
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (dd, g, b) => {
          const { n, d, seed, scale, shift } = dd;
          const { x } = make(n, d, seed, scale, shift);
          const eps = 1e-5;
          const r = layerNorm(x, n, d, { eps, gamma: new Float64Array(d).fill(g), beta: new Float64Array(d).fill(b) });
          for (let i = 0; i < n; i++) {
            const row = r.y.slice(i * d, (i + 1) * d);
            const m = row.reduce((a, v) => a + v, 0) / d;
            const v = row.reduce((a, y) => a + (y - m) ** 2, 0) / d;
            const s2 = r.variance[i];
            assertClose(m, b, { rel: 1e-9, abs: 1e-9 });
            assertClose(v, (g * g * s2) / (s2 + eps), { rel: 1e-8 });
          }
        },
      ),
      { seed: 32 },
    );
  });

  it('BN: each column has mean β_j and variance γ_j²·σ_j²/(σ_j²+ε) — not 0 and 1', () => {
    fc.assert(
      fc.property(data, ({ n, d, seed, scale, shift }) => {
        const { x, gamma, beta } = make(n, d, seed, scale, shift);
        const eps = 1e-5;
        const r = batchNorm(x, n, d, { eps, gamma, beta });
        for (let j = 0; j < d; j++) {
          let m = 0;
          for (let i = 0; i < n; i++) m += r.y[i * d + j] / n;
          let v = 0;
          for (let i = 0; i < n; i++) v += (r.y[i * d + j] - m) ** 2 / n;
          const s2 = r.variance[j];
          assertClose(m, beta[j], { rel: 1e-9, abs: 1e-9 });
          assertClose(v, (gamma[j] ** 2 * s2) / (s2 + eps), { rel: 1e-8, abs: 1e-12 });
        }
      }),
      { seed: 33 },
    );
  });

  it('one engine: BN over [N, C, H, W] per channel equals BN of the channel-last matrix', () => {
    const r = createRng(8);
    const [N, C, H, W] = [2, 3, 2, 2];
    const x = Float64Array.from({ length: N * C * H * W }, () => r.normal());
    const plan = createNormPlan({ shape: [N, C, H, W], statAxes: [0, 2, 3], paramAxes: [1] });
    expect([plan.groups, plan.groupSize, plan.params]).toEqual([C, N * H * W, C]);
    const cache = createNormCache(plan);
    const y = normForward(plan, x, 1e-5, null, null, new Float64Array(x.length), cache);
    // Rows = (n, h, w) positions, columns = channels.
    const m = new Float64Array(N * H * W * C);
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++)
        for (let p = 0; p < H * W; p++) m[(n * H * W + p) * C + c] = x[(n * C + c) * H * W + p];
    const ref = batchNorm(m, N * H * W, C);
    assertClose(cache.mean, ref.mean, { rel: 1e-14, abs: 1e-15 });
    for (let n = 0; n < N; n++)
      for (let c = 0; c < C; c++)
        for (let p = 0; p < H * W; p++)
          assertClose(y[(n * C + c) * H * W + p], ref.y[(n * H * W + p) * C + c], { rel: 1e-13, abs: 1e-14 });
  });

  it('rejects bad axes and shapes', () => {
    expect(() => createNormPlan({ shape: [2, 2], statAxes: [2], paramAxes: [1] })).toThrow(RangeError);
    expect(() => createNormPlan({ shape: [2, 2], statAxes: [1, 1], paramAxes: [1] })).toThrow(RangeError);
    expect(() => createNormPlan({ shape: [2, 0], statAxes: [1], paramAxes: [1] })).toThrow(RangeError);
  });

  it('a constant group with ε = 0 maps to β and passes no gradient (no NaN)', () => {
    const plan = createNormPlan(batchNormSpec(3, 1));
    const cache = createNormCache(plan);
    const y = normForward(plan, [2, 2, 2], 0, [3], [0.5], new Float64Array(3), cache);
    expect(Array.from(y)).toEqual([0.5, 0.5, 0.5]);
    const dx = normBackward(plan, [1, -2, 4], [3], cache, new Float64Array(3));
    expect(Array.from(dx).every((v) => v === 0)).toBe(true);
  });
});
