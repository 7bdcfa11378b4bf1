import { ticks as d3ticks } from 'd3-array';

/**
 * A linear scale with the part of d3-scale's API our charts use: call, domain, range,
 * invert, ticks (computed by d3-array, exactly as d3-scale does) and nice-free
 * clamping. It exists because d3-scale's linear scale drags in d3-interpolate's generic
 * interpolator and with it all of d3-color (≈3 KB gzip, a named-colour table included)
 * for charts whose colours are CSS variables. Tests hold it to d3-scale's results.
 */
export interface LinearScale {
  (value: number): number;
  domain(): [number, number];
  range(): [number, number];
  invert(pixel: number): number;
  ticks(count?: number): number[];
}

export function scaleLinear(
  domain: readonly [number, number] = [0, 1],
  range: readonly [number, number] = [0, 1],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * k)) as LinearScale;
  scale.domain = () => [d0, d1];
  scale.range = () => [r0, r1];
  scale.invert = (p: number) => (k === 0 ? d0 : d0 + (p - r0) / k);
  scale.ticks = (count = 10) => d3ticks(d0, d1, count);
  return scale;
}
