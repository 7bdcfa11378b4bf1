import { describe, expect, it } from 'vitest';
import {
  binAll,
  binnedCellPaths,
  cellGridPath,
  divergingBinner,
  divergingColors,
  sampleGrid,
  sequentialColors,
  sqrtBinner,
} from './cells.ts';

/** Total area covered by a path of axis-aligned "MxyhWv1h-Wz" runs. */
function area(d: string): number {
  let a = 0;
  for (const m of d.matchAll(/h(\d+)v1/g)) a += Number(m[1]);
  return a;
}

describe('binned cell paths', () => {
  it('puts every cell in exactly one bin, merging equal neighbours in a row', () => {
    const values = [0, 0, 1, 1, 1, 0, 2, 2, 0];
    const paths = binnedCellPaths(values, 3, 3, 3, (v) => v);
    expect(paths[0]).toBe('M0 0h2v1h-2zm2 1h1v1h-1zm0 1h1v1h-1z');
    expect(paths[1]).toBe('M2 0h1v1h-1zm-2 1h2v1h-2z');
    expect(paths.map(area)).toEqual([4, 3, 2]);
  });

  it('relative moves land every run on its cells (random matrices, read back as SVG would)', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 50; trial++) {
      const rows = 1 + Math.floor(rand() * 9);
      const cols = 1 + Math.floor(rand() * 9);
      const values = Array.from({ length: rows * cols }, () => Math.floor(rand() * 5) - 1);
      const paths = binnedCellPaths(values, rows, cols, 3, (v) => v);
      const got = new Array<number>(rows * cols).fill(-1);
      paths.forEach((d, b) => {
        let x = 0;
        let y = 0;
        for (const m of d.matchAll(/([Mm])(-?\d+) (-?\d+)h(\d+)v1h-\d+z/g)) {
          [x, y] = m[1] === 'M' ? [Number(m[2]), Number(m[3])] : [x + Number(m[2]), y + Number(m[3])];
          for (let j = x; j < x + Number(m[4]); j++) got[y * cols + j] = b;
        }
      });
      expect(got).toEqual(values.map((v) => (v >= 0 && v < 3 ? v : -1)));
    }
  });

  it('leaves out cells binned −1 or out of range', () => {
    const paths = binnedCellPaths([1, -1, 5], 1, 3, 2, (v) => v);
    expect(paths).toEqual(['', 'M0 0h1v1h-1z']);
  });

  it('grid lines between cells only', () => {
    expect(cellGridPath(2, 3)).toBe('M0 1H3M1 0V2M2 0V2');
    expect(cellGridPath(1, 1)).toBe('');
  });

  it('binners: square-root sequential and linear diverging, clipped', () => {
    const s = sqrtBinner(5);
    expect([0, 1 / 16, 0.25, 1, 2, NaN].map((v) => s(v, 0))).toEqual([0, 1, 2, 4, 4, 0]);
    const d = divergingBinner(3, 2);
    expect([-5, -2, -1, 0, 1, 2, 9].map((v) => d(v, 0))).toEqual([0, 0, 2, 3, 5, 6, 6]);
    expect(d(Infinity, 0)).toBe(-1);
  });

  it('binAll inlines the binners and agrees with them cell by cell', () => {
    const values = Array.from({ length: 200 }, (_, k) => Math.sin(k * 1.7) * 3 + (k === 7 ? NaN : 0));
    const causal = sqrtBinner(17, { n: 20, bin: 17 });
    for (const bin of [divergingBinner(7, 2), sqrtBinner(17), causal, (v: number) => (v > 0 ? 1 : 0)]) {
      const out = binAll(values, bin, new Int16Array(values.length));
      values.forEach((v, k) => expect(out[k]).toBe(bin(v, k)));
    }
    // Row i keeps columns 0..i (√0.5 · 16 rounds to bin 11); the rest of the row is masked.
    expect(causal(0.5, 3 * 20 + 3)).toBe(11);
    expect(causal(0.5, 3 * 20 + 4)).toBe(17);
    expect(causal(0.5, 9 * 20 + 9)).toBe(11);
  });

  it('colours are theme tokens mixed with the surface', () => {
    expect(sequentialColors(3)).toEqual([
      'var(--dl-surface)',
      'color-mix(in oklab, var(--dl-series-1) 50%, var(--dl-surface))',
      'var(--dl-series-1)',
    ]);
    const c = divergingColors(2);
    expect(c).toHaveLength(5);
    expect(c[0]).toBe('var(--dl-series-2)');
    expect(c[2]).toBe('var(--dl-surface)');
    expect(c[4]).toBe('var(--dl-series-1)');
  });

  it('samples every k-th row and column for a light server-rendered preview', () => {
    const v = Array.from({ length: 4 * 6 }, (_, k) => k);
    expect(sampleGrid(v, 4, 6, 4, 3)).toEqual({
      values: new Float64Array([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]),
      rows: 4,
      cols: 3,
    });
    expect(sampleGrid(v, 4, 6, 2, 6).rows).toBe(2);
    expect(sampleGrid(v, 4, 6, 10, 10).values).toBe(v);
  });
});
