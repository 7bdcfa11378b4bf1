import { choice, flag, num, type StateOf } from '../../lib/state/schema.ts';

export const ACTS = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'gelu'] as const;
export type Act = (typeof ACTS)[number];
/** normal: N(0, 1); small: N(0, 0.01²); xavier: N(0, 2/(n_in + n_out)); he: N(0, 2/n_in). */
export const INITS = ['normal', 'small', 'xavier', 'he'] as const;
export type Init = (typeof INITS)[number];
export const NORMS = ['none', 'bn', 'ln'] as const;
export type Norm = (typeof NORMS)[number];
export const CLIPS = ['none', 'norm', 'value'] as const;
export type Clip = (typeof CLIPS)[number];
/** What the distribution panel shows: the layer outputs h_l or the activation inputs u_l. */
export const DISTS = ['h', 'u'] as const;
export type Dist = (typeof DISTS)[number];

/**
 * Configuration A (act, init, norm, res, clip) and, in A/B mode, configuration B (the same keys
 * prefixed with b); depth, width, batch, clip threshold and seed are shared so that the two
 * differ only in what the reader chose to compare.
 */
export const schema = {
  act: choice(ACTS, 'sigmoid'),
  init: choice(INITS, 'xavier'),
  norm: choice(NORMS, 'none'),
  res: flag(false),
  clip: choice(CLIPS, 'none'),
  L: num(30, 1, 100, 1),
  n: num(64, 8, 256, 8),
  B: num(16, 1, 64, 1),
  /** log10 of the clipping threshold c. */
  lgc: num(0, -3, 3, 0.25),
  seed: num(1, 1, 9999, 1),
  ab: flag(false),
  bact: choice(ACTS, 'relu'),
  binit: choice(INITS, 'he'),
  bnorm: choice(NORMS, 'none'),
  bres: flag(false),
  bclip: choice(CLIPS, 'none'),
  dist: choice(DISTS, 'h'),
};

export type DepthState = StateOf<typeof schema>;
