import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle } from '../test/oracles.ts';
import {
  defaultGain,
  fillNormal,
  fillUniform,
  fillUniformSymmetric,
  gain,
  heBound,
  heStd,
  heVar,
  INIT_SCHEMES,
  initStd,
  initVar,
  initWeights,
  isUniformScheme,
  pytorchLinearDefaultVar,
  sigmaW2,
  xavierBound,
  xavierStd,
  xavierVar,
} from './init.ts';
import { createRng } from './rng.ts';

describe('initialiser formulas against the brief (T2.5)', () => {
  it.each([
    [256, 128],
    [784, 256],
    [512, 512],
  ])('n_in = %d, n_out = %d', (fi, fo) => {
    // Rational variances are exact: 2/384 and 1/192 round to the same double.
    expect(xavierVar(fi, fo)).toBe(oracle(`xavier var n=(${fi},${fo})`));
    expect(heVar(fi)).toBe(oracle(`he var n_in=${fi}`));
    assertClose(xavierStd(fi, fo), oracle(`xavier std n=(${fi},${fo})`), { rel: 1e-12 });
    assertClose(xavierBound(fi, fo), oracle(`xavier U bound n=(${fi},${fo})`), { rel: 1e-12 });
    assertClose(heStd(fi), oracle(`he std n_in=${fi}`), { rel: 1e-12 });
    assertClose(heBound(fi), oracle(`he U bound n_in=${fi}`), { rel: 1e-12 });
  });
  it("PyTorch's nn.Linear default", () => {
    expect(pytorchLinearDefaultVar(256)).toBe(oracle('pytorch Linear default var n_in=256'));
    assertClose(initVar('pytorchDefault', 256, 64), 1 / 768, { rel: 1e-12 });
  });
  it('the schemes agree with the named formulas', () => {
    assertClose(initVar('xavierNormal', 256, 128), 1 / 192, { rel: 1e-12 });
    assertClose(initVar('xavierUniform', 256, 128), 1 / 192, { rel: 1e-12 });
    assertClose(initVar('heNormal', 256, 128), 1 / 128, { rel: 1e-12 });
    assertClose(initVar('heUniform', 256, 128), 1 / 128, { rel: 1e-12 });
    expect(initStd('normal', 10, 10)).toBe(1);
    expect(initStd('small', 10, 10)).toBe(0.01);
    assertClose(initStd('xavierNormal', 100, 100, 5 / 3), (5 / 3) * 0.1, { rel: 1e-12 });
  });
  it('σ_w² = n·Var(W): Xavier 1 and He 2 on square layers, Xavier·5/3 → 25/9', () => {
    assertClose(sigmaW2('xavierNormal', 64, 64), 1, { rel: 1e-12 });
    assertClose(sigmaW2('heNormal', 64, 64), 2, { rel: 1e-12 });
    assertClose(sigmaW2('xavierNormal', 64, 64, gain('tanh')), 25 / 9, { rel: 1e-12 });
    assertClose(sigmaW2('normal', 64, 64), 64, { rel: 1e-12 });
    assertClose(sigmaW2('heNormal', 64, 64, Math.sqrt(1.7)), 1.7, { rel: 1e-12 }); // custom σ_w²
  });
});

describe('gain (calculate_gain)', () => {
  it('matches PyTorch', () => {
    expect(gain('linear')).toBe(1);
    expect(gain('sigmoid')).toBe(1);
    expect(gain('tanh')).toBe(5 / 3);
    expect(gain('relu')).toBe(Math.SQRT2);
    assertClose(gain('leakyRelu'), Math.sqrt(2 / (1 + 0.01 ** 2)), { rel: 1e-15 });
    assertClose(gain('leakyRelu', 0.2), Math.sqrt(2 / 1.04), { rel: 1e-15 });
    expect(gain('selu')).toBe(0.75);
    expect(defaultGain('heUniform')).toBe(Math.SQRT2);
    expect(defaultGain('xavierUniform')).toBe(1);
  });
});

describe('sampling', () => {
  it.each(INIT_SCHEMES)('%s has mean 0 and the stated variance (n = 65 536, 6σ bounds)', (scheme) => {
    const fi = 256;
    const fo = 256;
    const w = initWeights(fi, fo, scheme, createRng(5));
    const n = w.length;
    const v = initVar(scheme, fi, fo);
    let s = 0;
    let s2 = 0;
    for (const x of w) {
      s += x;
      s2 += x * x;
    }
    expect(Math.abs(s / n)).toBeLessThan(6 * Math.sqrt(v / n));
    // Var of a squared draw: 2v² (normal), 0.8v² (uniform).
    const kurt = isUniformScheme(scheme) ? 0.8 : 2;
    expect(Math.abs(s2 / n - v)).toBeLessThan(6 * v * Math.sqrt(kurt / n));
    if (isUniformScheme(scheme)) {
      const b = Math.sqrt(3 * v);
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(b);
    }
  });
  it('is reproducible from the seed, and gain scales it', () => {
    const a = initWeights(8, 4, 'heNormal', createRng(9));
    const b = initWeights(8, 4, 'heNormal', createRng(9), Math.SQRT2 * 3);
    assertClose(
      b,
      a.map((x) => 3 * x),
      { rel: 1e-14 },
    );
    const out = new Float64Array(32);
    expect(initWeights(8, 4, 'heNormal', createRng(9), undefined, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(a));
  });
  it('fillNormal / fillUniform', () => {
    const u = fillUniform(new Float64Array(1000), createRng(1), -2, 3);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...u)).toBeLessThan(3);
    const g = fillNormal(new Float64Array(20000), createRng(2), 5, 0.5);
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    expect(Math.abs(m - 5)).toBeLessThan((6 * 0.5) / Math.sqrt(20000));
  });
  it('fillUniformSymmetric is b·(2u − 1), the draw behind the uniform schemes', () => {
    const r = createRng(4);
    const want = Array.from({ length: 50 }, () => 0.3 * (2 * r.next() - 1));
    expect(Array.from(fillUniformSymmetric(new Float64Array(50), createRng(4), 0.3))).toEqual(want);
    const w = initWeights(10, 5, 'heUniform', createRng(4));
    const b = initStd('heUniform', 10, 5) * Math.sqrt(3); // √(6/10) up to rounding
    expect(Array.from(w)).toEqual(Array.from(fillUniformSymmetric(new Float64Array(50), createRng(4), b)));
    expect(w.every((v) => Math.abs(v) < b)).toBe(true);
  });
});
