import { createMlp, sampleInput } from '../../core/mlp.ts';
import {
  linearResidualGradNorms,
  log10PlainProduct,
  log10ResidualProduct,
  pathShareUpTo,
  pathWeights,
} from '../../core/residual.ts';

/**
 * Residual paths: the scalar picture j^L against (1 + j)^L, a real random network (linear blocks
 * h + W h with W ∼ N(0, j²/n), so each block's Jacobian has gain |j|) measured beside it, and
 * Veit et al.'s path view (which lengths carry the gradient). Pure; every number from src/core.
 */

/** Width and batch of the measured network: small enough to rerun on every slider step. */
export const NET_WIDTH = 64;
export const NET_BATCH = 2;

export interface Curves {
  /** log10 |j|^k and log10 |1 + j|^k for k = 0..L blocks traversed. */
  plain: number[];
  residual: number[];
  /** Random-direction residual theory: log10 (1 + j²)^{k/2}. */
  residualRandom: number[];
}

export function curves(j: number, L: number): Curves {
  const ks = Array.from({ length: L + 1 }, (_, k) => k);
  return {
    plain: ks.map((k) => (k === 0 ? 0 : log10PlainProduct(j, k))),
    residual: ks.map((k) => (k === 0 ? 0 : log10ResidualProduct(j, k))),
    // E‖(I + W)ᵀg‖² = (1 + j²)‖g‖² for W with i.i.d. N(0, j²/n) entries, independent of g.
    residualRandom: ks.map((k) => 0.5 * k * Math.log10(1 + j * j)),
  };
}

interface Weights {
  seed: number;
  /** The plain stack's measured gains at branch gain 1, k = 0..MAX_BLOCKS (see measure). */
  plainAtOne: number[];
  /** W₀ of blocks 1..MAX_BLOCKS. */
  base: Float64Array[];
  /** ∂L/∂h at the output: the network's random projection r (its loss is r·h_L). */
  dOut: Float64Array;
  /** Workspaces for |j|·W₀ of the blocks in use. */
  scaled: Float64Array[];
}

/** The deepest stack; a shallower one of L blocks uses the last L of these blocks. */
export const MAX_BLOCKS = 100;

const netConfig = (depth: number, seed: number) =>
  ({
    depth,
    width: NET_WIDTH,
    batch: NET_BATCH,
    activation: 'linear',
    init: 'heNormal',
    gain: 1,
    seed,
    stats: false,
  }) as const;

/**
 * A measurer that keeps its weights between calls. Returns, for k = 0..L blocks traversed,
 * log10(‖∂L/∂h_{L−k}‖/‖∂L/∂h_L‖) of a plain and a residual random linear network with branch
 * gain |j| (−Infinity where the gradient is exactly 0). One draw of W₀ for 100 blocks serves
 * every depth: an L-block network is the last L blocks, so a deeper stack extends a shallower
 * one. W = |j|·W₀. The blocks are linear, so the backward pass needs no forward values: each
 * step runs the residual network's backward pass through its L blocks and nothing else
 * (linearResidualGradNorms, which the tests hold to createMlp's numbers bit for bit).
 */
export function createMeasurer(): (j: number, L: number, seed: number) => { plain: number[]; residual: number[] } {
  let weights: Weights | null = null;
  let last: { j: number; L: number; seed: number; residual: number[] } | null = null;
  return (j, L, seed) => {
    if (!weights || weights.seed !== seed) {
      weights = drawWeights(seed);
      last = null;
    }
    if (!last || last.j !== j || last.L !== L) last = { j, L, seed, residual: measureResidual(weights, j, L) };
    // A linear plain stack with W = a·W₀ passes back exactly a^k times what it passes at a = 1.
    const a = Math.abs(j);
    const lgA = Math.log10(a);
    const plain = weights.plainAtOne.slice(0, L + 1).map((v, k) => (k === 0 ? 0 : a === 0 ? -Infinity : v + k * lgA));
    return { plain, residual: last.residual };
  };
}

function drawWeights(seed: number): Weights {
  const x = sampleInput(NET_BATCH, NET_WIDTH, seed);
  const plain = createMlp(netConfig(MAX_BLOCKS, seed));
  const stats = plain.run(x);
  return {
    seed,
    plainAtOne: gains(stats.gradNorm, MAX_BLOCKS),
    base: plain.weights.map((w) => Float64Array.from(w)),
    // The projection loss's gradient is r whatever the forward pass gave.
    dOut: Float64Array.from(plain.lossGrad()),
    scaled: [],
  };
}

/** Gains through the last L blocks of a network with gradient norms g[0..D], k = 0..L blocks traversed. */
function gains(g: ArrayLike<number>, L: number): number[] {
  const D = g.length - 1;
  const out = g[D];
  return Array.from({ length: L + 1 }, (_, k) => {
    const v = g[D - k];
    if (v === 0) return -Infinity;
    if (!Number.isFinite(v)) return Infinity;
    return Math.log10(v) - Math.log10(out);
  });
}

/** The residual stack (I + a·W₀) of the last L blocks has to run again for every a. */
function measureResidual(w: Weights, j: number, L: number): number[] {
  const a = Math.abs(j);
  const blocks = w.base.slice(MAX_BLOCKS - L).map((src, i) => {
    const dst = (w.scaled[i] ??= new Float64Array(src.length));
    for (let e = 0; e < dst.length; e++) dst[e] = a * src[e];
    return dst;
  });
  return gains(linearResidualGradNorms(blocks, NET_BATCH, NET_WIDTH, w.dOut), L);
}

export interface PathView {
  /** Share of the 2^L paths that have length k (Binomial(L, ½)). */
  count: number[];
  /** Share of the gradient that paths of length k carry, C(L,k)|j|^k / (1 + |j|)^L. */
  gradient: number[];
  /** Shortest length K such that paths of length ≤ K carry half of the gradient. */
  halfGradientUpTo: number;
  /** Share of all paths with length ≤ that K. */
  pathShareOfHalf: number;
}

export function paths(j: number, L: number): PathView {
  const w = pathWeights(L, j);
  const c = pathWeights(L, 1);
  const sw = w.reduce((s, v) => s + v, 0);
  const sc = c.reduce((s, v) => s + v, 0);
  const gradient = w.map((v) => v / sw);
  let acc = 0;
  let half = L;
  for (let k = 0; k <= L; k++) {
    acc += gradient[k];
    if (acc >= 0.5) {
      half = k;
      break;
    }
  }
  return { count: c.map((v) => v / sc), gradient, halfGradientUpTo: half, pathShareOfHalf: pathShareUpTo(L, half) };
}
