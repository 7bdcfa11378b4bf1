import { divergingBinner, divergingColors, sqrtBinner, type Binner } from '../../lib/chart/cells.ts';

/** Attention weights: 0 … 1 on a square-root scale, plus one hatched bin for masked cells. */
export const WEIGHT_BINS = 17;
export const MASKED_BIN = WEIGHT_BINS;

export function weightColors(hatchId: string): string[] {
  const out: string[] = [];
  for (let b = 0; b < WEIGHT_BINS; b++) {
    // A faint tint even at 0 so empty cells still read as cells.
    const p = Math.round(6 + (94 * b) / (WEIGHT_BINS - 1));
    out.push(p >= 100 ? 'var(--dl-series-1)' : `color-mix(in oklab, var(--dl-series-1) ${p}%, var(--dl-surface))`);
  }
  out.push(`url(#${hatchId})`);
  return out;
}

/** Bins for an n×n weight matrix; masked entries (j > i under the causal mask) get the hatch. */
export function weightBinner(n: number, causal: boolean): Binner {
  // The binner describes itself, so the canvas painter bins a whole map in one loop.
  return causal ? sqrtBinner(WEIGHT_BINS, { n, bin: MASKED_BIN }) : sqrtBinner(WEIGHT_BINS);
}

/** Signed matrices (Q, K, V, O, W^O): orange below 0, blue above, 7 levels each way. */
export const SIGNED_LEVELS = 7;
export const SIGNED_COLORS = divergingColors(SIGNED_LEVELS);
export const signedBinner = (limit: number): Binner => divergingBinner(SIGNED_LEVELS, limit);

/** Legend stops for the weight scale (values, placed on the square-root scale). */
export const WEIGHT_TICKS = [0, 0.05, 0.25, 0.5, 1];
