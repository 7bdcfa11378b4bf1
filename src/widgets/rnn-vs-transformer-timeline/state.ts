import { num } from '../../lib/state/schema.ts';

/**
 * n: tokens to encode; L: layers; g: tokens to generate; t: the clock (ticks elapsed, one
 * layer application per tick on the critical path); d: model width and nc: sequence length
 * for the operation counts.
 */
export const schema = {
  n: num(8, 2, 64, 1),
  L: num(6, 1, 12, 1),
  g: num(4, 1, 32, 1),
  t: num(0, 0, 400, 1),
  d: num(512, 64, 2048, 64),
  nc: num(100, 16, 8192, 1),
};
