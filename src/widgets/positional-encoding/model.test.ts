import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle, oracleList } from '../../test/oracles.ts';
import { dotsAtOffset, peView, similarityCurve } from './model.ts';
import { schema } from './state.ts';

describe('positional-encoding model (T12.5 oracles)', () => {
  it('PE at pos = 0, 1, 2 for d_model = 8, and the frequencies', () => {
    for (const p of [0, 1, 2])
      assertClose(peView(8, 16, p, 2).pe, oracleList(`PE pos=${p} d=8`), { rel: 1e-12, abs: 1e-15 });
    assertClose(peView(8, 16, 1, 2).omega, oracleList('PE omega_i d=8 (i=0..3)'), { rel: 1e-12 });
  });

  it('rotating PE(1) by k = 2 gives PE(3); PE(1)·PE(3) = PE(5)·PE(7) = 2.56372', () => {
    const v = peView(8, 16, 1, 2);
    const [rot, pe3] = [0, 2].map((o) => oracleList('R_k @ PE(1)[0:2] (k=2) == PE(3)[0:2]').slice(o, o + 2));
    assertClose(v.rotated.subarray(0, 2), rot, { rel: 1e-12 });
    assertClose(v.shifted.subarray(0, 2), pe3, { rel: 1e-12 });
    expect(v.rotationError).toBeLessThan(1e-12);
    assertClose(v.dotPK, oracle('PE(pos=1)·PE(pos=3) d=8'), { rel: 1e-9 });
    assertClose(dotsAtOffset(2, 8, [5])[0], oracle('PE(pos=5)·PE(pos=7) d=8 (same offset => same)'), { rel: 1e-9 });
    assertClose(v.similarity, v.dotPK, { rel: 1e-12 });
  });

  it('the dot product depends only on the offset, for any even d and start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 64 }),
        fc.integer({ min: 0, max: 64 }),
        fc.integer({ min: 0, max: 200 }),
        (half, k, q) => {
          const d = 2 * half;
          const [a] = dotsAtOffset(k, d, [q]);
          return Math.abs(a - similarityCurve(d, k)[k].s) < 1e-9 * d;
        },
      ),
    );
  });

  it('the chosen position is kept inside the table; wavelengths run from 2π to 2π·10000^((d−2)/d)', () => {
    const v = peView(64, 20, 100, 4);
    expect(v.p).toBe(19);
    expect(v.table).toHaveLength(20 * 64);
    assertClose(v.shortest, 2 * Math.PI, { rel: 1e-12 });
    assertClose(v.longest, 2 * Math.PI * 10000 ** (62 / 64), { rel: 1e-12 });
    expect(similarityCurve(64, 0)[0].s).toBe(32);
  });
});

describe('positional-encoding state', () => {
  it('keeps d even and values in range', () => {
    expect(defaults(schema)).toEqual({ d: 64, n: 64, p: 10, k: 4 });
    const { state, issues } = parseState(schema, { d: '9', n: '1000', p: '-3' });
    expect(state.d % 2).toBe(0);
    expect(state).toMatchObject({ n: 128, p: 0 });
    expect(issues.every((i) => i.kind === 'clamped')).toBe(true);
  });
});
