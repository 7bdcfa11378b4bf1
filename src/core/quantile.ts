/**
 * Quantiles by selection rather than sorting: a widget asks for five quantiles of 8 192
 * activations in each of 100 layers, where a full sort per layer would dominate the frame.
 */

/** Hoare/Wirth selection: afterwards a[k] is the k-th smallest of a[lo..hi], smaller ones left of it, larger right. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    // Median of three as the pivot, so sorted or reversed input stays linear.
    const mid = (lo + hi) >>> 1;
    const x = median3(a[lo], a[mid], a[hi]);
    let i = lo;
    let j = hi;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

const BINS = 256;
const binStart = new Int32Array(BINS + 1);
const binFill = new Int32Array(BINS);
const binNeeded = new Uint8Array(BINS);

/**
 * Quantiles of values[0..n) at the probabilities `probs` (in [0, 1]), by linear
 * interpolation between order statistics at position (n − 1)p (numpy's default, "type 7").
 * NaN entries count as +Infinity so that the result is never NaN; infinities pass through.
 * `scratch` (length ≥ n) is overwritten; nothing is allocated when it and `out` are given.
 *
 * Finite data go through a 256-bin histogram first: only the bins that hold a wanted order
 * statistic are copied out and searched, about three linear passes in all.
 */
export function quantiles(
  values: ArrayLike<number>,
  probs: ArrayLike<number>,
  out: Float64Array = new Float64Array(probs.length),
  scratch: Float64Array = new Float64Array(values.length),
  n: number = values.length,
): Float64Array {
  if (n === 0) {
    out.fill(0, 0, probs.length);
    return out;
  }
  let min = Infinity;
  let max = -Infinity;
  let finite = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v - v !== 0) finite = false;
  }
  const range = max - min;
  if (finite && range === 0) {
    out.fill(min, 0, probs.length);
    return out;
  }
  const scale = BINS / range;
  // Infinite or NaN data, a range that overflows, or one so small (subnormal) that the scale does.
  if (!finite || !Number.isFinite(range) || !Number.isFinite(scale)) {
    return quantilesBySelection(values, probs, out, scratch, n);
  }
  binStart.fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((values[i] - min) * scale);
    binStart[(b < BINS ? b : BINS - 1) + 1]++;
  }
  for (let b = 0; b < BINS; b++) binStart[b + 1] += binStart[b];
  // Mark the bins that hold the k-th and (k+1)-th order statistics.
  binNeeded.fill(0);
  for (let q = 0; q < probs.length; q++) {
    const k = Math.floor((n - 1) * clamp01(probs[q]));
    binNeeded[binOf(k)] = 1;
    if (k + 1 < n) binNeeded[binOf(k + 1)] = 1;
  }
  // Copy each needed bin's members to the slots they would occupy in sorted order.
  for (let b = 0; b < BINS; b++) binFill[b] = binStart[b];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let b = Math.floor((v - min) * scale);
    if (b >= BINS) b = BINS - 1;
    if (binNeeded[b] === 1) scratch[binFill[b]++] = v;
  }
  for (let q = 0; q < probs.length; q++) {
    const pos = (n - 1) * clamp01(probs[q]);
    const k = Math.floor(pos);
    const frac = pos - k;
    const a = orderStat(scratch, k);
    out[q] = frac === 0 || k + 1 >= n ? a : interpolate(a, orderStat(scratch, k + 1), frac);
  }
  return out;
}

function clamp01(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}

/** The histogram bin whose sorted slots contain rank k. */
function binOf(k: number): number {
  let lo = 0;
  let hi = BINS - 1;
  // Largest b with binStart[b] ≤ k (bins can be empty, so search rather than divide).
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (binStart[mid] <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The k-th order statistic, selected within its bin's slots of `scratch`. */
function orderStat(scratch: Float64Array, k: number): number {
  const b = binOf(k);
  select(scratch, binStart[b], binStart[b + 1] - 1, k);
  return scratch[k];
}

/** The fallback for non-finite data: selection over the whole array. */
function quantilesBySelection(
  values: ArrayLike<number>,
  probs: ArrayLike<number>,
  out: Float64Array,
  scratch: Float64Array,
  n: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    const v = values[i];
    scratch[i] = v === v ? v : Infinity;
  }
  let from = 0;
  for (let q = 0; q < probs.length; q++) {
    const pos = (n - 1) * clamp01(probs[q]);
    const k = Math.floor(pos);
    const frac = pos - k;
    // Everything left of an earlier selected index is no larger, so a later, larger quantile looks right of it.
    if (k < from) from = 0;
    select(scratch, from, n - 1, k);
    from = k;
    const a = scratch[k];
    if (frac === 0 || k + 1 >= n) {
      out[q] = a;
      continue;
    }
    let b = scratch[k + 1];
    for (let i = k + 2; i < n; i++) if (scratch[i] < b) b = scratch[i];
    out[q] = interpolate(a, b, frac);
  }
  return out;
}

function interpolate(a: number, b: number, frac: number): number {
  if (a === b) return a;
  if (Number.isFinite(a) && Number.isFinite(b)) return a + (b - a) * frac;
  // An infinite neighbour makes the interpolant infinite; between −∞ and +∞ take the nearer one.
  if (a === -Infinity && b === Infinity) return frac < 0.5 ? a : b;
  return a === -Infinity ? a : b;
}
