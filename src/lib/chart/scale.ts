import { tickIncrement, ticks as d3ticks } from 'd3-array';

/**
 * A linear scale with the part of d3-scale's API our charts use — call, domain and
 * range (getters and chainable setters), invert, ticks and nice, all computed by
 * d3-array exactly as d3-scale does. It exists because d3-scale's linear scale drags in
 * d3-interpolate's generic interpolator and with it all of d3-color (≈6 KB gzip with a
 * named-colour table) for charts whose colours are CSS variables. Tests hold it to
 * d3-scale's results.
 */
export interface LinearScale {
  (value: number): number;
  domain(): [number, number];
  domain(d: readonly [number, number] | readonly number[]): LinearScale;
  range(): [number, number];
  range(r: readonly [number, number] | readonly number[]): LinearScale;
  invert(pixel: number): number;
  ticks(count?: number): number[];
  nice(count?: number): LinearScale;
  copy(): LinearScale;
}

export function scaleLinear(domain: readonly number[] = [0, 1], range: readonly number[] = [0, 1]): LinearScale {
  let d0 = domain[0];
  let d1 = domain[1];
  let r0 = range[0];
  let r1 = range[1];
  const k = () => (d1 === d0 ? 0 : (r1 - r0) / (d1 - d0));
  const scale = ((v: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + (v - d0) * k())) as LinearScale;
  scale.domain = ((d?: readonly number[]) => {
    if (!d) return [d0, d1];
    [d0, d1] = [d[0], d[1]];
    return scale;
  }) as LinearScale['domain'];
  scale.range = ((r?: readonly number[]) => {
    if (!r) return [r0, r1];
    [r0, r1] = [r[0], r[1]];
    return scale;
  }) as LinearScale['range'];
  scale.invert = (p: number) => (k() === 0 ? d0 : d0 + (p - r0) / k());
  scale.ticks = (count = 10) => d3ticks(d0, d1, count);
  scale.nice = (count = 10) => {
    // Extend the domain to whole tick steps, repeating until the step settles (growing the
    // domain can change the step); if it never settles the domain is left alone. A reversed
    // domain stays reversed. Same rule as d3-scale.
    const reversed = d1 < d0;
    let lo = reversed ? d1 : d0;
    let hi = reversed ? d0 : d1;
    let previous: number | undefined;
    for (let i = 0; i < 10; i++) {
      const step = tickIncrement(lo, hi, count);
      if (step === previous) {
        [d0, d1] = reversed ? [hi, lo] : [lo, hi];
        break;
      }
      if (step > 0) {
        lo = Math.floor(lo / step) * step;
        hi = Math.ceil(hi / step) * step;
      } else if (step < 0) {
        lo = Math.ceil(lo * step) / step;
        hi = Math.floor(hi * step) / step;
      } else break;
      previous = step;
    }
    return scale;
  };
  scale.copy = () => scaleLinear([d0, d1], [r0, r1]);
  return scale;
}
