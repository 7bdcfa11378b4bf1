import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { centralDiff } from '../test/finiteDiff.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { ACTIVATION_NAMES, type ActivationName } from './activations.ts';
import { neuron, neuronGrid } from './neuron.ts';
import { createRng } from './rng.ts';
import {
  bceWithLogit,
  createTinyNet,
  createTinyNetGrads,
  linearCollapse,
  tinyNetAccuracy,
  tinyNetCollapse,
  tinyNetGradients,
  tinyNetGrid,
  tinyNetLogit,
  tinyNetLoss,
  tinyNetPredict,
  tinyNetStep,
} from './tinyNet.ts';
import { TOY_KINDS, evalGrid, gridX, gridY, toyDataset, type PlaneGrid } from './toyData.ts';

describe('one neuron (T8.5)', () => {
  it('z = w·x + b = 4.6 and its activations', () => {
    const w = [0.5, -1, 2];
    const x = [1, 2, 3];
    assertClose(neuron(w, x, 0.1, 'relu').z, oracle('z = w.x+b'), { rel: 1e-15 });
    assertClose(neuron(w, x, 0.1, 'relu').a, oracle('relu(z)'), { rel: 1e-15 });
    assertClose(neuron(w, x, 0.1, 'sigmoid').a, oracle('sigmoid(z)'), { rel: 1e-12 });
    assertClose(neuron(w, x, 0.1, 'tanh').a, oracle('tanh(z)'), { rel: 1e-12 });
  });

  it('the plane image has row 0 at the top', () => {
    const g: PlaneGrid = { xMin: -1, xMax: 1, yMin: -1, yMax: 1, nx: 4, ny: 2 };
    const img = neuronGrid(0, 1, 0, 'linear', g);
    expect(Array.from(img)).toEqual([0.5, 0.5, 0.5, 0.5, -0.5, -0.5, -0.5, -0.5]);
    expect([gridX(g, 0), gridX(g, 3), gridY(g, 0), gridY(g, 1)]).toEqual([-0.75, 0.75, 0.5, -0.5]);
    const out = new Float64Array(8);
    expect(evalGrid((a) => a, g, out)).toBe(out);
  });
});

describe('linear collapse (T8.5)', () => {
  it('W₂W₁ and W₂(W₁[1, 1])', () => {
    const { w, b } = linearCollapse([1, 2, 0, -1], [0, 0], [0.5, 1, 2, 0], [0, 0], 2, 2, 2);
    expect(Array.from(w)).toEqual(oracleList('W2@W1 (linear collapse)'));
    expect(Array.from(b)).toEqual([0, 0]);
    const y = [0, 1].map((o) => w[2 * o] + w[2 * o + 1]);
    expect(y).toEqual(oracleList('W2@(W1@[1,1])'));
  });

  it('with biases: W₂(W₁x + b₁) + b₂ = (W₂W₁)x + (W₂b₁ + b₂) for a 3 → 4 → 2 stack', () => {
    const rng = createRng(3);
    const r = (n: number) => Array.from({ length: n }, () => rng.normal());
    const [w1, b1, w2, b2, x] = [r(12), r(4), r(8), r(2), r(3)];
    const h = [0, 1, 2, 3].map((k) => b1[k] + x.reduce((s, xi, i) => s + w1[k * 3 + i] * xi, 0));
    const direct = [0, 1].map((o) => b2[o] + h.reduce((s, hk, k) => s + w2[o * 4 + k] * hk, 0));
    const { w, b } = linearCollapse(w1, b1, w2, b2, 3, 4, 2);
    const collapsed = [0, 1].map((o) => b[o] + x.reduce((s, xi, i) => s + w[o * 3 + i] * xi, 0));
    assertClose(collapsed, direct, { rel: 1e-12, abs: 1e-12 });
    expect(() => linearCollapse(w1, b1, w2, b2, 3, 4, 3)).toThrow(RangeError);
  });

  it("a 'linear' tiny net is exactly its collapsed affine map, before and after training", () => {
    const net = createTinyNet(6, 'linear', createRng(1));
    const data = toyDataset('xor', 40, createRng(2));
    for (let s = 0; s < 2; s++) {
      const { w, b } = tinyNetCollapse(net);
      for (const [x0, x1] of [
        [0.3, -0.7],
        [1, 1],
        [-2, 0.5],
      ]) {
        assertClose(tinyNetLogit(net, x0, x1), w[0] * x0 + w[1] * x1 + b, { rel: 1e-12, abs: 1e-12 });
      }
      for (let k = 0; k < 50; k++) tinyNetStep(net, data, 0.5);
    }
  });
});

describe('toy data sets', () => {
  it.each(TOY_KINDS)('%s: reproducible, balanced, labelled by its rule, inside [−1, 1]²', (kind) => {
    const a = toyDataset(kind, 101, createRng(9));
    const b = toyDataset(kind, 101, createRng(9));
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(toyDataset(kind, 101, createRng(10)).x)).not.toEqual(Array.from(a.x));
    const ones = a.y.reduce((s, v) => s + v, 0);
    expect(Math.abs(ones - 50.5)).toBeLessThanOrEqual(1);
    const rule = {
      linear: (p: number, q: number) => p + q > 0,
      xor: (p: number, q: number) => p * q > 0,
      circles: (p: number, q: number) => Math.hypot(p, q) < 0.5,
    }[kind];
    for (let i = 0; i < a.n; i++) {
      const [p, q] = [a.x[2 * i], a.x[2 * i + 1]];
      expect(Math.max(Math.abs(p), Math.abs(q))).toBeLessThanOrEqual(1);
      expect(rule(p, q) ? 1 : 0).toBe(a.y[i]);
      if (kind === 'xor') expect(Math.min(Math.abs(p), Math.abs(q))).toBeGreaterThanOrEqual(0.1);
      if (kind === 'circles' && !a.y[i]) expect(Math.hypot(p, q)).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('noise jitters the points but keeps the labels', () => {
    const clean = toyDataset('circles', 50, createRng(1));
    const noisy = toyDataset('circles', 50, createRng(1), { noise: 0.2 });
    expect(Array.from(noisy.y)).toEqual(Array.from(clean.y));
    expect(Array.from(noisy.x)).not.toEqual(Array.from(clean.x));
  });
});

describe('backpropagation matches finite differences', () => {
  // ReLU-type kinks: random weights put a kink within h of a pre-activation with probability ~1e-6 per unit.
  it.each(ACTIVATION_NAMES)('%s', (act) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer(), (H, seed) => {
        const net = createTinyNet(H, act, createRng(seed), { b1Std: 0.5 });
        const data = toyDataset('circles', 12, createRng(seed + 1), { noise: 0.1 });
        const g = createTinyNetGrads(H);
        const loss = tinyNetGradients(net, data, g);
        if (Math.abs(loss - tinyNetLoss(net, data)) > 1e-14) return false;
        const params = [
          [net.w1, g.w1],
          [net.b1, g.b1],
          [net.w2, g.w2],
          [net.b2, g.b2],
        ] as const;
        for (const [p, gp] of params) {
          for (let k = 0; k < p.length; k++) {
            const fd = centralDiff(p, k, () => tinyNetLoss(net, data));
            if (Math.abs(fd - gp[k]) > 1e-7 * Math.max(1, Math.abs(fd))) return false;
          }
        }
        return true;
      }),
      { seed: 42, numRuns: 25 },
    );
  });
});

describe('training on XOR (the point of T8)', () => {
  const STEPS = 600;
  const LR = 0.5;
  const train = (act: ActivationName, seed: number) => {
    const data = toyDataset('xor', 100, createRng(seed));
    const net = createTinyNet(8, act, createRng(seed + 100));
    const grads = createTinyNetGrads(8);
    const losses: number[] = [];
    for (let s = 0; s < STEPS; s++) losses.push(tinyNetStep(net, data, LR, grads));
    return { net, data, losses };
  };

  it.each([1, 2, 3, 4, 5, 6])("with activation 'linear' it cannot fit XOR (seed %d)", (seed) => {
    const { net, data } = train('linear', seed);
    expect(tinyNetAccuracy(net, data)).toBeLessThanOrEqual(0.75);
    expect(net.steps).toBe(STEPS);
  });

  it.each([
    ['tanh', 1],
    ['tanh', 3],
    ['relu', 1],
    ['relu', 2],
  ] as const)('with %s it fits XOR (seed %d)', (act, seed) => {
    const { net, data, losses } = train(act, seed);
    expect(tinyNetAccuracy(net, data)).toBeGreaterThanOrEqual(0.95);
    expect(losses[STEPS - 1]).toBeLessThan(0.3 * losses[0]);
  });

  it('the decision grid agrees with the prediction and the logit', () => {
    const { net } = train('relu', 1);
    const g: PlaneGrid = { xMin: -1, xMax: 1, yMin: -1, yMax: 1, nx: 5, ny: 5 };
    const p = tinyNetGrid(net, g);
    const z = tinyNetGrid(net, g, new Float64Array(25), 'logit');
    for (let j = 0; j < 5; j++)
      for (let i = 0; i < 5; i++) {
        // Same terms, summed in a different order: equal to rounding.
        assertClose(p[j * 5 + i], tinyNetPredict(net, gridX(g, i), gridY(g, j)), { rel: 1e-12, abs: 1e-15 });
        assertClose(z[j * 5 + i], tinyNetLogit(net, gridX(g, i), gridY(g, j)), { rel: 1e-12, abs: 1e-12 });
      }
    // Trained on XOR: the top-right and bottom-left corners are class 1, the others class 0.
    expect([p[4], p[20], p[0], p[24]].map((v) => (v > 0.5 ? 1 : 0))).toEqual([1, 1, 0, 0]);
  });

  it('BCE from the logit is finite where log σ would overflow', () => {
    expect(bceWithLogit(-800, 1)).toBe(800);
    expect(bceWithLogit(800, 0)).toBe(800);
    assertClose(bceWithLogit(0, 1), Math.LN2, { rel: 1e-15 });
    expect(() => createTinyNet(17, 'relu', createRng(1))).toThrow(RangeError);
  });
});
