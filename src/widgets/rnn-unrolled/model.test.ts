import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rnnForward, rnnJacobianNorms, spectralNorm, type RnnParams } from '../../core/index.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import { DH, inputSequence, lossDirection, rnnFigure, rnnParams, regime, type RnnSettings } from './model.ts';
import { schema } from './state.ts';

const base: RnnSettings = { T: 30, g: 0.9, act: 'tanh', u: 1, clip: false, tau: 1, seed: 1 };

describe('rnn-unrolled model', { timeout: 30_000 }, () => {
  it('reproduces the brief’s scalar RNN (T14.5) through the same core path the figure uses', () => {
    const p: RnnParams = {
      dh: 1,
      dx: 1,
      Whh: Float64Array.of(0.5),
      Wxh: Float64Array.of(1),
      b: Float64Array.of(0),
      act: 'tanh',
    };
    const tr = rnnForward(p, [[1], [0.5], [-1]]);
    assertClose([tr.hs[1][0], tr.hs[2][0], tr.hs[3][0]], oracleList('rnn h1..h3 (w=.5,u=1,b=0,x=[1,.5,-1],h0=0)'));
    assertClose(rnnJacobianNorms(p, tr).value[0], oracle('rnn dh3/dh0'), { rel: 1e-9 });
  });

  // The brief's linear-regime powers (T14.5, printed to 6 s.f.; not in the JSON).
  it.each([
    [0.5, 10, 9.76562e-4],
    [0.9, 50, 0.00515378],
    [1.1, 50, 117.391],
  ])('linear RNN, gain %f, T = %i: ‖∂h_T/∂h_0‖ = gain^T = %f', (g, T, expected) => {
    const fig = rnnFigure({ ...base, act: 'linear', g, T });
    assertClose(fig.jacValue[0], expected, { rel: 1e-5 });
    assertClose(fig.jacValue[0], g ** T, { rel: 1e-9 });
    // The bound is attained, step by step.
    assertClose(fig.jacLog10, fig.boundLog10, { rel: 1e-9, abs: 1e-9 });
  });

  it('W_hh has spectral norm g, and g only rescales the same seeded matrix', () => {
    const a = rnnParams({ ...base, g: 0.7 });
    const b = rnnParams({ ...base, g: 1.4 });
    assertClose(spectralNorm(a.Whh, DH, DH), 0.7, { rel: 1e-9 });
    assertClose(
      b.Whh,
      a.Whh.map((v) => 2 * v),
      { rel: 1e-12, abs: 1e-15 },
    );
    assertClose(b.Wxh, a.Wxh, { rel: 0 });
  });

  it('never exceeds the bound (γ g)^{T−k}, for every activation, gain and seed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('tanh', 'sigmoid', 'relu', 'linear' as const),
        fc.double({ min: 0.3, max: 1.6, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 1, max: 99 }),
        (act, g, T, seed) => {
          const fig = rnnFigure({ ...base, act, g, T, seed });
          return fig.jacLog10.every((v, k) => v <= fig.boundLog10[k] + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('one step back with ReLU stays within γg (a repeated singular value; found by the property above)', () => {
    const fig = rnnFigure({ ...base, act: 'relu', g: 0.3, T: 3, seed: 16 });
    for (let k = 0; k <= 3; k++) expect(fig.jacLog10[k]).toBeLessThanOrEqual(fig.boundLog10[k] + 1e-12);
  });

  it('a longer sequence extends a shorter one (same prefix)', () => {
    expect(inputSequence(50, 3).slice(0, 20)).toEqual(inputSequence(20, 3));
    assertClose(Math.hypot(...lossDirection(4)), 1, { rel: 1e-12 });
  });

  it('clipping rescales every term by the same factor and leaves a vanished gradient alone', () => {
    const big = rnnFigure({ ...base, act: 'linear', g: 1.2, T: 40, clip: true, tau: 1 });
    expect(big.clipped).toBe(true);
    expect(big.gradNormLog10).toBeGreaterThan(0);
    assertClose(big.clipFactorLog10, -big.gradNormLog10, { rel: 1e-9 });
    // The shape (ratio of far to near terms) is unchanged.
    assertClose(big.clippedLog10[0] - big.clippedLog10[40], big.jacLog10[0] - big.jacLog10[40], { rel: 1e-12 });
    const small = rnnFigure({ ...base, g: 0.5, T: 40, clip: true, tau: 5 });
    expect(small.clipped).toBe(false);
    assertClose(small.clippedLog10, small.jacLog10, { rel: 0 });
    expect(regime(small)).toBe('vanishing');
    expect(regime(big)).toBe('exploding');
  });

  it('tanh saturation caps the growth that the linear RNN shows at the same gain', () => {
    const lin = rnnFigure({ ...base, act: 'linear', g: 1.5, T: 60, u: 2 });
    const th = rnnFigure({ ...base, act: 'tanh', g: 1.5, T: 60, u: 2 });
    expect(th.jacLog10[0]).toBeLessThan(lin.jacLog10[0] - 5);
    expect(th.hMax).toBeLessThanOrEqual(1);
    expect(Number.isFinite(lin.hMax)).toBe(true);
  });

  it('schema: defaults and out-of-range input', () => {
    expect(defaults(schema)).toMatchObject({ T: 30, g: 0.9, act: 'tanh' });
    const { state, issues } = parseState(schema, { T: '500', g: 'x', act: 'gelu' });
    expect(state.T).toBe(100);
    expect(state.g).toBe(0.9);
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'malformed', 'malformed']);
  });
});
