import { choice, flag, num, text } from '../../lib/state/schema.ts';

export const HEAD_COUNTS = ['1', '2', '4', '8'] as const;
export type HeadCount = (typeof HEAD_COUNTS)[number];

/**
 * s: the sentence ('' = the page language's example); h: heads; dk: per-head query/key
 * width; sc: divide by √d_k; c: causal mask; pe: add the sinusoidal positional encoding;
 * hd: the head shown large; q: the pinned query row (−1: none, the most decisive row is
 * explained); seed: of the random projections.
 */
export const schema = {
  s: text('', 600),
  h: choice(HEAD_COUNTS, '1'),
  dk: num(64, 1, 64, 1),
  sc: flag(true),
  c: flag(false),
  pe: flag(true),
  hd: num(0, 0, 7, 1),
  q: num(-1, -1, 63, 1),
  seed: num(1, 1, 999, 1),
};
