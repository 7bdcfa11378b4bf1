import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { line as d3line } from 'd3-shape';
import { line } from './line.ts';

const num = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e-9, 1234.56789),
);

describe('line (d3-shape compatible)', () => {
  it('matches d3-shape on simple input', () => {
    const pts: [number, number][] = [
      [0, 0],
      [1.23456, 2],
      [3, -4.5],
    ];
    expect(line().digits(3)(pts)).toBe(d3line()(pts));
    expect(line().digits(3)(pts)).toBe('M0,0L1.235,2L3,-4.5');
    // Our default is d3's line().digits(1).
    expect(line()(pts)).toBe(d3line().digits(1)(pts));
    expect(line()(pts)).toBe('M0,0L1.2,2L3,-4.5');
  });

  it('returns null for empty input and closes a lone point, as d3 does', () => {
    expect(line()([])).toBeNull();
    expect(d3line()([])).toBeNull();
    expect(line()([[1, 2]])).toBe(d3line()([[1, 2]]));
    expect(line()([[1, 2]])).toBe('M1,2Z');
  });

  it('breaks the line where defined is false, byte for byte like d3', () => {
    fc.assert(
      fc.property(fc.array(num, { maxLength: 40 }), (vals) => {
        const ours = line<number>()
          .digits(3)
          .defined((v) => Number.isFinite(v))
          .x((_, i) => i * 7.5)
          .y((v) => v / 3);
        const theirs = d3line<number>()
          .defined((v) => Number.isFinite(v))
          .x((_, i) => i * 7.5)
          .y((v) => v / 3);
        expect(ours(vals)).toBe(theirs(vals));
      }),
    );
  });

  it('prints every number as d3-path does, non-finite and huge ones included', () => {
    const any = fc.oneof(num, fc.double(), fc.constantFrom(1e21, -1e21, 5e-4, -5e-4, 0.0005, 1.0005, 2 ** 53));
    fc.assert(
      fc.property(fc.array(fc.tuple(any, any), { maxLength: 20 }), fc.integer({ min: 0, max: 20 }), (pts, d) => {
        expect(line().digits(d)(pts)).toBe(d3line().digits(d)(pts));
      }),
    );
  });

  it('digits: read back, rounded down, negatives rejected as d3 rejects them', () => {
    expect(line().digits()).toBe(1);
    expect(line().digits(2).digits()).toBe(2);
    expect(line().digits(2.7).digits()).toBe(2);
    expect(() => line().digits(-1)).toThrow(RangeError);
    expect(() => d3line().digits(-1)).toThrow(RangeError);
  });

  it('passes value, index and the data array to every accessor', () => {
    const seen: [number, number, number][] = [];
    const data = [5, 6];
    line<number>()
      .x((d, i, all) => {
        seen.push([d, i, all.length]);
        return d;
      })
      .y(() => 0)(data);
    expect(seen).toEqual([
      [5, 0, 2],
      [6, 1, 2],
    ]);
  });

  it('accepts any iterable and exposes its accessors', () => {
    const gen = line<number>()
      .x((d) => d)
      .y((d) => d * 2);
    expect(gen(new Set([1, 2]))).toBe('M1,2L2,4');
    expect(gen.x()(3, 0, [])).toBe(3);
    expect(gen.defined()(0, 0, [])).toBe(true);
  });
});
