import { dsigmoid, sigmoid } from '../../core/activations.ts';
import { expectedSigmoidDerivative, saturationFraction } from '../../core/gaussianSaturation.ts';
import { createMlp, sampleInput, type Mlp } from '../../core/mlp.ts';
import { sigmoidSaturationThreshold } from '../../core/saturation.ts';
import type { Norm, Weights } from './state.ts';

/**
 * Activations layer by layer in a deep sigmoid network fed N(μ, s²) inputs, without
 * normalisation, with BatchNorm and with LayerNorm (γ, β shared by all units). Forward only:
 * where does each layer's activation input u_l fall on the sigmoid? Every value from the core's
 * MLP; u_l is read back from h_l = σ(u_l) as logit(h_l), exact where it matters (|u| ≤ 20).
 */
export const WIDTH = 64;
export const BATCH = 32;
/** The u-axis drawn; values beyond fall into the edge bins. */
export const U_DOMAIN = [-12, 12] as const;
export const BINS = 48;
/** σ′(u) < 0.01 beyond |u| = 4.58486. */
export const SAT_LEVEL = 0.01;
export const SAT_U = sigmoidSaturationThreshold(SAT_LEVEL);

export interface NormConfig {
  mu: number;
  s: number;
  norm: Norm;
  gamma: number;
  beta: number;
  w: Weights;
  L: number;
}

export interface LayerStats {
  /** Histogram of u_l over U_DOMAIN (BINS counts; the outer bins collect everything beyond). */
  hist: number[];
  /** Fraction of units with σ′(u) < 0.01. */
  saturated: number;
  /** Mean of σ′(u) = h(1 − h): the layer's average local slope. */
  meanSlope: number;
  mean: number;
  std: number;
}

export interface NormResult {
  layers: LayerStats[];
  /** For normalised nets: what a Gaussian N(β, γ²) predicts (brief T4.3), else null. */
  gaussian: { saturated: number; meanSlope: number } | null;
}

/** logit(h) = u for h = σ(u); ±Infinity when h rounds to 0 or 1. */
export function logit(h: number): number {
  return Math.log(h) - Math.log1p(-h);
}

/** A runner that keeps its network between calls (only the shape rebuilds it). */
export function createNormRunner(): (c: NormConfig) => NormResult {
  let net: { key: string; mlp: Mlp } | null = null;
  // N(μ, s²) inputs are μ + s·z for one fixed draw z ~ N(0, 1): the same numbers sampleInput
  // gives for (μ, s), without drawing 2 048 normals again at every step of a slider.
  const z = sampleInput(BATCH, WIDTH, 7);
  const x = new Float64Array(z.length);
  let inKey = '';
  return (c) => {
    const key = `${c.norm}|${c.w}|${c.L}`;
    if (!net || net.key !== key) {
      net = {
        key,
        mlp: createMlp({
          depth: c.L,
          width: WIDTH,
          batch: BATCH,
          activation: 'sigmoid',
          init: c.w === 'xavier' ? 'xavierNormal' : 'normal',
          norm: c.norm === 'bn' ? 'batchNorm' : c.norm === 'ln' ? 'layerNorm' : 'none',
          saturationLevel: SAT_LEVEL,
          quantileProbs: [], // the figure reads mean, std and saturation only
          seed: 7,
        }),
      };
    }
    const k = `${c.mu}|${c.s}`;
    if (inKey !== k) {
      inKey = k;
      for (let e = 0; e < z.length; e++) x[e] = c.mu + c.s * z[e];
    }
    const { mlp } = net;
    for (let i = 0; i < c.L; i++) {
      mlp.gammas[i].fill(c.gamma);
      mlp.betas[i].fill(c.beta);
    }
    mlp.forward(x);
    const layers = mlp.activations
      .slice(1)
      .map((h, i) => describeLayer(h, mlp.stats.saturated[i], mlp.stats.preMean[i], mlp.stats.preStd[i]));
    const gaussian =
      c.norm === 'none'
        ? null
        : {
            saturated: saturationFraction(c.gamma, c.beta, SAT_U),
            meanSlope: expectedSigmoidDerivative(c.gamma, c.beta),
          };
    return { layers, gaussian };
  };
}

function describeLayer(h: Float64Array, saturated: number, mean: number, std: number): LayerStats {
  const hist = new Array<number>(BINS).fill(0);
  const [lo, hi] = U_DOMAIN;
  const w = (hi - lo) / BINS;
  let slope = 0;
  for (let e = 0; e < h.length; e++) {
    const v = h[e];
    slope += v * (1 - v);
    const u = logit(v);
    const b = u <= lo ? 0 : u >= hi ? BINS - 1 : Math.min(BINS - 1, Math.floor((u - lo) / w));
    hist[b]++;
  }
  return { hist, saturated, meanSlope: slope / h.length, mean, std };
}

/** Samples of σ and σ′ over the u-axis, for the curve panel. */
export function sigmoidCurve(n = 241): { u: number; f: number; df: number }[] {
  const [lo, hi] = U_DOMAIN;
  return Array.from({ length: n }, (_, i) => {
    const u = lo + ((hi - lo) * i) / (n - 1);
    return { u, f: sigmoid(u), df: dsigmoid(u) };
  });
}
