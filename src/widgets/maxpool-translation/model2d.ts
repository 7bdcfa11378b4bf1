import { conv2d } from '../../core/conv2d.ts';
import { pool2d } from '../../core/pool2d.ts';
import { shift2d } from '../../core/shift.ts';
import type { ImageId, KernelId, ShiftMode2 } from './state.ts';

/** The 2-D pipeline of the max-pool translation widget: shift → 3×3 convolution → max-pool, and global pooling. */

export interface Image {
  readonly H: number;
  readonly W: number;
  readonly data: readonly number[];
}

// Input patterns (data, not results): an asymmetric shape, a single bright pixel, and the brief's 4×4 matrix A.
// prettier-ignore
const SHAPE = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 9, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 9, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 9, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 9, 9, 9, 6, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];
const DOT = Array.from({ length: 100 }, (_, i) => (i === 44 ? 9 : 0));
const A = [1, 3, 2, 1, 4, 2, 0, 1, 1, 1, 5, 6, 0, 2, 7, 3];

export const IMAGE_DATA: Record<ImageId, Image> = {
  shape: { H: 10, W: 10, data: SHAPE },
  dot: { H: 10, W: 10, data: DOT },
  A: { H: 4, W: 4, data: A },
};

/** 3×3 kernels: a binomial blur, a vertical-edge (Sobel) detector, and the identity (no convolution). */
export const KERNEL_DATA: Record<KernelId, readonly number[]> = {
  blur: [1, 2, 1, 2, 4, 2, 1, 2, 1].map((v) => v / 16),
  edge: [-1, 0, 1, -2, 0, 2, -1, 0, 1].map((v) => v / 4),
  id: [0, 0, 0, 0, 1, 0, 0, 0, 0],
};
const BLUR = KERNEL_DATA.blur;

export interface Setup2d {
  readonly img: ImageId;
  readonly kern: KernelId;
  readonly mode: ShiftMode2;
  readonly k: number;
  readonly s: number;
}

export interface Stage {
  readonly H: number;
  readonly W: number;
  /** The shifted input T x. */
  readonly x: Float64Array;
  /** The feature map f = k ⋆ (T x), same size ("same" padding: circular or zeros). */
  readonly f: Float64Array;
  /** Max-pool k×k, stride s of f. */
  readonly pool: Float64Array;
  readonly pH: number;
  readonly pW: number;
  /** Flat index into f of each pooled maximum. */
  readonly argmax: Int32Array;
  /** The window's maximum beats its minimum (a window of equal values has no meaningful winner). */
  readonly decisive: boolean[];
  /** MaxBlurPool (Zhang 2019): max-pool stride 1, blur [1 2 1]ᵀ[1 2 1]/16, then keep every s-th. */
  readonly blurPool: Float64Array;
  readonly gmax: number;
  readonly gavg: number;
}

const coreMode = (m: ShiftMode2) => (m === 'circ' ? 'circular' : 'zero');

/** Convolution with "same" padding (P = 1), circular or zero, so the feature map has the input's size. */
function convSame(x: Float64Array, H: number, W: number, kernel: readonly number[], mode: ShiftMode2): Float64Array {
  return conv2d(x, [1, H, W], kernel, [1, 1, 3, 3], { padding: 1, padMode: coreMode(mode) }).y;
}

/**
 * Max-pooling k×k with stride s. With circular borders the map is first extended by k − 1 wrapped
 * rows and columns, so the windows tile the torus and pooling commutes with circular shifts that
 * are multiples of s (exactly, for every s; with s = 1 for every shift). Zero mode pools the valid
 * windows only, as PyTorch does without padding. argmax is mapped back to the unpadded map.
 */
export function maxPoolMap(
  f: ArrayLike<number>,
  H: number,
  W: number,
  k: number,
  s: number,
  mode: ShiftMode2,
): { y: Float64Array; outH: number; outW: number; argmax: Int32Array } {
  if (mode === 'zero') return pool2d(f, H, W, { k, s, op: 'max' });
  const PH = H + k - 1;
  const PW = W + k - 1;
  const padded = new Float64Array(PH * PW);
  for (let r = 0; r < PH; r++) for (let c = 0; c < PW; c++) padded[r * PW + c] = f[(r % H) * W + (c % W)];
  const p = pool2d(padded, PH, PW, { k, s, op: 'max' });
  const argmax = p.argmax.map((i) => (Math.floor(i / PW) % H) * W + ((i % PW) % W));
  return { y: p.y, outH: p.outH, outW: p.outW, argmax };
}

export function forward(su: Setup2d, dx: number, dy: number): Stage {
  const { H, W, data } = IMAGE_DATA[su.img];
  const x = shift2d(data, H, W, dx, dy, coreMode(su.mode));
  const f = convSame(x, H, W, KERNEL_DATA[su.kern], su.mode);
  const p = maxPoolMap(f, H, W, su.k, su.s, su.mode);
  const low = maxPoolMap(
    f.map((v) => -v),
    H,
    W,
    su.k,
    su.s,
    su.mode,
  ).y;
  const decisive = Array.from(p.y, (v, i) => v > -low[i] + 1e-12);
  const m1 = maxPoolMap(f, H, W, su.k, 1, su.mode);
  const blurred = convSame(m1.y, m1.outH, m1.outW, BLUR, su.mode);
  const blurPool = pool2d(blurred, m1.outH, m1.outW, { k: 1, s: su.s, op: 'max' }).y;
  let gmax = -Infinity;
  let sum = 0;
  for (const v of f) {
    gmax = Math.max(gmax, v);
    sum += v;
  }
  return {
    H,
    W,
    x,
    f,
    pool: p.y,
    pH: p.outH,
    pW: p.outW,
    argmax: p.argmax,
    decisive,
    blurPool,
    gmax,
    gavg: sum / f.length,
  };
}

/** Largest |a − b| (exact comparisons: the widget says "equal" only when this is 0 up to rounding). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** ‖a − b‖₂ / ‖b‖₂: how much an output changed relative to its size (0 when both are 0). */
export function relChange(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    d += (a[i] - b[i]) ** 2;
    n += b[i] * b[i];
  }
  if (d === 0) return 0;
  return Math.sqrt(d) / Math.sqrt(n > 0 ? n : 1);
}

const TOL = 1e-12;

export type PoolVerdict = 'same' | 'shifted' | 'changed';

export interface Analysis {
  readonly base: Stage;
  readonly cur: Stage;
  /** max |f(Tx) − T f(x)|: 0 means the convolution is equivariant for this shift. */
  readonly convEquivError: number;
  readonly convEquivariant: boolean;
  /** Pooled cells that differ from the unshifted input's pooled map. */
  readonly poolChanged: boolean[];
  readonly changedCount: number;
  /**
   * same: the pooled map did not change (invariance); shifted: it is the unshifted map moved by
   * (dx/s, dy/s) cells (equivariance at multiples of the stride); changed: neither.
   */
  readonly poolVerdict: PoolVerdict;
  readonly globalInvariant: boolean;
}

export function analyse(su: Setup2d, dx: number, dy: number): Analysis {
  const base = forward(su, 0, 0);
  const cur = forward(su, dx, dy);
  const shiftedBase = shift2d(base.f, base.H, base.W, dx, dy, coreMode(su.mode));
  const convEquivError = maxAbsDiff(cur.f, shiftedBase);
  const poolChanged = Array.from(cur.pool, (v, i) => Math.abs(v - base.pool[i]) > TOL);
  const changedCount = poolChanged.filter(Boolean).length;
  let poolVerdict: PoolVerdict = changedCount === 0 ? 'same' : 'changed';
  if (poolVerdict === 'changed' && dx % su.s === 0 && dy % su.s === 0) {
    const moved = shift2d(base.pool, base.pH, base.pW, dx / su.s, dy / su.s, coreMode(su.mode));
    if (maxAbsDiff(cur.pool, moved) <= TOL) poolVerdict = 'shifted';
  }
  const globalInvariant = Math.abs(cur.gmax - base.gmax) <= TOL && Math.abs(cur.gavg - base.gavg) <= TOL;
  return {
    base,
    cur,
    convEquivError,
    convEquivariant: convEquivError <= TOL,
    poolChanged,
    changedCount,
    poolVerdict,
    globalInvariant,
  };
}

export const SENS_STAGES = ['conv', 'pool', 'blurPool', 'global'] as const;
export type SensStage = (typeof SENS_STAGES)[number];
export type SensSeries = Record<SensStage, number[]>;

export interface Sensitivity {
  readonly shifts: number[];
  /** Invariance error: relative change of each output against the unshifted input's. */
  readonly inv: SensSeries;
  /**
   * Equivariance error: relative distance to the NEAREST shifted copy of the unshifted output
   * (0 when the output merely moved). Convolution: 0; strided pooling: 0 only at multiples of the stride.
   */
  readonly eqv: SensSeries;
}

function outputs(st: Stage): Record<SensStage, { v: ArrayLike<number>; H: number; W: number }> {
  const side = (n: number) => Math.round(Math.sqrt(n));
  return {
    conv: { v: st.f, H: st.H, W: st.W },
    pool: { v: st.pool, H: st.pH, W: st.pW },
    blurPool: { v: st.blurPool, H: side(st.blurPool.length), W: side(st.blurPool.length) },
    global: { v: [st.gmax, st.gavg], H: 1, W: 2 },
  };
}

/** min over whole-cell shifts T of ‖a − T b‖/‖b‖ (a global pooling output only compares with itself). */
export function nearestShiftError(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  H: number,
  W: number,
  mode: ShiftMode2,
  shiftable = true,
  hint: readonly [number, number] = [0, 0],
): number {
  let best = relChange(a, b);
  if (!shiftable || best === 0) return best;
  // The likeliest shift first: usually an exact match, which ends the search at once.
  if (hint[0] !== 0 || hint[1] !== 0) {
    best = Math.min(best, relChange(a, shift2d(b, H, W, hint[0], hint[1], coreMode(mode))));
    if (best === 0) return 0;
  }
  for (let my = -H + 1; my < H; my++) {
    for (let mx = -W + 1; mx < W; mx++) {
      if (mx === 0 && my === 0) continue;
      best = Math.min(best, relChange(a, shift2d(b, H, W, mx, my, coreMode(mode))));
      if (best === 0) return 0;
    }
  }
  return best;
}

/** How much each output changes as the input moves horizontally by −range … range pixels (at a fixed dy). */
export function sensitivity(su: Setup2d, dy: number, range: number): Sensitivity {
  const base = outputs(forward(su, 0, 0));
  const empty = (): SensSeries => ({ conv: [], pool: [], blurPool: [], global: [] });
  const out: Sensitivity = { shifts: [], inv: empty(), eqv: empty() };
  for (let dx = -range; dx <= range; dx++) {
    const cur = outputs(forward(su, dx, dy));
    out.shifts.push(dx);
    for (const k of SENS_STAGES) {
      const b = base[k];
      out.inv[k].push(relChange(cur[k].v, b.v));
      const step = k === 'conv' ? 1 : su.s;
      const hint = [Math.round(dx / step), Math.round(dy / step)] as const;
      out.eqv[k].push(nearestShiftError(cur[k].v, b.v, b.H, b.W, su.mode, k !== 'global', hint));
    }
  }
  return out;
}

/** Symmetric colour range of a map (for a diverging scale when it has negative values). */
export function valueRange(...maps: ArrayLike<number>[]): { lo: number; hi: number; signed: boolean } {
  let lo = 0;
  let hi = 0;
  for (const m of maps) {
    for (let i = 0; i < m.length; i++) {
      lo = Math.min(lo, m[i]);
      hi = Math.max(hi, m[i]);
    }
  }
  const signed = lo < 0;
  const a = Math.max(Math.abs(lo), Math.abs(hi), 1e-12);
  return signed ? { lo: -a, hi: a, signed } : { lo: 0, hi: a, signed };
}
