/**
 * A small seeded generator. Anything random in the core takes one of these as an
 * argument, so every figure can be reproduced from its seed.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** The seed this generator started from. */
  readonly seed: number;
}

/** Normalises any number to a 32-bit unsigned seed. */
export function toSeed(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) >>> 0 : 0;
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32 so
 * that neighbouring seeds give unrelated streams. Period ≥ 2^32; ample for figures.
 */
export function createRng(seed = 1): Rng {
  const s0 = toSeed(seed);
  let x = s0;
  const split = () => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = 1;
  const nextU32 = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) nextU32();

  let spare: number | null = null;
  const next = () => nextU32() / 4294967296;
  return {
    seed: s0,
    next,
    int: (n: number) => Math.floor(next() * n),
    normal() {
      if (spare !== null) {
        const v = spare;
        spare = null;
        return v;
      }
      // Box–Muller; 1 − u keeps the logarithm's argument in (0, 1].
      const u = 1 - next();
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/**
 * k distinct indices from 0 … n−1, uniformly, in draw order: the first k entries of a partial
 * Fisher–Yates shuffle (draw i is rng.int(n − i)), so k draws however large n is.
 */
export function sampleWithoutReplacement(n: number, k: number, rng: Rng): number[] {
  if (!(Number.isInteger(n) && n >= 0 && Number.isInteger(k) && k >= 0 && k <= n)) {
    throw new RangeError(`cannot draw ${k} of ${n} without replacement`);
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  idx.length = k;
  return idx;
}
