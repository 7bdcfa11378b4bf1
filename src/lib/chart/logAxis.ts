/**
 * A log10 axis for quantities given by their base-10 logarithms (gradient norms that run
 * over tens or hundreds of decades): a domain rounded out to whole tick steps, and the
 * decade ticks inside it. Steps are 1, 2, 5, 10, 20, 50 … decades, so at most `maxTicks`
 * ticks are drawn however far the values run.
 */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

export function decadeStep(span: number, maxTicks = 6): number {
  return STEPS.find((s) => span / s <= maxTicks) ?? STEPS[STEPS.length - 1];
}

export interface LogAxis {
  /** [lo, hi] in log10 units, multiples of `step`. */
  readonly domain: [number, number];
  readonly step: number;
  /** Tick positions in log10 units, low to high. */
  readonly ticks: number[];
}

/**
 * The axis covering the finite values in `values` (log10 units) and `include` (e.g. 0 for
 * the value 1), at least `minSpan` decades wide, with about `maxTicks` ticks.
 */
export function logAxis(
  values: Iterable<number>,
  { include = [0], minSpan = 2, maxTicks = 6 }: { include?: number[]; minSpan?: number; maxTicks?: number } = {},
): LogAxis {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [-minSpan, 0];
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const outward = (s: number): [number, number] => {
    // lo/s can underflow to −0 for a tiny negative lo; step out so the domain still covers it.
    let a = Math.floor(lo / s) * s;
    let b = Math.ceil(hi / s) * s;
    if (a > lo) a -= s;
    if (b < hi) b += s;
    return [a + 0, b + 0];
  };
  let step = decadeStep(hi - lo, maxTicks);
  let [a, b] = outward(step);
  // Rounding out can add a step at each end; re-pick the step if that broke the tick budget.
  while ((b - a) / step > maxTicks && step < STEPS[STEPS.length - 1]) {
    step = decadeStep(b - a, maxTicks);
    [a, b] = outward(step);
  }
  const ticks: number[] = [];
  for (let v = a; v <= b + 1e-9; v += step) ticks.push(Math.round(v) + 0);
  return { domain: [a, b], step, ticks };
}
