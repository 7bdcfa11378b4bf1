import { outputSize } from '../../core/outputSize.ts';
import { globalPool, pool2d, poolWindow, type PoolOptions } from '../../core/pool2d.ts';
import { MAX_SIDE, ORACLE_A, type PoolingOp } from './state.ts';

/** A built-in input: the brief's 4×4 matrix, or a small handwritten "3" (intensities 0–9). */
export interface Preset {
  readonly id: 'A' | 'digit';
  readonly H: number;
  readonly W: number;
  readonly A: readonly number[];
}

// A hand-drawn 8×8 digit, defined here as input data (not a computed result).
// prettier-ignore
const DIGIT_3 = [
  0, 0, 0, 0, 0, 0, 0, 0,
  0, 2, 8, 9, 9, 7, 1, 0,
  0, 1, 3, 0, 0, 8, 4, 0,
  0, 0, 0, 3, 8, 6, 1, 0,
  0, 0, 0, 2, 6, 9, 3, 0,
  0, 1, 0, 0, 0, 7, 6, 0,
  0, 4, 9, 8, 8, 9, 3, 0,
  0, 0, 1, 2, 2, 1, 0, 0,
];

export const PRESETS: readonly Preset[] = [
  { id: 'A', H: 4, W: 4, A: ORACLE_A },
  { id: 'digit', H: 8, W: 8, A: DIGIT_3 },
];

export interface PoolingState {
  A: number[];
  H: number;
  W: number;
  op: PoolingOp;
  g: boolean;
  k: number;
  s: number;
  p: number;
  ceil: boolean;
  cip: boolean;
}

export interface Setup {
  readonly A: Float64Array;
  readonly H: number;
  readonly W: number;
  readonly op: PoolingOp;
  readonly global: boolean;
  /** Window, stride and padding actually used (global: the whole input, no padding). */
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly ceil: boolean;
  readonly cip: boolean;
  /** The requested padding exceeded ⌊k/2⌋ (PyTorch's limit) and was reduced. */
  readonly padLimited: boolean;
  /** A had fewer or more than H·W values: missing cells are 0, extra ones ignored. */
  readonly resized: boolean;
}

/** The input and the layer as the core will run them, with PyTorch's limits applied. */
export function setup(st: PoolingState): Setup {
  const H = Math.min(MAX_SIDE, Math.max(1, st.H));
  const W = Math.min(MAX_SIDE, Math.max(1, st.W));
  const A = new Float64Array(H * W);
  for (let i = 0; i < A.length && i < st.A.length; i++) A[i] = st.A[i];
  const global = st.g;
  const maxPad = Math.floor(st.k / 2);
  return {
    A,
    H,
    W,
    op: st.op,
    global,
    k: st.k,
    s: st.s,
    p: global ? 0 : Math.min(st.p, maxPad),
    ceil: global ? false : st.ceil,
    cip: st.cip,
    padLimited: !global && st.p > maxPad,
    resized: st.A.length !== H * W,
  };
}

export const coreOp = (op: PoolingOp): 'max' | 'avg' => op;

export function poolOptions(su: Setup): PoolOptions {
  return { k: su.k, s: su.s, p: su.p, op: coreOp(su.op), ceil: su.ceil, countIncludePad: su.cip };
}

export interface Output {
  readonly y: Float64Array;
  readonly outH: number;
  readonly outW: number;
  /** Flat input index of each output's maximum (−1 for averages). */
  readonly argmax: Int32Array;
}

/** The pooled output from the core: pool2d, or globalPool for one value per channel. */
export function run(su: Setup): Output {
  if (su.global) {
    const g = globalPool(su.A, 1, su.H, su.W, coreOp(su.op));
    return { y: g.y, outH: 1, outW: 1, argmax: g.argmax };
  }
  if (outputSize(su.H, su.k, su.s, su.p, 1, su.ceil) < 1 || outputSize(su.W, su.k, su.s, su.p, 1, su.ceil) < 1) {
    return { y: new Float64Array(0), outH: 0, outW: 0, argmax: new Int32Array(0) };
  }
  const r = pool2d(su.A, su.H, su.W, poolOptions(su));
  return { y: r.y, outH: r.outH, outW: r.outW, argmax: r.argmax };
}

export interface WindowDetail {
  /** The nominal window in padded input coordinates (may reach into the padding ring, −p … H + p). */
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  /** Real input cells inside it (row-major values) and how many padded zeros the average counts. */
  readonly values: number[];
  readonly padCells: number;
  readonly divisor: number;
  readonly value: number;
  /** Flat input index of the maximum, −1 for averages. */
  readonly argmax: number;
}

/** What output cell (i, j) sees: its window R_{i,j}, the values in it and the arithmetic. */
export function windowDetail(su: Setup, out: Output, i: number, j: number): WindowDetail {
  const o = i * out.outW + j;
  if (su.global) {
    return {
      top: 0,
      left: 0,
      bottom: su.H,
      right: su.W,
      values: Array.from(su.A),
      padCells: 0,
      divisor: su.H * su.W,
      value: out.y[0],
      argmax: out.argmax[0],
    };
  }
  const w = poolWindow(i, j, su.H, su.W, poolOptions(su));
  const values: number[] = [];
  for (let r = w.r0; r < w.r1; r++) for (let c = w.c0; c < w.c1; c++) values.push(su.A[r * su.W + c]);
  const top = i * su.s - su.p;
  const left = j * su.s - su.p;
  const isAvg = coreOp(su.op) === 'avg';
  return {
    top,
    left,
    bottom: Math.min(top + su.k, su.H + su.p),
    right: Math.min(left + su.k, su.W + su.p),
    values,
    padCells: isAvg ? w.divisor - values.length : 0,
    divisor: w.divisor,
    value: out.y[o],
    argmax: out.argmax[o],
  };
}

export interface SizeTerms {
  readonly n: number;
  readonly k: number;
  readonly s: number;
  readonly p: number;
  /** n + 2p − k */
  readonly span: number;
  /** ⌊span/s⌋ (or ⌈·⌉ in ceil mode, before PyTorch's last-window rule) */
  readonly rounded: number;
  /** The core's output size. */
  readonly out: number;
  /** ceil mode dropped a last window that would start inside the right padding. */
  readonly dropped: boolean;
}

/** The output-size formula ⌊(n + 2p − k)/s⌋ + 1 with the numbers substituted, for one side. */
export function sizeTerms(su: Setup, n: number): SizeTerms {
  const span = n + 2 * su.p - su.k;
  const rounded = su.ceil ? Math.ceil(span / su.s) : Math.floor(span / su.s);
  const out = outputSize(n, su.k, su.s, su.p, 1, su.ceil);
  return { n, k: su.k, s: su.s, p: su.p, span, rounded, out, dropped: span >= 0 && out < rounded + 1 };
}

/** The order windows are swept in: row-major over the output. */
export function sweepCell(out: Output, at: number): { i: number; j: number } | null {
  if (at < 0 || at >= out.outH * out.outW) return null;
  return { i: Math.floor(at / out.outW), j: at % out.outW };
}

/** Colour intensity of a value in [lo, hi] → [0, 1]. */
export function intensity(v: number, lo: number, hi: number): number {
  if (!(hi > lo)) return v > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}
