import { contours } from 'd3-contour';
import { ACTIVATIONS, type ActivationName } from '../../core/activations.ts';
import { neuron, neuronGrid } from '../../core/neuron.ts';
import { createRng } from '../../core/rng.ts';
import {
  createTinyNet,
  createTinyNetGrads,
  tinyNetAccuracy,
  tinyNetCollapse,
  tinyNetGrid,
  tinyNetLogit,
  tinyNetStep,
  type TinyNet,
  type TinyNetGrads,
} from '../../core/tinyNet.ts';
import { toyDataset, type PlaneGrid, type ToyData, type ToyKind } from '../../core/toyData.ts';

/** The single neuron's input plane and the network's data plane (row 0 of a grid image is the top). */
export const NEURON_PLANE: PlaneGrid = { xMin: -2, xMax: 2, yMin: -2, yMax: 2, nx: 48, ny: 48 };
export const NET_PLANE: PlaneGrid = { xMin: -1.25, xMax: 1.25, yMin: -1.25, yMax: 1.25, nx: 48, ny: 48 };

export interface NeuronReadout {
  readonly z: number;
  readonly a: number;
}

/** z = wᵀx + b and a = φ(z) at the probe point, from the core's neuron. */
export function probe(w: readonly number[], x: readonly number[], b: number, act: ActivationName): NeuronReadout {
  return neuron(w, x, b, act);
}

/** φ(w·x + b) over the neuron's plane. */
export function neuronField(w1: number, w2: number, b: number, act: ActivationName, out?: Float64Array): Float64Array {
  return neuronGrid(w1, w2, b, act, NEURON_PLANE, out);
}

/** The line w₁x₁ + w₂x₂ + b = 0 clipped to a box, or null (w = 0: no boundary). */
export function decisionLine(
  w1: number,
  w2: number,
  b: number,
  g: PlaneGrid,
): { x1: number; y1: number; x2: number; y2: number } | null {
  const pts: [number, number][] = [];
  const add = (x: number, y: number) => {
    const inside = x >= g.xMin - 1e-9 && x <= g.xMax + 1e-9 && y >= g.yMin - 1e-9 && y <= g.yMax + 1e-9;
    if (inside && !pts.some((p) => Math.abs(p[0] - x) < 1e-9 && Math.abs(p[1] - y) < 1e-9)) pts.push([x, y]);
  };
  if (w2 !== 0) {
    add(g.xMin, -(w1 * g.xMin + b) / w2);
    add(g.xMax, -(w1 * g.xMax + b) / w2);
  }
  if (w1 !== 0) {
    add(-(w2 * g.yMin + b) / w1, g.yMin);
    add(-(w2 * g.yMax + b) / w1, g.yMax);
  }
  if (pts.length < 2) return null;
  return { x1: pts[0][0], y1: pts[0][1], x2: pts[1][0], y2: pts[1][1] };
}

/** Samples of φ over z ∈ [−zMax, zMax], for the activation inset. */
export function activationCurve(act: ActivationName, zMax = 5, n = 161): { z: number; a: number }[] {
  const { f } = ACTIVATIONS[act];
  return Array.from({ length: n }, (_, i) => {
    const z = -zMax + (2 * zMax * i) / (n - 1);
    return { z, a: f(z) };
  });
}

export interface Band {
  readonly value: number;
  /** SVG path in grid units (x across, y down, 0 … nx, 0 … ny). */
  readonly d: string;
}

/** Filled iso-bands of a grid image (d3-contour, marching squares), as SVG paths in grid units. */
export function bands(values: ArrayLike<number>, nx: number, ny: number, thresholds: number[]): Band[] {
  const gen = contours().size([nx, ny]).thresholds(thresholds);
  return gen(Array.from(values)).map((c) => ({
    value: c.value,
    d: c.coordinates
      .map((poly) => poly.map((ring) => `M${ring.map(([x, y]) => `${x},${y}`).join('L')}Z`).join(''))
      .join(''),
  }));
}

/**
 * The iso-line value = level as an SVG path in grid units: the outline of d3-contour's region
 * without the stretches that run along the grid's border (those are the plot's edge, not the line).
 */
export function isoline(values: ArrayLike<number>, nx: number, ny: number, level: number): string {
  const [c] = contours().size([nx, ny]).thresholds([level])(Array.from(values));
  if (!c) return '';
  // d3-contour closes regions along the border, half a cell in (it treats the outside as −∞).
  const near = (a: number, b: number, edge: number) => Math.abs(a - edge) <= 0.5 && Math.abs(b - edge) <= 0.5;
  const onEdge = ([x, y]: number[], [u, v]: number[]) =>
    near(x, u, 0) || near(x, u, nx) || near(y, v, 0) || near(y, v, ny);
  let d = '';
  for (const poly of c.coordinates) {
    for (const ring of poly) {
      let penDown = false;
      for (let i = 1; i < ring.length; i++) {
        if (onEdge(ring[i - 1], ring[i])) {
          penDown = false;
          continue;
        }
        if (!penDown) d += `M${ring[i - 1][0]},${ring[i - 1][1]}`;
        d += `L${ring[i][0]},${ring[i][1]}`;
        penDown = true;
      }
    }
  }
  return d;
}

export interface Trainer {
  readonly data: ToyData;
  readonly net: TinyNet;
  /** Loss before each step taken so far. */
  readonly losses: number[];
  /** Take n full-batch gradient steps. */
  step(n: number, lr: number): void;
  accuracy(): number;
  /** σ(z) over the data plane, into a reused buffer. */
  grid(): Float64Array;
}

/** A seeded 2 → H → 1 network and 200 seeded points; training runs in slices the caller schedules. */
export function createTrainer(kind: ToyKind, act: ActivationName, H: number, seed: number): Trainer {
  const data = toyDataset(kind, 200, createRng(1000 + seed));
  const net = createTinyNet(H, act, createRng(seed));
  const grads: TinyNetGrads = createTinyNetGrads(H);
  const buf = new Float64Array(NET_PLANE.nx * NET_PLANE.ny);
  const losses: number[] = [];
  return {
    data,
    net,
    losses,
    step(n, lr) {
      for (let i = 0; i < n; i++) losses.push(tinyNetStep(net, data, lr, grads));
    },
    accuracy: () => tinyNetAccuracy(net, data),
    grid: () => tinyNetGrid(net, NET_PLANE, buf),
  };
}

/**
 * Without an activation the network is one affine map: z = (w₂ᵀW₁)x + (w₂·b₁ + b₂). For the
 * readout: the collapsed row vector and offset (exact only when act = 'linear').
 */
export function collapse(net: TinyNet): { w: [number, number]; b: number } {
  const c = tinyNetCollapse(net);
  return { w: [c.w[0], c.w[1]], b: c.b };
}

/** Thresholds of the probability bands drawn for the network (0.5 is the decision boundary). */
export const PROB_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Points the network gets wrong: the sign of its logit disagrees with the label (the core's accuracy rule). */
export function misclassified(net: TinyNet, data: ToyData): boolean[] {
  return Array.from(
    { length: data.n },
    (_, i) => (tinyNetLogit(net, data.x[2 * i], data.x[2 * i + 1]) > 0 ? 1 : 0) !== data.y[i],
  );
}

/** Every `stride`-th loss (and the last), at most `max` points, for drawing the curve. */
export function downsample(a: readonly number[], max: number): { i: number; v: number }[] {
  const stride = Math.max(1, Math.ceil(a.length / max));
  const out: { i: number; v: number }[] = [];
  for (let i = 0; i < a.length; i += stride) out.push({ i, v: a[i] });
  if (a.length > 0 && out[out.length - 1].i !== a.length - 1) out.push({ i: a.length - 1, v: a[a.length - 1] });
  return out;
}
