import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oracle, oracleKeys, oracleList, oracleRaw } from '../test/oracles.ts';
import { conv2d } from './conv2d.ts';
import { conv2dParamCount, denseParamCount, flattenDenseParamCount } from './layerParams.ts';
import { outputSize } from './outputSize.ts';
import { globalPool, pool2d, poolWindow, type PoolOptions } from './pool2d.ts';
import { shift2d } from './shift.ts';

// T9.5's input A.
const A = [1, 3, 2, 1, 4, 2, 0, 1, 1, 1, 5, 6, 0, 2, 7, 3];

/** Exact rationals from the JSON ("21/4") as numbers; they are dyadic here, so exact in binary. */
const exact = (key: string) => oracleList(key);

describe('pooling the 4×4 input (T9.5)', () => {
  it('maxpool 2/2, avgpool 2/2, maxpool 3/1', () => {
    expect(Array.from(pool2d(A, 4, 4, { k: 2 }).y)).toEqual(exact('maxpool2s2(A)'));
    expect(Array.from(pool2d(A, 4, 4, { k: 2, op: 'avg' }).y)).toEqual(exact('avgpool2s2(A)'));
    expect(oracleRaw('avgpool2s2(A)')).toEqual([
      ['5/2', '1'],
      ['1', '21/4'],
    ]);
    const m3 = pool2d(A, 4, 4, { k: 3, s: 1 });
    expect(Array.from(m3.y)).toEqual(exact('maxpool3s1(A)'));
    expect([m3.outH, m3.outW]).toEqual([2, 2]);
  });

  it('global max 7 and GAP 39/16', () => {
    const [gmax, gap] = oracleList('globalmax(A) / GAP(A)');
    expect(globalPool(A, 1, 4, 4, 'max').y[0]).toBe(gmax);
    expect(globalPool(A, 1, 4, 4, 'avg').y[0]).toBe(gap);
    expect(gap).toBe(39 / 16);
  });

  it('argmax and windows for hover highlighting', () => {
    const r = pool2d(A, 4, 4, { k: 2 });
    // 4 at (1,0), 2 at (0,2) (first of the tie 2, 1, 0, 1 is unique), 2 at (3,1), 7 at (3,2).
    expect(Array.from(r.argmax)).toEqual([4, 2, 13, 14]);
    expect(poolWindow(1, 1, 4, 4, { k: 2 })).toEqual({ r0: 2, r1: 4, c0: 2, c1: 4, divisor: 4 });
    // Ties go to the first maximum in row-major order, as in PyTorch.
    expect(pool2d([5, 5, 5, 5], 2, 2, { k: 2 }).argmax[0]).toBe(0);
    expect(Array.from(pool2d(A, 4, 4, { k: 2, op: 'avg' }).argmax)).toEqual([-1, -1, -1, -1]);
  });

  it('global pooling per channel maps C × H × W to C values', () => {
    const two = [...A, ...A.map((v) => -v)];
    const g = globalPool(two, 2, 4, 4, 'max');
    expect(g.y[0]).toBe(7);
    expect(Array.from(g.argmax)).toEqual([14, 6]);
    expect(Array.from(globalPool(two, 2, 4, 4, 'avg').y)).toEqual([39 / 16, -39 / 16]);
    expect(g.y[1]).toBe(-0); // the negated zero of A[6]
  });

  it('padding and ceil mode follow PyTorch (−∞ padding for max, count_include_pad for avg)', () => {
    const mp = pool2d(A, 4, 4, { k: 2, s: 2, p: 1 });
    expect([mp.outH, mp.outW]).toEqual([3, 3]);
    expect(Array.from(mp.y)).toEqual([1, 3, 1, 4, 5, 6, 0, 7, 3]);
    const ap = pool2d(A, 4, 4, { k: 2, s: 2, p: 1, op: 'avg' });
    expect(Array.from(ap.y)).toEqual([0.25, 1.25, 0.25, 1.25, 2, 1.75, 0, 2.25, 0.75]);
    const apx = pool2d(A, 4, 4, { k: 2, s: 2, p: 1, op: 'avg', countIncludePad: false });
    expect(Array.from(apx.y)).toEqual([1, 2.5, 1, 2.5, 2, 3.5, 0, 4.5, 3]);
    // 5 × 5 input, k = 2, s = 2: floor gives 2 × 2, ceil keeps the partial last window (3 × 3).
    const B = Array.from({ length: 25 }, (_, i) => i);
    const fl = pool2d(B, 5, 5, { k: 2 });
    const ce = pool2d(B, 5, 5, { k: 2, ceil: true, op: 'avg' });
    expect([fl.outH, ce.outH]).toEqual([2, 3]);
    // The partial corner window holds only B[24] and its divisor excludes the overhang (PyTorch).
    expect(ce.y[8]).toBe(24);
    expect(ce.y[2]).toBe((4 + 9) / 2);
    expect(() => pool2d(A, 4, 4, { k: 2, p: 2 })).toThrow(RangeError);
    // Ceil mode may keep a window larger than the input, as PyTorch does (1 × 1 input, k = s = 2).
    expect(outputSize(1, 2, 2, 0, 1, true)).toBe(1);
    expect(Array.from(pool2d([3], 1, 1, { k: 2, ceil: true, op: 'avg' }).y)).toEqual([3]);
  });
});

describe('output sizes (T9.5)', () => {
  const keys = oracleKeys('out H=');
  it('covers all eleven table rows', () => expect(keys.length).toBe(11));
  it.each(keys)('%s', (key) => {
    const ceil = key.endsWith('ceil_mode');
    const m = /H=(\d+) K=(\d+) S=(\d+) P=(\d+)(?: D=(\d+))?/.exec(key);
    expect(m).not.toBeNull();
    const [H, K, S, P, D] = m!.slice(1).map((v) => (v === undefined ? 1 : Number(v)));
    expect(outputSize(H, K, S, P, D, ceil)).toBe(oracle(key));
  });

  it('is 0 when the kernel does not fit, and rejects non-integers', () => {
    expect(outputSize(2, 5, 1)).toBe(0);
    expect(() => outputSize(4, 2, 0)).toThrow(RangeError);
    expect(() => outputSize(4.5, 2, 1)).toThrow(RangeError);
  });

  // Independent count of windows i = 0, 1, … (start i·S in padded coordinates) whose dilated span ends
  // inside the padded input; ceil mode lets it overhang by up to S − 1 cells provided it starts before
  // the end of input + left padding (PyTorch's rule).
  const bruteCount = (H: number, K: number, S: number, P: number, D: number, ceil: boolean) => {
    let n = 0;
    for (let i = 0; i < 10_000; i++) {
      const start = i * S;
      const end = start + D * (K - 1);
      const ok = ceil ? end <= H + 2 * P - 1 + S - 1 && start - P < H : end <= H + 2 * P - 1;
      if (!ok) break;
      n++;
    }
    return n;
  };

  it('matches the window count and the real output shapes of pool2d and conv2d', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        (H, W, K, S, Pr, D, ceil) => {
          const P = Math.min(Pr, Math.floor(K / 2));
          const h = outputSize(H, K, S, P, D, ceil);
          if (h !== bruteCount(H, K, S, P, D, ceil)) return false;
          {
            const x = new Float64Array(H * W).fill(1);
            const pr = pool2d(x, H, W, { k: K, s: S, p: P, ceil });
            if (pr.outH !== outputSize(H, K, S, P, 1, ceil) || pr.outW !== outputSize(W, K, S, P, 1, ceil)) {
              return false;
            }
            if (pr.y.length !== pr.outH * pr.outW) return false;
          }
          const cr = conv2d(new Float64Array(H * W), [1, H, W], new Float64Array(K * K), [1, 1, K, K], {
            stride: S,
            padding: P,
            dilation: D,
          });
          return cr.shape[1] === outputSize(H, K, S, P, D) && cr.shape[2] === outputSize(W, K, S, P, D);
        },
      ),
      { seed: 9, numRuns: 300 },
    );
  });
});

describe('pool2d against an explicit padded reference', () => {
  it('max and avg, any k, s, p, ceil', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        fc.integer(),
        (H, W, k, s, pr, ceil, seed) => {
          const p = Math.min(pr, Math.floor(k / 2));
          if (H + 2 * p < k || W + 2 * p < k) return true;
          let r = seed;
          const x = Array.from({ length: H * W }, () => ((r = (r * 1103515245 + 12345) | 0) >>> 16) % 19);
          const opts: PoolOptions = { k, s, p, ceil };
          const mx = pool2d(x, H, W, opts);
          const av = pool2d(x, H, W, { ...opts, op: 'avg' });
          const inPad = (a: number, b: number) => a >= -p && a < H + p && b >= -p && b < W + p;
          for (let i = 0; i < mx.outH; i++)
            for (let j = 0; j < mx.outW; j++) {
              let m = -Infinity;
              let sum = 0;
              let cnt = 0;
              for (let a = 0; a < k; a++)
                for (let b = 0; b < k; b++) {
                  const rr = i * s - p + a;
                  const cc = j * s - p + b;
                  if (!inPad(rr, cc)) continue;
                  cnt++;
                  if (rr >= 0 && rr < H && cc >= 0 && cc < W) {
                    m = Math.max(m, x[rr * W + cc]);
                    sum += x[rr * W + cc];
                  }
                }
              if (mx.y[i * mx.outW + j] !== m || x[mx.argmax[i * mx.outW + j]] !== m) return false;
              if (Math.abs(av.y[i * av.outW + j] - sum / cnt) > 1e-12) return false;
            }
          return true;
        },
      ),
      { seed: 10, numRuns: 300 },
    );
  });
});

describe('translations of A (T10.5)', () => {
  it.each([
    [1, 'zero'],
    [1, 'circ'],
    [2, 'zero'],
    [2, 'circ'],
  ] as const)('shift %d %s and its max-pool', (t, mode) => {
    const s = shift2d(A, 4, 4, t, 0, mode === 'circ' ? 'circular' : 'zero');
    expect(Array.from(s)).toEqual(oracleList(`shift${t}_${mode}(A)`));
    expect(Array.from(pool2d(s, 4, 4, { k: 2 }).y)).toEqual(oracleList(`maxpool2s2(shift${t}_${mode}(A))`));
  });

  it('global max and GAP are unchanged by the circular shift', () => {
    const s = shift2d(A, 4, 4, 1, 0, 'circular');
    const [gmax, gap] = oracleList('globalmax/GAP(shift1_circ A)');
    expect(globalPool(s, 1, 4, 4, 'max').y[0]).toBe(gmax);
    expect(globalPool(s, 1, 4, 4, 'avg').y[0]).toBe(gap);
  });

  it('circular shift by the stride moves the pooled map by one cell (equivariance at multiples of s)', () => {
    const pooled = pool2d(A, 4, 4, { k: 2 }).y;
    const s2 = pool2d(shift2d(A, 4, 4, 2, 0, 'circular'), 4, 4, { k: 2 }).y;
    expect(Array.from(s2)).toEqual(Array.from(shift2d(pooled, 2, 2, 1, 0, 'circular')));
  });

  it('shifts compose and circular shifts invert', () => {
    const rt = shift2d(shift2d(A, 4, 4, 3, -2, 'circular'), 4, 4, -3, 2, 'circular');
    expect(Array.from(rt)).toEqual(A);
    const zz = shift2d(shift2d(A, 4, 4, 1, 1, 'zero'), 4, 4, 1, 0, 'zero');
    expect(Array.from(zz)).toEqual(Array.from(shift2d(A, 4, 4, 2, 1, 'zero')));
    expect(Array.from(shift2d(A, 4, 4, 0, 1, 'zero').subarray(0, 4))).toEqual([0, 0, 0, 0]);
  });
});

describe('invariance properties', () => {
  const grid = (H: number, W: number) =>
    fc.array(fc.integer({ min: -50, max: 50 }), { minLength: H * W, maxLength: H * W });

  it('global max and average are exactly invariant to every circular shift', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: -8, max: 8 }),
        fc.integer({ min: -8, max: 8 }),
        fc.nat(),
        (H, W, dx, dy, seed) => {
          // Integer inputs keep every partial sum exact, so GAP must agree bit for bit.
          const x = Array.from({ length: H * W }, (_, i) => ((seed + i * 7919) % 101) - 50);
          const s = shift2d(x, H, W, dx, dy, 'circular');
          return (['max', 'avg'] as const).every(
            (op) => globalPool(s, 1, H, W, op).y[0] === globalPool(x, 1, H, W, op).y[0],
          );
        },
      ),
      { seed: 11, numRuns: 200 },
    );
    fc.assert(
      fc.property(
        grid(3, 5),
        (x) => globalPool(shift2d(x, 3, 5, 2, 1, 'circular'), 1, 3, 5, 'max').y[0] === Math.max(...x),
      ),
    );
  });

  it('max-pool is unchanged by shifts that keep every maximum inside its window', () => {
    // Non-overlapping k × k windows; each window's maximum (in (10, 100)) sits where a shift by
    // (dx, dy) keeps it in the same window, and every other value (in [0, 10)) is below every maximum,
    // so neither the shifted-in neighbours nor the zero fill can win.
    const arb = fc
      .record({
        k: fc.integer({ min: 2, max: 3 }),
        rows: fc.integer({ min: 1, max: 3 }),
        cols: fc.integer({ min: 1, max: 3 }),
        seed: fc.integer(),
      })
      .chain(({ k, rows, cols, seed }) =>
        fc.record({
          k: fc.constant(k),
          rows: fc.constant(rows),
          cols: fc.constant(cols),
          seed: fc.constant(seed),
          dx: fc.integer({ min: 0, max: k - 1 }),
          dy: fc.integer({ min: 0, max: k - 1 }),
        }),
      );
    fc.assert(
      fc.property(arb, ({ k, rows, cols, seed, dx, dy }) => {
        const H = rows * k;
        const W = cols * k;
        let r = seed | 0;
        const rand = () => ((r = (Math.imul(r, 1103515245) + 12345) | 0) >>> 8) / 2 ** 24;
        const x = Float64Array.from({ length: H * W }, () => 10 * rand());
        for (let wi = 0; wi < rows; wi++)
          for (let wj = 0; wj < cols; wj++) {
            const a = Math.floor(rand() * (k - dy));
            const b = Math.floor(rand() * (k - dx));
            x[(wi * k + a) * W + wj * k + b] = 10 + 90 * rand();
          }
        const before = pool2d(x, H, W, { k }).y;
        const after = pool2d(shift2d(x, H, W, dx, dy, 'zero'), H, W, { k }).y;
        return before.every((v, i) => v === after[i]);
      }),
      { seed: 12, numRuns: 300 },
    );
  });

  it('…and a shift across a window boundary can change it', () => {
    const x = [0, 9, 0, 0, 0, 0, 0, 0];
    expect(Array.from(pool2d(x, 2, 4, { k: 2 }).y)).toEqual([9, 0]);
    expect(Array.from(pool2d(shift2d(x, 2, 4, 1, 0, 'zero'), 2, 4, { k: 2 }).y)).toEqual([0, 9]);
  });
});

describe('parameter counts (T9.5)', () => {
  it('VGG16 fc6, without the last pool, and the ResNet-50 GAP head', () => {
    expect(flattenDenseParamCount(512, 7, 7, 4096, false)).toBe(oracle('VGG16 fc6 weights: 7x7x512 -> 4096'));
    expect(flattenDenseParamCount(512, 14, 14, 4096, false)).toBe(oracle('same without last pool: 14x14x512 -> 4096'));
    expect(denseParamCount(2048, 1000)).toBe(oracle('GAP head ResNet-50: 2048 -> 1000 (w+b)'));
  });
  it('a conv layer does not depend on the image size', () => {
    expect(conv2dParamCount(3, 64, 3)).toBe(1792);
    expect(conv2dParamCount(64, 64, 3, 3, false)).toBe(36864);
  });
});
