import type { SkipGramTrainer } from '../../core/skipGram.ts';
import type { CorpusLang } from './corpus.ts';
import { createTrainer, TRAIN } from './model.ts';

/**
 * Pairs per call into the trainer: ≈ 0.25 ms (≈ 1 ms at 4× CPU throttling), so a frame's budget
 * is checked often and a slice can be as short as the frame needs (with 512 pairs per call, a
 * 1 ms budget ran to 3–14 ms at 4× throttling). A multiple of the batch size: the trainer does
 * not carry a partial batch from one call to the next, so slices must end on a batch boundary
 * (or an epoch's end) for slicing not to change the result.
 */
const CHUNK = 8 * TRAIN.batchSize;

/**
 * One training run (a corpus and a seed), advanced in time-boxed slices so the page never
 * blocks: `advance(target, budget)` trains toward `target` epochs for at most about `budget`
 * milliseconds. Training is deterministic, so slicing never changes the result.
 */
export class TrainingSession {
  readonly lang: CorpusLang;
  readonly seed: number;
  readonly tokens: number;
  readonly trainer: SkipGramTrainer;
  #ms = 0;

  constructor(sentences: string[][], lang: CorpusLang, seed: number) {
    this.lang = lang;
    this.seed = seed;
    this.tokens = sentences.reduce((n, s) => n + s.length, 0);
    this.trainer = createTrainer(sentences, seed);
  }

  /** Epochs trained so far, fractional mid-epoch. */
  get epochs(): number {
    return this.trainer.pairsSeen / this.trainer.pairCount;
  }

  /** Milliseconds of training per epoch, measured on this machine so far (0 before any). */
  get msPerEpoch(): number {
    return this.trainer.pairsSeen > 0 ? this.#ms / this.epochs : 0;
  }

  /** True when the run has reached `target` epochs (or diverged and can go no further). */
  reached(target: number): boolean {
    return this.trainer.diverged || this.trainer.pairsSeen >= Math.round(target * this.trainer.pairCount);
  }

  /** Trains toward `target` epochs for at most ~budgetMs (one chunk at least); returns reached(target). */
  advance(target: number, budgetMs: number, now: () => number = () => performance.now()): boolean {
    const goal = Math.round(target * this.trainer.pairCount);
    const start = now();
    let t = start;
    const P = this.trainer.pairCount;
    while (this.trainer.pairsSeen < goal && !this.trainer.diverged) {
      // Never past the epoch's end in one call: the next epoch then starts on a fresh batch,
      // exactly as trainer.epoch() does.
      const inEpoch = P - (this.trainer.pairsSeen % P);
      this.trainer.train(Math.min(CHUNK, goal - this.trainer.pairsSeen, inEpoch));
      t = now();
      if (t - start >= budgetMs) break;
    }
    this.#ms += t - start;
    return this.reached(target);
  }
}
