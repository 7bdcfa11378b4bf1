import { wrapIndex } from './shift.ts';

/** 1-D helpers for the stride-aliasing demonstration (T10): circular convolution, pooling, blur, subsampling. */

/**
 * Circular cross-correlation centred on the kernel: y[i] = Σ_j k[j] · x[(i + j − c) mod n] with
 * c = ⌊(K − 1)/2⌋, so [1, 2, 1] gives y[i] = x[i−1] + 2x[i] + x[i+1]. Exactly shift-equivariant.
 */
export function conv1dCirc(
  x: ArrayLike<number>,
  kernel: ArrayLike<number>,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  const n = x.length;
  const c = Math.floor((kernel.length - 1) / 2);
  if (out === x) throw new RangeError('conv1dCirc cannot work in place');
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < kernel.length; j++) s += kernel[j] * x[wrapIndex(i + j - c, n)];
    out[i] = s;
  }
  return out;
}

/** Max pooling without padding: y[i] = max_{0≤a<k} x[i·s + a], ⌊(n − k)/s⌋ + 1 outputs. */
export function maxPool1d(x: ArrayLike<number>, k: number, s = k): Float64Array {
  if (!(Number.isInteger(k) && k >= 1 && Number.isInteger(s) && s >= 1)) throw new RangeError('k, s must be ≥ 1');
  const n = x.length < k ? 0 : Math.floor((x.length - k) / s) + 1;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let a = 0; a < k; a++) m = Math.max(m, x[i * s + a]);
    y[i] = m;
  }
  return y;
}

/** The binomial low-pass b = [1, 2, 1]/4, circular (BlurPool's filter). */
export function blur121(x: ArrayLike<number>, out?: Float64Array): Float64Array {
  return conv1dCirc(x, BLUR_121, out);
}

const BLUR_121 = [0.25, 0.5, 0.25];

/** (D_s x)[n] = x[s·n + offset]: keep every s-th sample. */
export function subsample(x: ArrayLike<number>, s: number, offset = 0): Float64Array {
  if (!(Number.isInteger(s) && s >= 1 && Number.isInteger(offset) && offset >= 0)) {
    throw new RangeError('stride must be ≥ 1 and offset ≥ 0');
  }
  const n = Math.max(0, Math.ceil((x.length - offset) / s));
  return Float64Array.from({ length: n }, (_, i) => x[i * s + offset]);
}

/** BlurPool_s(x) = D_s(b ∗ x) (Zhang 2019): low-pass before subsampling, so a shift cannot make a spike vanish. */
export function blurPool1d(x: ArrayLike<number>, s = 2): Float64Array {
  return subsample(blur121(x), s);
}

/** Σ x[n]: the "sum of output" readout of the spike demo. */
export function signalSum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}
