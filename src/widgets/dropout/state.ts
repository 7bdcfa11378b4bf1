import { choice, flag, num, numbers } from '../../lib/state/schema.ts';

export const MODES = ['train', 'eval'] as const;

/**
 * pdrop: the drop probability p_drop (PyTorch's p, Keras's rate; p_keep = 1 − p_drop); mask: the
 * current mask m (1 = kept), which the reader toggles or samples; mode: training or inference;
 * bug: also scale at inference under inverted dropout (the double-scaling bug, shown as a warning).
 */
export const schema = {
  pdrop: num(0.2, 0, 0.9, 0.05),
  mask: numbers([1, 0, 1, 1], { min: 0, max: 1, step: 1, minLength: 4, maxLength: 4 }),
  mode: choice(MODES, 'train'),
  bug: flag(false),
};
