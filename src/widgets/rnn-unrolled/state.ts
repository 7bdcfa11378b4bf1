import { choice, flag, num } from '../../lib/state/schema.ts';

export const ACTS = ['tanh', 'sigmoid', 'relu', 'linear'] as const;
export type RnnAct = (typeof ACTS)[number];

/**
 * T: steps unrolled; g: gain = spectral radius (and spectral norm) of the orthogonal W_hh;
 * act: φ; u: input scale (W_xh entries N(0, u²)); clip: clip-by-norm on; tau: its threshold;
 * k: the step inspected; seed: weights and input sequence.
 */
export const schema = {
  T: num(30, 2, 100, 1),
  g: num(0.9, 0.3, 1.6, 0.01),
  act: choice(ACTS, 'tanh'),
  u: num(1, 0, 3, 0.1),
  clip: flag(false),
  tau: num(1, 0.1, 10, 0.1),
  k: num(0, 0, 100, 1),
  seed: num(1, 1, 99, 1),
};
