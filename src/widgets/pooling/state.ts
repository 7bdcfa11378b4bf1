import { choice, flag, num, numbers } from '../../lib/state/schema.ts';

/** The brief's 4×4 input (T9.5), rows top to bottom. */
export const ORACLE_A = [1, 3, 2, 1, 4, 2, 0, 1, 1, 1, 5, 6, 0, 2, 7, 3] as const;

export const OPS = ['max', 'avg'] as const;
export type PoolingOp = (typeof OPS)[number];

export const MAX_SIDE = 8;

/**
 * A: the input grid, row-major, H × W; op: max or average; g: global pooling (one value for the
 * whole map); k, s, p: window,
 * stride, padding; ceil: ceil_mode; cip: count_include_pad (avg with padding); at: the output
 * cell whose window is shown (−1: none).
 */
export const schema = {
  A: numbers(ORACLE_A, { min: -99, max: 99, step: 0.1, minLength: 1, maxLength: MAX_SIDE * MAX_SIDE }),
  H: num(4, 1, MAX_SIDE, 1),
  W: num(4, 1, MAX_SIDE, 1),
  op: choice(OPS, 'max'),
  g: flag(false),
  k: num(2, 1, 4, 1),
  s: num(2, 1, 4, 1),
  p: num(0, 0, 2, 1),
  ceil: flag(false),
  cip: flag(true),
  at: num(-1, -1, 80, 1),
};
