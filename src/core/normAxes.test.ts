import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { centralDiff } from '../test/finiteDiff.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import {
  NORM_KINDS,
  normGroups,
  normPlan,
  normSpec,
  normalize,
  sampleRows,
  toNormSpec,
  type NormKind,
} from './normAxes.ts';
import {
  batchMeanStd,
  createNormCache,
  initRunningStats,
  normBackward,
  normForward,
  updateRunningStats,
} from './normalization.ts';
import { createRng } from './rng.ts';

// The T4.5 / T6.5 batch: rows = samples, columns = features.
const X = [1, 2, 3, 6, 3, 2, 1, 2, 5, 2, 5, 4];
const SHAPE = [3, 4];
const GAMMA = [1, 2, 0.5, 1];
const BETA = [0, 1, 0, -1];
const BN = normSpec('batch', 2);
const LN = normSpec('layer', 2);
const RMS = normSpec('rms', 2);

describe('BatchNorm on the 3×4 batch (T4.5)', () => {
  it('column statistics: μ and biased σ² exactly', () => {
    const r = normalize(X, SHAPE, BN);
    expect(Array.from(r.mean)).toEqual(oracleList('BN mean (per column)'));
    expect(Array.from(r.var)).toEqual(oracleList('BN var biased (per column)'));
    expect(Array.from(r.group)).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    expect([r.groupCount, r.groupSize]).toEqual([4, 3]);
  });

  it.each([
    ['BN out eps=0', { eps: 0 }],
    ['BN out eps=1e-05', {}],
    ['BN out eps=1e-5 gamma=[1,2,.5,1] beta=[0,1,0,-1]', { gamma: GAMMA, beta: BETA }],
  ])('%s', (key, opts) => {
    assertClose(normalize(X, SHAPE, BN, opts).y, oracleList(key), { rel: 1e-9, abs: 1e-12 });
  });

  it('a constant column maps to 0 even with ε = 0', () => {
    const r = normalize(X, SHAPE, BN, { eps: 0 });
    for (let i = 0; i < 3; i++) expect(r.xhat[i * 4 + 1]).toBe(0);
  });

  it('running statistics after one step, PyTorch (momentum 0.1, unbiased) and Keras (0.99)', () => {
    const r = normalize(X, SHAPE, BN);
    const unbiased = Array.from(r.var, (v) => (v * r.groupSize) / (r.groupSize - 1));
    assertClose(unbiased, oracleList('BN unbiased var (per column)'), { rel: 1e-15 });
    const torch = updateRunningStats(initRunningStats(4), r.mean, r.var, r.groupSize);
    assertClose(torch.mean, oracleList('BN running_mean after 1 step (torch, m=0.1)'), { rel: 1e-15 });
    assertClose(torch.var, oracleList('BN running_var after 1 step (torch, m=0.1)'), { rel: 1e-15 });
    const keras = updateRunningStats(initRunningStats(4), r.mean, r.var, r.groupSize, { convention: 'keras' });
    assertClose(keras.mean, oracleList('BN running_mean after 1 step (keras, m=0.99)'), { rel: 1e-12 });
    // Keras stores the biased variance: 0.99·1 + 0.01·σ²_B.
    assertClose(
      keras.var,
      Array.from(r.var, (v) => 0.99 + 0.01 * v),
      { rel: 1e-15 },
    );
  });

  it('eval mode uses the running statistics and differs from train mode', () => {
    const r = normalize(X, SHAPE, BN);
    const running = updateRunningStats(initRunningStats(4), r.mean, r.var, r.groupSize);
    const ev = normalize(X, SHAPE, BN, { stats: running });
    assertClose(ev.y.subarray(0, 4), oracleList('BN eval row0 with those running stats'), { rel: 1e-9 });
    expect(Math.abs(ev.y[0] - r.y[0])).toBeGreaterThan(1);
  });

  it('running statistics converge to the population values over many steps', () => {
    let run = initRunningStats(4);
    const r = normalize(X, SHAPE, BN);
    for (let k = 0; k < 300; k++) run = updateRunningStats(run, r.mean, r.var, 3);
    assertClose(run.mean, r.mean, { rel: 1e-12 });
    assertClose(run.var, [4, 0, 4, 4], { rel: 1e-12, abs: 1e-12 });
  });

  it('refuses the unbiased update with one value per channel, as PyTorch does', () => {
    expect(() => updateRunningStats(initRunningStats(1), [0], [0], 1)).toThrow(/more than 1 value/);
  });
});

describe('LayerNorm and RMSNorm on the 3×4 batch (T6.5)', () => {
  it('row statistics', () => {
    const r = normalize(X, SHAPE, LN);
    assertClose(r.mean, oracleList('LN mean (per row)'), { rel: 1e-15 });
    assertClose(r.var, oracleList('LN var biased (per row)'), { rel: 1e-15 });
    expect(Array.from(r.group)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it.each([
    ['LN out eps=0', { eps: 0 }],
    ['LN out eps=1e-05', {}],
    ['LN out eps=1e-5 same gamma/beta', { gamma: GAMMA, beta: BETA }],
  ])('%s', (key, opts) => {
    assertClose(normalize(X, SHAPE, LN, opts).y, oracleList(key), { rel: 1e-9, abs: 1e-12 });
  });

  it('RMSNorm out eps=1e-5 (g=1)', () => {
    const r = normalize(X, SHAPE, RMS);
    assertClose(r.y, oracleList('RMSNorm out eps=1e-5 (g=1)'), { rel: 1e-9 });
    expect(Array.from(r.mean)).toEqual([0, 0, 0]);
    assertClose(r.var, [50 / 4, 18 / 4, 70 / 4], { rel: 1e-15 });
  });

  it.each([2, 8, 32, 128])('standard error of a batch mean, m = %d', (m) => {
    assertClose(batchMeanStd(m), oracle(`std of batch mean, unit-var feature, m=${m}`), { rel: 1e-12 });
  });
});

describe('image tensors [N, C, H, W]', () => {
  const shape = [2, 4, 3, 3];
  const rng = createRng(11);
  const x = Float64Array.from({ length: 2 * 4 * 9 }, () => 3 * rng.normal() + 1);
  const at = (n: number, c: number, h: number, w: number) => ((n * 4 + c) * 3 + h) * 3 + w;

  it('group indices: BN = c, LN = n, IN = n·C + c, GN = n·G + ⌊c/(C/G)⌋', () => {
    const expected: Record<NormKind, (n: number, c: number) => number> = {
      batch: (_n, c) => c,
      layer: (n) => n,
      rms: (n) => n,
      instance: (n, c) => n * 4 + c,
      group: (n, c) => n * 2 + Math.floor(c / 2),
    };
    for (const kind of NORM_KINDS) {
      const g = normGroups(shape, normSpec(kind, 4, { groups: 2 }));
      for (let n = 0; n < 2; n++)
        for (let c = 0; c < 4; c++)
          for (let h = 0; h < 3; h++)
            for (let w = 0; w < 3; w++) expect(g.group[at(n, c, h, w)], kind).toBe(expected[kind](n, c));
    }
  });

  it('BN per channel over (N, H, W) matches the formula written out', () => {
    const gamma = [1, 2, -1, 0.5];
    const beta = [0, 1, 2, 3];
    const r = normalize(x, shape, normSpec('batch', 4), { gamma, beta });
    for (let c = 0; c < 4; c++) {
      const vals: number[] = [];
      for (let n = 0; n < 2; n++) for (let k = 0; k < 9; k++) vals.push(x[(n * 4 + c) * 9 + k]);
      const mu = vals.reduce((s, v) => s + v, 0) / 18;
      const s2 = vals.reduce((s, v) => s + (v - mu) ** 2, 0) / 18;
      assertClose(r.mean[c], mu, { rel: 1e-12 });
      assertClose(r.var[c], s2, { rel: 1e-12 });
      for (let n = 0; n < 2; n++)
        for (let k = 0; k < 9; k++) {
          const i = (n * 4 + c) * 9 + k;
          assertClose(r.y[i], gamma[c] * ((x[i] - mu) / Math.sqrt(s2 + 1e-5)) + beta[c], { rel: 1e-12, abs: 1e-12 });
        }
    }
  });

  it('GroupNorm with G = 1 is LayerNorm and with G = C is InstanceNorm', () => {
    const gn1 = normalize(x, shape, normSpec('group', 4, { groups: 1 }));
    const ln = normalize(x, shape, normSpec('layer', 4));
    assertClose(gn1.y, ln.y, { rel: 1e-12, abs: 1e-12 });
    const gnC = normalize(x, shape, normSpec('group', 4, { groups: 4 }));
    const inst = normalize(x, shape, normSpec('instance', 4));
    assertClose(gnC.y, inst.y, { rel: 1e-12, abs: 1e-12 });
    expect(Array.from(gnC.group)).toEqual(Array.from(inst.group));
  });

  it('γ, β per channel or element-wise for LayerNorm', () => {
    const perChannel = normSpec('layer', 4, { layerParams: 'channel' });
    const gamma = [1, 2, 3, 4];
    const r = normalize(x, shape, perChannel, { gamma });
    const ew = normalize(x, shape, normSpec('layer', 4), {
      gamma: Array.from({ length: 36 }, (_, i) => gamma[Math.floor(i / 9)]),
    });
    assertClose(r.y, ew.y, { rel: 1e-15, abs: 1e-15 });
    expect(() => normalize(x, shape, normSpec('layer', 4), { gamma })).toThrow(/36 values/);
  });

  it('rejects groups that do not divide the channels and mismatched lengths', () => {
    expect(() => normGroups(shape, normSpec('group', 4, { groups: 3 }))).toThrow(RangeError);
    expect(() => normalize(x.subarray(1), shape, normSpec('batch', 4))).toThrow(RangeError);
    expect(() => normSpec('batch', 4, { channelAxis: 0 })).toThrow(RangeError);
    expect(() => normSpec('batch', 4, { channelAxis: 4 })).toThrow(RangeError);
  });

  it('text tensors [N, T, d]: BN over (N, T) per feature, LN per token over d', () => {
    const t = [2, 3, 6];
    const opts = { channelAxis: 2, batchAxes: [0, 1] };
    const bn = normGroups(t, normSpec('batch', 3, opts));
    const ln = normGroups(t, normSpec('layer', 3, opts));
    expect([bn.groupCount, bn.groupSize, ln.groupCount, ln.groupSize]).toEqual([6, 6, 6, 6]);
    expect(Array.from(ln.group.subarray(0, 12))).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(Array.from(bn.group.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
    // Without batchAxes, [N, T, d] LayerNorm would pool the whole sequence (the LN paper's CNN use).
    expect(normGroups(t, normSpec('layer', 3, { channelAxis: 2 })).groupCount).toBe(2);
    expect(() => normSpec('batch', 3, { channelAxis: 1, batchAxes: [0, 1] })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const shapes = fc.constantFrom<number[]>([3, 4], [5, 2], [2, 4, 2, 3], [3, 2, 3, 2], [2, 6, 1, 2]);
  const tensor = (shape: number[]) =>
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), {
      minLength: shape.reduce((p, s) => p * s, 1),
      maxLength: shape.reduce((p, s) => p * s, 1),
    });
  const seeded = { seed: 20240601, numRuns: 60 };

  it('LayerNorm is invariant to a positive per-sample scale and shift (ε scaled along)', () => {
    fc.assert(
      fc.property(
        shapes.chain((s) => fc.tuple(fc.constant(s), tensor(s))),
        fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 5, maxLength: 5 }),
        ([shape, xs], scale, shift) => {
          const per = xs.length / shape[0];
          const spec = normSpec('layer', shape.length);
          const moved = xs.map((v, i) => scale[Math.floor(i / per)] * v + shift[Math.floor(i / per)]);
          const a = normalize(xs, shape, spec, { eps: 0 });
          const b = normalize(moved, shape, spec, { eps: 0 });
          for (let n = 0; n < shape[0]; n++) {
            // Skip (numerically) constant samples, where x̂ is 0/0.
            if (a.var[n] < 1e-6) continue;
            for (let k = 0; k < per; k++) {
              const i = n * per + k;
              if (Math.abs(a.y[i] - b.y[i]) > 1e-8) return false;
            }
          }
          // With ε > 0 the identity holds when ε scales with the variance: LN(sx + t; s²ε) = LN(x; ε).
          const c = normalize(xs, shape, spec, { eps: 0.5 });
          const sameScale = xs.map((v) => scale[0] * v + shift[0]);
          const d = normalize(sameScale, shape, spec, { eps: 0.5 * scale[0] ** 2 });
          return c.y.every((v, i) => Math.abs(v - d.y[i]) <= 1e-9);
        },
      ),
      seeded,
    );
  });

  it('RMSNorm is invariant to positive scale but not to shift', () => {
    const r = normalize(X, SHAPE, RMS, { eps: 0 });
    const scaled = normalize(
      X.map((v) => 7 * v),
      SHAPE,
      RMS,
      { eps: 0 },
    );
    assertClose(scaled.y, r.y, { rel: 1e-14 });
    const shifted = normalize(
      X.map((v) => v + 1),
      SHAPE,
      RMS,
      { eps: 0 },
    );
    expect(Math.abs(shifted.y[0] - r.y[0])).toBeGreaterThan(0.01);
  });

  it('BN: each feature has mean β and variance γ²σ²/(σ²+ε) after normalising, from its own column only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer(), (N, D, seed) => {
        const rng = createRng(seed);
        const xs = Float64Array.from({ length: N * D }, () => rng.normal() * 4 + 2);
        const gamma = Array.from({ length: D }, () => rng.normal());
        const beta = Array.from({ length: D }, () => rng.normal());
        const r = normalize(xs, [N, D], BN, { gamma, beta });
        for (let j = 0; j < D; j++) {
          const col = Array.from({ length: N }, (_, i) => r.y[i * D + j]);
          const m = col.reduce((s, v) => s + v, 0) / N;
          const v = col.reduce((s, u) => s + (u - m) ** 2, 0) / N;
          const want = (gamma[j] ** 2 * r.var[j]) / (r.var[j] + 1e-5);
          if (Math.abs(m - beta[j]) > 1e-12 || Math.abs(v - want) > 1e-10 * Math.max(1, want)) return false;
          // Changing another column leaves this one's output alone.
          const other = Float64Array.from(xs);
          for (let i = 0; i < N; i++) for (let k = 0; k < D; k++) if (k !== j) other[i * D + k] += 100 * i;
          const r2 = normalize(other, [N, D], BN, { gamma, beta });
          for (let i = 0; i < N; i++) if (r2.y[i * D + j] !== r.y[i * D + j]) return false;
        }
        return true;
      }),
      seeded,
    );
  });

  it('group indices: two cells share a group iff their kept coordinates (and split blocks) agree', () => {
    const arb = fc
      .tuple(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom<NormKind>(...NORM_KINDS),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([shape, kind, gSel]) => {
        const C = shape[1];
        const divisors = Array.from({ length: C }, (_, i) => i + 1).filter((g) => C % g === 0);
        return { shape, kind, groups: divisors[gSel % divisors.length] };
      });
    fc.assert(
      fc.property(arb, ({ shape, kind, groups }) => {
        const spec = normSpec(kind, shape.length, { groups });
        const g = normGroups(shape, spec);
        const total = shape.reduce((p, s) => p * s, 1);
        const coords = (i: number) => {
          const c: number[] = [];
          for (let a = shape.length - 1; a >= 0; a--) {
            c[a] = i % shape[a];
            i = Math.floor(i / shape[a]);
          }
          return c;
        };
        const key = (i: number) =>
          coords(i)
            .map((v, a) => {
              if (spec.reduce.includes(a)) return '*';
              if (spec.split?.axis === a) return String(Math.floor(v / (shape[a] / spec.split.groups)));
              return String(v);
            })
            .join(',');
        const counts = new Array<number>(g.groupCount).fill(0);
        for (let i = 0; i < total; i++) {
          counts[g.group[i]]++;
          for (let j = 0; j < total; j++) if ((g.group[i] === g.group[j]) !== (key(i) === key(j))) return false;
        }
        return counts.every((c) => c === g.groupSize) && g.groupCount * g.groupSize === total;
      }),
      seeded,
    );
  });
});

describe('sampleRows (batch-size demo)', () => {
  it('draws distinct rows reproducibly', () => {
    const pool = Float64Array.from({ length: 20 * 2 }, (_, i) => Math.floor(i / 2));
    const a = sampleRows(pool, 20, 2, 8, createRng(3));
    const b = sampleRows(pool, 20, 2, 8, createRng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
    const rows = new Set(Array.from({ length: 8 }, (_, i) => a[2 * i]));
    expect(rows.size).toBe(8);
    for (let i = 0; i < 8; i++) expect(a[2 * i + 1]).toBe(a[2 * i]);
  });
});

describe('the engine behind the kinds', () => {
  it('GroupNorm becomes the engine spec [N, G, C/G, H, W] with C/G reduced and γ over (G, C/G)', () => {
    expect(toNormSpec([2, 6, 3, 3], normSpec('group', 4, { groups: 3 }))).toEqual({
      shape: [2, 3, 2, 3, 3],
      statAxes: [3, 4, 2],
      paramAxes: [1, 2],
      center: true,
    });
    expect(toNormSpec([3, 4], normSpec('rms', 2))).toEqual({
      shape: [3, 4],
      statAxes: [1],
      paramAxes: [1],
      center: false,
    });
  });

  it('running statistics are returned fresh unless updated in place', () => {
    const run = initRunningStats(2);
    const next = updateRunningStats(run, [1, 2], [4, 4], 5);
    expect(next).not.toBe(run);
    expect([Array.from(run.mean), Array.from(run.var)]).toEqual([
      [0, 0],
      [1, 1],
    ]);
    assertClose(next.var, [0.9 + 0.1 * 5, 0.9 + 0.1 * 5], { rel: 1e-15 });
  });

  it.each(NORM_KINDS)('%s: the engine backward on the kind plan matches finite differences', (kind) => {
    const shape = [2, 4, 3, 2];
    const plan = normPlan(shape, normSpec(kind, 4, { groups: 2 }));
    const rng = createRng(90 + NORM_KINDS.indexOf(kind));
    const x = Float64Array.from({ length: plan.size }, () => 2 * rng.normal() + 0.5);
    const gamma = Float64Array.from({ length: plan.params }, () => 1 + 0.5 * rng.normal());
    const beta = Float64Array.from({ length: plan.params }, () => rng.normal());
    const c = Float64Array.from({ length: plan.size }, () => rng.normal());
    const cache = createNormCache(plan);
    const y = new Float64Array(plan.size);
    const loss = () => {
      normForward(plan, x, 1e-5, gamma, plan.center ? beta : null, y, cache);
      return y.reduce((acc, v, i) => acc + c[i] * v, 0);
    };
    // The kind plan's forward is normalize()'s.
    loss();
    const ref = normalize(x, shape, normSpec(kind, 4, { groups: 2 }), { gamma, beta: plan.center ? beta : 0 });
    expect(Array.from(y)).toEqual(Array.from(ref.y));
    const dx = normBackward(plan, c, gamma, cache, new Float64Array(plan.size));
    for (let i = 0; i < plan.size; i++) {
      assertClose(dx[i], centralDiff(x, i, loss), { rel: 1e-6, abs: 1e-7 }, `${kind} dx[${i}]`);
    }
  });
});
