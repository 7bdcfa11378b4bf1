import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { ACTIVATIONS } from './activations.ts';
import { globalNorm } from './clipping.ts';
import { fillNormal, sigmaW2 } from './init.ts';
import { matmulTransB } from './matrix.ts';
import { meanField } from './meanField.ts';
import { CLIP_MODES, MLP_NORMS, createMlp, sampleInput, type Mlp, type MlpConfig, type MlpStats } from './mlp.ts';
import { quantiles } from './quantile.ts';
import { createRng } from './rng.ts';
import { norm } from './vec.ts';

const input = (batch: number, width: number, seed = 3, mean = 0, std = 1) => sampleInput(batch, width, seed, mean, std);

/** ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖, the quantity the depth widget plots at the bottom layer. */
const ratio = (s: MlpStats, L: number) => s.gradNorm[0] / s.gradNorm[L];

function allNumeric(s: MlpStats): boolean {
  for (const v of Object.values(s)) {
    if (typeof v === 'number' && Number.isNaN(v)) return false;
    if (v instanceof Float64Array && v.some((x) => Number.isNaN(x))) return false;
  }
  return true;
}

describe('sampleInput', () => {
  it('is seeded, on its own stream, with the requested moments', () => {
    const a = sampleInput(4, 5, 9, 2, 3);
    expect(Array.from(sampleInput(4, 5, 9, 2, 3))).toEqual(Array.from(a));
    const big = sampleInput(100, 100, 1, 2, 3);
    const m = big.reduce((p, v) => p + v, 0) / big.length;
    expect(Math.abs(m - 2)).toBeLessThan(0.2);
    // Not the normals createRng(seed) would give (which the weights' stream must not share either).
    expect(sampleInput(1, 3, 9)[0]).not.toBe(fillNormal(new Float64Array(1), createRng(9))[0]);
  });
});

describe('the regimes of T1/T2 on a real network', () => {
  it('ReLU + He keeps the gradient norm (ratio near 1); ReLU + Xavier halves the squared norm per layer', () => {
    for (const seed of [1, 2, 3]) {
      const he = createMlp({ depth: 20, width: 256, batch: 8, activation: 'relu', init: 'heNormal', seed });
      const r = ratio(he.run(input(8, 256, seed)), 20);
      expect(r).toBeGreaterThan(0.5);
      expect(r).toBeLessThan(2);
      const xav = createMlp({ depth: 20, width: 256, batch: 8, activation: 'relu', init: 'xavierNormal', seed });
      const rx = ratio(xav.run(input(8, 256, seed)), 20);
      // Theory 0.5^10 ≈ 9.8e-4.
      expect(rx).toBeGreaterThan(9.8e-4 / 3);
      expect(rx).toBeLessThan(9.8e-4 * 3);
    }
  });

  it('sigmoid + Xavier vanishes at any seed (theory √χ ≈ 0.236 per layer)', () => {
    for (const seed of [1, 2, 3]) {
      const m = createMlp({ depth: 20, width: 128, batch: 8, activation: 'sigmoid', init: 'xavierNormal', seed });
      const s = m.run(input(8, 128, seed));
      expect(ratio(s, 20)).toBeLessThan(1e-9);
      // Monotone decay towards the input, layer by layer.
      for (let l = 0; l < 20; l++) expect(s.gradNorm[l]).toBeLessThan(s.gradNorm[l + 1]);
    }
  });

  it('tanh + He follows the mean-field profile (q_l and the gradient ratio per layer)', () => {
    const L = 10;
    const width = 256;
    const m = createMlp({ depth: L, width, batch: 16, activation: 'tanh', init: 'heNormal', seed: 4 });
    const x = input(16, width, 4);
    const s = m.run(x);
    const sw2 = sigmaW2('heNormal', width, width);
    const v = x.reduce((a, b) => a + b * b, 0) / x.length;
    const mf = meanField('tanh', sw2, sw2 * v, L);
    for (let i = 0; i < L; i++) {
      expect(Math.abs(s.preStd[i] ** 2 / mf.q[i] - 1)).toBeLessThan(0.1);
    }
    for (let l = 0; l <= L; l++) {
      expect(Math.abs(Math.log10(s.gradNorm[l] / s.gradNorm[L] / mf.gradRatio[l]))).toBeLessThan(0.05);
    }
  });

  it('a deep plain BatchNorm net explodes at initialisation (Yang et al. 2019); residual blocks tame it', () => {
    const cfg: MlpConfig = {
      depth: 50,
      width: 128,
      batch: 32,
      activation: 'relu',
      init: 'heNormal',
      norm: 'batchNorm',
    };
    const plain = ratio(createMlp(cfg).run(input(32, 128)), 50);
    expect(plain).toBeGreaterThan(100);
    const res = ratio(createMlp({ ...cfg, init: 'xavierNormal', residual: true }).run(input(32, 128)), 50);
    expect(res).toBeLessThan(plain);
  });

  it('N(0, 1) weights explode and N(0, 0.01²) vanish, even with ReLU', () => {
    const big = createMlp({ depth: 10, width: 64, batch: 4, activation: 'relu', init: 'normal' }).run(input(4, 64));
    expect(ratio(big, 10)).toBeGreaterThan(1e6);
    const small = createMlp({ depth: 10, width: 64, batch: 4, activation: 'relu', init: 'small' }).run(input(4, 64));
    expect(ratio(small, 10)).toBeLessThan(1e-6);
  });
});

describe('residual identity', () => {
  it.each(['tanh', 'relu', 'gelu'] as const)(
    'with F ≡ 0 (zero weights) the gradient passes unchanged: %s',
    (activation) => {
      const m = createMlp({ depth: 7, width: 5, batch: 3, activation, residual: true });
      m.weights.forEach((w) => w.fill(0));
      const x = input(3, 5);
      const out = m.forward(x);
      expect(Array.from(out)).toEqual(Array.from(x));
      const dOut = input(3, 5, 9);
      const dx = m.backward(dOut);
      expect(Array.from(dx)).toEqual(Array.from(dOut));
      for (let l = 0; l <= 7; l++) expect(m.stats.gradNorm[l]).toBe(norm(dOut));
    },
  );
  it('with zero-initialised γ after BatchNorm (Goyal et al.) F ≡ 0 as well', () => {
    const m = createMlp({ depth: 5, width: 6, batch: 4, activation: 'tanh', residual: true, norm: 'batchNorm' });
    m.gammas.forEach((g) => g.fill(0));
    const x = input(4, 6);
    expect(Array.from(m.forward(x))).toEqual(Array.from(x));
    const dOut = input(4, 6, 8);
    expect(Array.from(m.backward(dOut))).toEqual(Array.from(dOut));
  });
});

describe('clipping acts on parameter gradients only', () => {
  const base: MlpConfig = {
    depth: 6,
    width: 16,
    batch: 4,
    activation: 'tanh',
    init: 'heNormal',
    norm: 'layerNorm',
    seed: 5,
  };
  const x = input(4, 16);
  const ref = createMlp({ ...base, keepGrads: true }).run(x);

  it('by norm: activation gradients unchanged, weight gradients scaled by c/‖g‖, global norm = c', () => {
    const c = ref.totalGradNorm / 10;
    const m = createMlp({ ...base, keepGrads: true, clip: { mode: 'norm', threshold: c } });
    const s = m.run(x);
    assertClose(s.gradNorm, ref.gradNorm, { rel: 0 });
    assertClose(s.clipScale, c / ref.totalGradNorm, { rel: 1e-12 });
    assertClose(
      s.weightGradNorm,
      ref.weightGradNorm.map((v) => v / 10),
      { rel: 1e-12 },
    );
    const g = m.grads;
    if (!g) throw new Error('grads');
    assertClose(globalNorm([...g.weights, ...g.biases, ...g.gammas, ...g.betas]), c, { rel: 1e-12 });
    g.weights.forEach((w, i) => assertClose(norm(w), s.weightGradNorm[i], { rel: 1e-12 }));
    // Under the threshold nothing changes.
    const loose = createMlp({ ...base, clip: { mode: 'norm', threshold: 10 * ref.totalGradNorm } }).run(x);
    expect(loose.clipScale).toBe(1);
    assertClose(loose.weightGradNorm, ref.weightGradNorm, { rel: 1e-9 });
  });

  it('by value: every entry in [−c, c], reported norms are those of the clipped tensors', () => {
    const c = 0.01;
    for (const keepGrads of [true, false]) {
      const m = createMlp({ ...base, keepGrads, clip: { mode: 'value', threshold: c } });
      const s = m.run(x);
      assertClose(s.gradNorm, ref.gradNorm, { rel: 0 });
      if (keepGrads) {
        const g = m.grads;
        if (!g) throw new Error('grads');
        for (const a of [...g.weights, ...g.biases, ...g.gammas, ...g.betas])
          for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(c);
        g.weights.forEach((w, i) => assertClose(norm(w), s.weightGradNorm[i], { rel: 1e-12 }));
      }
      assertClose(s.weightGradNormRaw, ref.weightGradNormRaw, { rel: 1e-9 });
      for (let i = 0; i < 6; i++) expect(s.weightGradNorm[i]).toBeLessThanOrEqual(s.weightGradNormRaw[i]);
    }
  });
});

describe('statistics', () => {
  it('the Gram-matrix weight-gradient norm equals the norm of the formed gradient', () => {
    for (const kind of ['none', 'batchNorm', 'layerNorm', 'rmsNorm'] as const) {
      const cfg: MlpConfig = { depth: 5, width: 24, batch: 7, activation: 'gelu', norm: kind, residual: true, seed: 6 };
      const x = input(7, 24);
      const a = createMlp(cfg).run(x);
      const m = createMlp({ ...cfg, keepGrads: true });
      const b = m.run(x);
      assertClose(a.weightGradNormRaw, b.weightGradNormRaw, { rel: 1e-9 });
      m.grads?.weights.forEach((w, i) => assertClose(norm(w), b.weightGradNormRaw[i], { rel: 1e-12 }));
    }
  });

  it('quantiles, mean, std and saturation describe the actual layers', () => {
    const B = 6;
    const n = 20;
    const m = createMlp({ depth: 4, width: n, batch: B, activation: 'sigmoid', init: 'normal', seed: 7 });
    const x = input(B, n, 7, 0.5, 2);
    const s = m.run(x);
    const P = s.probs.length;
    expect(Array.from(s.probs)).toEqual([0.05, 0.25, 0.5, 0.75, 0.95]);
    for (let l = 0; l <= 4; l++) {
      const h = m.activations[l];
      assertClose(s.actQuantiles.subarray(l * P, (l + 1) * P), quantiles(h, s.probs), { rel: 1e-15 });
      const mean = h.reduce((a, b) => a + b, 0) / h.length;
      assertClose(s.actMean[l], mean, { rel: 1e-12 });
      assertClose(s.actStd[l], Math.sqrt(h.reduce((a, b) => a + (b - mean) ** 2, 0) / h.length), { rel: 1e-12 });
    }
    for (let i = 0; i < 4; i++) {
      // No normalisation: u = h W^T + b, recomputed here.
      const u = matmulTransB(m.activations[i], m.weights[i], B, n, n);
      assertClose(s.preQuantiles.subarray(i * P, (i + 1) * P), quantiles(u, s.probs), { rel: 1e-12 });
      const sat = u.filter((v) => ACTIVATIONS.sigmoid.df(v) < 0.01).length / u.length;
      expect(s.saturated[i]).toBe(sat);
    }
    // N(0,1) weights on 20 sigmoid outputs: u has std ≈ √(20·E[σ²]) ≈ 3, so ~10 % sit beyond |u| > 4.585.
    expect(s.saturated[1]).toBeGreaterThan(0.05);
  });

  it('with no quantile probabilities, mean, std and saturation are those of the default network', () => {
    const cfg = { depth: 5, width: 24, batch: 8, activation: 'sigmoid', init: 'normal', seed: 3 } as const;
    const x = input(8, 24, 3, -0.5, 3);
    const all = createMlp(cfg).run(x);
    const none = createMlp({ ...cfg, quantileProbs: [] }).run(x);
    expect(none.probs.length).toBe(0);
    expect(none.actQuantiles.length).toBe(0);
    for (const k of ['actMean', 'actStd', 'preMean', 'preStd', 'saturated'] as const)
      expect(Array.from(none[k])).toEqual(Array.from(all[k]));
  });

  it('ReLU counts its inactive half as "saturated" (φ′ = 0)', () => {
    const s = createMlp({ depth: 3, width: 128, batch: 16, activation: 'relu', init: 'heNormal' }).run(input(16, 128));
    for (let i = 0; i < 3; i++) expect(Math.abs(s.saturated[i] - 0.5)).toBeLessThan(0.05);
  });

  it('are reproducible, and reinit re-samples without new buffers', () => {
    const cfg: MlpConfig = { depth: 5, width: 12, batch: 3, activation: 'tanh', seed: 11 };
    const x = input(3, 12);
    const m = createMlp(cfg);
    const a = Float64Array.from(m.run(x).gradNorm);
    const stats = m.stats;
    const w0 = m.weights[0];
    expect(Array.from(createMlp(cfg).run(x).gradNorm)).toEqual(Array.from(a));
    m.reinit({ seed: 12 });
    expect(Array.from(m.run(x).gradNorm)).not.toEqual(Array.from(a));
    m.reinit({ seed: 11 });
    expect(Array.from(m.run(x).gradNorm)).toEqual(Array.from(a));
    expect(m.stats).toBe(stats);
    expect(m.weights[0]).toBe(w0);
    m.reinit({ init: 'heNormal' });
    expect(m.config.gain).toBe(Math.SQRT2);
  });

  it('the losses: a fixed random projection, or ½‖h_L‖²', () => {
    const m = createMlp({ depth: 2, width: 4, batch: 2, activation: 'tanh' });
    m.forward(input(2, 4, 1));
    const g1 = Float64Array.from(m.lossGrad());
    m.forward(input(2, 4, 2));
    expect(Array.from(m.lossGrad())).toEqual(Array.from(g1));
    const q = createMlp({ depth: 2, width: 4, batch: 2, activation: 'tanh', loss: 'halfSquaredNorm' });
    const out = q.forward(input(2, 4, 1));
    expect(Array.from(q.lossGrad())).toEqual(Array.from(out));
    assertClose(q.loss(), 0.5 * out.reduce((a, b) => a + b * b, 0), { rel: 1e-14 });
  });
});

describe('overflow shows as Infinity with a flag, never NaN', () => {
  it('forward overflow flags the layer and everything downstream', () => {
    const m = createMlp({ depth: 6, width: 8, batch: 4, activation: 'linear', init: 'normal', gain: 1e80 });
    const s = m.run(input(4, 8));
    expect(s.firstOverflow).toBeGreaterThan(0);
    expect(s.firstOverflow).toBeLessThanOrEqual(5);
    expect(s.overflowed).toBe(true);
    for (let l = s.firstOverflow; l <= 6; l++) expect(s.overflow[l]).toBe(1);
    for (let l = 0; l < s.firstOverflow; l++) expect(s.overflow[l]).toBe(0);
    expect(Array.from(s.gradNorm).every((v) => v === Infinity)).toBe(true);
    expect(Array.from(s.gradOverflow).every((v) => v === 1)).toBe(true);
    expect(allNumeric(s)).toBe(true);
  });

  it('backward-only overflow flags the lower layers', () => {
    const m = createMlp({
      depth: 12,
      width: 8,
      batch: 2,
      activation: 'linear',
      init: 'xavierNormal',
      gain: 30,
      seed: 2,
    });
    m.forward(input(2, 8));
    expect(m.stats.firstOverflow).toBe(-1);
    const dOut = input(2, 8, 5).map((v) => v * 1e295);
    m.backward(dOut);
    const s = m.stats;
    expect(s.gradOverflow[12]).toBe(0);
    expect(s.gradOverflow[0]).toBe(1);
    expect(s.gradNorm[0]).toBe(Infinity);
    expect(s.overflowed).toBe(true);
    expect(allNumeric(s)).toBe(true);
  });

  it('clipping an overflowed gradient stays NaN-free', () => {
    for (const mode of ['norm', 'value'] as const) {
      const m = createMlp({
        depth: 4,
        width: 8,
        batch: 2,
        activation: 'linear',
        init: 'normal',
        gain: 1e120,
        clip: { mode, threshold: 1 },
      });
      const s = m.run(input(2, 8));
      expect(allNumeric(s)).toBe(true);
    }
  });
});

describe('configuration', () => {
  it('rejects bad shapes, names and inputs', () => {
    const ok: MlpConfig = { depth: 2, width: 3, batch: 2, activation: 'relu' };
    expect(() => createMlp({ ...ok, depth: 0 })).toThrow(RangeError);
    expect(() => createMlp({ ...ok, width: 2.5 })).toThrow(RangeError);
    expect(() => createMlp({ ...ok, activation: 'swish' as never })).toThrow(RangeError);
    expect(() => createMlp({ ...ok, norm: 'groupNorm' as never })).toThrow(RangeError);
    expect(() => createMlp({ ...ok, clip: { mode: 'norm', threshold: 0 } })).toThrow(RangeError);
    expect(() => createMlp(ok).forward(new Float64Array(5))).toThrow(RangeError);
    expect(() => createMlp(ok).backward(new Float64Array(5))).toThrow(RangeError);
    expect(() => createMlp({ ...ok, maxDepth: 1 })).toThrow(RangeError);
    expect(() => createMlp({ ...ok, maxDepth: 3.5 })).toThrow(RangeError);
    const m = createMlp({ ...ok, maxDepth: 4 });
    for (const d of [0, 5, 1.5, NaN]) expect(() => m.setDepth(d)).toThrow(RangeError);
  });
  it('a batch of one under BatchNorm outputs β (no variance to normalise) without NaN', () => {
    const s = createMlp({ depth: 3, width: 4, batch: 1, activation: 'tanh', norm: 'batchNorm' }).run(input(1, 4));
    expect(allNumeric(s)).toBe(true);
    expect(s.gradNorm[0]).toBe(0);
  });
});

/** Everything a pass exposes, as plain arrays, to compare two networks exactly. */
function snapshot(m: Mlp) {
  const plain = (list: readonly ArrayLike<number>[]) => list.map((a) => Array.from(a));
  return {
    config: { ...m.config, maxDepth: 0 },
    stats: Object.fromEntries(
      Object.entries(m.stats).map(([k, v]) => [k, typeof v === 'object' ? Array.from(v as ArrayLike<number>) : v]),
    ),
    weights: plain(m.weights),
    biases: plain(m.biases),
    gammas: plain(m.gammas),
    betas: plain(m.betas),
    activations: plain(m.activations),
    grads: m.grads && {
      weights: plain(m.grads.weights),
      biases: plain(m.grads.biases),
      gammas: plain(m.grads.gammas),
      betas: plain(m.grads.betas),
    },
  };
}

describe('maxDepth and setDepth: one network for every depth up to its own', () => {
  it('at any depth, in any order, it is exactly the network built at that depth', () => {
    fc.assert(
      fc.property(
        fc.record({
          activation: fc.constantFrom('tanh', 'relu', 'sigmoid', 'linear'),
          norm: fc.constantFrom(...MLP_NORMS),
          residual: fc.boolean(),
          clip: fc.constantFrom(...CLIP_MODES).map((mode) => ({ mode, threshold: 0.5 })),
          loss: fc.constantFrom('randomProjection', 'halfSquaredNorm'),
          keepGrads: fc.boolean(),
          stats: fc.boolean(),
          init: fc.constantFrom('xavierNormal', 'heNormal', 'normal'),
          seed: fc.integer({ min: 1, max: 999 }),
        }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        (c, maxDepth, depths) => {
          const base = { ...c, width: 5, batch: 3 } as Omit<MlpConfig, 'depth'>;
          const x = input(3, 5, c.seed);
          const deep = createMlp({ ...base, depth: Math.min(depths[0], maxDepth), maxDepth });
          for (const d of depths.map((v) => Math.min(v, maxDepth))) {
            deep.setDepth(d);
            deep.run(x);
            const direct = createMlp({ ...base, depth: d });
            direct.run(x);
            expect(snapshot(deep)).toEqual(snapshot(direct));
            expect(deep.config.depth).toBe(d);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
  it('reinit re-samples every allocated layer, so a later setDepth still matches', () => {
    const cfg: MlpConfig = { depth: 2, maxDepth: 5, width: 4, batch: 2, activation: 'tanh', seed: 3 };
    const m = createMlp(cfg);
    m.reinit({ seed: 8, init: 'heNormal' });
    m.setDepth(5);
    m.run(input(2, 4));
    const direct = createMlp({ ...cfg, depth: 5, maxDepth: 5, seed: 8, init: 'heNormal' });
    direct.run(input(2, 4));
    expect(snapshot(m)).toEqual(snapshot(direct));
  });
});
