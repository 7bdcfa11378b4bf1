import { ACTIVATIONS, type ActivationName } from '../../core/activations.ts';
import { sigmaW2, type InitScheme } from '../../core/init.ts';
import { decadeDomain } from '../../lib/chart/logTicks.ts';
import type { Act, Clip, DepthState, Init, Norm } from './state.ts';

/**
 * Gradient products across depth: a real MLP from src/core, run forward and backward on a
 * seeded N(0, 1) batch, read out per layer, with the mean-field prediction beside it. Pure:
 * the same functions run on the server (first paint), in the Web Worker, and in tests.
 */

/** One network to run: what A or B chose, plus the shared sizes. */
export interface DepthConfig {
  act: Act;
  init: Init;
  norm: Norm;
  res: boolean;
  clip: Clip;
  L: number;
  n: number;
  B: number;
  /** log10 of the clipping threshold. */
  lgc: number;
  seed: number;
}

/** Below 10⁻³ of the output gradient a layer counts as vanished, above 10³ as exploded (brief T1.4). */
export const VANISH_LG = -3;
export const EXPLODE_LG = 3;
/** Probabilities of the quantile bands: 5–95 %, 25–75 % and the median. */
export const BAND_PROBS = [0.05, 0.25, 0.5, 0.75, 0.95] as const;
/** A unit is saturated when |φ′(u)| < this (σ′ < 0.01 ⇔ |u| > 4.585, as on the sigmoid page). */
export const SATURATION_LEVEL = 0.01;

export const CORE_INIT: Record<Init, InitScheme> = {
  normal: 'normal',
  small: 'small',
  xavier: 'xavierNormal',
  he: 'heNormal',
};

export const coreAct = (a: Act): ActivationName => a;

/** The configurations on screen: A, or A and B. */
export function configsOf(s: DepthState): DepthConfig[] {
  const shared = { L: s.L, n: s.n, B: s.B, lgc: s.lgc, seed: s.seed };
  const a: DepthConfig = { act: s.act, init: s.init, norm: s.norm, res: s.res, clip: s.clip, ...shared };
  if (!s.ab) return [a];
  return [a, { act: s.bact, init: s.binit, norm: s.bnorm, res: s.bres, clip: s.bclip, ...shared }];
}

/** A stable identity for a configuration (what a result was computed for). */
export function configKey(c: DepthConfig): string {
  const clip = c.clip === 'none' ? 'none' : `${c.clip}:${c.lgc}`;
  return [c.act, c.init, c.norm, c.res ? 'res' : 'plain', clip, c.L, c.n, c.B, c.seed].join('|');
}

/** σ_w² = n·Var(W) of the chosen initialisation (Xavier 1, He 2, N(0, 1): n, small: n·10⁻⁴). */
export function sigmaW2Of(c: Pick<DepthConfig, 'init' | 'n'>): number {
  return sigmaW2(CORE_INIT[c.init], c.n, c.n);
}

/** The mean-field recursion describes plain stacks without normalisation. */
export const theoryApplies = (c: Pick<DepthConfig, 'norm' | 'res'>): boolean => c.norm === 'none' && !c.res;

/** Work of one forward + backward pass in multiply-adds (≈ 3·L·n²·B). */
export const passCost = (c: Pick<DepthConfig, 'L' | 'n' | 'B'>): number => 3 * c.L * c.n * c.n * c.B;

/** Everything the view draws for one configuration; plain arrays, so it crosses postMessage as is. */
export interface DepthResult {
  key: string;
  /** The configuration this was computed for (what is on screen may lag what is selected). */
  config: DepthConfig;
  L: number;
  clip: Clip;
  /** log10(‖∂L/∂h_l‖ / ‖∂L/∂h_L‖), l = 0..L: +Infinity on overflow, −Infinity where the gradient is exactly 0. */
  lgGrad: number[];
  gradOverflow: boolean[];
  /** Mean-field log10 of the same ratio (null when the theory does not apply). */
  theory: number[] | null;
  /** √χ at the mean-field fixed point (null where there is none, or the theory does not apply). */
  chiStarSqrt: number | null;
  /** log10(‖∂L/∂W_l‖ after clipping / ‖∂L/∂W_L‖ before clipping), l = 1..L at index l − 1. */
  lgWeight: number[];
  /** Quantiles (BAND_PROBS) of h_l, l = 0..L, flat rows of 5. */
  hq: number[];
  /** Quantiles of the activation input u_l, l = 1..L (index l − 1). */
  uq: number[];
  /** Fraction of units with |φ′(u)| < 0.01 per layer l = 1..L (index l − 1). */
  saturated: number[];
  /** Forward overflow of h_l, l = 0..L. */
  overflow: boolean[];
  firstOverflow: number;
  overflowed: boolean;
  /** ‖∂L/∂h_L‖, the gradient that arrives from the loss. */
  outGrad: number;
  /** Global norm of all parameter gradients before clipping. */
  totalGradNorm: number;
  clipScale: number;
  clipThreshold: number;
}

/**
 * Results as text for the page (the build-time snapshot): 6 significant digits, far beyond the
 * 3–4 the figure shows, so the page carries a third of the bytes. The server renders from the
 * parsed text as well, so server and browser draw from identical numbers. JSON has no ±Infinity
 * or NaN and lgGrad uses both, so those travel as strings and come back as numbers.
 */
const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };
export const serializeResults = (results: readonly DepthResult[]): string =>
  JSON.stringify(results, (_, v: unknown) =>
    typeof v !== 'number' ? v : Number.isFinite(v) ? Number(v.toPrecision(6)) : String(v),
  );
/** The inverse of serializeResults; anything unreadable gives no results (the worker then computes). */
export function parseResults(json: string): DepthResult[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json, (_, v: unknown) =>
      typeof v === 'string' && v in NON_FINITE ? NON_FINITE[v] : v,
    );
    return Array.isArray(parsed) ? (parsed as DepthResult[]) : [];
  } catch {
    return [];
  }
}

/** log10(a / b) for norms, with the overflow and zero cases named instead of NaN. */
export function lgRatio(a: number, b: number): number {
  if (a === Infinity) return Infinity;
  if (a === 0) return -Infinity;
  if (b === Infinity) return -Infinity;
  if (b === 0) return Infinity;
  return Math.log10(a) - Math.log10(b);
}

export type Verdict = 'overflow' | 'dead' | 'vanishing' | 'exploding' | 'stable';

export interface Summary {
  /** log10 ‖∂L/∂h₀‖/‖∂L/∂h_L‖: how much of the output gradient reaches the input. */
  lgFirst: number;
  /** The measured geometric-mean factor per layer, 10^(lgFirst/L). */
  perLayer: number;
  theoryFirst: number | null;
  /** Per-layer factor the theory predicts over this depth, 10^(theory₀/L). */
  theoryPerLayer: number | null;
  vanished: number[];
  exploded: number[];
  verdict: Verdict;
}

export function summarize(r: DepthResult): Summary {
  const vanished: number[] = [];
  const exploded: number[] = [];
  r.lgGrad.forEach((v, l) => {
    if (v < VANISH_LG) vanished.push(l);
    else if (v > EXPLODE_LG) exploded.push(l);
  });
  const lgFirst = r.lgGrad[0];
  const theoryFirst = r.theory ? r.theory[0] : null;
  let verdict: Verdict;
  if (r.overflowed) verdict = 'overflow';
  else if (lgFirst === -Infinity) verdict = 'dead';
  else if (vanished.length > 0) verdict = 'vanishing';
  else if (exploded.length > 0) verdict = 'exploding';
  else verdict = 'stable';
  return {
    lgFirst,
    perLayer: perLayerFactor(lgFirst, r.L),
    theoryFirst,
    theoryPerLayer: theoryFirst === null ? null : perLayerFactor(theoryFirst, r.L),
    vanished,
    exploded,
    verdict,
  };
}

function perLayerFactor(lg: number, L: number): number {
  if (lg === Infinity) return Infinity;
  if (lg === -Infinity) return 0;
  return 10 ** (lg / L);
}

/** Layer indices as runs: [0,1,2,3,7] → "0–3, 7". */
export function layerRuns(ls: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ls.length) {
    let j = i;
    while (j + 1 < ls.length && ls[j + 1] === ls[j] + 1) j++;
    parts.push(j === i ? String(ls[i]) : `${ls[i]}–${ls[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Quantile row `row` (5 values) of a flat band array. */
export const bandRow = (q: readonly number[], row: number): number[] =>
  q.slice(row * BAND_PROBS.length, (row + 1) * BAND_PROBS.length);

/**
 * Where |φ′(u)| < 0.01 within [lo, hi], as intervals, found by sampling the core's φ′ on a fine
 * grid (sigmoid: |u| > 4.585; tanh: |u| > 2.993; ReLU: u ≤ 0; GELU: its far-negative tail).
 */
export function flatZones(act: Act, lo: number, hi: number, samples = 801): { from: number; to: number }[] {
  const { df } = ACTIVATIONS[coreAct(act)];
  const zones: { from: number; to: number }[] = [];
  let start: number | null = null;
  for (let i = 0; i < samples; i++) {
    const u = lo + ((hi - lo) * i) / (samples - 1);
    const flat = Math.abs(df(u)) < SATURATION_LEVEL;
    if (flat && start === null) start = u;
    if ((!flat || i === samples - 1) && start !== null) {
      zones.push({ from: start, to: flat ? hi : u });
      start = null;
    }
  }
  return zones;
}

/**
 * The shared log10 domain of the gradient charts: every finite measured and predicted value,
 * always including 10⁻⁴…10⁴ (the bands), rounded out to whole decades.
 */
export function gradDomain(results: readonly (DepthResult | null)[]): [number, number] {
  return decadeDomain(
    results.flatMap((r) => (r ? [...r.lgGrad, ...(r.theory ?? []), ...(r.clip === 'none' ? [] : r.lgWeight)] : [])),
  );
}

/** The y-extent of the distribution panel: all finite quantiles shown, with a little room. */
export function distDomain(results: readonly (DepthResult | null)[], dist: 'h' | 'u'): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of results) {
    if (!r) continue;
    for (const v of dist === 'h' ? r.hq : r.uq) {
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
  }
  if (!(lo <= hi)) return [-1, 1];
  if (dist === 'u') {
    // Keep the saturation thresholds of σ and tanh in view.
    lo = Math.min(lo, -5);
    hi = Math.max(hi, 5);
  }
  if (hi - lo < 1e-9) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

/** sign(v)·ln(1 + |v|): the symmetric-log transform (linear near 0, logarithmic far out). */
export const symlogT = (v: number): number => Math.sign(v) * Math.log1p(Math.abs(v));

/** Whether the distribution panel needs a symmetric-log axis (values beyond ±50). */
export const needsSymlog = ([lo, hi]: readonly [number, number]): boolean => Math.max(-lo, hi) > 50;

/** Ticks for a symmetric-log axis: 0 and ±10^k, thinned to about `maxTicks`. */
export function symlogTicks([lo, hi]: readonly [number, number], maxTicks = 7): number[] {
  const top = Math.ceil(Math.log10(Math.max(-lo, hi, 1)));
  const pos: number[] = [];
  for (let k = 0; k <= top; k++) pos.push(10 ** k);
  const all = [...pos.map((v) => -v).reverse(), 0, ...pos].filter((v) => v >= lo && v <= hi);
  const step = Math.max(1, Math.ceil(all.length / maxTicks));
  const zero = all.indexOf(0);
  return all.filter((_, i) => (i - zero) % step === 0);
}
