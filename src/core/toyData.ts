import type { Rng } from './rng.ts';

/** Seeded 2-D toy classification sets in [−1, 1]², and the grid a decision region is drawn on. */

export const TOY_KINDS = ['linear', 'xor', 'circles'] as const;
export type ToyKind = (typeof TOY_KINDS)[number];

export interface ToyData {
  readonly n: number;
  /** Points row-major, n × 2: (x[2i], x[2i+1]). */
  readonly x: Float64Array;
  /** Labels 0 or 1. */
  readonly y: Float64Array;
}

export interface ToyOptions {
  /** Standard deviation of Gaussian jitter added to each coordinate after labelling (default 0). */
  noise?: number;
  /** Empty band kept around the true boundary so the clean set is separable (default 0.1). */
  margin?: number;
}

/**
 * linear: label [x₀ + x₁ > 0] (a line through the origin); xor: label [x₀x₁ > 0] with points kept
 * `margin` away from both axes; circles: label 1 inside radius 0.5, 0 in the ring 0.5 + margin … 1.
 * Classes alternate (and XOR's quadrants cycle), so every set is balanced: an unlucky draw cannot
 * crowd one quadrant and let a straight line score well on XOR.
 */
export function toyDataset(kind: ToyKind, n: number, rng: Rng, options: ToyOptions = {}): ToyData {
  const { noise = 0, margin = 0.1 } = options;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`need a positive number of points (got ${n})`);
  if (!(margin >= 0 && margin < 0.5)) throw new RangeError(`margin must be in [0, 0.5) (got ${margin})`);
  const x = new Float64Array(2 * n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let a: number;
    let b: number;
    let label: number;
    if (kind === 'linear') {
      label = i % 2 === 0 ? 1 : 0;
      // Rejection keeps the point on its side with |x₀ + x₁|/√2 ≥ margin/2; about half the draws pass.
      const side = label ? 1 : -1;
      do {
        a = 2 * rng.next() - 1;
        b = 2 * rng.next() - 1;
      } while (side * (a + b) < (margin / 2) * Math.SQRT2);
    } else if (kind === 'xor') {
      const q = i % 4;
      a = (margin + (1 - margin) * rng.next()) * (q === 0 || q === 3 ? 1 : -1);
      b = (margin + (1 - margin) * rng.next()) * (q === 0 || q === 1 ? 1 : -1);
      label = a * b > 0 ? 1 : 0;
    } else {
      label = i % 2 === 0 ? 1 : 0;
      const r = label ? 0.5 * Math.sqrt(rng.next()) : 0.5 + margin + (0.5 - margin) * rng.next();
      const t = 2 * Math.PI * rng.next();
      a = r * Math.cos(t);
      b = r * Math.sin(t);
    }
    x[2 * i] = a + (noise > 0 ? noise * rng.normal() : 0);
    x[2 * i + 1] = b + (noise > 0 ? noise * rng.normal() : 0);
    y[i] = label;
  }
  return { n, x, y };
}

/** nx × ny cell centres over [xMin, xMax] × [yMin, yMax]. */
export interface PlaneGrid {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  readonly nx: number;
  readonly ny: number;
}

/** x of column i's centre (column 0 at xMin). */
export function gridX(g: PlaneGrid, i: number): number {
  return g.xMin + ((i + 0.5) * (g.xMax - g.xMin)) / g.nx;
}

/** y of row j's centre; row 0 is the TOP (yMax), as in an image. */
export function gridY(g: PlaneGrid, j: number): number {
  return g.yMax - ((j + 0.5) * (g.yMax - g.yMin)) / g.ny;
}

/** out[j·nx + i] = f(gridX(i), gridY(j)): an image of f, row 0 at the top. */
export function evalGrid(
  f: (x0: number, x1: number) => number,
  g: PlaneGrid,
  out: Float64Array = new Float64Array(g.nx * g.ny),
): Float64Array {
  if (out.length < g.nx * g.ny) throw new RangeError('out is smaller than the grid');
  for (let j = 0; j < g.ny; j++) {
    const yj = gridY(g, j);
    for (let i = 0; i < g.nx; i++) out[j * g.nx + i] = f(gridX(g, i), yj);
  }
  return out;
}
