import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { conv2d } from './conv2d.ts';
import { createRng } from './rng.ts';
import { shift2d } from './shift.ts';

const A = [1, 3, 2, 1, 4, 2, 0, 1, 1, 1, 5, 6, 0, 2, 7, 3];

describe('conv2d', () => {
  it('a hand-worked 2×2 kernel on A (valid, stride 1 and 2)', () => {
    // Cross-correlation: y[i][j] = A[i][j] − A[i+1][j+1].
    const k = [1, 0, 0, -1];
    const r = conv2d(A, [1, 4, 4], k, [1, 1, 2, 2]);
    expect(r.shape).toEqual([1, 3, 3]);
    expect(Array.from(r.y)).toEqual([-1, 3, 1, 3, -3, -6, -1, -6, 2]);
    const s2 = conv2d(A, [1, 4, 4], k, [1, 1, 2, 2], { stride: 2 });
    expect(Array.from(s2.y)).toEqual([-1, 1, -1, 2]);
  });

  it('zero padding "same", bias and a delta kernel', () => {
    const delta = [0, 0, 0, 0, 1, 0, 0, 0, 0];
    const r = conv2d(A, [1, 4, 4], delta, [1, 1, 3, 3], { padding: 1, bias: [0.5] });
    expect(r.shape).toEqual([1, 4, 4]);
    expect(Array.from(r.y)).toEqual(A.map((v) => v + 0.5));
    // Box filter, corner (0,0) with zero padding: 1 + 3 + 4 + 2.
    const box = conv2d(A, [1, 4, 4], new Float64Array(9).fill(1), [1, 1, 3, 3], { padding: 1 });
    expect(box.y[0]).toBe(10);
    const circ = conv2d(A, [1, 4, 4], new Float64Array(9).fill(1), [1, 1, 3, 3], { padding: 1, padMode: 'circular' });
    // Circular: the 3×3 neighbourhood of (0,0) wraps to rows {3,0,1}, columns {3,0,1}.
    expect(circ.y[0]).toBe(3 + 0 + 2 + 1 + 1 + 3 + 1 + 4 + 2);
  });

  it('dilation 2 spreads the taps', () => {
    const r = conv2d(A, [1, 4, 4], [1, 1, 1, 1], [1, 1, 2, 2], { dilation: 2 });
    expect(r.shape).toEqual([1, 2, 2]);
    expect(Array.from(r.y)).toEqual([1 + 2 + 1 + 5, 3 + 1 + 1 + 6, 4 + 0 + 0 + 7, 2 + 1 + 2 + 3]);
  });

  it('multi-channel: matches the sum of per-channel single convolutions', () => {
    const rng = createRng(5);
    const C = 3;
    const O = 2;
    const x = Float64Array.from({ length: C * 25 }, () => rng.normal());
    const w = Float64Array.from({ length: O * C * 9 }, () => rng.normal());
    const r = conv2d(x, [C, 5, 5], w, [O, C, 3, 3], { padding: 1, stride: 2, bias: [1, -1] });
    expect(r.shape).toEqual([O, 3, 3]);
    for (let o = 0; o < O; o++) {
      const acc = new Float64Array(9).fill(o === 0 ? 1 : -1);
      for (let c = 0; c < C; c++) {
        const single = conv2d(
          x.subarray(c * 25, c * 25 + 25),
          [1, 5, 5],
          w.subarray((o * C + c) * 9, (o * C + c + 1) * 9),
          [1, 1, 3, 3],
          {
            padding: 1,
            stride: 2,
          },
        );
        for (let k = 0; k < 9; k++) acc[k] += single.y[k];
      }
      assertClose(r.y.subarray(o * 9, o * 9 + 9), acc, { rel: 1e-12, abs: 1e-12 });
    }
  });

  it('rejects mismatched shapes', () => {
    expect(() => conv2d(A, [1, 4, 4], [1, 2, 3], [1, 1, 2, 2])).toThrow(RangeError);
    expect(() => conv2d(A, [2, 4, 2], [1, 1, 1, 1], [1, 1, 2, 2])).toThrow(RangeError);
  });
});

describe('translation equivariance', () => {
  it('stride-1 convolution with circular padding commutes exactly with circular shifts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 3, max: 7 }),
        fc.integer({ min: 3, max: 7 }),
        fc.constantFrom(1, 3),
        fc.integer({ min: -9, max: 9 }),
        fc.integer({ min: -9, max: 9 }),
        fc.integer(),
        (C, H, W, K, dx, dy, seed) => {
          const rng = createRng(seed);
          const x = Float64Array.from({ length: C * H * W }, () => rng.normal());
          const w = Float64Array.from({ length: 2 * C * K * K }, () => rng.normal());
          const opts = { padding: (K - 1) / 2, padMode: 'circular' as const };
          const shiftAll = (t: Float64Array, ch: number) => {
            const o = new Float64Array(t.length);
            for (let c = 0; c < ch; c++)
              o.set(shift2d(t.subarray(c * H * W, (c + 1) * H * W), H, W, dx, dy, 'circular'), c * H * W);
            return o;
          };
          const a = conv2d(shiftAll(x, C), [C, H, W], w, [2, C, K, K], opts).y;
          const b = shiftAll(conv2d(x, [C, H, W], w, [2, C, K, K], opts).y, 2);
          // Same taps summed in the same order: equal to the last bit, not just approximately.
          return a.every((v, i) => v === b[i]);
        },
      ),
      { seed: 13, numRuns: 150 },
    );
  });

  it('zero padding breaks it at the border; stride 2 breaks it for odd shifts', () => {
    const k = new Float64Array(9).fill(1);
    const zs = conv2d(shift2d(A, 4, 4, 1, 0, 'zero'), [1, 4, 4], k, [1, 1, 3, 3], { padding: 1 }).y;
    const sz = shift2d(conv2d(A, [1, 4, 4], k, [1, 1, 3, 3], { padding: 1 }).y, 4, 4, 1, 0, 'zero');
    expect(Array.from(zs)).not.toEqual(Array.from(sz));
    const opts = { padding: 1, padMode: 'circular' as const, stride: 2 };
    const y0 = conv2d(A, [1, 4, 4], k, [1, 1, 3, 3], opts).y;
    const y1 = conv2d(shift2d(A, 4, 4, 1, 0, 'circular'), [1, 4, 4], k, [1, 1, 3, 3], opts).y;
    const y2 = conv2d(shift2d(A, 4, 4, 2, 0, 'circular'), [1, 4, 4], k, [1, 1, 3, 3], opts).y;
    expect(Array.from(y2)).toEqual(Array.from(shift2d(y0, 2, 2, 1, 0, 'circular')));
    for (const t of [0, 1]) expect(Array.from(y1)).not.toEqual(Array.from(shift2d(y0, 2, 2, t, 0, 'circular')));
  });
});
