/**
 * Two small scales written out by hand instead of taken from d3-scale. Importing them from
 * d3-scale would make every page that uses d3-scale's scaleLinear ship the log and band
 * code too (a bundler puts whatever a package index reaches into the chunk shared by all
 * the widgets): these keep a one-widget page as small as it was.
 */

export interface Scale {
  (v: number): number;
  domain(): [number, number];
  range(): [number, number];
}

/** A base-10 logarithmic scale from [d0, d1] (both > 0) onto [r0, r1]. */
export function logScale([d0, d1]: [number, number], [r0, r1]: [number, number]): Scale {
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  const f = ((v: number) => r0 + ((Math.log10(v) - l0) / span) * (r1 - r0)) as Scale;
  f.domain = () => [d0, d1];
  f.range = () => [r0, r1];
  return f;
}

export interface Band {
  /** Left edge of band i. */
  (i: number): number;
  bandwidth(): number;
}

/** n equal bands across [r0, r1] with a gap of `paddingInner` (a share of a step) between them. */
export function bandScale(n: number, [r0, r1]: [number, number], paddingInner = 0): Band {
  const step = (r1 - r0) / Math.max(1, n - paddingInner);
  const bw = step * (1 - paddingInner);
  // Centred like d3's default (align 0.5) when the bands do not fill the range.
  const start = r0 + (r1 - r0 - step * (n - paddingInner)) / 2;
  const f = ((i: number) => start + i * step) as Band;
  f.bandwidth = () => bw;
  return f;
}
