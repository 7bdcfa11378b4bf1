import { mixSeed } from './hashSeed.ts';
import { matmul, matmulTransB } from './matrix.ts';
import { sinusoidalPE } from './positionalEncoding.ts';
import { createRng, type Rng } from './rng.ts';
import { softmaxRows } from './softmax.ts';
import { embedTokens } from './tokens.ts';

/**
 * Scaled dot-product attention, softmax(QKᵀ/√d_k + M)V, with Q n×d_k, K m×d_k, V m×d_v
 * (row-major Float64Array; rows are tokens).
 */
export interface AttentionOptions {
  /** Number of queries (rows of Q). */
  n: number;
  /** Number of keys/values (rows of K and V); default n (self-attention). */
  m?: number;
  dk: number;
  dv: number;
  /** Decoder mask: query i sees keys j ≤ i + (m − n) (the lower triangle when m = n). */
  causal?: boolean;
  /** n×m, non-zero = allowed; combined with `causal` (both must allow). */
  mask?: ArrayLike<number>;
  /** Divide the scores by √d_k (default true). false shows the unscaled, saturating softmax. */
  scale?: boolean;
  /** Divide the scores by τ instead of √d_k (the widget's temperature slider); overrides `scale`. */
  temperature?: number;
  /** Buffers to reuse (any subset, correct lengths); results are written into them. */
  out?: Partial<AttentionResult>;
}

export interface AttentionResult {
  /** n×m pre-softmax scores QKᵀ/τ (τ = √d_k, 1 or the temperature), before the mask. */
  scores: Float64Array;
  /** n×m softmax weights; each allowed row sums to 1, masked entries are exactly 0. */
  weights: Float64Array;
  /** n×d_v weighted sums of the rows of V. */
  output: Float64Array;
  /** n flags: 1 where a query had no key to attend to (its weights and output are 0). */
  emptyRows: Uint8Array;
}

function reuse(buf: Float64Array | undefined, len: number): Float64Array {
  return buf !== undefined && buf.length === len ? buf : new Float64Array(len);
}

/** The divisor τ applied to QKᵀ. */
export function attentionTemperature(dk: number, scale = true, temperature?: number): number {
  if (temperature !== undefined) {
    if (!(temperature > 0)) throw new RangeError(`attention: temperature must be > 0, got ${temperature}`);
    return temperature;
  }
  return scale ? Math.sqrt(dk) : 1;
}

/** softmax(QKᵀ/√d_k + M)V, returning the scores, weights and output. */
export function attention(
  Q: ArrayLike<number>,
  K: ArrayLike<number>,
  V: ArrayLike<number>,
  options: AttentionOptions,
): AttentionResult {
  const { n, dk, dv } = options;
  const m = options.m ?? n;
  const tau = attentionTemperature(dk, options.scale, options.temperature);
  if (V.length !== m * dv) throw new RangeError(`attention: V has length ${V.length}, expected ${m * dv}`);
  const o = options.out ?? {};
  const scores = matmulTransB(Q, K, n, dk, m, reuse(o.scores, n * m));
  if (tau !== 1) {
    const inv = 1 / tau;
    for (let i = 0; i < scores.length; i++) scores[i] *= inv;
  }
  const sm = softmaxRows(scores, n, m, {
    causal: options.causal,
    mask: options.mask,
    out: reuse(o.weights, n * m),
    emptyRows: o.emptyRows?.length === n ? o.emptyRows : undefined,
  });
  const output = matmul(sm.values, V, n, m, dv, reuse(o.output, n * dv));
  return { scores, weights: sm.values, output, emptyRows: sm.emptyRows };
}

/**
 * One query's row computed on its own, oᵢ = Σⱼ softmaxⱼ(qᵢ·kⱼ/τ + Mᵢⱼ) vⱼ, with plain
 * loops and no matrix product: the "loop" side of T13's loop = matrix demonstration.
 */
export function attentionRow(
  Q: ArrayLike<number>,
  K: ArrayLike<number>,
  V: ArrayLike<number>,
  i: number,
  options: Omit<AttentionOptions, 'out'>,
): { scores: Float64Array; weights: Float64Array; output: Float64Array; empty: boolean } {
  const { n, dk, dv } = options;
  const m = options.m ?? n;
  if (!(Number.isInteger(i) && i >= 0 && i < n)) throw new RangeError(`attentionRow: row ${i} outside 0..${n - 1}`);
  const tau = attentionTemperature(dk, options.scale, options.temperature);
  const scores = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let p = 0; p < dk; p++) s += Q[i * dk + p] * K[j * dk + p];
    scores[j] = tau === 1 ? s : s * (1 / tau);
  }
  const allowed = (j: number) =>
    (!options.causal || j <= i + m - n) && (options.mask === undefined || options.mask[i * m + j] !== 0);
  let max = -Infinity;
  for (let j = 0; j < m; j++) if (allowed(j) && scores[j] > max) max = scores[j];
  const weights = new Float64Array(m);
  const output = new Float64Array(dv);
  if (max === -Infinity) return { scores, weights, output, empty: true };
  let sum = 0;
  for (let j = 0; j < m; j++) {
    weights[j] = allowed(j) ? Math.exp(scores[j] - max) : 0;
    sum += weights[j];
  }
  // The same operations in the same order as attention() (multiply by 1/Σ, accumulate over j
  // ascending), so the loop and the matrix form agree exactly, not just to rounding.
  const inv = 1 / sum;
  for (let j = 0; j < m; j++) {
    weights[j] *= inv;
    for (let c = 0; c < dv; c++) output[c] += weights[j] * V[j * dv + c];
  }
  return { scores, weights, output, empty: false };
}

/** The n×m causal mask (1 = allowed): j ≤ i + (m − n). BERT's bidirectional mask is all ones. */
export function causalMask(n: number, m = n): Uint8Array {
  const M = new Uint8Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m && j <= i + m - n; j++) M[i * m + j] = 1;
  return M;
}

/** Var(q·k) = d_k·σ_q²·σ_k² for independent zero-mean components; 1 after dividing by √d_k at σ = 1. */
export function dotProductVariance(dk: number, varQ = 1, varK = 1): number {
  return dk * varQ * varK;
}

export interface MultiHeadOptions {
  /** Tokens (rows of X). */
  n: number;
  dModel: number;
  heads: number;
  /** Per-head query/key width; default dModel/heads. */
  dk?: number;
  /** Per-head value width; default dk. */
  dv?: number;
  /** Columns of W_O; default dModel. */
  dOut?: number;
  causal?: boolean;
  mask?: ArrayLike<number>;
  scale?: boolean;
  temperature?: number;
  /** A previous result of the same shape, whose buffers are reused. */
  out?: MultiHeadResult;
}

export interface MultiHeadResult {
  /** One attention result per head (scores, weights n×n, output n×d_v). */
  heads: AttentionResult[];
  /** X·W^Q (n × h·d_k): head i is columns i·d_k … (i+1)·d_k − 1; likewise K and V. */
  Q: Float64Array;
  K: Float64Array;
  V: Float64Array;
  /** Concat(head₁, …, head_h), n × h·d_v. */
  concat: Float64Array;
  /** concat·W_O, n × d_out (the concat itself when W_O is null). */
  output: Float64Array;
}

/**
 * Columns from … from+width−1 of a rows×stride matrix into dst (rows×width): one head's
 * slice of the packed Q, K, V or of the concatenation.
 */
export function copyColumns(
  src: ArrayLike<number>,
  rows: number,
  stride: number,
  from: number,
  width: number,
  dst: Float64Array = new Float64Array(rows * width),
): Float64Array {
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) dst[r * width + c] = src[r * stride + from + c];
  return dst;
}

/**
 * Multi-head self-attention: headᵢ = Attention(XWᵢ^Q, XWᵢ^K, XWᵢ^V), output =
 * Concat(head₁…head_h)·W^O. W^Q, W^K are dModel × h·d_k and W^V dModel × h·d_v, packed
 * by head along the columns (PyTorch's layout); W^O is h·d_v × d_out, or null for the identity.
 */
export function multiHead(
  X: ArrayLike<number>,
  Wq: ArrayLike<number>,
  Wk: ArrayLike<number>,
  Wv: ArrayLike<number>,
  Wo: ArrayLike<number> | null,
  options: MultiHeadOptions,
): MultiHeadResult {
  const { n, dModel, heads: h } = options;
  if (!(Number.isInteger(h) && h >= 1)) throw new RangeError(`multiHead: heads must be a positive integer, got ${h}`);
  const dk = options.dk ?? dModel / h;
  if (!Number.isInteger(dk)) throw new RangeError(`multiHead: dModel ${dModel} is not divisible by ${h} heads`);
  const dv = options.dv ?? dk;
  const dOut = options.dOut ?? dModel;
  const prev = options.out;
  const Q = matmul(X, Wq, n, dModel, h * dk, reuse(prev?.Q, n * h * dk));
  const K = matmul(X, Wk, n, dModel, h * dk, reuse(prev?.K, n * h * dk));
  const V = matmul(X, Wv, n, dModel, h * dv, reuse(prev?.V, n * h * dv));
  const concat = reuse(prev?.concat, n * h * dv);
  const qh = h === 1 ? Q : new Float64Array(n * dk);
  const kh = h === 1 ? K : new Float64Array(n * dk);
  const vh = h === 1 ? V : new Float64Array(n * dv);
  const results: AttentionResult[] = [];
  for (let i = 0; i < h; i++) {
    // One head needs no slicing: its Q, K, V are the packed matrices themselves.
    const one = h === 1;
    const qi = one ? Q : copyColumns(Q, n, h * dk, i * dk, dk, qh);
    const ki = one ? K : copyColumns(K, n, h * dk, i * dk, dk, kh);
    const vi = one ? V : copyColumns(V, n, h * dv, i * dv, dv, vh);
    const r = attention(qi, ki, vi, {
      n,
      dk,
      dv,
      causal: options.causal,
      mask: options.mask,
      scale: options.scale,
      temperature: options.temperature,
      out: prev?.heads[i],
    });
    for (let t = 0; t < n; t++) for (let c = 0; c < dv; c++) concat[t * h * dv + i * dv + c] = r.output[t * dv + c];
    results.push(r);
  }
  const output = Wo === null ? concat : matmul(concat, Wo, n, h * dv, dOut, reuse(prev?.output, n * dOut));
  return { heads: results, Q, K, V, concat, output };
}

export interface ProjectionShape {
  dModel: number;
  heads?: number;
  /** Per-head query/key width; default dModel/heads. */
  dk?: number;
  dv?: number;
  dOut?: number;
  /** Multiplies the std of W^Q and W^K (default 1): > 1 sharpens every head, < 1 flattens it. */
  gain?: number;
}

export interface Projections {
  Wq: Float64Array;
  Wk: Float64Array;
  Wv: Float64Array;
  Wo: Float64Array;
  dModel: number;
  heads: number;
  dk: number;
  dv: number;
  dOut: number;
}

/**
 * Seeded W^Q, W^K, W^V (dModel × h·d) with entries N(0, 1/dModel) and W^O (h·d_v × d_out)
 * with N(0, 1/(h·d_v)). With unit-variance token vectors this makes each component of
 * q, k, v roughly unit-variance, so QKᵀ/√d_k has unit-variance entries: the softmax is
 * neither uniform nor one-hot for any d_k, and switching the scaling off shows the
 * saturation growing like √d_k. Each column (per matrix and head) has its own stream
 * derived from one draw of `rng`, so raising d_k appends columns and keeps the existing
 * ones: dragging a d_k slider changes the picture smoothly.
 */
export function seededProjections(rng: Rng, shape: ProjectionShape): Projections {
  const { dModel } = shape;
  const heads = shape.heads ?? 1;
  const dk = shape.dk ?? dModel / heads;
  if (!Number.isInteger(dk) || dk < 1) throw new RangeError(`seededProjections: d_k = ${dk} is not a positive integer`);
  const dv = shape.dv ?? dk;
  const dOut = shape.dOut ?? dModel;
  const base = rng.int(4294967296);
  const fill = (tag: number, rows: number, perHead: number, std: number) => {
    const W = new Float64Array(rows * heads * perHead);
    const cols = heads * perHead;
    for (let hd = 0; hd < heads; hd++) {
      for (let c = 0; c < perHead; c++) {
        const r = createRng(mixSeed(base, tag, hd, c));
        for (let row = 0; row < rows; row++) W[row * cols + hd * perHead + c] = std * r.normal();
      }
    }
    return W;
  };
  const g = shape.gain ?? 1;
  const Wq = fill(1, dModel, dk, g / Math.sqrt(dModel));
  const Wk = fill(2, dModel, dk, g / Math.sqrt(dModel));
  const Wv = fill(3, dModel, dv, 1 / Math.sqrt(dModel));
  const Wo = outputProjection(base, heads, dv, dOut);
  return { Wq, Wk, Wv, Wo, dModel, heads, dk, dv, dOut };
}

function outputProjection(base: number, heads: number, dv: number, dOut: number): Float64Array {
  const Wo = new Float64Array(heads * dv * dOut);
  const ro = createRng(mixSeed(base, 4, heads, dv));
  const so = 1 / Math.sqrt(heads * dv);
  for (let i = 0; i < Wo.length; i++) Wo[i] = so * ro.normal();
  return Wo;
}

/**
 * The W^O that seededProjections(rng, shape) returns, without drawing W^Q, W^K, W^V: a view
 * that caches Q, K, V at the widest d_k and slices them while a d_k slider moves needs only
 * this (h·d_v × d_out) per step.
 */
export function seededOutputProjection(rng: Rng, shape: { heads: number; dv: number; dOut: number }): Float64Array {
  const { heads, dv, dOut } = shape;
  if (!(Number.isInteger(heads) && heads >= 1 && Number.isInteger(dv) && dv >= 1)) {
    throw new RangeError(`seededOutputProjection: heads = ${heads}, d_v = ${dv} must be positive integers`);
  }
  return outputProjection(rng.int(4294967296), heads, dv, dOut);
}

export interface TokenAttentionOptions extends Omit<MultiHeadOptions, 'n' | 'dModel' | 'heads' | 'out'> {
  /** Token-vector width (default 64). */
  dModel?: number;
  /** Default 1. */
  heads?: number;
  /** Seed of the token vectors (tokenEmbedding) and of the projections. */
  seed?: number;
  /** Add the sinusoidal PE to the token vectors (default false: attention is then order-blind). */
  positional?: boolean;
  /** Multiplies the std of W^Q, W^K (see seededProjections). */
  gain?: number;
  out?: MultiHeadResult;
}

/**
 * The attention widget's pipeline in one call: tokens → unit-variance token vectors X
 * (+ PE, which has unit-size entries too, so no √d_model rescaling is needed) → seeded
 * W^Q, W^K, W^V, W^O → multi-head self-attention. Same tokens and seed, same picture.
 */
export function tokenSelfAttention(
  tokens: readonly string[],
  options: TokenAttentionOptions = {},
): MultiHeadResult & { X: Float64Array; projections: Projections } {
  const dModel = options.dModel ?? 64;
  const heads = options.heads;
  const seed = options.seed ?? 0;
  const n = tokens.length;
  const X = embedTokens(tokens, dModel, seed);
  if (options.positional) {
    const pe = new Float64Array(dModel);
    for (let t = 0; t < n; t++) {
      sinusoidalPE(t, dModel, pe);
      for (let c = 0; c < dModel; c++) X[t * dModel + c] += pe[c];
    }
  }
  const P = seededProjections(createRng(mixSeed(seed, 0x51)), {
    dModel,
    heads,
    dk: options.dk,
    dv: options.dv,
    dOut: options.dOut,
    gain: options.gain,
  });
  const r = multiHead(X, P.Wq, P.Wk, P.Wv, P.Wo, {
    ...options,
    n,
    dModel,
    heads: P.heads,
    dk: P.dk,
    dv: P.dv,
    dOut: P.dOut,
  });
  return { ...r, X, projections: P };
}
