import {
  applyDropoutMask,
  createMeanAccumulator,
  dropoutInverted,
  dropoutInvertedEval,
  dropoutOriginalEval,
  invertedMoments,
  invertedScale,
  sigmoidUnitEnsemble,
  type MeanAccumulator,
} from '../../core/dropout.ts';
import { neuron } from '../../core/neuron.ts';
import { createRng, type Rng } from '../../core/rng.ts';

/** The brief's example (T7.5): four units feeding one sigmoid unit. */
export const X = [1, 2, 3, 4] as const;
export const W = [0.5, -1, 0.25, 0.2] as const;
export const N = X.length;

export interface Conventions {
  /** Inverted dropout (PyTorch/Keras): training m ⊙ x/(1 − p_drop), inference x (or the bug: × p_keep again). */
  readonly invTrain: Float64Array;
  readonly invEval: Float64Array;
  /** Original dropout (Srivastava et al. 2014): training m ⊙ x, test p_keep · x. */
  readonly origTrain: Float64Array;
  readonly origEval: Float64Array;
  /** The sigmoid unit's pre-activation w·ỹ and output σ(w·ỹ) for each of the four rows. */
  readonly z: Record<'invTrain' | 'invEval' | 'origTrain' | 'origEval', number>;
  readonly a: Record<'invTrain' | 'invEval' | 'origTrain' | 'origEval', number>;
}

/** All four rows of the comparison for a given mask, every number from the core's dropout functions. */
export function conventions(mask: readonly number[], pDrop: number, bug: boolean): Conventions {
  const pKeep = 1 - pDrop;
  const m = Uint8Array.from(mask, (v) => (v ? 1 : 0));
  const invTrain = applyDropoutMask(X, m, invertedScale(pDrop));
  // The bug: a model trained with inverted dropout scaled again at test time (× p_keep).
  const invEval = bug ? dropoutOriginalEval(X, pKeep) : dropoutInvertedEval(X);
  const origTrain = applyDropoutMask(X, m, 1);
  const origEval = dropoutOriginalEval(X, pKeep);
  const rows = { invTrain, invEval, origTrain, origEval };
  const z = {} as Conventions['z'];
  const a = {} as Conventions['a'];
  for (const [k, v] of Object.entries(rows) as [keyof typeof rows, Float64Array][]) {
    const out = neuron(W, v, 0, 'sigmoid');
    z[k] = out.z;
    a[k] = out.a;
  }
  return { ...rows, z, a };
}

/** E[ỹ] = x and Var[ỹ] = x²·p_drop/(1 − p_drop) of inverted dropout; the ensemble over all 2^n masks. */
export function exact(pDrop: number) {
  return { moments: invertedMoments(X, pDrop), ensemble: sigmoidUnitEnsemble(W, X, 1 - pDrop) };
}

export interface McSnapshot {
  readonly count: number;
  /** Running mean and standard error of each unit's inverted-dropout training output. */
  readonly unitMean: number[];
  readonly unitErr: number[];
  /** Running mean and standard error of the sub-network output σ(w·ỹ). */
  readonly outMean: number;
  readonly outErr: number;
  /** (k, mean, standard error) of the output estimate at roughly log-spaced k, for the convergence plot. */
  readonly history: readonly { k: number; mean: number; err: number }[];
  /** The last mask drawn. */
  readonly mask: number[];
}

export interface MonteCarlo {
  /** Draw n masks at p_drop (inverted dropout) and fold their outputs into the running means. */
  add(n: number, pDrop: number): void;
  reset(): void;
  snapshot(): McSnapshot;
}

const MAX_HISTORY = 240;

/** Live Monte-Carlo over sampled masks from a seeded generator: the estimate and its error as samples accrue. */
export function createMonteCarlo(seed = 7): MonteCarlo {
  let rng: Rng = createRng(seed);
  let units: MeanAccumulator[] = [];
  let out = createMeanAccumulator();
  let history: { k: number; mean: number; err: number }[] = [];
  let nextMark = 1;
  const y = new Float64Array(N);
  const mask = new Uint8Array(N);
  const reset = () => {
    rng = createRng(seed);
    units = Array.from({ length: N }, () => createMeanAccumulator());
    out = createMeanAccumulator();
    history = [];
    nextMark = 1;
    mask.fill(1);
  };
  reset();
  return {
    add(n, pDrop) {
      for (let i = 0; i < n; i++) {
        dropoutInverted(X, pDrop, rng, y, mask);
        for (let j = 0; j < N; j++) units[j].add(y[j]);
        out.add(neuron(W, y, 0, 'sigmoid').a);
        if (out.count >= nextMark) {
          history.push({ k: out.count, mean: out.mean, err: out.count > 1 ? out.stdErr : 0 });
          nextMark = Math.max(nextMark + 1, Math.round(nextMark * 1.08));
          if (history.length > MAX_HISTORY) history = history.filter((_, h) => h % 2 === 0);
        }
      }
    },
    reset,
    snapshot() {
      const err = (a: MeanAccumulator) => (a.count > 1 ? a.stdErr : 0);
      return {
        count: out.count,
        unitMean: units.map((u) => (u.count > 0 ? u.mean : 0)),
        unitErr: units.map(err),
        outMean: out.count > 0 ? out.mean : 0,
        outErr: err(out),
        history: [...history],
        mask: Array.from(mask),
      };
    },
  };
}
