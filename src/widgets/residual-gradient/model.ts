import { createMlp, sampleInput, type Mlp } from '../../core/mlp.ts';
import { log10PlainProduct, log10ResidualProduct, pathShareUpTo, pathWeights } from '../../core/residual.ts';

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
  x: Float64Array;
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
 * A measurer that keeps its networks between calls. Returns, for k = 0..L blocks traversed,
 * log10(‖∂L/∂h_{L−k}‖/‖∂L/∂h_L‖) of a plain and a residual random linear network with branch
 * gain |j| (−Infinity where the gradient is exactly 0). One draw of W₀ for 100 blocks serves
 * every depth: an L-block network is the last L blocks (its backward pass, being linear, does
 * not depend on the forward values), so a deeper stack extends a shallower one. W = |j|·W₀.
 * The residual network is built once per seed at full depth; for L blocks the first 100 − L
 * have W = 0, which makes them exact identities (h + 0·h, no bias, linear), so it measures
 * the same numbers as an L-block network without building one on every step of the L slider
 * (sampling 100 × 64 × 64 weights took ≈ 15 ms, a dropped frame per step).
 */
export function createMeasurer(): (j: number, L: number, seed: number) => { plain: number[]; residual: number[] } {
  let weights: Weights | null = null;
  let net: Mlp | null = null;
  let last: { j: number; L: number; seed: number; residual: number[] } | null = null;
  return (j, L, seed) => {
    if (!weights || weights.seed !== seed) {
      weights = drawWeights(seed);
      last = null;
    }
    if (!net || net.config.seed !== seed) net = createMlp({ ...netConfig(MAX_BLOCKS, seed), residual: true });
    if (!last || last.j !== j || last.L !== L) last = { j, L, seed, residual: measureResidual(net, weights, j, L) };
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
  return { seed, plainAtOne: gains(plain, x, MAX_BLOCKS), base: plain.weights.map((w) => Float64Array.from(w)), x };
}

/** Gains through the last L blocks of `net`, k = 0..L blocks traversed from its output. */
function gains(net: Mlp, x: Float64Array, L: number): number[] {
  const g = net.run(x).gradNorm;
  const D = net.config.depth;
  const out = g[D];
  return Array.from({ length: L + 1 }, (_, k) => {
    const v = g[D - k];
    if (v === 0) return -Infinity;
    if (!Number.isFinite(v)) return Infinity;
    return Math.log10(v) - Math.log10(out);
  });
}

/**
 * The residual stack (I + a·W₀) of the last L blocks has to run again for every a. `net` has
 * MAX_BLOCKS blocks; the first MAX_BLOCKS − L get W = 0 and pass their input through unchanged.
 */
function measureResidual(net: Mlp, w: Weights, j: number, L: number): number[] {
  const a = Math.abs(j);
  const skip = MAX_BLOCKS - L;
  net.weights.forEach((dst, i) => {
    if (i < skip) {
      dst.fill(0);
      return;
    }
    const src = w.base[i];
    for (let e = 0; e < dst.length; e++) dst[e] = a * src[e];
  });
  return gains(net, w.x, L);
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
