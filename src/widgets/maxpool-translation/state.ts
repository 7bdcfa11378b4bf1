import { choice, num } from '../../lib/state/schema.ts';

export const VIEWS = ['2d', '1d'] as const;
export const IMAGES = ['shape', 'dot', 'A'] as const;
export type ImageId = (typeof IMAGES)[number];
export const KERNELS = ['blur', 'edge', 'id'] as const;
export type KernelId = (typeof KERNELS)[number];
export const MODES = ['circ', 'zero'] as const;
export type ShiftMode2 = (typeof MODES)[number];
export const SIGNALS = ['bump', 'spike'] as const;
export type SignalId = (typeof SIGNALS)[number];
export const KERNELS_1D = ['121', 'none'] as const;
export type Kernel1d = (typeof KERNELS_1D)[number];

export const MAX_SHIFT = 6;

/**
 * view: the 2-D image or the 1-D strip. 2-D: img, the 3×3 kernel kern, the shift (dx, dy) in
 * pixels, circular or zero-fill shifting and padding (mode), max-pool window k and stride s.
 * 1-D: the signal sig, its kernel k1 and the circular shift t.
 */
export const schema = {
  view: choice(VIEWS, '2d'),
  img: choice(IMAGES, 'shape'),
  kern: choice(KERNELS, 'blur'),
  dx: num(0, -MAX_SHIFT, MAX_SHIFT, 1),
  dy: num(0, -MAX_SHIFT, MAX_SHIFT, 1),
  mode: choice(MODES, 'circ'),
  k: num(2, 2, 3, 1),
  s: num(2, 1, 3, 1),
  sig: choice(SIGNALS, 'bump'),
  k1: choice(KERNELS_1D, '121'),
  t: num(0, 0, 7, 1),
};
