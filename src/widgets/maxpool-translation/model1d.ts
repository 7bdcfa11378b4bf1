import { shift1d } from '../../core/shift.ts';
import { blur121, conv1dCirc, maxPool1d, signalSum, subsample } from '../../core/signal1d.ts';
import type { Kernel1d, SignalId } from './state.ts';

/** The 1-D strip of the max-pool translation widget (T10.5): circular shifts of an 8-sample signal. */

export const SIGNAL_DATA: Record<SignalId, readonly number[]> = {
  bump: [0, 0, 1, 3, 1, 0, 0, 0],
  spike: [0, 0, 0, 1, 0, 0, 0, 0],
};
export const KERNEL_121 = [1, 2, 1];
export const STRIDE = 2;

export const ROWS = ['x', 'y', 'pool', 'sub', 'blur', 'gmax'] as const;
export type RowId = (typeof ROWS)[number];

export interface Strip {
  /** T_t x */
  readonly x: Float64Array;
  /** y = [1, 2, 1] ⋆ (T_t x) (circular), or T_t x itself when the kernel is off. */
  readonly y: Float64Array;
  /** max-pool k = 2, s = 2 of y */
  readonly pool: Float64Array;
  /** y at even indices (stride 2 without pooling) */
  readonly sub: Float64Array;
  /** BlurPool: [1, 2, 1]/4 blur of y, then stride 2 */
  readonly blur: Float64Array;
  readonly gmax: Float64Array;
}

export function strip(sig: SignalId, k1: Kernel1d, t: number): Strip {
  const x = shift1d(SIGNAL_DATA[sig], t, 'circular');
  const y = k1 === '121' ? conv1dCirc(x, KERNEL_121) : Float64Array.from(x);
  return {
    x,
    y,
    pool: maxPool1d(y, 2, STRIDE),
    sub: subsample(y, STRIDE),
    blur: subsample(blur121(y), STRIDE),
    gmax: Float64Array.of(Math.max(...y)),
  };
}

export type Verdict = 'same' | 'shifted' | 'changed';

/**
 * How a row at shift t relates to the same row at t = 0: the same values (invariant), the t = 0 row
 * circularly shifted by t (full rate) or t/2 (after stride 2; only for even t), or neither.
 */
export function verdict(row: RowId, cur: Strip, base: Strip, t: number): Verdict {
  const a = cur[row];
  const b = base[row];
  if (equal(a, b)) return 'same';
  const fullRate = row === 'x' || row === 'y';
  const step = fullRate ? t : t % STRIDE === 0 ? t / STRIDE : null;
  if (step !== null && equal(a, shift1d(b, step, 'circular'))) return 'shifted';
  return 'changed';
}

function equal(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 1e-12) return false;
  return true;
}

export interface SumSeries {
  readonly t: number[];
  readonly sub: number[];
  readonly pool: number[];
  readonly blur: number[];
}

/** Σ of the stride-2 outputs for every shift: naive subsampling jumps, the blurred one stays at half the input's sum. */
export function sums(sig: SignalId, k1: Kernel1d): SumSeries {
  const out: SumSeries = { t: [], sub: [], pool: [], blur: [] };
  for (let t = 0; t < SIGNAL_DATA[sig].length; t++) {
    const s = strip(sig, k1, t);
    out.t.push(t);
    out.sub.push(signalSum(s.sub));
    out.pool.push(signalSum(s.pool));
    out.blur.push(signalSum(s.blur));
  }
  return out;
}
