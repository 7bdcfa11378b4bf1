import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracleList } from '../test/oracles.ts';
import { logSoftmax, logSoftmaxRows, rowEntropy, softmax, softmaxJacobian, softmaxRows } from './softmax.ts';

describe('softmax against the brief (T12.5)', () => {
  it.each([
    ['[1,2,3]', [1, 2, 3]],
    ['[1000,1001,1002]', [1000, 1001, 1002]],
    ['[0,0,0,0]', [0, 0, 0, 0]],
    ['[1,0,0]', [1, 0, 0]],
    ['[8,0,0]', [8, 0, 0]],
  ])('softmax(%s)', (key, z) => {
    assertClose(softmax(z), oracleList(`softmax(${key})`), { rel: 1e-12 });
  });

  it.each([
    ['[8,0,0]', [8, 0, 0]],
    ['[1,0,0]', [1, 0, 0]],
  ])('Jacobian diagonal p(1−p) for %s', (key, z) => {
    const J = softmaxJacobian(softmax(z));
    assertClose([J[0], J[4], J[8]], oracleList(`softmax jac diag p(1-p) for ${key}`), { rel: 1e-9 });
  });
});

describe('softmax edge cases', () => {
  it('huge and tiny logits neither overflow nor give NaN', () => {
    assertClose(softmax([1e308, -1e308]), [1, 0]);
    assertClose(softmax([-1e308, -1e308]), [0.5, 0.5]);
    assertClose(softmax([Infinity, 0, Infinity]), [0.5, 0, 0.5]);
    assertClose(softmax([-Infinity, 0]), [0, 1]);
    expect(Array.from(softmax([NaN, 1])).every(Number.isNaN)).toBe(true);
  });

  it('a fully masked row is zeros with a flag, not NaN', () => {
    const r = softmaxRows([1, 2, 3, 4], 2, 2, { mask: [0, 0, 1, 0] });
    expect(Array.from(r.values)).toEqual([0, 0, 1, 0]);
    expect(Array.from(r.emptyRows)).toEqual([1, 0]);
    expect(r.emptyCount).toBe(1);
    const all = softmaxRows([-Infinity, -Infinity], 1, 2);
    expect(Array.from(all.values)).toEqual([0, 0]);
    expect(all.emptyCount).toBe(1);
    const l = logSoftmaxRows([1, 2, 3, 4], 2, 2, { mask: [0, 0, 1, 0] });
    expect(Array.from(l.values)).toEqual([-Infinity, -Infinity, 0, -Infinity]);
    expect(Array.from(l.emptyRows)).toEqual([1, 0]);
  });

  it('the causal option zeroes exactly the upper triangle (and aligns bottom-right when rows < cols)', () => {
    const r = softmaxRows(new Float64Array(9).fill(0.3), 3, 3, { causal: true }).values;
    assertClose(r, [1, 0, 0, 1 / 2, 1 / 2, 0, 1 / 3, 1 / 3, 1 / 3], { rel: 1e-15 });
    const last = softmaxRows([0, 0, 0, 0, 0, 0], 2, 3, { causal: true }).values;
    assertClose(last, [1 / 2, 1 / 2, 0, 1 / 3, 1 / 3, 1 / 3], { rel: 1e-15 });
  });

  it('temperature divides the logits; τ = 1 is bit-identical to no temperature', () => {
    assertClose(softmax([2, 4, 6], 2), softmax([1, 2, 3]), { rel: 1e-15 });
    expect(Array.from(softmax([0.1, 0.7], 1))).toEqual(Array.from(softmaxRows([0.1, 0.7], 1, 2).values));
    assertClose(softmax([1, 5, -3], 1e300), [1 / 3, 1 / 3, 1 / 3]);
    expect(() => softmax([1], 0)).toThrow(RangeError);
    expect(() => softmax([1], -1)).toThrow(RangeError);
  });

  it('logSoftmax keeps precision in the tail', () => {
    const l = logSoftmax([100, 0]);
    expect(l[0]).toBe(-Math.exp(-100)); // −log1p(e^{−100}) rounds to −e^{−100}
    expect(l[1]).toBe(-100 - Math.exp(-100));
    assertClose(logSoftmax([1, 2, 3]), Array.from(softmax([1, 2, 3]), Math.log), { rel: 1e-14 });
    expect(Array.from(logSoftmax([Infinity, Infinity, 0]))).toEqual([-Math.LN2, -Math.LN2, -Infinity]);
  });

  it('computes in place when out is the input', () => {
    const z = Float64Array.from([1, 2, 3]);
    softmaxRows(z, 1, 3, { out: z });
    assertClose(z, oracleList('softmax([1,2,3])'), { rel: 1e-12 });
  });

  it('entropy is ln(cols) for uniform and 0 for one-hot rows', () => {
    assertClose(rowEntropy([0.25, 0.25, 0.25, 0.25, 1, 0, 0, 0], 2, 4), [Math.log(4), 0]);
  });
});

const row = (len: number) =>
  fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: len, maxLength: len });
const shaped = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }))
  .chain(([r, c]) =>
    fc.tuple(
      fc.constant(r),
      fc.constant(c),
      row(r * c),
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: r * c, maxLength: r * c }),
    ),
  );

describe('softmax properties (fast-check, seeded)', () => {
  it('rows sum to 1 (or are flagged empty), masked entries are 0', () => {
    fc.assert(
      fc.property(shaped, ([r, c, z, mask]) => {
        const { values, emptyRows } = softmaxRows(z, r, c, { mask });
        for (let i = 0; i < r; i++) {
          let s = 0;
          for (let j = 0; j < c; j++) {
            const v = values[i * c + j];
            if (mask[i * c + j] === 0) expect(v).toBe(0);
            expect(v).toBeGreaterThanOrEqual(0);
            s += v;
          }
          const anyAllowed = mask.slice(i * c, (i + 1) * c).some((m) => m !== 0);
          expect(emptyRows[i]).toBe(anyAllowed ? 0 : 1);
          if (anyAllowed) assertClose(s, 1, { rel: 1e-12 });
          else expect(s).toBe(0);
        }
      }),
      { seed: 1201, numRuns: 300 },
    );
  });

  it('is invariant to adding a constant to each row', () => {
    fc.assert(
      fc.property(
        shaped,
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 5, maxLength: 5 }),
        ([r, c, z], shift) => {
          const moved = z.map((v, k) => v + shift[Math.floor(k / c)]);
          // Adding a constant rounds each logit by up to ~1e3·2^−53, hence the small tolerance.
          assertClose(softmaxRows(moved, r, c).values, softmaxRows(z, r, c).values, { rel: 1e-10, abs: 1e-12 });
        },
      ),
      { seed: 1202, numRuns: 300 },
    );
  });

  it('log-softmax equals the log of the softmax', () => {
    fc.assert(
      fc.property(shaped, ([r, c, z]) => {
        const p = softmaxRows(z, r, c).values;
        const l = logSoftmaxRows(z, r, c).values;
        for (let k = 0; k < p.length; k++)
          if (p[k] > 1e-300) assertClose(l[k], Math.log(p[k]), { rel: 1e-12, abs: 1e-12 });
      }),
      { seed: 1203, numRuns: 200 },
    );
  });

  it('the Jacobian pᵢ(δᵢⱼ − pⱼ) matches central finite differences', () => {
    fc.assert(
      fc.property(
        row(4).map((z) => z.map((v) => v / 10)),
        (z) => {
          const J = softmaxJacobian(softmax(z));
          const h = 1e-6;
          for (let j = 0; j < 4; j++) {
            const up = z.slice();
            const dn = z.slice();
            up[j] += h;
            dn[j] -= h;
            const pu = softmax(up);
            const pd = softmax(dn);
            for (let i = 0; i < 4; i++) assertClose(J[i * 4 + j], (pu[i] - pd[i]) / (2 * h), { rel: 1e-5, abs: 1e-9 });
          }
        },
      ),
      { seed: 1204, numRuns: 100 },
    );
  });
});
