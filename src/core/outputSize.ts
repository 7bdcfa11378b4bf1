/**
 * Spatial output size of a convolution or pooling layer (PyTorch semantics):
 * H_out = ⌊(H + 2P − D(K−1) − 1)/S⌋ + 1. With ceil = true (ceil_mode) the floor becomes a ceiling
 * (PyTorch adds S − 1 before dividing, so a last window may overhang the padded input by up to
 * S − 1 cells), and a last window that would start inside the right padding is dropped.
 * Returns 0 where PyTorch would refuse ("output size is too small").
 */
export function outputSize(H: number, K: number, S: number, P = 0, D = 1, ceil = false): number {
  for (const [name, v, min] of [
    ['H', H, 1],
    ['K', K, 1],
    ['S', S, 1],
    ['P', P, 0],
    ['D', D, 1],
  ] as const) {
    if (!(Number.isInteger(v) && v >= min)) throw new RangeError(`${name} must be an integer ≥ ${min} (got ${v})`);
  }
  const span = H + 2 * P - D * (K - 1) - 1;
  let out = Math.floor((span + (ceil ? S - 1 : 0)) / S) + 1;
  if (ceil && (out - 1) * S >= H + P) out--;
  return Math.max(0, out);
}
