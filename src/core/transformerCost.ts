/**
 * What a Transformer costs, in the units of the T13 argument: multiply-adds, sequential
 * steps on the critical path, memory, and parameters. n = sequence length, d = model width.
 */

/** Vaswani et al.'s Table 1 leading terms per layer: self-attention n²·d vs recurrence n·d² (equal at n = d). */
export function attentionVsRecurrenceMultAdds(n: number, d: number): { attention: number; recurrent: number } {
  return { attention: n * n * d, recurrent: n * d * d };
}

export interface SelfAttentionLayerCost {
  /** X·W^Q, X·W^K, X·W^V and concat·W^O: 4·n·d². */
  projections: number;
  /** QKᵀ summed over heads: n²·d (h heads of n²·d_k). */
  scores: number;
  /** weights·V summed over heads: n²·d. */
  mix: number;
  total: number;
  /** All n rows at once: one step, independent of n. */
  sequentialSteps: number;
  /** Attention weights held per layer: h·n² numbers, the O(n²) memory. */
  attentionWeights: number;
}

/** Multiply-adds of one multi-head self-attention sub-layer (d_k = d/h), FFN excluded. */
export function selfAttentionLayerCost(n: number, d: number, heads = 1): SelfAttentionLayerCost {
  const projections = 4 * n * d * d;
  const scores = n * n * d;
  const mix = n * n * d;
  return {
    projections,
    scores,
    mix,
    total: projections + scores + mix,
    sequentialSteps: 1,
    attentionWeights: heads * n * n,
  };
}

export interface RnnLayerCost {
  /** W_hh·h_{t−1} for every t: n·d². */
  recurrence: number;
  /** W_xh·x_t for every t: n·d·d_in (parallel over t; only the recurrence is sequential). */
  input: number;
  total: number;
  /** h_t waits for h_{t−1}: n steps. */
  sequentialSteps: number;
  /** Hidden states kept for backpropagation through time: n·d. */
  states: number;
}

/** Multiply-adds of one vanilla RNN layer, h_t = f(W_hh h_{t−1} + W_xh x_t + b). */
export function rnnLayerCost(n: number, d: number, dIn = d): RnnLayerCost {
  const recurrence = n * d * d;
  const input = n * d * dIn;
  return { recurrence, input, total: recurrence + input, sequentialSteps: n, states: n * d };
}

/**
 * Sequential steps to encode n tokens with a stack of L RNN layers: layer l at time t needs
 * (l, t−1) and (l−1, t), so the best schedule is a wavefront of n + L − 1 steps (n for one layer).
 */
export function rnnCriticalPath(n: number, layers = 1): number {
  return n <= 0 ? 0 : n + layers - 1;
}

/** Sequential steps to encode (or train with teacher forcing on) a sequence: one per layer, independent of n. */
export function encoderCriticalPath(layers: number): number {
  return layers;
}

export interface DecodingCost {
  /** Forward passes, one per generated token (the prompt's prefill is the first): sequential in the output length. */
  passes: number;
  /** Layer applications on the critical path: passes × layers. */
  layerApplications: number;
  /** Attention-sub-layer multiply-adds over all passes and layers (leading terms; FFN excluded). */
  multAdds: number;
  /** Keys and values cached at the end (2·L·(prompt + generated − 1)·d numbers; 0 without a cache). */
  kvCacheEntries: number;
}

/**
 * Autoregressive generation of `generated` tokens after a prompt of `prompt` tokens with an
 * L-layer decoder. The KV cache saves recomputation (each new token costs 4d² + 2·c·d per
 * layer at context c instead of a full pass over the prefix) but not the one-pass-per-token
 * dependence.
 */
export function decodingCost(
  prompt: number,
  generated: number,
  d: number,
  layers: number,
  kvCache = true,
): DecodingCost {
  if (generated <= 0) return { passes: 0, layerApplications: 0, multAdds: 0, kvCacheEntries: 0 };
  const layerCost = (n: number) => selfAttentionLayerCost(n, d).total;
  // Pass 1 reads the prompt (at least one token, e.g. a start token) and yields token 1.
  const p = Math.max(1, prompt);
  let perLayer = layerCost(p);
  for (let t = 2; t <= generated; t++) {
    const c = p + t - 1;
    perLayer += kvCache ? 4 * d * d + 2 * c * d : layerCost(c);
  }
  return {
    passes: generated,
    layerApplications: generated * layers,
    multAdds: perLayer * layers,
    kvCacheEntries: kvCache ? 2 * layers * (p + generated - 1) * d : 0,
  };
}

/** Parameters of one Transformer encoder layer: 4(d²+d) attention, (d·d_ff + d_ff) + (d_ff·d + d) FFN, 2·2d LayerNorm. */
export function transformerEncoderLayerParams(d: number, dff: number): number {
  return 4 * (d * d + d) + (d * dff + dff) + (dff * d + d) + 2 * (2 * d);
}

export interface BertConfig {
  vocab: number;
  hidden: number;
  layers: number;
  /** FFN width (4·hidden in both released sizes). */
  ff: number;
  /** Learned positions (512). */
  positions?: number;
  /** Segment (token-type) ids (2). */
  types?: number;
  /** Include the [CLS] pooler H² + H (default true); the MLM/NSP heads are never included. */
  pooler?: boolean;
}

export const BERT_BASE: BertConfig = { vocab: 30522, hidden: 768, layers: 12, ff: 3072 };
export const BERT_LARGE: BertConfig = { vocab: 30522, hidden: 1024, layers: 24, ff: 4096 };

/** Embeddings V·H + P·H + T·H + LayerNorm 2H, L encoder layers, and the pooler: BERT-Base 109 482 240. */
export function bertParams(c: BertConfig): number {
  const H = c.hidden;
  const emb = c.vocab * H + (c.positions ?? 512) * H + (c.types ?? 2) * H + 2 * H;
  const pooler = (c.pooler ?? true) ? H * H + H : 0;
  return emb + c.layers * transformerEncoderLayerParams(H, c.ff) + pooler;
}
