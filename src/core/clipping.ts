import { norm } from './vec.ts';

/**
 * Gradient clipping. Clipping acts on the parameter update only: it cannot bring a
 * vanished gradient back (brief T2), it only caps exploding ones.
 */

export interface ClipByNormOptions {
  /**
   * Added to the norm in the ratio, as PyTorch's `clip_grad_norm_` does (1e-6 there).
   * Default 0, the textbook g·min(1, c/‖g‖).
   */
  eps?: number;
}

/** The factor min(1, c/(‖g‖ + eps)) that clip-by-norm multiplies the whole gradient by. */
export function clipScale(gradNorm: number, c: number, eps = 0): number {
  const s = c / (gradNorm + eps);
  return s < 1 ? s : 1;
}

/**
 * g ← g·min(1, c/‖g‖) (Pascanu et al. 2013): keeps the direction, caps the length at c.
 * If some entries are ±Infinity the norm is unrepresentable; the limit of the formula is
 * then used (length c along the signs of the infinite entries) instead of ∞·0 = NaN.
 */
export function clipByNorm(
  g: ArrayLike<number>,
  c: number,
  { eps = 0 }: ClipByNormOptions = {},
  out: Float64Array = new Float64Array(g.length),
): Float64Array {
  const n = norm(g);
  if (n === Infinity) {
    let inf = 0;
    for (let i = 0; i < g.length; i++) if (Math.abs(g[i]) === Infinity) inf++;
    // With no infinite entry the norm was Infinity because of a NaN: nothing sensible to return.
    const v = inf > 0 ? c / Math.sqrt(inf) : NaN;
    for (let i = 0; i < g.length; i++) out[i] = Math.abs(g[i]) === Infinity ? Math.sign(g[i]) * v : inf > 0 ? 0 : NaN;
    return out;
  }
  const s = clipScale(n, c, eps);
  for (let i = 0; i < g.length; i++) out[i] = g[i] * s;
  return out;
}

/** gᵢ ← min(max(gᵢ, −c), c): element-wise, which changes the direction (the seed's "[−5, 5]"). */
export function clipByValue(
  g: ArrayLike<number>,
  c: number,
  out: Float64Array = new Float64Array(g.length),
): Float64Array {
  for (let i = 0; i < g.length; i++) {
    const v = g[i];
    out[i] = v > c ? c : v < -c ? -c : v;
  }
  return out;
}

/** The global norm over several parameter tensors, √(Σₖ ‖gₖ‖²), as clip_grad_norm_ computes it. */
export function globalNorm(gs: readonly ArrayLike<number>[]): number {
  let acc = 0;
  for (const g of gs) acc = Math.hypot(acc, norm(g));
  return acc;
}
