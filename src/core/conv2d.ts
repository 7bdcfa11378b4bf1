import { outputSize } from './outputSize.ts';
import { wrapIndex } from './shift.ts';

/** 2-D convolution as deep learning uses it (cross-correlation), for C_in × H × W inputs. */

export interface Conv2dOptions {
  /** Stride S (default 1). */
  stride?: number;
  /** Padding P on every side (default 0). */
  padding?: number;
  /** Dilation D (default 1). */
  dilation?: number;
  /** 'zero' pads with zeros; 'circular' wraps around, making stride-1 convolution exactly shift-equivariant. */
  padMode?: 'zero' | 'circular';
  /** One bias per output channel. */
  bias?: ArrayLike<number>;
}

export interface Conv2dResult {
  readonly y: Float64Array;
  /** [C_out, H_out, W_out]. */
  readonly shape: readonly [number, number, number];
}

/**
 * y[o, i, j] = b[o] + Σ_{c, a, b} w[o, c, a, b] · x[c, i·S − P + a·D, j·S − P + b·D], with x padded
 * as asked. x is [C_in, H, W] and w is [C_out, C_in, K_h, K_w], both row-major; a single-channel
 * grid is C_in = C_out = 1.
 */
export function conv2d(
  x: ArrayLike<number>,
  xShape: readonly [number, number, number],
  w: ArrayLike<number>,
  wShape: readonly [number, number, number, number],
  options: Conv2dOptions = {},
  out?: Float64Array,
): Conv2dResult {
  const { stride = 1, padding = 0, dilation = 1, padMode = 'zero', bias } = options;
  const [C, H, W] = xShape;
  const [O, Cw, KH, KW] = wShape;
  if (x.length !== C * H * W) throw new RangeError('x does not match its shape');
  if (w.length !== O * Cw * KH * KW || Cw !== C) throw new RangeError('kernel does not match its shape or the input');
  if (bias && bias.length !== O) throw new RangeError('one bias per output channel');
  if (padMode === 'circular' && (padding > H || padding > W)) {
    throw new RangeError('circular padding cannot exceed the input size');
  }
  const outH = outputSize(H, KH, stride, padding, dilation);
  const outW = outputSize(W, KW, stride, padding, dilation);
  const n = O * outH * outW;
  const y = out ?? new Float64Array(n);
  if (y.length < n) throw new RangeError('out is too small');
  const circular = padMode === 'circular';
  for (let o = 0; o < O; o++) {
    const b0 = bias ? bias[o] : 0;
    for (let i = 0; i < outH; i++) {
      for (let j = 0; j < outW; j++) {
        let s = b0;
        for (let c = 0; c < C; c++) {
          for (let a = 0; a < KH; a++) {
            let r = i * stride - padding + a * dilation;
            if (circular) r = wrapIndex(r, H);
            else if (r < 0 || r >= H) continue;
            for (let b = 0; b < KW; b++) {
              let q = j * stride - padding + b * dilation;
              if (circular) q = wrapIndex(q, W);
              else if (q < 0 || q >= W) continue;
              s += w[((o * C + c) * KH + a) * KW + b] * x[(c * H + r) * W + q];
            }
          }
        }
        y[(o * outH + i) * outW + j] = s;
      }
    }
  }
  return { y, shape: [O, outH, outW] };
}
