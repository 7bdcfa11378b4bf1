// Core modules imported one by one (not the index): a page then bundles only the core code its
// widgets use, even when other widgets share a chunk with it.
import { ACTIVATIONS, type Activation } from '../../core/activations.ts';
import { sigmoidSaturationThreshold, tanhSaturationThreshold } from '../../core/saturation.ts';
import type { Focus } from './state.ts';

/** Below this slope a unit counts as saturated (the brief's σ′ < 0.01). */
export const SATURATION_LEVEL = 0.01;
export const X_DOMAIN = [-10, 10] as const;

export interface Zone {
  from: number;
  to: number;
}

export interface Readout {
  fx: number;
  dfx: number;
  /** log10 of f′(x)^L; −Infinity when f′(x) = 0 (ReLU for x < 0). */
  lgPower: number;
  /** log10 of the largest possible f′^L (0.25^L for σ, 1 for tanh and ReLU). */
  lgBound: number;
  maxSlope: number;
  /** f′(x) as a share of the activation's largest slope. */
  shareOfMax: number;
  saturated: boolean;
  /** |x| beyond which f′ < 0.01 (null for ReLU, whose slope is 0 or 1). */
  threshold: number | null;
}

export const act = (focus: Focus): Activation => ACTIVATIONS[focus];

/** The largest slope of each activation: σ′(0) = 1/4, tanh′(0) = 1, ReLU′ = 1 for x > 0. */
export function maxSlope(focus: Focus): number {
  return focus === 'sigmoid' ? 0.25 : 1;
}

export function saturationThreshold(focus: Focus): number | null {
  if (focus === 'sigmoid') return sigmoidSaturationThreshold(SATURATION_LEVEL);
  if (focus === 'tanh') return tanhSaturationThreshold(SATURATION_LEVEL);
  return null;
}

/** Where the slope is (nearly) gone: |x| beyond the threshold, or x < 0 for ReLU. */
export function saturatedZones(focus: Focus): Zone[] {
  const t = saturationThreshold(focus);
  if (t === null) return [{ from: X_DOMAIN[0], to: 0 }];
  return [
    { from: X_DOMAIN[0], to: -t },
    { from: t, to: X_DOMAIN[1] },
  ];
}

export function readout(focus: Focus, x: number, depth: number): Readout {
  const a = act(focus);
  const fx = a.f(x);
  const dfx = a.df(x);
  const max = maxSlope(focus);
  const threshold = saturationThreshold(focus);
  return {
    fx,
    dfx,
    lgPower: depthLog10(dfx, depth),
    lgBound: depthLog10(max, depth),
    maxSlope: max,
    shareOfMax: dfx / max,
    saturated: dfx < SATURATION_LEVEL,
    threshold,
  };
}

/** log10(s^L) = L·log10(s), exact where s^L itself would underflow (σ′(10)^100 ≈ 10^−434). */
export function depthLog10(slope: number, depth: number): number {
  if (slope === 0) return -Infinity;
  return depth * Math.log10(slope);
}

/** Samples of f and f′ across the x domain, `n` points, for drawing the curves. */
export function sampleCurve(focus: Focus, n = 401): { x: number; f: number; df: number }[] {
  const a = act(focus);
  const [lo, hi] = X_DOMAIN;
  const pts: { x: number; f: number; df: number }[] = [];
  for (let i = 0; i < n; i++) {
    const x = lo + ((hi - lo) * i) / (n - 1);
    pts.push({ x, f: a.f(x), df: a.df(x) });
  }
  // ReLU's kink at 0 must be a sample so the corner is sharp.
  if (focus === 'relu' && n % 2 === 0) pts.push({ x: 0, f: 0, df: 0 });
  return pts.sort((p, q) => p.x - q.x);
}

/** y extents that keep the focused activation fully visible. */
export function valueDomain(focus: Focus, compare: boolean): [number, number] {
  if (focus === 'relu') return [-1.2, 10.5];
  if (focus === 'tanh' || compare) return [-1.1, 1.1];
  return [-0.04, 1.04];
}

export function slopeDomain(focus: Focus, compare: boolean): [number, number] {
  return focus === 'sigmoid' && !compare ? [0, 0.27] : [0, 1.08];
}

/** A tick step for a log10 axis spanning `span` decades: 1, 2, 5, 10, 20, 50 … decades apart. */
export function decadeStep(span: number, maxTicks = 6): number {
  const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
  return steps.find((s) => span / s <= maxTicks) ?? 1000;
}

/**
 * Lower end of the depth panel's log axis: the smallest value shown at depth L,
 * rounded down to a whole tick step so the axis moves in steps, not continuously.
 */
export function depthAxisFloor(values: readonly number[]): number {
  const finite = values.filter((v) => Number.isFinite(v));
  const lo = Math.min(-2, ...finite);
  const step = decadeStep(-lo);
  return Math.floor(lo / step) * step;
}
