import { createMlp, sampleInput, type Mlp, type MlpConfig, type MlpNorm } from '../../core/mlp.ts';
import { gradProfile, meanField } from '../../core/meanField.ts';
import {
  BAND_PROBS,
  CORE_INIT,
  SATURATION_LEVEL,
  coreAct,
  configKey,
  lgRatio,
  sigmaW2Of,
  theoryApplies,
} from './model.ts';
import type { DepthConfig, DepthResult } from './model.ts';
import { schema, type Init, type Norm } from './state.ts';

/**
 * The part of the gradient-depth model that computes: the MLP and the mean-field prediction
 * from src/core, so it lives apart from model.ts. The Web Worker imports it; the page imports it
 * only if no worker can start (and the server, for the first paint). Keeping it out of the
 * page's static imports saves ≈ 7 KB gzip on every page that shows this widget.
 */

const CORE_NORM: Record<Norm, MlpNorm> = { none: 'none', bn: 'batchNorm', ln: 'layerNorm' };

export function mlpConfig(c: DepthConfig, maxDepth = c.L): MlpConfig {
  return {
    depth: c.L,
    maxDepth,
    width: c.n,
    batch: c.B,
    activation: coreAct(c.act),
    init: CORE_INIT[c.init],
    norm: CORE_NORM[c.norm],
    residual: c.res,
    clip: { mode: c.clip, threshold: 10 ** c.lgc },
    seed: c.seed,
    saturationLevel: SATURATION_LEVEL,
    quantileProbs: BAND_PROBS,
  };
}

/**
 * Networks (with their input) kept between runs, one per shape apart from the depth: a depth-L
 * net is the first L layers of a deeper one with the same seed (MlpConfig.maxDepth), so moving
 * the depth slider re-samples nothing, and a new seed or init only re-samples the weights.
 */
export interface NetCache {
  get(c: DepthConfig): { mlp: Mlp; x: Float64Array };
}

export function createNetCache(max = 3): NetCache {
  const nets = new Map<string, { mlp: Mlp; x: Float64Array; seed: number; init: Init }>();
  return {
    get(c) {
      const shape = [c.act, c.norm, c.res, c.clip, c.clip === 'none' ? 0 : c.lgc, c.n, c.B].join('|');
      let e = nets.get(shape);
      if (!e || e.mlp.config.maxDepth < c.L) {
        // Room for twice the depth it outgrew (up to the slider's end): a sweep up the slider
        // builds about log₂ L networks, not L, and none holds more than twice the layers it runs.
        const grown = e ? Math.min(schema.L.max, 2 * e.mlp.config.maxDepth) : c.L;
        const mlp = createMlp(mlpConfig(c, Math.max(c.L, grown)));
        e = { mlp, x: sampleInput(c.B, c.n, c.seed), seed: c.seed, init: c.init };
        if (!nets.has(shape) && nets.size >= max) nets.delete(nets.keys().next().value as string);
      } else if (e.seed !== c.seed || e.init !== c.init) {
        e.mlp.reinit({ seed: c.seed, init: CORE_INIT[c.init] });
        sampleInput(c.B, c.n, c.seed, 0, 1, e.x);
        e.seed = c.seed;
        e.init = c.init;
      }
      e.mlp.setDepth(c.L);
      // Most recently used last.
      nets.delete(shape);
      nets.set(shape, e);
      return { mlp: e.mlp, x: e.x };
    },
  };
}

/**
 * Mean-field results memoised per (activation, σ_w²), run once at the slider's largest depth:
 * the fixed point and the per-layer χ are the slow part (quadrature) and neither depends on the
 * depth, and a shallower net's profile is `gradProfile` over the first L of the same χ (bit for
 * bit what `meanField` at depth L gives), so a depth sweep runs no quadrature at all.
 */
const theoryMemo = new Map<string, { chi: number[]; chiStarSqrt: number | null }>();
export function theoryFor(c: DepthConfig): { lg: number[]; chiStarSqrt: number | null } | null {
  if (!theoryApplies(c)) return null;
  const sw2 = sigmaW2Of(c);
  const key = `${c.act}|${sw2}`;
  let t = theoryMemo.get(key);
  if (!t || t.chi.length < c.L) {
    // The input is N(0, 1), so layer 1's pre-activations have variance q₁ = σ_w²·1.
    const mf = meanField(coreAct(c.act), sw2, sw2, Math.max(c.L, schema.L.max));
    t = { chi: mf.chi, chiStarSqrt: mf.qStar === null && !isReluLike(c.act) ? null : Math.sqrt(mf.chiStar) };
    if (theoryMemo.size > 64) theoryMemo.clear();
    theoryMemo.set(key, t);
  }
  return { lg: gradProfile(t.chi, c.L).log10GradRatio, chiStarSqrt: t.chiStarSqrt };
}

const isReluLike = (a: DepthConfig['act']): boolean => a === 'relu' || a === 'leakyRelu';

/** Runs one configuration and reads out everything the view needs. */
export function computeDepth(c: DepthConfig, cache: NetCache = createNetCache(1)): DepthResult {
  const { mlp, x } = cache.get(c);
  const s = mlp.run(x);
  const L = c.L;
  const out = s.gradNorm[L];
  const lgGrad = Array.from(s.gradNorm, (g) => lgRatio(g, out));
  const lastW = s.weightGradNormRaw[L - 1];
  const theory = theoryFor(c);
  return {
    key: configKey(c),
    config: { ...c },
    L,
    clip: c.clip,
    lgGrad,
    gradOverflow: Array.from(s.gradOverflow, (v) => v === 1),
    theory: theory ? theory.lg : null,
    chiStarSqrt: theory ? theory.chiStarSqrt : null,
    lgWeight: Array.from(s.weightGradNorm, (w) => lgRatio(w, lastW)),
    hq: Array.from(s.actQuantiles),
    uq: Array.from(s.preQuantiles),
    saturated: Array.from(s.saturated),
    overflow: Array.from(s.overflow, (v) => v === 1),
    firstOverflow: s.firstOverflow,
    overflowed: s.overflowed,
    outGrad: out,
    totalGradNorm: s.totalGradNorm,
    clipScale: s.clipScale,
    clipThreshold: 10 ** c.lgc,
  };
}
