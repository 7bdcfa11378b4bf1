import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracleList } from '../test/oracles.ts';
import { relu } from './activations.ts';
import { createRng } from './rng.ts';
import { rnnForward, rnnInit, rnnParamCount, rnnStep, type RnnParams } from './rnn.ts';

/** The brief's scalar RNN: h_t = φ(w h_{t−1} + u x_t + b). */
function scalarRnn(w: number, u = 1, b = 0, act: RnnParams['act'] = 'tanh'): RnnParams {
  return { dh: 1, dx: 1, Whh: Float64Array.of(w), Wxh: Float64Array.of(u), b: Float64Array.of(b), act };
}

describe('rnnStep and rnnForward (T14.5)', () => {
  it('reproduces h_1…h_3 of the scalar example', () => {
    const tr = rnnForward(scalarRnn(0.5), [[1], [0.5], [-1]], [0]);
    assertClose(
      tr.hs.slice(1).map((h) => h[0]),
      oracleList('rnn h1..h3 (w=.5,u=1,b=0,x=[1,.5,-1],h0=0)'),
      { rel: 1e-12 },
    );
    expect(tr.hs[0]).toEqual(Float64Array.of(0));
    expect(tr.as[0].length).toBe(0);
    assertClose(tr.as[2][0], 0.5 * tr.hs[1][0] + 0.5, { rel: 1e-15 });
  });

  it('computes W_hh h + W_xh x + b with any registered activation', () => {
    const p: RnnParams = {
      dh: 2,
      dx: 3,
      Whh: Float64Array.of(1, -2, 0.5, 0.25),
      Wxh: Float64Array.of(1, 0, -1, 2, 1, 0),
      b: Float64Array.of(0.1, -0.2),
      act: 'relu',
    };
    const s = rnnStep(p, [0.3, -0.4], [1, 2, 3]);
    // a₁ = 0.3 + 0.8 + 1 − 3 + 0.1 = −0.8, a₂ = 0.15 − 0.1 + 2 + 2 − 0.2 = 3.85
    assertClose(s.a, [-0.8, 3.85], { rel: 1e-14 });
    assertClose(s.h, [relu(-0.8), 3.85], { rel: 1e-14 });
    const out = { a: new Float64Array(2), h: new Float64Array(2) };
    expect(rnnStep({ ...p, act: 'sigmoid' }, [0.3, -0.4], [1, 2, 3], out)).toBe(out);
    assertClose(out.h[1], 1 / (1 + Math.exp(-3.85)), { rel: 1e-14 });
  });

  it('rnnInit is seeded and has the requested gain', () => {
    const a = rnnInit(4, 3, createRng(5), { gain: 0.7 });
    const b = rnnInit(4, 3, createRng(5), { gain: 0.7 });
    expect(a.Whh).toEqual(b.Whh);
    expect(a.Wxh).toEqual(b.Wxh);
    // Orthogonal × 0.7: every row has length 0.7.
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 4; j++) s += a.Whh[i * 4 + j] ** 2;
      assertClose(Math.sqrt(s), 0.7, { rel: 1e-12 });
    }
  });

  it('flags a forward pass that overflows', () => {
    expect(rnnForward(scalarRnn(0.5), [[1], [2]]).overflow).toBe(false);
    const big = rnnForward(scalarRnn(1e200, 1, 0, 'linear'), [[1], [0], [0]]);
    expect(big.overflow).toBe(true);
    expect(big.hs[3][0]).toBe(Infinity);
  });

  it('counts parameters', () => {
    expect(rnnParamCount(10, 20)).toBe(20 * 30 + 20);
    expect(rnnParamCount(10, 20, { torchBiases: true })).toBe(20 * 30 + 40);
  });
});
