import { choice, num } from '../../lib/state/schema.ts';

export const CELLS = ['lstm', 'gru'] as const;
export type Cell = (typeof CELLS)[number];
export const WEIGHTS = ['seeded', 'example'] as const;
export type Weights = (typeof WEIGHTS)[number];

/**
 * cell: LSTM or GRU; T: sequence length; t: the step shown; b: the LSTM's forget-gate bias
 * (the GRU's update-gate bias); conv, reset: the GRU's conventions; w: seeded weights or the
 * text's worked example (its own biases); seed: weights and inputs.
 */
export const schema = {
  cell: choice(CELLS, 'lstm'),
  T: num(24, 2, 60, 1),
  t: num(6, 1, 60, 1),
  b: num(1, -3, 5, 0.1),
  conv: choice(['A', 'B'] as const, 'A'),
  reset: choice(['before', 'after'] as const, 'before'),
  w: choice(WEIGHTS, 'seeded'),
  seed: num(1, 1, 99, 1),
};
