import {
  peFrequencies,
  peShift,
  peSimilarity,
  PE_BASE,
  sinusoidalPE,
  sinusoidalPETable,
} from '../../core/positionalEncoding.ts';
import { dot } from '../../core/vec.ts';

export interface PeView {
  d: number;
  n: number;
  /** The chosen position (clamped to n − 1) and offset. */
  p: number;
  k: number;
  /** n × d, row p = PE(p). */
  table: Float64Array;
  pe: Float64Array;
  /** PE(p + k) from the formula, and R_k·PE(p) from the rotation alone. */
  shifted: Float64Array;
  rotated: Float64Array;
  /** max |R_k PE(p) − PE(p+k)| (rounding only). */
  rotationError: number;
  /** PE(p)·PE(p+k) measured, and Σᵢ cos(ωᵢk), which does not depend on p. */
  dotPK: number;
  similarity: number;
  /** ωᵢ and the wavelengths 2π/ωᵢ of the first and last pair. */
  omega: Float64Array;
  shortest: number;
  longest: number;
}

/** Everything drawn, from the core's positional-encoding functions. */
export function peView(d: number, n: number, p: number, k: number): PeView {
  const pp = Math.min(p, n - 1);
  const table = sinusoidalPETable(n, d);
  const pe = sinusoidalPE(pp, d);
  const shifted = sinusoidalPE(pp + k, d);
  const rotated = peShift(pe, k);
  let rotationError = 0;
  for (let j = 0; j < d; j++) rotationError = Math.max(rotationError, Math.abs(rotated[j] - shifted[j]));
  const omega = peFrequencies(d);
  return {
    d,
    n,
    p: pp,
    k,
    table,
    pe,
    shifted,
    rotated,
    rotationError,
    dotPK: dot(pe, shifted),
    similarity: peSimilarity(k, d),
    omega,
    shortest: (2 * Math.PI) / omega[0],
    longest: (2 * Math.PI) / omega[omega.length - 1],
  };
}

/** PE(q)·PE(q+k) for several q at once: all equal Σᵢ cos(ωᵢk). */
export function dotsAtOffset(k: number, d: number, qs: readonly number[]): number[] {
  return qs.map((q) => dot(sinusoidalPE(q, d), sinusoidalPE(q + k, d)));
}

/** The similarity curve k ↦ Σᵢ cos(ωᵢk) for k = 0 … kMax. */
export function similarityCurve(d: number, kMax: number): { k: number; s: number }[] {
  return Array.from({ length: kMax + 1 }, (_, k) => ({ k, s: peSimilarity(k, d) }));
}

export { PE_BASE };
