import { adamFirstStep } from '../../core/adam.ts';

/**
 * Adam's first step against SGD's as the gradient shrinks: SGD moves lr·|g|, Adam
 * lr·|g|/(|g| + ε) (m̂ = g, v̂ = g² at t = 1) — the same full step whatever the scale, until |g|
 * nears ε. Every number from the core's adamFirstStep.
 */
export const LR = 1e-3;
export const G_DOMAIN = [-12, 2] as const;

export interface StepReadout {
  g: number;
  eps: number;
  adam: number;
  sgd: number;
  /** Adam's step as a share of the full step lr: |g|/(|g| + ε). */
  share: number;
  /** Adam's step over SGD's: how much Adam amplifies a small gradient. */
  gain: number;
}

export function readout(lg: number, lgEps: number): StepReadout {
  const g = 10 ** lg;
  const eps = 10 ** lgEps;
  const adam = Math.abs(adamFirstStep(g, LR, eps));
  const sgd = LR * g;
  return { g, eps, adam, sgd, share: adam / LR, gain: adam / sgd };
}

/** log10 |Δθ| of both optimisers across log10 |g| (n samples), for the curves. */
export function sampleSteps(lgEps: number, n = 141): { lg: number; adam: number; sgd: number }[] {
  const [lo, hi] = G_DOMAIN;
  return Array.from({ length: n }, (_, i) => {
    const lg = lo + ((hi - lo) * i) / (n - 1);
    const r = readout(lg, lgEps);
    return { lg, adam: Math.log10(r.adam), sgd: Math.log10(r.sgd) };
  });
}
