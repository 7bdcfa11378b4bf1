import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose, finiteDiff } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import {
  ACTIVATION_NAMES,
  ACTIVATIONS,
  dsigmoid,
  dtanh,
  elu,
  gelu,
  geluTanh,
  leakyRelu,
  relu,
  sigmoid,
  silu,
} from './activations.ts';

describe('sigmoid and tanh against the brief (T5.5)', () => {
  it.each([-10, -5, -2, 0, 1, 2, 5, 10])('σ(%d) and σ′(%d)', (x) => {
    assertClose(sigmoid(x), oracle(`sigmoid(${x})`), { rel: 1e-12 });
    assertClose(dsigmoid(x), oracle(`sigmoid'(${x})`), { rel: 1e-9 });
  });

  it.each([0, 1, 2, 5])("tanh'(%d)", (x) => {
    assertClose(dtanh(x), oracle(`tanh'(${x})`), { rel: 1e-9 });
  });

  it('tanh(x) = 2σ(2x) − 1 (x = 0.7)', () => {
    assertClose(2 * sigmoid(1.4) - 1 - Math.tanh(0.7), oracle('tanh(x)=2sigmoid(2x)-1 check x=0.7'), { abs: 1e-15 });
  });
});

describe('activations against the brief (T8.5)', () => {
  const fns = [relu, (x: number) => leakyRelu(x), (x: number) => elu(x), gelu, geluTanh, silu];
  it.each([-2, -0.5, 0.5, 1, 2])('relu, leaky, elu, gelu, gelu_tanh, silu at x = %d', (x) => {
    const row = oracleList(`acts(${x}) relu,leaky.01,elu,gelu,gelu_tanh,silu`);
    fns.forEach((f, j) => assertClose(f(x), row[j], { rel: 1e-9, abs: 1e-12 }, `fn ${j}`));
  });

  it('the neuron example: z = w·x + b = 4.6', () => {
    const w = [0.5, -1, 2];
    const x = [1, 2, 3];
    const z = w.reduce((s, wi, i) => s + wi * x[i], 0) + 0.1;
    assertClose(z, oracle('z = w.x+b'));
    assertClose(relu(z), oracle('relu(z)'));
    assertClose(sigmoid(z), oracle('sigmoid(z)'));
    assertClose(Math.tanh(z), oracle('tanh(z)'));
  });
});

describe('every derivative matches a finite difference', () => {
  // Away from the kinks of ReLU, LeakyReLU and ELU at 0.
  const safe = fc.double({ min: -8, max: 8, noNaN: true }).filter((x) => Math.abs(x) > 1e-3);
  it.each(ACTIVATION_NAMES)('%s', (name) => {
    const { f, df } = ACTIVATIONS[name];
    fc.assert(
      fc.property(safe, (x) => {
        const fd = finiteDiff(f, x, 1e-6);
        return Math.abs(df(x) - fd) <= 1e-6 * Math.max(1, Math.abs(fd));
      }),
    );
  });
});

describe('properties of the sigmoid', () => {
  const anyX = fc.double({ min: -700, max: 700, noNaN: true });
  it('σ′(x) ≤ 1/4, with equality at 0', () => {
    fc.assert(fc.property(anyX, (x) => dsigmoid(x) <= 0.25));
    expect(dsigmoid(0)).toBe(0.25);
  });
  it('σ(−x) = 1 − σ(x)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 30, noNaN: true }),
        (x) => Math.abs(sigmoid(-x) - (1 - sigmoid(x))) <= 1e-15,
      ),
    );
  });
  it('σ is monotone and σ′ is even', () => {
    fc.assert(fc.property(anyX, anyX, (a, b) => (a <= b ? sigmoid(a) <= sigmoid(b) : sigmoid(a) >= sigmoid(b))));
    fc.assert(fc.property(anyX, (x) => dsigmoid(x) === dsigmoid(-x)));
  });
  it('σ′ = σ(1 − σ) where both are representable', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 20, noNaN: true }), (x) => {
        const s = sigmoid(x);
        return Math.abs(dsigmoid(x) - s * (1 - s)) <= 1e-15;
      }),
    );
  });
  it('never overflows to NaN and keeps precision in the tails', () => {
    for (const x of [-1e308, -745, -40, 40, 745, 1e308]) {
      expect(Number.isNaN(sigmoid(x))).toBe(false);
      expect(Number.isNaN(dsigmoid(x))).toBe(false);
    }
    // σ′(40) = e^{−40}/(1+e^{−40})² ≈ 4.248e−18; σ(1−σ) would give 0.
    assertClose(dsigmoid(40), Math.exp(-40), { rel: 1e-15 });
    assertClose(dtanh(30), 4 * Math.exp(-60), { rel: 1e-14 });
  });
  it('tanh′ ≤ 1 and tanh saturates too', () => {
    fc.assert(fc.property(anyX, (x) => dtanh(x) <= 1));
    expect(dtanh(2)).toBeLessThan(0.071);
  });
});
