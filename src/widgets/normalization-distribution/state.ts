import { choice, num } from '../../lib/state/schema.ts';

export const NORMS = ['none', 'bn', 'ln'] as const;
export type Norm = (typeof NORMS)[number];
/** xavier: N(0, 2/(n_in + n_out)); normal: N(0, 1), far too large for a width-64 layer. */
export const WEIGHTS = ['xavier', 'normal'] as const;
export type Weights = (typeof WEIGHTS)[number];

/**
 * The input batch is N(mu, s²); every layer is z = W h + b → (normalise, then γ·x̂ + β) → σ.
 * `layer` is the layer inspected in the left panel.
 */
export const schema = {
  mu: num(0, -5, 5, 0.1),
  s: num(1, 0.1, 10, 0.1),
  norm: choice(NORMS, 'none'),
  gamma: num(1, 0, 5, 0.05),
  beta: num(0, -5, 5, 0.1),
  w: choice(WEIGHTS, 'xavier'),
  L: num(8, 1, 20, 1),
  layer: num(1, 1, 20, 1),
};
