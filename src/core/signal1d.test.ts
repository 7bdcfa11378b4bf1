import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracleKeys, oracleList, oracleRaw } from '../test/oracles.ts';
import { shift1d } from './shift.ts';
import { blur121, blurPool1d, conv1dCirc, maxPool1d, signalSum, subsample } from './signal1d.ts';

// T10.5: x = [0, 0, 1, 3, 1, 0, 0, 0], kernel [1, 2, 1], circular.
const x = [0, 0, 1, 3, 1, 0, 0, 0];
const K = [1, 2, 1];
const y = (v: ArrayLike<number>) => Array.from(conv1dCirc(v, K));
const T = (v: ArrayLike<number>, t: number) => shift1d(v, t, 'circular');

describe('the 1-D strip (T10.5)', () => {
  it('convolution is equivariant: y(T₁x) = T₁y(x)', () => {
    expect(y(x)).toEqual(oracleList('1D conv [1,2,1] circ y(x)'));
    expect(y(T(x, 1))).toEqual(oracleList('1D conv y(shift1 x)'));
    expect(Array.from(T(conv1dCirc(x, K), 1))).toEqual(oracleList('1D shift1 y(x) (equal => equivariant)'));
  });

  it('max-pool 2/2 after the convolution: a shift by 1 is not a shift, by 2 it is', () => {
    expect(Array.from(maxPool1d(y(x), 2, 2))).toEqual(oracleList('1D maxpool2s2 y(x)'));
    expect(Array.from(maxPool1d(y(T(x, 1)), 2, 2))).toEqual(oracleList('1D maxpool2s2 y(shift1 x)'));
    expect(Array.from(maxPool1d(y(T(x, 2)), 2, 2))).toEqual(oracleList('1D maxpool2s2 y(shift2 x)'));
    expect(Array.from(maxPool1d(y(T(x, 2)), 2, 2))).toEqual(Array.from(T(maxPool1d(y(x), 2, 2), 1)));
  });

  it('subsampling alone, and global max', () => {
    expect([Array.from(subsample(y(x), 2)), Array.from(subsample(y(T(x, 1)), 2))]).toEqual(
      oracleRaw('1D subsample-only s2 y(x), y(shift1 x)'),
    );
    expect([Math.max(...y(x)), Math.max(...y(T(x, 1)))]).toEqual(oracleList('1D global max y(x), y(shift1 x)'));
  });

  it('every "1D " key is covered above', () => expect(oracleKeys('1D ').length).toBe(8));
});

describe('the spike (T10.5)', () => {
  const spike = [0, 0, 0, 1, 0, 0, 0, 0];
  it.each([0, 1])('shift %d: subsample, max-pool, blur-then-subsample, and the sums', (t) => {
    const s = T(spike, t);
    expect(Array.from(subsample(s, 2))).toEqual(oracleList(`spike shift${t}: subsample s2 (even idx)`));
    expect(Array.from(maxPool1d(s, 2, 2))).toEqual(oracleList(`spike shift${t}: maxpool k2 s2`));
    expect(Array.from(blurPool1d(s, 2))).toEqual(oracleList(`spike shift${t}: blur[1,2,1]/4 then s2`));
    expect([signalSum(subsample(s, 2)), signalSum(blurPool1d(s, 2))]).toEqual(
      oracleList(`spike shift${t}: sums naive | blurred`),
    );
  });

  it('every "spike" key is covered', () => expect(oracleKeys('spike').length).toBe(8));

  it('blurred stride-2 output always sums to half the input, whatever the shift', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) => fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 2 * n, maxLength: 2 * n })),
        fc.integer({ min: -10, max: 10 }),
        (v, t) => {
          // Dyadic weights on integers: the sums are exact.
          return signalSum(blurPool1d(T(v, t), 2)) === signalSum(v) / 2;
        },
      ),
      { seed: 14 },
    );
  });
});

describe('1-D helpers', () => {
  it('circular convolution is exactly shift-equivariant for any kernel', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: -20, max: 20 }),
        (v, k, t) => {
          const a = conv1dCirc(T(v, t), k);
          const b = T(conv1dCirc(v, k), t);
          return a.every((u, i) => u === b[i]);
        },
      ),
      { seed: 15 },
    );
  });

  it('blur121 is [1, 2, 1]/4 and keeps the total; subsample with offset; short inputs', () => {
    assertClose(blur121([4, 0, 0, 0]), [2, 1, 0, 1], { rel: 0 });
    expect(Array.from(subsample([0, 1, 2, 3, 4], 2, 1))).toEqual([1, 3]);
    expect(Array.from(subsample([0, 1, 2, 3, 4], 2))).toEqual([0, 2, 4]);
    expect(maxPool1d([1], 2).length).toBe(0);
    expect(Array.from(maxPool1d([1, 5, 2, 0, 3], 3, 1))).toEqual([5, 5, 3]);
    expect(Array.from(shift1d([1, 2, 3], 1, 'zero'))).toEqual([0, 1, 2]);
  });
});
