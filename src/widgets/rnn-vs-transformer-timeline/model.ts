import {
  attentionVsRecurrenceMultAdds,
  decodingCost,
  encoderCriticalPath,
  rnnCriticalPath,
  rnnLayerCost,
  selfAttentionLayerCost,
} from '../../core/transformerCost.ts';

export interface Lane {
  rows: number;
  cols: number;
  /** rows × cols: the tick at which each (layer, position) is computed. */
  ticks: Int16Array;
  /** Sequential steps: the last tick + 1, from the core's critical-path functions. */
  steps: number;
}

/** RNN stack: h(l, i) needs h(l, i−1) and h(l−1, i), so it runs at tick i + l (a wavefront). */
export function rnnLane(n: number, L: number): Lane {
  const ticks = new Int16Array(L * n);
  for (let l = 0; l < L; l++) for (let i = 0; i < n; i++) ticks[l * n + i] = i + l;
  return { rows: L, cols: n, ticks, steps: rnnCriticalPath(n, L) };
}

/** Encoder (or training with teacher forcing): every position of layer l at once, at tick l. */
export function encoderLane(n: number, L: number): Lane {
  const ticks = new Int16Array(L * n);
  for (let l = 0; l < L; l++) ticks.fill(l, l * n, (l + 1) * n);
  return { rows: L, cols: n, ticks, steps: encoderCriticalPath(L) };
}

/**
 * Autoregressive decoding: output token j needs tokens 1 … j−1, so forward pass j runs its L
 * layers at ticks (j−1)·L … j·L − 1 (pass 1 also reads the prompt, in parallel).
 */
export function decoderLane(prompt: number, g: number, L: number, d: number): Lane & { passes: number } {
  const ticks = new Int16Array(L * g);
  for (let l = 0; l < L; l++) for (let j = 0; j < g; j++) ticks[l * g + j] = j * L + l;
  const c = decodingCost(prompt, g, d, L);
  return { rows: L, cols: g, ticks, steps: c.layerApplications, passes: c.passes };
}

/** Cell states at clock t: 0 waiting, 1 done (tick < t), 2 running now (tick = t). */
export function cellStates(lane: Lane, t: number): Uint8Array {
  const out = new Uint8Array(lane.ticks.length);
  for (let k = 0; k < out.length; k++) out[k] = lane.ticks[k] < t ? 1 : lane.ticks[k] === t ? 2 : 0;
  return out;
}

export interface Costs {
  /** Vaswani et al.'s leading terms: n²·d and n·d². */
  attention: number;
  recurrent: number;
  /** Full counts of one layer: 4nd² + 2n²d (projections, QKᵀ, AV) and 2nd² (W_hh h, W_xh x). */
  attentionFull: number;
  recurrentFull: number;
  /** Numbers held per layer: n² attention weights (one head) and n·d hidden states. */
  attentionMemory: number;
  recurrentMemory: number;
}

export function costs(n: number, d: number): Costs {
  const lead = attentionVsRecurrenceMultAdds(n, d);
  const sa = selfAttentionLayerCost(n, d, 1);
  const rnn = rnnLayerCost(n, d);
  return {
    attention: lead.attention,
    recurrent: lead.recurrent,
    attentionFull: sa.total,
    recurrentFull: rnn.total,
    attentionMemory: sa.attentionWeights,
    recurrentMemory: rnn.states,
  };
}

/** Log-spaced sequence lengths for the cost chart. */
export function costCurve(d: number, from = 16, to = 8192, points = 80): ({ n: number } & Costs)[] {
  return Array.from({ length: points }, (_, i) => {
    const n = from * (to / from) ** (i / (points - 1));
    return { n, ...costs(n, d) };
  });
}
