import { normalPdf } from './erf.ts';

/** Composite Simpson's rule for ∫_a^b f with n intervals (n even). */
export function simpson(f: (x: number) => number, a: number, b: number, n: number): number {
  if (!(Number.isInteger(n) && n >= 2 && n % 2 === 0)) throw new RangeError(`Simpson needs an even n ≥ 2, got ${n}`);
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

/** The brief's grid (§0): 4000 Simpson intervals on z ∈ [−10, 10]. */
export const GAUSS_INTERVALS = 4000;
export const GAUSS_ZMAX = 10;

let nodes: Float64Array | null = null;
let weights: Float64Array | null = null;

/** Simpson nodes z_i and weights w_i·φ(z_i), built once. */
function gaussGrid(): [Float64Array, Float64Array] {
  if (!nodes || !weights) {
    const n = GAUSS_INTERVALS;
    const h = (2 * GAUSS_ZMAX) / n;
    nodes = new Float64Array(n + 1);
    weights = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      const z = -GAUSS_ZMAX + i * h;
      nodes[i] = z;
      const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
      weights[i] = ((w * h) / 3) * normalPdf(z);
    }
  }
  return [nodes, weights];
}

/**
 * E_{z∼N(0,1)}[f(mean + √q·z)], the expectation of f under N(mean, q), by composite
 * Simpson on the brief's grid. Accurate to ~1e-10 for smooth f; a kink or jump at a node
 * costs ~1e-3 (use closed forms there, e.g. for ReLU).
 */
export function gaussExpect(f: (x: number) => number, q: number, mean = 0): number {
  const [z, w] = gaussGrid();
  const s = Math.sqrt(q);
  let acc = 0;
  for (let i = 0; i < z.length; i++) acc += w[i] * f(mean + s * z[i]);
  return acc;
}
