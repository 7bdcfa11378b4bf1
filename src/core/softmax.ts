/**
 * Row-wise softmax with masking, in the numerically stable form
 * softmax(z)ᵢ = e^{zᵢ−max z} / Σⱼ e^{zⱼ−max z}.
 *
 * Masking follows the additive-mask convention of the brief (M_ij ∈ {0, −∞}): a masked
 * entry gets weight exactly 0. A row with nothing allowed (or every allowed logit −∞)
 * has no distribution at all; instead of the 0/0 = NaN a literal implementation gives,
 * it is returned as zeros and flagged in `emptyRows`.
 */

export interface SoftmaxRowsOptions {
  /** Divide the logits by τ > 0 first (default 1): τ → 0 approaches argmax, τ → ∞ uniform. */
  temperature?: number;
  /** rows×cols, non-zero = allowed (1/0 as in the brief's causal-mask oracle). */
  mask?: ArrayLike<number>;
  /**
   * Allow only j ≤ i + (cols − rows): the usual lower triangle when rows = cols, and for
   * the last `rows` queries of a longer sequence (KV-cached decoding) everything up to
   * their own position.
   */
  causal?: boolean;
  /** rows×cols buffer for the result. */
  out?: Float64Array;
  /** rows buffer for the empty-row flags. */
  emptyRows?: Uint8Array;
}

export interface SoftmaxRowsResult {
  /** rows×cols; each row sums to 1, or is all 0 when flagged empty. */
  values: Float64Array;
  /** 1 where the row had no allowed finite logit (values are 0 there). */
  emptyRows: Uint8Array;
  /** How many rows are empty. */
  emptyCount: number;
}

interface RowPlan {
  rows: number;
  cols: number;
  invTemp: number;
  mask: ArrayLike<number> | undefined;
  causal: boolean;
}

function plan(z: ArrayLike<number>, rows: number, cols: number, o: SoftmaxRowsOptions, name: string): RowPlan {
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows >= 0 && cols >= 0)) {
    throw new RangeError(`${name}: shape ${rows}×${cols} is not a pair of non-negative integers`);
  }
  if (z.length !== rows * cols) throw new RangeError(`${name}: expected ${rows * cols} logits, got ${z.length}`);
  const t = o.temperature ?? 1;
  if (!(t > 0)) throw new RangeError(`${name}: temperature must be > 0, got ${t}`);
  if (o.mask !== undefined && o.mask.length !== rows * cols) {
    throw new RangeError(`${name}: mask has length ${o.mask.length}, expected ${rows * cols}`);
  }
  return { rows, cols, invTemp: 1 / t, mask: o.mask, causal: o.causal ?? false };
}

function buffers(o: SoftmaxRowsOptions, rows: number, cols: number, name: string) {
  const values = o.out ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) throw new RangeError(`${name}: out has the wrong length`);
  const emptyRows = o.emptyRows ?? new Uint8Array(rows);
  if (emptyRows.length !== rows) throw new RangeError(`${name}: emptyRows has the wrong length`);
  return { values, emptyRows };
}

/**
 * One row's logits, scaled and masked, written into `dst` (−∞ where masked).
 * Returns the index of the first maximum, −1 for an empty row, −2 if a logit is NaN.
 */
function scaledRow(z: ArrayLike<number>, p: RowPlan, i: number, dst: Float64Array): number {
  const { cols, invTemp, mask } = p;
  const base = i * cols;
  const last = p.causal ? i + cols - p.rows : cols - 1;
  let arg = -1;
  let max = -Infinity;
  for (let j = 0; j < cols; j++) {
    const allowed = j <= last && (mask === undefined || mask[base + j] !== 0);
    if (!allowed) {
      dst[base + j] = -Infinity;
      continue;
    }
    // Dividing by τ = 1 is skipped so that τ = 1 is bit-for-bit the plain softmax.
    const v = invTemp === 1 ? z[base + j] : z[base + j] * invTemp;
    if (v !== v) return -2;
    dst[base + j] = v;
    if (v > max) {
      max = v;
      arg = j;
    }
  }
  return arg;
}

/** Row-wise softmax of a rows×cols matrix, with optional temperature, mask and causal mask. */
export function softmaxRows(
  z: ArrayLike<number>,
  rows: number,
  cols: number,
  options: SoftmaxRowsOptions = {},
): SoftmaxRowsResult {
  const p = plan(z, rows, cols, options, 'softmaxRows');
  const { values, emptyRows } = buffers(options, rows, cols, 'softmaxRows');
  let emptyCount = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    emptyRows[i] = 0;
    const arg = scaledRow(z, p, i, values);
    if (arg === -2) {
      values.fill(NaN, base, base + cols);
      continue;
    }
    if (arg === -1) {
      values.fill(0, base, base + cols);
      emptyRows[i] = 1;
      emptyCount++;
      continue;
    }
    const max = values[base + arg];
    if (max === Infinity) {
      // ∞ − ∞ is NaN, so the limit is taken by hand: the mass is shared by the +∞ logits.
      let c = 0;
      for (let j = 0; j < cols; j++) if (values[base + j] === Infinity) c++;
      for (let j = 0; j < cols; j++) values[base + j] = values[base + j] === Infinity ? 1 / c : 0;
      continue;
    }
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(values[base + j] - max);
      values[base + j] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let j = 0; j < cols; j++) values[base + j] *= inv;
  }
  return { values, emptyRows, emptyCount };
}

/**
 * Row-wise log-softmax: (zᵢ − max) − log1p(Σ_{j≠argmax} e^{zⱼ−max}). Leaving the max's own
 * term (exactly 1) out of the sum keeps full precision when the others are tiny.
 * Masked entries are −∞; an empty row is all −∞ and flagged.
 */
export function logSoftmaxRows(
  z: ArrayLike<number>,
  rows: number,
  cols: number,
  options: SoftmaxRowsOptions = {},
): SoftmaxRowsResult {
  const p = plan(z, rows, cols, options, 'logSoftmaxRows');
  const { values, emptyRows } = buffers(options, rows, cols, 'logSoftmaxRows');
  let emptyCount = 0;
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    emptyRows[i] = 0;
    const arg = scaledRow(z, p, i, values);
    if (arg === -2) {
      values.fill(NaN, base, base + cols);
      continue;
    }
    if (arg === -1) {
      values.fill(-Infinity, base, base + cols);
      emptyRows[i] = 1;
      emptyCount++;
      continue;
    }
    const max = values[base + arg];
    if (max === Infinity) {
      let c = 0;
      for (let j = 0; j < cols; j++) if (values[base + j] === Infinity) c++;
      const lc = -Math.log(c);
      for (let j = 0; j < cols; j++) values[base + j] = values[base + j] === Infinity ? lc : -Infinity;
      continue;
    }
    let rest = 0;
    for (let j = 0; j < cols; j++) if (j !== arg) rest += Math.exp(values[base + j] - max);
    // (zⱼ − max) − log1p(rest), not zⱼ − (max + log1p(rest)): the latter rounds away a tiny log1p.
    const l1p = Math.log1p(rest);
    for (let j = 0; j < cols; j++) values[base + j] = values[base + j] - max - l1p;
  }
  return { values, emptyRows, emptyCount };
}

/** softmax of one vector (all −∞ gives zeros; use softmaxRows for the flag). */
export function softmax(z: ArrayLike<number>, temperature = 1, out?: Float64Array): Float64Array {
  return softmaxRows(z, 1, z.length, { temperature, out }).values;
}

/** log-softmax of one vector. */
export function logSoftmax(z: ArrayLike<number>, temperature = 1, out?: Float64Array): Float64Array {
  return logSoftmaxRows(z, 1, z.length, { temperature, out }).values;
}

/** The Jacobian ∂pᵢ/∂zⱼ = pᵢ(δᵢⱼ − pⱼ) of p = softmax(z), k×k row-major, from p. */
export function softmaxJacobian(p: ArrayLike<number>, out?: Float64Array): Float64Array {
  const k = p.length;
  const J = out ?? new Float64Array(k * k);
  if (J.length !== k * k) throw new RangeError('softmaxJacobian: out has the wrong length');
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) J[i * k + j] = p[i] * ((i === j ? 1 : 0) - p[j]);
  return J;
}

/** Shannon entropy −Σ pⱼ ln pⱼ of each row (0·ln 0 = 0): ln(cols) when uniform, 0 when one-hot. */
export function rowEntropy(P: ArrayLike<number>, rows: number, cols: number, out?: Float64Array): Float64Array {
  if (P.length !== rows * cols) throw new RangeError('rowEntropy: P has the wrong length');
  const H = out ?? new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let h = 0;
    for (let j = 0; j < cols; j++) {
      const v = P[i * cols + j];
      if (v > 0) h -= v * Math.log(v);
    }
    H[i] = h;
  }
  return H;
}
