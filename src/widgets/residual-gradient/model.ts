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

interface Pair {
  seed: number;
  /** The plain stack's measured gains at branch gain 1 (see measurePair). */
  plainAtOne: number[];
  residual: Mlp;
  base: Float64Array[];
  x: Float64Array;
}
/** The deepest stack measured; a shallower one is read off its last L blocks. */
export const MAX_BLOCKS = 100;

/**
 * A measurer that keeps its networks between calls. Returns, for k = 0..L blocks traversed,
 * log10(‖∂L/∂h_{N−k}‖/‖∂L/∂h_N‖) of a plain and a residual random linear network with branch
 * gain |j| (−Infinity where the gradient is exactly 0). The blocks are linear, so the backward
 * pass does not depend on the forward values: the last L of N = 100 blocks are an L-block
 * network, and changing L never rebuilds anything. W = |j|·W₀, so moving j only rescales.
 */
export function createMeasurer(): (j: number, L: number, seed: number) => { plain: number[]; residual: number[] } {
  let pair: Pair | null = null;
  let last: { j: number; seed: number; plain: number[]; residual: number[] } | null = null;
  return (j, L, seed) => {
    if (!pair || pair.seed !== seed) pair = buildPair(seed);
    if (!last || last.j !== j || last.seed !== seed) last = { j, seed, ...measurePair(pair, j) };
    return { plain: last.plain.slice(0, L + 1), residual: last.residual.slice(0, L + 1) };
  };
}

function buildPair(seed: number): Pair {
  const L = MAX_BLOCKS;
  const cfg = {
    depth: L,
    width: NET_WIDTH,
    batch: NET_BATCH,
    activation: 'linear',
    init: 'heNormal',
    gain: 1,
    seed,
    stats: false,
  } as const;
  const x = sampleInput(NET_BATCH, NET_WIDTH, seed);
  // Same W₀ for both stacks (same seed), so they differ only by the identity path.
  const plainAtOne = gains(createMlp(cfg), x, L);
  const residual = createMlp({ ...cfg, residual: true });
  const base = residual.weights.map((w) => Float64Array.from(w));
  return { seed, plainAtOne, residual, base, x };
}

function gains(net: Mlp, x: Float64Array, L: number): number[] {
  const g = net.run(x).gradNorm;
  const out = g[L];
  return Array.from({ length: L + 1 }, (_, k) => {
    const v = g[L - k];
    if (v === 0) return -Infinity;
    if (!Number.isFinite(v)) return Infinity;
    return Math.log10(v) - Math.log10(out);
  });
}

function measurePair(p: Pair, j: number): { plain: number[]; residual: number[] } {
  const a = Math.abs(j);
  // A linear plain stack with W = a·W₀ passes back exactly a^k times what it passes at a = 1, so
  // its run at gain 1 is reused; the residual stack (I + a·W₀) has to run again.
  const lgA = Math.log10(a);
  const plain = p.plainAtOne.map((v, k) => (k === 0 ? 0 : a === 0 ? -Infinity : v + k * lgA));
  p.residual.weights.forEach((w, i) => {
    const b = p.base[i];
    for (let e = 0; e < w.length; e++) w[e] = a * b[e];
  });
  return { plain, residual: gains(p.residual, p.x, MAX_BLOCKS) };
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
