import { fromRows } from './matrix.ts';
import { cosine, matTVecAcc } from './vec.ts';

/**
 * An embedding table E ∈ ℝ^{V×d}, row i the vector of token i (T16.3), and the queries the
 * embedding page runs on it: lookup, cosine neighbours and 3CosAdd analogies.
 */
export interface EmbeddingTable {
  readonly V: number;
  readonly d: number;
  /** V × d, row-major. */
  readonly data: Float64Array;
}

/** Builds a table from rows (all of the same length). */
export function embeddingTable(rows: ReadonlyArray<ArrayLike<number>>): EmbeddingTable {
  const m = fromRows(rows);
  return { V: m.rows, d: m.cols, data: m.data };
}

/** one_hot(i) ∈ {0,1}^V. */
export function oneHot(i: number, V: number): Float64Array {
  const o = new Float64Array(V);
  o[i] = 1;
  return o;
}

/** e_i = E[i, :], the way it is implemented: indexing, O(d). */
export function embeddingLookup(E: EmbeddingTable, i: number, out = new Float64Array(E.d)): Float64Array {
  if (!(Number.isInteger(i) && i >= 0 && i < E.V)) throw new RangeError(`token id ${i} is outside 0…${E.V - 1}`);
  out.set(E.data.subarray(i * E.d, (i + 1) * E.d));
  return out;
}

/** e = Eᵀo for any vector o ∈ ℝ^V, the product written out (O(V·d)); for o = one_hot(i) it equals E[i, :]. */
export function oneHotProduct(E: EmbeddingTable, o: ArrayLike<number>, out = new Float64Array(E.d)): Float64Array {
  return matTVecAcc(E.data, E.V, E.d, o, out.fill(0));
}

/** A ranked candidate: a row index and its cosine with the query. */
export interface Neighbour {
  readonly index: number;
  readonly score: number;
}

/** cos(E[w, :], q) for every row w. A zero row scores 0. */
export function cosineToAll(E: EmbeddingTable, q: ArrayLike<number>, out = new Float64Array(E.V)): Float64Array {
  for (let w = 0; w < E.V; w++) out[w] = cosine(E.data.subarray(w * E.d, (w + 1) * E.d), q);
  return out;
}

function rank(scores: Float64Array, k: number, exclude: ReadonlySet<number>): Neighbour[] {
  const cands: Neighbour[] = [];
  for (let w = 0; w < scores.length; w++) if (!exclude.has(w)) cands.push({ index: w, score: scores[w] });
  // Ties keep the lower index first, so rankings are stable across runs.
  cands.sort((a, b) => b.score - a.score || a.index - b.index);
  return cands.slice(0, Math.max(0, k));
}

/**
 * The k rows most similar to `query` by cosine, best first. A row index as the query
 * is excluded from its own neighbours; `exclude` removes further rows.
 */
export function nearestNeighbours(
  E: EmbeddingTable,
  query: number | ArrayLike<number>,
  k = 5,
  { exclude = [] }: { exclude?: Iterable<number> } = {},
): Neighbour[] {
  const skip = new Set(exclude);
  const q = typeof query === 'number' ? embeddingLookup(E, query) : query;
  if (typeof query === 'number') skip.add(query);
  return rank(cosineToAll(E, q), k, skip);
}

export interface AnalogyResult {
  /** v = e_{a′} − e_a + e_b. */
  readonly vector: Float64Array;
  /** Top candidates by cos(e_w, v), best first. */
  readonly ranked: Neighbour[];
  /** cos(e_w, v) for every row, inputs included, for a full table. */
  readonly scores: Float64Array;
}

/**
 * 3CosAdd for a : a′ :: b : ? (man : king :: woman : ?): the rows ranked by
 * cos(e_w, e_{a′} − e_a + e_b). With `exclude` (default true, as in Mikolov et al. 2013) the
 * three inputs are left out; without it the answer is often a′ itself (T16.2).
 */
export function analogy(
  E: EmbeddingTable,
  a: number,
  aPrime: number,
  b: number,
  { exclude = true, k = 5 }: { exclude?: boolean; k?: number } = {},
): AnalogyResult {
  const vector = new Float64Array(E.d);
  for (let j = 0; j < E.d; j++) vector[j] = E.data[aPrime * E.d + j] - E.data[a * E.d + j] + E.data[b * E.d + j];
  const scores = cosineToAll(E, vector);
  const ranked = rank(scores, k, new Set(exclude ? [a, aPrime, b] : []));
  return { vector, ranked, scores };
}

/** Sizes behind "one-hot vs dense" for a vocabulary of V tokens and d-dimensional vectors. */
export interface OneHotVsDense {
  /** Length of a one-hot vector (V) and of a dense one (d). */
  readonly oneHotDims: number;
  readonly denseDims: number;
  /** Bytes per token vector stored densely; a one-hot vector's information is one index. */
  readonly oneHotBytes: number;
  readonly denseBytes: number;
  /** Parameters of the table E (V·d), the same as a linear layer on one-hot inputs (bias-free). */
  readonly tableParams: number;
  readonly tableBytes: number;
  /** Multiply-adds of one_hot(i)ᵀE done as a product (V·d) against a lookup's d copies. */
  readonly productMultAdds: number;
  readonly lookupCopies: number;
}

export function oneHotVsDense(V: number, d: number, { bytesPerValue = 4 } = {}): OneHotVsDense {
  return {
    oneHotDims: V,
    denseDims: d,
    oneHotBytes: V * bytesPerValue,
    denseBytes: d * bytesPerValue,
    tableParams: V * d,
    tableBytes: V * d * bytesPerValue,
    productMultAdds: V * d,
    lookupCopies: d,
  };
}
