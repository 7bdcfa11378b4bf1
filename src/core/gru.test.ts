import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracleList } from '../test/oracles.ts';
import {
  gruDirectPathGradient,
  gruForward,
  gruInit,
  gruParamCount,
  gruStep,
  type GruConvention,
  type GruParams,
  type GruReset,
} from './gru.ts';
import { createRng } from './rng.ts';

const F = (xs: number[]) => Float64Array.from(xs);
const flat = (rows: number[][]) => F(rows.flat());

// The brief's examples (T15.5); each W acts on [h; x].
const scalar: GruParams = {
  dh: 1,
  dx: 1,
  Wz: F([0.5, -0.5]),
  bz: F([0]),
  Wr: F([-0.3, 0.8]),
  br: F([0.1]),
  Wh: F([0.7, 0.4]),
  bh: F([-0.2]),
};
const twoD: GruParams = {
  dh: 2,
  dx: 2,
  Wz: flat([
    [0.2, -0.1, 0.4, 0.1],
    [-0.3, 0.2, 0.1, 0.5],
  ]),
  bz: F([0.0, 0.1]),
  Wr: flat([
    [0.1, 0.3, -0.2, 0.2],
    [0.4, -0.1, 0.3, -0.3],
  ]),
  br: F([0.05, 0.0]),
  Wh: flat([
    [0.5, -0.4, 0.3, 0.2],
    [0.2, 0.6, -0.1, 0.4],
  ]),
  bh: F([0.0, -0.1]),
};

describe('gruStep against the brief (T15.5)', () => {
  it('scalar: z, r, h̃ and h_t in both conventions; reset-after equals reset-before here', () => {
    const a = gruStep(scalar, [0.5], [1.0], { conv: 'A' });
    assertClose(a.z, oracleList('GRU scalar convA z'));
    assertClose(a.r, oracleList('GRU scalar convA r'));
    assertClose(a.hTilde, oracleList('GRU scalar convA ht'));
    assertClose(a.h, oracleList('GRU scalar convA h'));
    assertClose(gruStep(scalar, [0.5], [1.0], { conv: 'B' }).h, oracleList('GRU scalar convB h'));
    for (const conv of ['A', 'B'] as const) {
      const after = gruStep(scalar, [0.5], [1.0], { conv, reset: 'after' });
      const before = gruStep(scalar, [0.5], [1.0], { conv, reset: 'before' });
      assertClose(after.h, before.h, { rel: 1e-15 });
    }
    // The default is Cho et al.: A, reset-before.
    expect(gruStep(scalar, [0.5], [1.0]).h).toEqual(a.h);
  });

  const variants = [
    ['A', 'before'],
    ['A', 'after'],
    ['B', 'before'],
    ['B', 'after'],
  ] as const;
  it.each(variants)('2-D, convention %s, reset-%s', (conv, reset) => {
    const s = gruStep(twoD, [0.3, -0.6], [1.0, -1.0], { conv, reset });
    assertClose(s.h, oracleList(`GRU 2d conv${conv} reset-${reset} h`), {}, 'h');
    // The brief lists z, r and h̃ under convention A only; they do not depend on it.
    assertClose(s.z, oracleList(`GRU 2d convA reset-${reset} z`), {}, 'z');
    assertClose(s.r, oracleList(`GRU 2d convA reset-${reset} r`), {}, 'r');
    assertClose(s.hTilde, oracleList(`GRU 2d convA reset-${reset} ht`), {}, 'h̃');
  });

  it('reset-after uses the recurrent bias inside the reset gate', () => {
    const p = { ...twoD, bhh: F([0.3, -0.2]) };
    const s = gruStep(p, [0.3, -0.6], [1.0, -1.0], { reset: 'after' });
    const s0 = gruStep(twoD, [0.3, -0.6], [1.0, -1.0], { reset: 'after' });
    for (let k = 0; k < 2; k++) {
      const pre0 = Math.atanh(s0.hTilde[k]);
      assertClose(Math.atanh(s.hTilde[k]), pre0 + s.r[k] * p.bhh[k], { rel: 1e-9 });
    }
  });

  it('parameter counts, one bias and PyTorch two', () => {
    const [one, torch] = oracleList('GRU params dx=10 dh=20 (one bias | torch two biases)');
    expect(gruParamCount(10, 20)).toBe(one);
    expect(gruParamCount(10, 20, { torchBiases: true })).toBe(torch);
    const p = gruInit(20, 10, createRng(1));
    expect([p.Wz, p.Wr, p.Wh, p.bz, p.br, p.bh].reduce((s, a) => s + a.length, 0)).toBe(one);
  });
});

describe('gru properties', () => {
  const conv = fc.constantFrom<GruConvention>('A', 'B');
  const reset = fc.constantFrom<GruReset>('before', 'after');
  const setup = (seed: number, dh: number, dx: number, scale: number) => {
    const rng = createRng(seed);
    const p = gruInit(dh, dx, rng, { scale });
    const xs = Array.from({ length: 8 }, () => Array.from({ length: dx }, () => 4 * rng.next() - 2));
    const h0 = Array.from({ length: dh }, () => 2 * rng.next() - 1);
    return { p, xs, h0 };
  };
  const dims = [fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 })] as const;

  it('gates lie in (0, 1) and h_t lies between h_{t−1} and h̃_t, element-wise', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        ...dims,
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        conv,
        reset,
        (seed, dh, dx, sc, c, r) => {
          const { p, xs, h0 } = setup(seed, dh, dx, sc);
          const tr = gruForward(p, xs, h0, { conv: c, reset: r });
          let prev: ArrayLike<number> = tr.h0;
          for (const s of tr.steps) {
            for (let k = 0; k < dh; k++) {
              if (!(s.z[k] > 0 && s.z[k] < 1 && s.r[k] > 0 && s.r[k] < 1)) return false;
              const lo = Math.min(prev[k], s.hTilde[k]);
              const hi = Math.max(prev[k], s.hTilde[k]);
              if (!(s.h[k] >= lo && s.h[k] <= hi)) return false;
            }
            prev = s.h;
          }
          return true;
        },
      ),
      { seed: 15, numRuns: 200 },
    );
  });

  it('B equals A with the update gate relabelled z ↔ 1 − z (W_z, b_z negated)', () => {
    fc.assert(
      fc.property(fc.integer(), ...dims, reset, (seed, dh, dx, r) => {
        const { p, xs, h0 } = setup(seed, dh, dx, 1);
        const flipped: GruParams = { ...p, Wz: p.Wz.map((w) => -w), bz: p.bz.map((b) => -b) };
        const a = gruForward(p, xs, h0, { conv: 'A', reset: r });
        const b = gruForward(flipped, xs, h0, { conv: 'B', reset: r });
        return a.steps.every((s, t) => s.h.every((v, k) => Math.abs(v - b.steps[t].h[k]) <= 1e-14));
      }),
      { seed: 16, numRuns: 100 },
    );
  });

  it('reset-after genuinely changes the function when d_h > 1', () => {
    const { p, xs, h0 } = setup(3, 3, 2, 1);
    const before = gruForward(p, xs, h0, { reset: 'before' });
    const after = gruForward(p, xs, h0, { reset: 'after' });
    expect(Math.abs(before.steps[7].h[0] - after.steps[7].h[0])).toBeGreaterThan(1e-3);
  });
});

describe('gruDirectPathGradient', () => {
  it('is ∏ z under A and ∏ (1 − z) under B, per unit, in log10, with row T the empty product', () => {
    const p = gruInit(3, 2, createRng(5));
    const xs = Array.from({ length: 9 }, (_, t) => [Math.sin(t), Math.cos(2 * t)]);
    for (const conv of ['A', 'B'] as const) {
      const tr = gruForward(p, xs, undefined, { conv });
      const g = gruDirectPathGradient(tr, conv);
      const T = xs.length;
      for (let k = 0; k <= T; k++) {
        for (let j = 0; j < 3; j++) {
          let prod = 1;
          for (let t = k + 1; t <= T; t++) {
            const z = tr.steps[t - 1].z[j];
            prod *= conv === 'A' ? z : 1 - z;
          }
          assertClose(10 ** g.log10[k * 3 + j], prod, { rel: 1e-12 });
        }
      }
      expect(g.normLog10[T]).toBe(0);
      expect(g.norm.every((v) => v > 0 && v <= 1)).toBe(true);
    }
  });
});
