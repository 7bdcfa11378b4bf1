import { outputSize } from './outputSize.ts';

/** Max and average pooling of a single-channel H × W grid (row-major), and global pooling per channel. */

export type PoolOp = 'max' | 'avg';

export interface PoolOptions {
  /** Window size k (square). */
  k: number;
  /** Stride s (default k: non-overlapping windows). */
  s?: number;
  /** Padding p on every side (default 0); PyTorch allows at most ⌊k/2⌋. */
  p?: number;
  op?: PoolOp;
  /** ceil_mode: keep a last, partial window (default false). */
  ceil?: boolean;
  /**
   * avg only: count padded zeros in the divisor (PyTorch's count_include_pad, default true). Max
   * pooling never sees padding: it pads with −∞.
   */
  countIncludePad?: boolean;
}

export interface PoolResult {
  readonly y: Float64Array;
  readonly outH: number;
  readonly outW: number;
  /**
   * max: flat input index r·W + c of each output's maximum (the first in row-major order on ties,
   * as PyTorch); avg: −1. For hover highlighting.
   */
  readonly argmax: Int32Array;
}

/** An output cell's input window: rows r0 ≤ r < r1, columns c0 ≤ c < c1, clipped to the real input. */
export interface PoolWindow {
  readonly r0: number;
  readonly r1: number;
  readonly c0: number;
  readonly c1: number;
  /** The avg divisor: the window's area inside the padded input (or its real cells without count_include_pad). */
  readonly divisor: number;
}

/** The input window R_{i,j} = {(i·s − p + a, j·s − p + b) : 0 ≤ a, b < k} of output (i, j), clipped. */
export function poolWindow(i: number, j: number, H: number, W: number, options: PoolOptions): PoolWindow {
  const { k, s = k, p = 0, countIncludePad = true } = options;
  const hs = i * s - p;
  const ws = j * s - p;
  // Like PyTorch: the divisor counts padding but not the overhang past it (ceil mode).
  const he = Math.min(hs + k, H + p);
  const we = Math.min(ws + k, W + p);
  const padded = (he - hs) * (we - ws);
  const r0 = Math.max(hs, 0);
  const c0 = Math.max(ws, 0);
  const r1 = Math.min(he, H);
  const c1 = Math.min(we, W);
  return { r0, r1, c0, c1, divisor: countIncludePad ? padded : (r1 - r0) * (c1 - c0) };
}

/** y_{i,j} = max or mean over R_{i,j}; output size ⌊(H + 2p − k)/s⌋ + 1 per side (⌈·⌉ in ceil mode). */
export function pool2d(
  A: ArrayLike<number>,
  H: number,
  W: number,
  options: PoolOptions,
  out?: Float64Array,
  argmaxOut?: Int32Array,
): PoolResult {
  const { k, s = k, p = 0, op = 'max', ceil = false } = options;
  if (A.length !== H * W) throw new RangeError('A is not H × W');
  if (!(Number.isInteger(p) && p >= 0 && 2 * p <= k)) {
    throw new RangeError(`padding ${p} must be at most half the window ${k}`);
  }
  const outH = outputSize(H, k, s, p, 1, ceil);
  const outW = outputSize(W, k, s, p, 1, ceil);
  const n = outH * outW;
  const y = out ?? new Float64Array(n);
  const argmax = argmaxOut ?? new Int32Array(n);
  if (y.length < n || argmax.length < n) throw new RangeError('output buffers are too small');
  for (let i = 0; i < outH; i++) {
    for (let j = 0; j < outW; j++) {
      const w = poolWindow(i, j, H, W, options);
      const o = i * outW + j;
      if (op === 'max') {
        let best = -Infinity;
        let at = -1;
        for (let r = w.r0; r < w.r1; r++) {
          for (let c = w.c0; c < w.c1; c++) {
            const v = A[r * W + c];
            // NaN propagates, as in PyTorch.
            if (v > best || Number.isNaN(v) || at < 0) {
              best = v;
              at = r * W + c;
              if (Number.isNaN(v)) break;
            }
          }
          if (Number.isNaN(best)) break;
        }
        y[o] = best;
        argmax[o] = at;
      } else {
        let sum = 0;
        for (let r = w.r0; r < w.r1; r++) for (let c = w.c0; c < w.c1; c++) sum += A[r * W + c];
        y[o] = sum / w.divisor;
        argmax[o] = -1;
      }
    }
  }
  return { y, outH, outW, argmax };
}

/**
 * Global pooling of a C × H × W tensor: one value per channel (y_c = max or mean over h, w),
 * with the flat index (within the channel) of each maximum; −1 for avg.
 */
export function globalPool(
  A: ArrayLike<number>,
  C: number,
  H: number,
  W: number,
  op: PoolOp,
): { y: Float64Array; argmax: Int32Array } {
  const hw = H * W;
  if (A.length !== C * hw) throw new RangeError('A is not C × H × W');
  const y = new Float64Array(C);
  const argmax = new Int32Array(C).fill(-1);
  for (let c = 0; c < C; c++) {
    const base = c * hw;
    if (op === 'max') {
      let best = A[base];
      let at = 0;
      for (let k = 1; k < hw; k++) {
        if (A[base + k] > best) {
          best = A[base + k];
          at = k;
        }
      }
      y[c] = best;
      argmax[c] = at;
    } else {
      let sum = 0;
      for (let k = 0; k < hw; k++) sum += A[base + k];
      y[c] = sum / hw;
    }
  }
  return { y, argmax };
}
