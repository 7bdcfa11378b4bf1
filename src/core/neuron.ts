import { ACTIVATIONS, type ActivationName } from './activations.ts';
import { evalGrid, type PlaneGrid } from './toyData.ts';
import { dot } from './vec.ts';

/** One neuron: z = wᵀx + b, a = φ(z). */
export function neuron(
  w: ArrayLike<number>,
  x: ArrayLike<number>,
  b: number,
  act: ActivationName,
): { z: number; a: number } {
  if (w.length !== x.length) throw new RangeError('w and x differ in length');
  const z = dot(w, x) + b;
  return { z, a: ACTIVATIONS[act].f(z) };
}

/** φ(w₀x₀ + w₁x₁ + b) over a 2-D grid (row 0 at the top), for colouring the input plane. */
export function neuronGrid(
  w0: number,
  w1: number,
  b: number,
  act: ActivationName,
  grid: PlaneGrid,
  out?: Float64Array,
): Float64Array {
  const { f } = ACTIVATIONS[act];
  return evalGrid((x0, x1) => f(w0 * x0 + w1 * x1 + b), grid, out);
}
