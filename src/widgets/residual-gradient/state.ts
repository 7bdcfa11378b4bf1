import { num } from '../../lib/state/schema.ts';

/** j: the per-block Jacobian gain; L: the number of blocks; seed: the random network's weights. */
export const schema = {
  j: num(0.5, -1, 1, 0.01),
  L: num(10, 1, 100, 1),
  seed: num(1, 1, 9999, 1),
};
