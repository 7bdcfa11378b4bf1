import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STRIP_LEVELS, stripPaths, type StripGeometry } from './stripPaths.ts';

const GEO: StripGeometry = { x: 3, y: 7, cw: 10.3, ch: 6.7, gap: 1, negative: 'N', positive: 'P' };

/** The top-left corner of every cell a path draws, in absolute coordinates. */
function corners(d: string): [number, number][] {
  const out: [number, number][] = [];
  let at: [number, number] = [0, 0];
  for (const m of d.matchAll(/([Mm])(-?[\d.]+) (-?[\d.]+)h/g)) {
    const [a, b] = [Number(m[2]), Number(m[3])];
    at = m[1] === 'M' ? [a, b] : [at[0] + a, at[1] + b];
    out.push(at);
  }
  return out;
}

const ORDER = [
  ...Array.from({ length: STRIP_LEVELS }, (_, i) => `n${i + 1}`),
  ...Array.from({ length: STRIP_LEVELS }, (_, i) => `p${i + 1}`),
  'x',
];

describe('stripPaths', () => {
  it('draws each cell with a shade once, in the path of its sign and shade, at its place', () => {
    const values = [0.5, -1, 0, NaN, 1, -0.25];
    const paths = stripPaths(values, 2, 3, 1, GEO);
    expect(paths.map((p) => p.key)).toEqual(['n4', 'n16', 'p8', 'p16', 'x']);
    const byKey = Object.fromEntries(paths.map((p) => [p.key, p]));
    expect(byKey.n16).toMatchObject({ fill: 'N', opacity: 1 });
    expect(byKey.p8).toMatchObject({ fill: 'P', opacity: 0.5 });
    expect(byKey.x).toMatchObject({ fill: 'var(--dl-text)', opacity: 1 });
    const at = (i: number, j: number) => [+(3 + j * 10.3 + 0.5).toFixed(1), +(7 + i * 6.7 + 0.5).toFixed(1)];
    expect(corners(byKey.p8.d)).toEqual([at(0, 0)]);
    expect(corners(byKey.n16.d)).toEqual([at(0, 1)]);
    expect(corners(byKey.x.d)).toEqual([at(1, 0)]);
    expect(corners(byKey.p16.d)).toEqual([at(1, 1)]);
    expect(corners(byKey.n4.d)).toEqual([at(1, 2)]);
    // The zero cell is left to the background.
    expect(paths.flatMap((p) => corners(p.d))).toHaveLength(5);
  });

  it('draws nothing but non-finite cells when the range is 0', () => {
    expect(stripPaths([1, -2, Infinity], 1, 3, 0, GEO).map((p) => p.key)).toEqual(['x']);
  });

  it('property: paths come in one fixed order whatever the values, and every shaded cell is drawn once where it belongs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constant(NaN)), {
          minLength: 72,
          maxLength: 72,
        }),
        (rows, cols, pool) => {
          const values = pool.slice(0, rows * cols);
          const paths = stripPaths(values, rows, cols, 2, GEO);
          const keys = paths.map((p) => p.key);
          expect(keys).toEqual(ORDER.filter((k) => keys.includes(k)));
          const drawn = paths.flatMap((p) => corners(p.d).map((c) => `${p.key}@${c[0].toFixed(1)},${c[1].toFixed(1)}`));
          const expected = values.flatMap((v, k) => {
            const level = Math.round(Math.min(1, Math.abs(v) / 2) * STRIP_LEVELS);
            if (Number.isFinite(v) && level === 0) return [];
            const key = Number.isFinite(v) ? `${v < 0 ? 'n' : 'p'}${level}` : 'x';
            const [i, j] = [Math.floor(k / cols), k % cols];
            return [`${key}@${(3 + j * 10.3 + 0.5).toFixed(1)},${(7 + i * 6.7 + 0.5).toFixed(1)}`];
          });
          expect(drawn.sort()).toEqual(expected.sort());
        },
      ),
    );
  });
});
