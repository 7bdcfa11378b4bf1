import { rnnJacobianNorms } from '../../core/bptt.ts';
import {
  gruDirectPathGradient,
  gruForward,
  gruInit,
  gruParamCount,
  type GruConvention,
  type GruParams,
  type GruReset,
  type GruTrace,
} from '../../core/gru.ts';
import { mixSeed } from '../../core/hashSeed.ts';
import { fillUniformSymmetric } from '../../core/init.ts';
import {
  lstmCellPathGradient,
  lstmForward,
  lstmInit,
  lstmParamCount,
  type GatePathGradient,
  type LstmParams,
  type LstmTrace,
} from '../../core/lstm.ts';
import { createRng } from '../../core/rng.ts';
import { rnnForward, rnnParamCount, type RnnParams } from '../../core/rnn.ts';
import type { Cell, Weights } from './state.ts';

/** A cell small enough to print every number: two hidden units, two inputs. */
export const DH = 2;
export const DX = 2;

const F = (xs: number[]) => Float64Array.from(xs);

/** The brief's 2-D LSTM example (T15.5): each W is 2 × 4 on [h₁, h₂, x₁, x₂]. */
export const LSTM_EXAMPLE = {
  params: {
    dh: 2,
    dx: 2,
    Wf: F([0.1, -0.2, 0.3, 0.4, 0.5, 0.1, -0.3, 0.2]),
    Wi: F([-0.1, 0.2, 0.1, -0.4, 0.3, -0.2, 0.2, 0.1]),
    Wc: F([0.2, 0.3, -0.5, 0.1, -0.3, 0.4, 0.2, -0.2]),
    Wo: F([0.3, -0.1, 0.2, 0.2, 0.1, 0.2, -0.1, 0.3]),
    bf: F([0, 0.1]),
    bi: F([0.1, -0.1]),
    bc: F([0, 0]),
    bo: F([-0.1, 0.05]),
  } satisfies LstmParams,
  h0: [0.1, -0.2],
  c0: [0.5, -0.5],
  x1: [1, 2],
};

/** The brief's 2-D GRU example (T15.5); for reset-after, W_h's h-columns act as W_hh with b_hh = 0. */
export const GRU_EXAMPLE = {
  params: {
    dh: 2,
    dx: 2,
    Wz: F([0.2, -0.1, 0.4, 0.1, -0.3, 0.2, 0.1, 0.5]),
    Wr: F([0.1, 0.3, -0.2, 0.2, 0.4, -0.1, 0.3, -0.3]),
    Wh: F([0.5, -0.4, 0.3, 0.2, 0.2, 0.6, -0.1, 0.4]),
    bz: F([0, 0.1]),
    br: F([0.05, 0]),
    bh: F([0, -0.1]),
  } satisfies GruParams,
  h0: [0.3, -0.6],
  x1: [1, -1],
};

export interface GateSettings {
  cell: Cell;
  T: number;
  b: number;
  conv: GruConvention;
  reset: GruReset;
  w: Weights;
  seed: number;
}

/** x_1 … x_T ~ N(0, 1) per input, from their own stream (a longer sequence extends a shorter one); the example fixes x_1. */
export function inputSequence(s: Pick<GateSettings, 'cell' | 'T' | 'w' | 'seed'>): number[][] {
  const rng = createRng(mixSeed(s.seed, 2));
  const xs = Array.from({ length: s.T }, () => [rng.normal(), rng.normal()]);
  if (s.w === 'example') xs[0] = [...(s.cell === 'lstm' ? LSTM_EXAMPLE.x1 : GRU_EXAMPLE.x1)];
  return xs;
}

export function lstmParams(s: Pick<GateSettings, 'b' | 'w' | 'seed'>): LstmParams {
  return s.w === 'example' ? LSTM_EXAMPLE.params : lstmInit(DH, DX, createRng(mixSeed(s.seed, 1)), { forgetBias: s.b });
}

export function gruParams(s: Pick<GateSettings, 'b' | 'w' | 'seed'>): GruParams {
  if (s.w === 'example') return GRU_EXAMPLE.params;
  const p = gruInit(DH, DX, createRng(mixSeed(s.seed, 1)));
  return { ...p, bz: new Float64Array(DH).fill(s.b) };
}

/**
 * The vanilla RNN of the same size it is compared with, initialised as PyTorch's nn.RNN
 * is (every weight and bias U(−1/√d_h, 1/√d_h)), tanh.
 */
export function vanillaParams(seed: number): RnnParams {
  const rng = createRng(mixSeed(seed, 3));
  const s = 1 / Math.sqrt(DH);
  const u = (n: number) => fillUniformSymmetric(new Float64Array(n), rng, s);
  return { dh: DH, dx: DX, Whh: u(DH * DH), Wxh: u(DH * DX), b: u(DH), act: 'tanh' };
}

/** One row of the time strip: a quantity's value per unit over t = 1…T. */
export interface Series {
  readonly key: string;
  /** DH × T, row-major (unit j, step t at j·T + t − 1). */
  readonly values: Float64Array;
  /** 'gate' in (0,1); 'signed' in (−1,1); 'state' unbounded (the LSTM's c). */
  readonly kind: 'gate' | 'signed' | 'state';
}

export interface GateFigure {
  readonly cell: Cell;
  readonly T: number;
  readonly lstm?: LstmTrace;
  readonly gru?: GruTrace;
  readonly xs: number[][];
  readonly series: Series[];
  /** The gated cell's direct path ∏ f (LSTM) or ∏ keep (GRU), per k = 0…T. */
  readonly path: GatePathGradient;
  /** The vanilla RNN's ‖∂h_T/∂h_k‖₂ on the same inputs. */
  readonly rnnLog10: Float64Array;
  /** Average decades per step over the whole sequence (log10 at k = 0, divided by T). */
  readonly pathRate: number;
  readonly rnnRate: number;
  readonly params: { gated: number; gru: number; lstm: number; rnn: number };
}

function rows(T: number, get: (t: number) => ArrayLike<number>): Float64Array {
  const v = new Float64Array(DH * T);
  for (let t = 1; t <= T; t++) {
    const a = get(t);
    for (let j = 0; j < DH; j++) v[j * T + t - 1] = a[j];
  }
  return v;
}

export function gateFigure(s: GateSettings): GateFigure {
  const xs = inputSequence(s);
  const T = s.T;
  let series: Series[];
  let path: GatePathGradient;
  let lstm: LstmTrace | undefined;
  let gru: GruTrace | undefined;
  if (s.cell === 'lstm') {
    const ex = s.w === 'example';
    lstm = lstmForward(lstmParams(s), xs, ex ? LSTM_EXAMPLE.h0 : undefined, ex ? LSTM_EXAMPLE.c0 : undefined);
    const st = lstm.steps;
    series = [
      { key: 'f', values: rows(T, (t) => st[t - 1].f), kind: 'gate' },
      { key: 'i', values: rows(T, (t) => st[t - 1].i), kind: 'gate' },
      { key: 'cTilde', values: rows(T, (t) => st[t - 1].cTilde), kind: 'signed' },
      { key: 'o', values: rows(T, (t) => st[t - 1].o), kind: 'gate' },
      { key: 'c', values: rows(T, (t) => st[t - 1].c), kind: 'state' },
      { key: 'h', values: rows(T, (t) => st[t - 1].h), kind: 'signed' },
    ];
    path = lstmCellPathGradient(lstm);
  } else {
    gru = gruForward(gruParams(s), xs, s.w === 'example' ? GRU_EXAMPLE.h0 : undefined, {
      conv: s.conv,
      reset: s.reset,
    });
    const st = gru.steps;
    series = [
      { key: 'z', values: rows(T, (t) => st[t - 1].z), kind: 'gate' },
      { key: 'r', values: rows(T, (t) => st[t - 1].r), kind: 'gate' },
      { key: 'hTilde', values: rows(T, (t) => st[t - 1].hTilde), kind: 'signed' },
      { key: 'h', values: rows(T, (t) => st[t - 1].h), kind: 'signed' },
    ];
    path = gruDirectPathGradient(gru, s.conv);
  }
  const rnn = vanillaParams(s.seed);
  const rnnLog10 = rnnJacobianNorms(rnn, rnnForward(rnn, xs)).log10;
  return {
    cell: s.cell,
    T,
    lstm,
    gru,
    xs,
    series,
    path,
    rnnLog10,
    pathRate: path.normLog10[0] / T,
    rnnRate: rnnLog10[0] / T,
    params: {
      gated: s.cell === 'lstm' ? lstmParamCount(DX, DH) : gruParamCount(DX, DH),
      lstm: lstmParamCount(DX, DH),
      gru: gruParamCount(DX, DH),
      rnn: rnnParamCount(DX, DH),
    },
  };
}

/** Everything the "this step" panel prints for step t (1…T), with the previous state. */
export interface StepView {
  readonly hPrev: Float64Array;
  /** LSTM: c_{t−1}, f⊙c_{t−1} (kept) and i⊙c̃ (written); GRU: the kept and new shares of h_t. */
  readonly cPrev?: Float64Array;
  readonly kept: Float64Array;
  readonly written: Float64Array;
  readonly values: Record<string, Float64Array>;
}

export function stepView(fig: GateFigure, t: number, conv: GruConvention): StepView {
  if (fig.lstm) {
    const s = fig.lstm.steps[t - 1];
    const hPrev = t === 1 ? fig.lstm.h0 : fig.lstm.steps[t - 2].h;
    const cPrev = t === 1 ? fig.lstm.c0 : fig.lstm.steps[t - 2].c;
    const kept = s.f.map((f, j) => f * cPrev[j]);
    const written = s.i.map((i, j) => i * s.cTilde[j]);
    return { hPrev, cPrev, kept, written, values: { f: s.f, i: s.i, cTilde: s.cTilde, o: s.o, c: s.c, h: s.h } };
  }
  const g = fig.gru as GruTrace;
  const s = g.steps[t - 1];
  const hPrev = t === 1 ? g.h0 : g.steps[t - 2].h;
  const keep = conv === 'A' ? s.z : s.z.map((z) => 1 - z);
  const kept = keep.map((k, j) => k * hPrev[j]);
  const written = keep.map((k, j) => (1 - k) * s.hTilde[j]);
  return { hPrev, kept, written, values: { z: s.z, r: s.r, hTilde: s.hTilde, h: s.h } };
}
