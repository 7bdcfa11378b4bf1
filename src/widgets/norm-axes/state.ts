import type { NormKind } from '../../core/normAxes.ts';
import { choice, num } from '../../lib/state/schema.ts';

/**
 * The core's NORM_KINDS, spelled out here (a test keeps them equal): the registry, and with it
 * the <dl-widget> entry script, loads every schema, and importing the constant from
 * core/normAxes.ts would move that whole module into the entry.
 */
export const KINDS = ['batch', 'layer', 'instance', 'group', 'rms'] as const satisfies readonly NormKind[];

export const VIEWS = ['matrix', 'image', 'text'] as const;
export type View = (typeof VIEWS)[number];
export const MODES = ['train', 'eval'] as const;
export const GROUPS = ['1', '2', '4'] as const;

/** Largest mini-batch drawn from the row pool in the matrix view. */
export const MAX_BATCH = 16;
export const MAX_DRAW = 999;

/**
 * kind: which normalisation; view: the N×D matrix, an image tensor N×C×H×W or a text tensor N×T×d;
 * m: mini-batch size (matrix view); draw: which random mini-batch (0: the first m rows, the brief's
 * 3×4 batch for m = 3), also the number of training steps before it; mode: train (batch
 * statistics) or eval (BatchNorm's running statistics); G: GroupNorm's groups; at: the selected cell.
 */
export const schema = {
  kind: choice(KINDS, 'batch'),
  view: choice(VIEWS, 'matrix'),
  m: num(3, 1, MAX_BATCH, 1),
  draw: num(0, 0, MAX_DRAW, 1),
  mode: choice(MODES, 'train'),
  G: choice(GROUPS, '2'),
  at: num(0, 0, 71, 1),
};
