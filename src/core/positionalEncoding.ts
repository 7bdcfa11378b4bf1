/**
 * The original Transformer's sinusoidal positional encoding:
 * PE(pos, 2i) = sin(pos·ωᵢ), PE(pos, 2i+1) = cos(pos·ωᵢ), ωᵢ = base^{−2i/d} (base 10000).
 * (BERT and GPT-2 learn their position embeddings instead.)
 */

export const PE_BASE = 10000;

/** ωᵢ = base^{−2i/d} for i = 0 … ⌈d/2⌉ − 1. */
export function peFrequencies(d: number, base = PE_BASE): Float64Array {
  const w = new Float64Array(Math.ceil(d / 2));
  for (let i = 0; i < w.length; i++) w[i] = 1 / base ** ((2 * i) / d);
  return w;
}

/**
 * PE(pos) ∈ ℝ^d. An odd d ends with an unpaired sine, as in the reference formula.
 * ω is computed as 1/base^{2i/d}, the way the brief's oracle script does, so values match it to the last bit or two.
 */
export function sinusoidalPE(pos: number, d: number, out?: Float64Array, base = PE_BASE): Float64Array {
  const v = out ?? new Float64Array(d);
  if (v.length !== d) throw new RangeError(`sinusoidalPE: out has length ${v.length}, expected ${d}`);
  for (let j = 0; j < d; j++) {
    const angle = pos / base ** ((2 * (j >> 1)) / d);
    v[j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  }
  return v;
}

/** The n×d table, row p = PE(p), computing each frequency once. */
export function sinusoidalPETable(n: number, d: number, out?: Float64Array, base = PE_BASE): Float64Array {
  const T = out ?? new Float64Array(n * d);
  if (T.length !== n * d) throw new RangeError('sinusoidalPETable: out has the wrong length');
  const div = new Float64Array(Math.ceil(d / 2));
  for (let i = 0; i < div.length; i++) div[i] = base ** ((2 * i) / d);
  for (let p = 0; p < n; p++) {
    for (let j = 0; j < d; j++) {
      const angle = p / div[j >> 1];
      T[p * d + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return T;
}

/**
 * PE(pos + k) from PE(pos) alone: each (sin, cos) pair is rotated by the angle ωᵢk,
 * [s', c'] = [[cos ωᵢk, sin ωᵢk], [−sin ωᵢk, cos ωᵢk]]·[s, c]. The rotation depends on k
 * only, which is why a linear map can attend by relative offset. d must be even.
 */
export function peShift(pe: ArrayLike<number>, k: number, out?: Float64Array, base = PE_BASE): Float64Array {
  const d = pe.length;
  if (d % 2 !== 0) throw new RangeError(`peShift: d = ${d} must be even`);
  const v = out ?? new Float64Array(d);
  for (let i = 0; i < d / 2; i++) {
    const a = k / base ** ((2 * i) / d);
    const c = Math.cos(a);
    const s = Math.sin(a);
    const x = pe[2 * i];
    const y = pe[2 * i + 1];
    v[2 * i] = c * x + s * y;
    v[2 * i + 1] = -s * x + c * y;
  }
  return v;
}

/**
 * PE(p)·PE(p+k) = Σᵢ cos(ωᵢk), for every p: sin a sin b + cos a cos b = cos(a − b).
 * Even d only (an unpaired sine would make it depend on p); NaN otherwise.
 */
export function peSimilarity(k: number, d: number, base = PE_BASE): number {
  if (!(Number.isInteger(d) && d > 0 && d % 2 === 0)) return NaN;
  let s = 0;
  for (let i = 0; i < d / 2; i++) s += Math.cos(k / base ** ((2 * i) / d));
  return s;
}

/** The factor √d_model the Transformer multiplies token embeddings by before adding PE. */
export function embeddingScale(dModel: number): number {
  return Math.sqrt(dModel);
}
