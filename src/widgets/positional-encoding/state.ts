import { num } from '../../lib/state/schema.ts';

/**
 * d: d_model (even, so every sine has its cosine); n: positions shown; p: the chosen position;
 * k: the offset for the rotation and the similarity.
 */
export const schema = {
  d: num(64, 4, 128, 2),
  n: num(64, 8, 128, 1),
  p: num(10, 0, 127, 1),
  k: num(4, 0, 64, 1),
};
