/**
 * Ticks for an axis drawn in log10 units (the values are exponents): every 1, 2, 5, 10, 20 …
 * decades, at most `maxTicks`, on multiples of the step so the axis moves in whole steps.
 */
export function decadeTicks([lo, hi]: readonly [number, number], maxTicks = 7): number[] {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500];
  const step = steps.find((s) => (hi - lo) / s <= maxTicks) ?? 1000;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(v);
  return out;
}

/** A log10 domain that covers every finite value and at least [minLo, minHi], rounded out to whole decades. */
export function decadeDomain(values: Iterable<number>, minLo = -4, minHi = 4): [number, number] {
  let lo = minLo;
  let hi = minHi;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  return [Math.floor(lo), Math.ceil(hi)];
}
