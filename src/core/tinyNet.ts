import { ACTIVATIONS, sigmoid, softplus, type ActivationName } from './activations.ts';
import type { Rng } from './rng.ts';
import { matmul } from './matrix.ts';
import { gridX, gridY, type PlaneGrid, type ToyData } from './toyData.ts';
import { matVecAcc } from './vec.ts';

/**
 * A 2 → H → 1 network for the neuron playground: h = φ(W₁x + b₁), z = w₂·h + b₂, p = σ(z),
 * trained by full-batch gradient descent on the mean binary cross-entropy. One call to
 * tinyNetStep is one step, so a widget can train in slices between frames.
 */

export const TINY_NET_MIN_HIDDEN = 1;
export const TINY_NET_MAX_HIDDEN = 16;

export interface TinyNet {
  readonly hidden: number;
  readonly act: ActivationName;
  /** W₁, hidden × 2 row-major. */
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  /** w₂, the single output row (length hidden). */
  readonly w2: Float64Array;
  /** b₂ in a length-1 array so it can be updated in place. */
  readonly b2: Float64Array;
  /** Steps taken so far. */
  steps: number;
  /** Scratch for one point's pre-activations and activations; keeps the hot loop allocation-free. */
  readonly z1: Float64Array;
  readonly a1: Float64Array;
}

export interface TinyNetInit {
  /** Std of W₁ entries (default 1: He for ReLU with 2 inputs). */
  w1Std?: number;
  /** Std of w₂ entries (default 1/√H). */
  w2Std?: number;
  /** Std of b₁ entries (default 0.1, so ReLU units do not all pass through the origin). */
  b1Std?: number;
}

/** A seeded network with Gaussian weights; b₂ starts at 0. */
export function createTinyNet(hidden: number, act: ActivationName, rng: Rng, init: TinyNetInit = {}): TinyNet {
  if (!(Number.isInteger(hidden) && hidden >= TINY_NET_MIN_HIDDEN && hidden <= TINY_NET_MAX_HIDDEN)) {
    throw new RangeError(`hidden width must be an integer in [${TINY_NET_MIN_HIDDEN}, ${TINY_NET_MAX_HIDDEN}]`);
  }
  const { w1Std = 1, w2Std = 1 / Math.sqrt(hidden), b1Std = 0.1 } = init;
  return {
    hidden,
    act,
    w1: Float64Array.from({ length: 2 * hidden }, () => w1Std * rng.normal()),
    b1: Float64Array.from({ length: hidden }, () => b1Std * rng.normal()),
    w2: Float64Array.from({ length: hidden }, () => w2Std * rng.normal()),
    b2: new Float64Array(1),
    steps: 0,
    z1: new Float64Array(hidden),
    a1: new Float64Array(hidden),
  };
}

/** The decision function z(x) (logit); the boundary is z = 0. Leaves z1/a1 holding this point's hidden layer. */
export function tinyNetLogit(net: TinyNet, x0: number, x1: number): number {
  const { f } = ACTIVATIONS[net.act];
  let z = net.b2[0];
  for (let h = 0; h < net.hidden; h++) {
    const u = net.w1[2 * h] * x0 + net.w1[2 * h + 1] * x1 + net.b1[h];
    const a = f(u);
    net.z1[h] = u;
    net.a1[h] = a;
    z += net.w2[h] * a;
  }
  return z;
}

/** P(y = 1 | x) = σ(z(x)). */
export function tinyNetPredict(net: TinyNet, x0: number, x1: number): number {
  return sigmoid(tinyNetLogit(net, x0, x1));
}

/** BCE of one logit, softplus(z) − y·z: finite for any z (no log 0). */
export function bceWithLogit(z: number, y: number): number {
  return softplus(z) - y * z;
}

/** Mean BCE over the data set. */
export function tinyNetLoss(net: TinyNet, data: ToyData): number {
  let s = 0;
  for (let i = 0; i < data.n; i++) s += bceWithLogit(tinyNetLogit(net, data.x[2 * i], data.x[2 * i + 1]), data.y[i]);
  return s / data.n;
}

/** Fraction of points with [σ(z) > 1/2] = y. */
export function tinyNetAccuracy(net: TinyNet, data: ToyData): number {
  let right = 0;
  for (let i = 0; i < data.n; i++) {
    const z = tinyNetLogit(net, data.x[2 * i], data.x[2 * i + 1]);
    if ((z > 0 ? 1 : 0) === data.y[i]) right++;
  }
  return right / data.n;
}

export interface TinyNetGrads {
  readonly w1: Float64Array;
  readonly b1: Float64Array;
  readonly w2: Float64Array;
  readonly b2: Float64Array;
}

export function createTinyNetGrads(hidden: number): TinyNetGrads {
  return {
    w1: new Float64Array(2 * hidden),
    b1: new Float64Array(hidden),
    w2: new Float64Array(hidden),
    b2: new Float64Array(1),
  };
}

/**
 * Backpropagation of the mean BCE: ∂L/∂z = (σ(z) − y)/n at the output (the sigmoid's
 * derivative cancels), then through w₂ and φ′ to W₁, b₁. Writes into grads; returns the loss.
 */
export function tinyNetGradients(
  net: TinyNet,
  data: ToyData,
  grads: TinyNetGrads = createTinyNetGrads(net.hidden),
): number {
  const { df } = ACTIVATIONS[net.act];
  const H = net.hidden;
  grads.w1.fill(0);
  grads.b1.fill(0);
  grads.w2.fill(0);
  grads.b2[0] = 0;
  let loss = 0;
  for (let i = 0; i < data.n; i++) {
    const x0 = data.x[2 * i];
    const x1 = data.x[2 * i + 1];
    const y = data.y[i];
    const z = tinyNetLogit(net, x0, x1);
    loss += bceWithLogit(z, y);
    const dz = (sigmoid(z) - y) / data.n;
    grads.b2[0] += dz;
    for (let h = 0; h < H; h++) {
      grads.w2[h] += dz * net.a1[h];
      const du = dz * net.w2[h] * df(net.z1[h]);
      grads.w1[2 * h] += du * x0;
      grads.w1[2 * h + 1] += du * x1;
      grads.b1[h] += du;
    }
  }
  return loss / data.n;
}

/** One full-batch gradient-descent step θ ← θ − lr·∇L; returns the loss before the step. */
export function tinyNetStep(
  net: TinyNet,
  data: ToyData,
  lr: number,
  grads: TinyNetGrads = createTinyNetGrads(net.hidden),
): number {
  const loss = tinyNetGradients(net, data, grads);
  for (let k = 0; k < net.w1.length; k++) net.w1[k] -= lr * grads.w1[k];
  for (let h = 0; h < net.hidden; h++) {
    net.b1[h] -= lr * grads.b1[h];
    net.w2[h] -= lr * grads.w2[h];
  }
  net.b2[0] -= lr * grads.b2[0];
  net.steps++;
  return loss;
}

/**
 * The decision region as an image (row 0 at the top): σ(z) by default, or the logit z. Unit by
 * unit over the whole grid, so each hidden unit's row term w₁·y + b is computed once per row.
 */
export function tinyNetGrid(
  net: TinyNet,
  grid: PlaneGrid,
  out: Float64Array = new Float64Array(grid.nx * grid.ny),
  output: 'prob' | 'logit' = 'prob',
): Float64Array {
  const { nx, ny } = grid;
  if (out.length < nx * ny) throw new RangeError('out is smaller than the grid');
  const { f } = ACTIVATIONS[net.act];
  const xs = Float64Array.from({ length: nx }, (_, i) => gridX(grid, i));
  out.fill(net.b2[0], 0, nx * ny);
  for (let h = 0; h < net.hidden; h++) {
    const wx = net.w1[2 * h];
    const wy = net.w1[2 * h + 1];
    const v = net.w2[h];
    for (let j = 0; j < ny; j++) {
      const rowTerm = wy * gridY(grid, j) + net.b1[h];
      const base = j * nx;
      for (let i = 0; i < nx; i++) out[base + i] += v * f(wx * xs[i] + rowTerm);
    }
  }
  if (output === 'prob') for (let k = 0; k < nx * ny; k++) out[k] = sigmoid(out[k]);
  return out;
}

/**
 * Two affine layers without an activation are one: W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂).
 * W₁ is hid × in, W₂ is out × hid (row-major); returns W (out × in) and b (out).
 */
export function linearCollapse(
  w1: ArrayLike<number>,
  b1: ArrayLike<number>,
  w2: ArrayLike<number>,
  b2: ArrayLike<number>,
  inDim: number,
  hidDim: number,
  outDim: number,
): { w: Float64Array; b: Float64Array } {
  if (w1.length !== hidDim * inDim || w2.length !== outDim * hidDim || b1.length !== hidDim || b2.length !== outDim) {
    throw new RangeError('linearCollapse: shapes do not match');
  }
  const w = matmul(w2, w1, outDim, hidDim, inDim);
  const b = matVecAcc(w2, outDim, hidDim, b1, Float64Array.from(b2));
  return { w, b };
}

/** The tiny net's collapsed logit z = w·x + b, exact when act = 'linear' (for the "one matrix" readout). */
export function tinyNetCollapse(net: TinyNet): { w: Float64Array; b: number } {
  const { w, b } = linearCollapse(net.w1, net.b1, net.w2, net.b2, 2, net.hidden, 1);
  return { w, b: b[0] };
}
