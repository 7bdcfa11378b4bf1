import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { tinyNetLogit } from '../../core/index.ts';
import {
  activationCurve,
  bands,
  collapse,
  isoline,
  createTrainer,
  decisionLine,
  NEURON_PLANE,
  neuronField,
  probe,
} from './model.ts';
import { schema } from './state.ts';

describe('one neuron (T8.5)', () => {
  it('w = [0.5, −1, 2], x = [1, 2, 3], b = 0.1: z = 4.6 and its activations', () => {
    assertClose(probe([0.5, -1, 2], [1, 2, 3], 0.1, 'linear').z, oracle('z = w.x+b'), { rel: 1e-12 });
    assertClose(probe([0.5, -1, 2], [1, 2, 3], 0.1, 'relu').a, oracle('relu(z)'), { rel: 1e-12 });
    assertClose(probe([0.5, -1, 2], [1, 2, 3], 0.1, 'sigmoid').a, oracle('sigmoid(z)'), { rel: 1e-9 });
    assertClose(probe([0.5, -1, 2], [1, 2, 3], 0.1, 'tanh').a, oracle('tanh(z)'), { rel: 1e-9 });
  });

  it('the activation inset samples the oracle table at z = −2, −0.5, 0.5, 1, 2', () => {
    const names = ['relu', 'leakyRelu', 'elu', 'gelu', 'geluTanh', 'silu'] as const;
    for (const z of [-2, -0.5, 0.5, 1, 2]) {
      const row = oracleList(`acts(${z}) relu,leaky.01,elu,gelu,gelu_tanh,silu`);
      names.forEach((act, k) => {
        const curve = activationCurve(act, 2, 9);
        const p = curve.find((q) => Math.abs(q.z - z) < 1e-12)!;
        assertClose(p.a, row[k], { rel: 1e-9, abs: 1e-12 });
      });
    }
  });

  it('the decision line lies on w·x + b = 0 inside the plane', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (w1, w2, b) => {
          const l = decisionLine(w1, w2, b, NEURON_PLANE);
          if (!l) return true;
          for (const [x, y] of [
            [l.x1, l.y1],
            [l.x2, l.y2],
          ]) {
            if (Math.abs(w1 * x + w2 * y + b) > 1e-9 * (1 + Math.abs(b))) return false;
            if (x < -2 - 1e-9 || x > 2 + 1e-9 || y < -2 - 1e-9 || y > 2 + 1e-9) return false;
          }
          return true;
        },
      ),
    );
    expect(decisionLine(0, 0, 1, NEURON_PLANE)).toBeNull();
  });

  it('the plane image: row 0 is the top (x₂ = 2)', () => {
    const f = neuronField(0, 1, 0, 'linear');
    expect(f[0]).toBeGreaterThan(1.9);
    expect(f[f.length - 1]).toBeLessThan(-1.9);
  });

  it('bands split a ramp at each threshold', () => {
    const nx = 8;
    const ramp = Array.from({ length: nx * nx }, (_, k) => (k % nx) / (nx - 1));
    const b = bands(ramp, nx, nx, [0.25, 0.5, 0.75]);
    expect(b.map((x) => x.value)).toEqual([0.25, 0.5, 0.75]);
    expect(b.every((x) => x.d.startsWith('M'))).toBe(true);
  });
});

describe('the boundary line', () => {
  it('follows the level set and leaves out the grid border', () => {
    const nx = 10;
    // f = x − 4.5 (per column): the level 0 is the vertical line x = 5 in grid units (cell centres at j + 0.5).
    const f = Array.from({ length: nx * nx }, (_, k) => (k % nx) - 4.5);
    const d = isoline(f, nx, nx, 0);
    const xs = [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => Number(m[1]));
    expect(xs.length).toBeGreaterThan(1);
    expect(xs.every((x) => Math.abs(x - 5) < 1e-9)).toBe(true);
    expect(
      isoline(
        f.map(() => 1),
        nx,
        nx,
        0,
      ),
    ).toBe('');
  });
});

describe('the tiny network', () => {
  it('with tanh it fits XOR; without an activation it cannot (a straight boundary)', () => {
    const tanh = createTrainer('xor', 'tanh', 4, 1);
    tanh.step(300, 1);
    expect(tanh.accuracy()).toBeGreaterThanOrEqual(0.97);
    const lin = createTrainer('xor', 'linear', 4, 1);
    lin.step(1000, 1);
    expect(lin.accuracy()).toBeLessThan(0.7);
    expect(lin.losses.length).toBe(1000);
    expect(lin.losses[999]).toBeGreaterThan(0.6);
  });

  it('a linear network is exactly its collapsed affine map, at every step', () => {
    const lin = createTrainer('circles', 'linear', 5, 3);
    for (let round = 0; round < 3; round++) {
      lin.step(20, 0.3);
      const c = collapse(lin.net);
      for (const [x0, x1] of [
        [0.3, -0.7],
        [-1, 1],
        [0.9, 0.1],
      ]) {
        assertClose(tinyNetLogit(lin.net, x0, x1), c.w[0] * x0 + c.w[1] * x1 + c.b, { rel: 1e-12, abs: 1e-12 });
      }
    }
  });

  it('is reproducible from its seed and its grid is a probability image', () => {
    const a = createTrainer('circles', 'relu', 6, 5);
    const b = createTrainer('circles', 'relu', 6, 5);
    a.step(50, 0.3);
    b.step(50, 0.3);
    expect(a.losses).toEqual(b.losses);
    const g = a.grid();
    expect(g.length).toBe(48 * 48);
    expect(g.every((v) => v > 0 && v < 1)).toBe(true);
  });
});

describe('neuron-playground state', () => {
  it('defaults and bad values', () => {
    expect(defaults(schema)).toMatchObject({ part: 'neuron', act: 'tanh', data: 'xor', H: 4, lr: '1' });
    const { state, issues } = parseState(schema, { act: 'swish', H: '40', data: 'moons' });
    expect(state).toMatchObject({ act: 'tanh', H: 8, data: 'xor' });
    expect(issues.map((i) => i.kind)).toEqual(['malformed', 'clamped', 'malformed']);
  });
});

describe('state', () => {
  it('offers exactly the core’s toy data sets', async () => {
    const { TOY_KINDS } = await import('../../core/toyData.ts');
    const { DATASETS } = await import('./state.ts');
    expect(DATASETS).toEqual(TOY_KINDS);
  });
});
