import { num } from '../../lib/state/schema.ts';

/** lg: log10 |g| of the gradient; eps: log10 ε of Adam's denominator (default 10⁻⁸, PyTorch/Keras-style). */
export const schema = {
  lg: num(-6, -12, 2, 0.1),
  eps: num(-8, -12, -4, 0.5),
};
