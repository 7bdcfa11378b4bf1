import { ACTIVATIONS, type ActivationName } from './activations.ts';

/** The scalar chain x_l = φ(w_l x_{l−1} + b_l), l = 1..L, and its derivative by the chain rule. */
export interface ChainResult {
  /** z_1..z_L. */
  readonly z: number[];
  /** x_1..x_L. */
  readonly x: number[];
  /** Local factors w_l φ'(z_l). */
  readonly factors: number[];
  /** Running products ∂x_l/∂x_0 = ∏_{k≤l} w_k φ'(z_k), l = 1..L. */
  readonly running: number[];
  /** ∂x_L/∂x_0 (1 for L = 0). */
  readonly product: number;
  /** log10 |∂x_L/∂x_0|, finite where the product underflows. */
  readonly log10AbsProduct: number;
}

/**
 * Forward and backward through a scalar chain. `ws` and `bs` have one entry per layer
 * (a number is used for every layer); the depth is the length of the array given.
 */
export function chainProduct(
  ws: readonly number[] | number,
  bs: readonly number[] | number,
  x0: number,
  act: ActivationName,
  depth = Array.isArray(ws) ? ws.length : Array.isArray(bs) ? bs.length : 1,
): ChainResult {
  const { f, df } = ACTIVATIONS[act];
  const at = (v: readonly number[] | number, l: number) => (typeof v === 'number' ? v : v[l]);
  const z: number[] = [];
  const x: number[] = [];
  const factors: number[] = [];
  const running: number[] = [];
  let xl = x0;
  let p = 1;
  let lg = 0;
  for (let l = 0; l < depth; l++) {
    const w = at(ws, l);
    const zl = w * xl + at(bs, l);
    xl = f(zl);
    const k = w * df(zl);
    p *= k;
    lg += Math.log10(Math.abs(k));
    z.push(zl);
    x.push(xl);
    factors.push(k);
    running.push(p);
  }
  return { z, x, factors, running, product: p, log10AbsProduct: lg };
}
