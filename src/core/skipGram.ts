import { sigmoid, softplus } from './activations.ts';
import { createRng, type Rng } from './rng.ts';
import { dot } from './vec.ts';

/**
 * Skip-gram with negative sampling (Mikolov et al. 2013), small enough to train live.
 * For a (center c, context o) pair and K negatives n_1…n_K drawn from the unigram^0.75
 * distribution, with v = W_in[c] and u = W_out[·]:
 *   ℓ = −log σ(u_o·v) − Σ_k log σ(−u_{n_k}·v)
 * Only the rows of c, o and the n_k receive gradient (the sparse update of T16.3).
 */

/** A vocabulary in a fixed order: by count, descending, ties alphabetically. */
export interface Vocab {
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
  readonly counts: Float64Array;
}

/** Counts tokens over sentences; words seen fewer than `minCount` times are dropped. */
export function buildVocab(sentences: ReadonlyArray<ReadonlyArray<string>>, { minCount = 1 } = {}): Vocab {
  const tally = new Map<string, number>();
  for (const s of sentences) for (const w of s) tally.set(w, (tally.get(w) ?? 0) + 1);
  const entries = [...tally].filter(([, c]) => c >= minCount);
  entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const words = entries.map(([w]) => w);
  return {
    words,
    index: new Map(words.map((w, i) => [w, i])),
    counts: Float64Array.from(entries, ([, c]) => c),
  };
}

/** Sentences as vocabulary ids; out-of-vocabulary tokens are removed (as word2vec does). */
export function encodeSentences(sentences: ReadonlyArray<ReadonlyArray<string>>, vocab: Vocab): Int32Array[] {
  return sentences.map((s) => {
    const ids: number[] = [];
    for (const w of s) {
      const i = vocab.index.get(w);
      if (i !== undefined) ids.push(i);
    }
    return Int32Array.from(ids);
  });
}

/**
 * (center, context) pairs within `window` positions, inside each sentence, flattened as
 * [c₀, o₀, c₁, o₁, …]. With an `rng`, each center uses word2vec's reduced window, a width
 * drawn uniformly from 1…window, which weights near neighbours more.
 */
export function skipGramPairs(encoded: ReadonlyArray<ArrayLike<number>>, window: number, rng?: Rng): Int32Array {
  const out: number[] = [];
  for (const s of encoded) {
    for (let i = 0; i < s.length; i++) {
      const w = rng ? 1 + rng.int(window) : window;
      const lo = Math.max(0, i - w);
      const hi = Math.min(s.length - 1, i + w);
      for (let j = lo; j <= hi; j++) if (j !== i) out.push(s[i], s[j]);
    }
  }
  return Int32Array.from(out);
}

/** Draws ids with probability ∝ count^power in O(1) per draw (Walker/Vose alias table). */
export interface NegativeSampler {
  /** The sampling distribution, summing to 1. */
  readonly probs: Float64Array;
  sample(rng: Rng): number;
}

export function unigramSampler(counts: ArrayLike<number>, power = 0.75): NegativeSampler {
  const V = counts.length;
  const probs = new Float64Array(V);
  let total = 0;
  for (let i = 0; i < V; i++) total += probs[i] = counts[i] > 0 ? counts[i] ** power : 0;
  for (let i = 0; i < V; i++) probs[i] /= total;
  const prob = new Float64Array(V);
  const alias = new Int32Array(V);
  const scaled = Float64Array.from(probs, (p) => p * V);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = V - 1; i >= 0; i--) (scaled[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large.pop() as number;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return {
    probs,
    sample(rng: Rng) {
      const i = rng.int(V);
      return rng.next() < prob[i] ? i : alias[i];
    },
  };
}

/** Input (center) and output (context) tables, each V × d row-major. */
export interface SkipGramModel {
  readonly V: number;
  readonly d: number;
  readonly win: Float64Array;
  readonly wout: Float64Array;
}

/**
 * 'word2vec' (default): W_in ~ U(−0.5/d, 0.5/d), W_out = 0, as in the reference C code.
 * 'normal': both tables N(0, scale²), with scale default 0.1 (for gradient checks, where
 * W_out = 0 would hide W_in's gradient).
 */
export function skipGramInit(
  V: number,
  d: number,
  rng: Rng,
  { init = 'word2vec', scale = 0.1 }: { init?: 'word2vec' | 'normal'; scale?: number } = {},
): SkipGramModel {
  const win = new Float64Array(V * d);
  const wout = new Float64Array(V * d);
  if (init === 'word2vec') {
    for (let i = 0; i < win.length; i++) win[i] = (rng.next() - 0.5) / d;
  } else {
    for (let i = 0; i < win.length; i++) win[i] = scale * rng.normal();
    for (let i = 0; i < wout.length; i++) wout[i] = scale * rng.normal();
  }
  return { V, d, win, wout };
}

/** Row i of A (V × d) dotted with row j of B. */
const rowDot = (A: Float64Array, i: number, B: Float64Array, j: number, d: number): number =>
  dot(A, B, d, i * d, j * d);

/** ℓ(c, o, negatives) = softplus(−u_o·v_c) + Σ_k softplus(u_{n_k}·v_c), i.e. −log σ(·) written stably. */
export function sgnsPairLoss(m: SkipGramModel, center: number, context: number, negatives: ArrayLike<number>): number {
  let loss = softplus(-rowDot(m.wout, context, m.win, center, m.d));
  for (let k = 0; k < negatives.length; k++) loss += softplus(rowDot(m.wout, negatives[k], m.win, center, m.d));
  return loss;
}

/**
 * Adds scale · ∂ℓ/∂W for one pair into dense gradient tables gIn, gOut (V × d), and returns ℓ:
 * ∂ℓ/∂v_c = (σ(u_o·v_c) − 1) u_o + Σ_k σ(u_{n_k}·v_c) u_{n_k},
 * ∂ℓ/∂u_o = (σ(u_o·v_c) − 1) v_c, ∂ℓ/∂u_{n_k} = σ(u_{n_k}·v_c) v_c (repeats accumulate).
 */
export function sgnsPairGrad(
  m: SkipGramModel,
  center: number,
  context: number,
  negatives: ArrayLike<number>,
  gIn: Float64Array,
  gOut: Float64Array,
  scale = 1,
): number {
  return pairGrad(m, center, context, negatives, 0, negatives.length, gIn, gOut, scale);
}

/** sgnsPairGrad on negatives[off … off + K − 1], so batches need no per-pair copies. */
function pairGrad(
  m: SkipGramModel,
  center: number,
  context: number,
  negatives: ArrayLike<number>,
  off: number,
  K: number,
  gIn: Float64Array,
  gOut: Float64Array,
  scale: number,
): number {
  const { d, win, wout } = m;
  const c = center * d;
  let loss = 0;
  for (let k = -1; k < K; k++) {
    const target = k < 0 ? context : negatives[off + k];
    const s = rowDot(wout, target, win, center, d);
    // For the positive: σ(s) − 1 = −σ(−s), exact where 1 − σ(s) would round to 0.
    const coef = (k < 0 ? -sigmoid(-s) : sigmoid(s)) * scale;
    loss += k < 0 ? softplus(-s) : softplus(s);
    const t = target * d;
    for (let j = 0; j < d; j++) {
      gIn[c + j] += coef * wout[t + j];
      gOut[t + j] += coef * win[c + j];
    }
  }
  return loss;
}

/** A mini-batch: B pairs and K negatives per pair (negatives[b·K + k]). */
export interface SgnsBatch {
  readonly centers: ArrayLike<number>;
  readonly contexts: ArrayLike<number>;
  readonly negatives: ArrayLike<number>;
  readonly K: number;
}

/** Mean loss of a batch and its gradient as dense V × d tables (for checks; training uses sgnsStep). */
export function sgnsBatchLossGrad(
  m: SkipGramModel,
  batch: SgnsBatch,
): { loss: number; gIn: Float64Array; gOut: Float64Array } {
  const gIn = new Float64Array(m.V * m.d);
  const gOut = new Float64Array(m.V * m.d);
  const B = batch.centers.length;
  let loss = 0;
  for (let b = 0; b < B; b++) {
    loss += pairGrad(m, batch.centers[b], batch.contexts[b], batch.negatives, b * batch.K, batch.K, gIn, gOut, 1 / B);
  }
  return { loss: B > 0 ? loss / B : 0, gIn, gOut };
}

/** Scratch space for sgnsStep, so training allocates nothing per step. */
export interface SgnsWorkspace {
  readonly gIn: Float64Array;
  readonly gOut: Float64Array;
  readonly touchedIn: Uint8Array;
  readonly touchedOut: Uint8Array;
  readonly rowsIn: Int32Array;
  readonly rowsOut: Int32Array;
}

export function sgnsWorkspace(m: SkipGramModel): SgnsWorkspace {
  return {
    gIn: new Float64Array(m.V * m.d),
    gOut: new Float64Array(m.V * m.d),
    touchedIn: new Uint8Array(m.V),
    touchedOut: new Uint8Array(m.V),
    rowsIn: new Int32Array(m.V),
    rowsOut: new Int32Array(m.V),
  };
}

/**
 * One SGD step on the batch's mean loss, W ← W − lr · ∂(mean ℓ)/∂W, touching only the rows
 * the batch uses. The gradient is taken at the parameters before the step (a true
 * mini-batch step, not word2vec's per-pair Hogwild updates). Returns the mean loss before the
 * step; Infinity (and no update) if the step would overflow a weight: a diverging learning rate.
 */
export function sgnsStep(m: SkipGramModel, batch: SgnsBatch, lr: number, ws: SgnsWorkspace = sgnsWorkspace(m)): number {
  const { d } = m;
  const { gIn, gOut, touchedIn, touchedOut, rowsIn, rowsOut } = ws;
  const B = batch.centers.length;
  if (B === 0) return 0;
  let nIn = 0;
  let nOut = 0;
  const touchOut = (r: number) => {
    if (!touchedOut[r]) {
      touchedOut[r] = 1;
      rowsOut[nOut++] = r;
    }
  };
  let loss = 0;
  const K = batch.K;
  for (let b = 0; b < B; b++) {
    const c = batch.centers[b];
    if (!touchedIn[c]) {
      touchedIn[c] = 1;
      rowsIn[nIn++] = c;
    }
    touchOut(batch.contexts[b]);
    for (let k = 0; k < K; k++) touchOut(batch.negatives[b * K + k]);
    loss += pairGrad(m, c, batch.contexts[b], batch.negatives, b * K, K, gIn, gOut, 1 / B);
  }
  // A learning rate far too large makes the weights grow geometrically; rather than let a
  // dot product of overflowed rows turn into NaN, a step that would leave a non-finite
  // weight is not applied, and its loss reads Infinity.
  let ok = Number.isFinite(loss);
  const finite = (W: Float64Array, G: Float64Array, rows: Int32Array, count: number) => {
    for (let q = 0; q < count && ok; q++) {
      const o = rows[q] * d;
      for (let j = 0; j < d; j++) if (!Number.isFinite(W[o + j] - lr * G[o + j])) ok = false;
    }
  };
  finite(m.win, gIn, rowsIn, nIn);
  finite(m.wout, gOut, rowsOut, nOut);
  const apply = (W: Float64Array, G: Float64Array, rows: Int32Array, count: number, flags: Uint8Array) => {
    for (let q = 0; q < count; q++) {
      const o = rows[q] * d;
      for (let j = 0; j < d; j++) {
        if (ok) W[o + j] -= lr * G[o + j];
        G[o + j] = 0;
      }
      flags[rows[q]] = 0;
    }
  };
  apply(m.win, gIn, rowsIn, nIn, touchedIn);
  apply(m.wout, gOut, rowsOut, nOut, touchedOut);
  return ok ? loss / B : Infinity;
}

export interface SkipGramConfig {
  /** Embedding size d. Default 16. */
  dim?: number;
  /** Context window on each side. Default 2. */
  window?: number;
  /** Use word2vec's reduced (random) window. Default false: every pair in the window. */
  dynamicWindow?: boolean;
  /** Negatives per pair, K. Default 5. */
  negatives?: number;
  /** Exponent of the negative-sampling distribution. Default 0.75. */
  power?: number;
  /** Learning rate on the batch-mean loss. Default 0.5. */
  lr?: number;
  /** Pairs per SGD step. Default 16. */
  batchSize?: number;
  minCount?: number;
  seed?: number;
  init?: 'word2vec' | 'normal';
}

export interface TrainReport {
  /** SGD steps taken in this call. */
  readonly steps: number;
  readonly pairs: number;
  /** Mean loss over this call's pairs (each measured before its step); 0 if it trained none. */
  readonly meanLoss: number;
  /** Training has diverged (a step would have overflowed); the trainer then refuses further steps. */
  readonly diverged: boolean;
}

/** Stateful, seeded trainer a widget can run in slices: `train(n)` processes the next n pairs. */
export interface SkipGramTrainer {
  readonly vocab: Vocab;
  readonly model: SkipGramModel;
  readonly sampler: NegativeSampler;
  /** Pairs per epoch. */
  readonly pairCount: number;
  /** Learning rate; may be changed between calls. */
  lr: number;
  /** Mean loss of every SGD step so far, in order. */
  readonly losses: number[];
  readonly pairsSeen: number;
  /** Completed epochs. */
  readonly epochs: number;
  /** Set once a step would have overflowed a weight (learning rate too large); the model keeps its last finite state. */
  readonly diverged: boolean;
  train(nPairs: number): TrainReport;
  /** Train up to the end of the current epoch (a full epoch from a boundary). */
  epoch(): TrainReport;
}

/**
 * What a trainer needs from a corpus that does not depend on the seed: the vocabulary, the
 * sentences as ids, their (center, context) pairs in corpus order and the negative sampler.
 * Built once, it serves any number of runs (another seed, or training again from scratch)
 * without counting and pairing the corpus again; training never modifies it.
 */
export interface SkipGramCorpus {
  readonly vocab: Vocab;
  readonly encoded: readonly Int32Array[];
  /** Every pair within `window` (the fixed window), flattened as in skipGramPairs. */
  readonly pairs: Int32Array;
  readonly sampler: NegativeSampler;
  readonly window: number;
  readonly minCount: number;
  readonly power: number;
}

export function prepareSkipGramCorpus(
  sentences: ReadonlyArray<ReadonlyArray<string>>,
  { window = 2, minCount = 1, power = 0.75 }: Pick<SkipGramConfig, 'window' | 'minCount' | 'power'> = {},
): SkipGramCorpus {
  const vocab = buildVocab(sentences, { minCount });
  const encoded = encodeSentences(sentences, vocab);
  return {
    vocab,
    encoded,
    pairs: skipGramPairs(encoded, window),
    sampler: unigramSampler(vocab.counts, power),
    window,
    minCount,
    power,
  };
}

const isCorpus = (x: ReadonlyArray<ReadonlyArray<string>> | SkipGramCorpus): x is SkipGramCorpus =>
  !Array.isArray(x) && 'vocab' in x;

/**
 * A trainer on a tokenised corpus (sentences of tokens, or a corpus prepared once by
 * prepareSkipGramCorpus: the same run, without preparing it again). Pairs are reshuffled every
 * epoch; each pair draws K negatives, redrawn while they equal the positive context word. Every
 * random choice comes from one generator seeded by `seed`, so a run is reproducible.
 */
export function createSkipGramTrainer(
  input: ReadonlyArray<ReadonlyArray<string>> | SkipGramCorpus,
  config: SkipGramConfig = {},
): SkipGramTrainer {
  const {
    dim = 16,
    dynamicWindow = false,
    negatives: K = 5,
    lr = 0.5,
    batchSize = 16,
    seed = 1,
    init = 'word2vec',
  } = config;
  let corpus: SkipGramCorpus;
  if (isCorpus(input)) {
    corpus = input;
    for (const key of ['window', 'minCount', 'power'] as const) {
      const asked = config[key];
      if (asked !== undefined && asked !== corpus[key])
        throw new RangeError(`${key} ${asked} differs from the prepared corpus's ${corpus[key]}`);
    }
  } else corpus = prepareSkipGramCorpus(input, config);
  const { vocab, encoded, sampler, window } = corpus;
  const rng = createRng(seed);
  const model = skipGramInit(vocab.words.length, dim, rng, { init });
  const ws = sgnsWorkspace(model);
  // The shuffle below works in place: each run gets its own copy of the corpus's pairs.
  let pairs = dynamicWindow ? skipGramPairs(encoded, window, rng) : corpus.pairs.slice();
  const shuffle = () => {
    if (dynamicWindow) pairs = skipGramPairs(encoded, window, rng);
    const P = pairs.length / 2;
    for (let i = P - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const c = pairs[2 * i];
      const o = pairs[2 * i + 1];
      pairs[2 * i] = pairs[2 * j];
      pairs[2 * i + 1] = pairs[2 * j + 1];
      pairs[2 * j] = c;
      pairs[2 * j + 1] = o;
    }
  };
  shuffle();
  const centers = new Int32Array(batchSize);
  const contexts = new Int32Array(batchSize);
  const negs = new Int32Array(batchSize * K);
  const canRedraw = vocab.words.length > 1;
  let cursor = 0;
  let pairsSeen = 0;
  let epochs = 0;
  let diverged = false;
  const losses: number[] = [];

  const trainer: SkipGramTrainer = {
    vocab,
    model,
    sampler,
    get pairCount() {
      return pairs.length / 2;
    },
    lr,
    losses,
    get pairsSeen() {
      return pairsSeen;
    },
    get epochs() {
      return epochs;
    },
    get diverged() {
      return diverged;
    },
    train(nPairs: number): TrainReport {
      if (!(Number.isFinite(trainer.lr) && trainer.lr >= 0))
        throw new RangeError(`learning rate ${trainer.lr} is not a finite number ≥ 0`);
      const P = pairs.length / 2;
      let left = Math.max(0, Math.floor(nPairs));
      let steps = 0;
      let done = 0;
      let lossSum = 0;
      while (left > 0 && P > 0 && !diverged) {
        const B = Math.min(batchSize, left, P - cursor);
        for (let b = 0; b < B; b++) {
          const o = pairs[2 * (cursor + b) + 1];
          centers[b] = pairs[2 * (cursor + b)];
          contexts[b] = o;
          for (let k = 0; k < K; k++) {
            let n = sampler.sample(rng);
            for (let tries = 0; canRedraw && n === o && tries < 32; tries++) n = sampler.sample(rng);
            negs[b * K + k] = n;
          }
        }
        const batch: SgnsBatch = {
          centers: centers.subarray(0, B),
          contexts: contexts.subarray(0, B),
          negatives: negs.subarray(0, B * K),
          K,
        };
        const loss = sgnsStep(model, batch, trainer.lr, ws);
        if (loss === Infinity) {
          diverged = true;
          break;
        }
        losses.push(loss);
        lossSum += loss * B;
        steps++;
        done += B;
        left -= B;
        cursor += B;
        pairsSeen += B;
        if (cursor >= P) {
          cursor = 0;
          epochs++;
          shuffle();
        }
      }
      return { steps, pairs: done, meanLoss: done > 0 ? lossSum / done : 0, diverged };
    },
    epoch() {
      return trainer.train(pairs.length / 2 - cursor);
    },
  };
  return trainer;
}
