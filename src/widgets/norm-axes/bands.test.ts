import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRects } from './bands.ts';
import { compute, IMAGE_SHAPE, TEXT_SHAPE } from './model.ts';
import { GROUPS, KINDS, VIEWS } from './state.ts';

/** How many blocks cover each cell of the grid. */
function coverage(blocks: ReturnType<typeof groupRects>, rows: number, cols: number): number[] {
  const n = new Array<number>(rows * cols).fill(0);
  for (const b of blocks) {
    for (let i = b.row; i < b.row + b.rows; i++) for (let j = b.col; j < b.col + b.cols; j++) n[i * cols + j]++;
  }
  return n;
}

describe('groupRects', () => {
  it('covers exactly the group’s cells inside the grid, each once', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.uniqueArray(fc.integer({ min: -3, max: 90 }), { maxLength: 90 }),
        (rows, cols, cells) => {
          const group = new Set(cells);
          const blocks = groupRects(group, rows, cols);
          const n = coverage(blocks, rows, cols);
          for (let k = 0; k < rows * cols; k++) expect(n[k]).toBe(group.has(k) ? 1 : 0);
          for (const b of blocks) {
            expect(b.rows).toBeGreaterThan(0);
            expect(b.cols).toBeGreaterThan(0);
          }
        },
      ),
    );
  });

  it('a rectangle comes out as one block', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (rows, cols, a, b, c, d) => {
          const r0 = a % rows;
          const r1 = r0 + (b % (rows - r0));
          const c0 = c % cols;
          const c1 = c0 + (d % (cols - c0));
          const group = new Set<number>();
          for (let i = r0; i <= r1; i++) for (let j = c0; j <= c1; j++) group.add(i * cols + j);
          expect(groupRects(group, rows, cols)).toEqual([{ row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 }]);
        },
      ),
    );
  });

  it('every statistics group the widget shades is one block in each grid it touches', () => {
    for (const view of VIEWS) {
      for (const kind of KINDS) {
        for (const G of GROUPS) {
          const m = 5;
          const r = compute({ kind, view, G, m, draw: 0, mode: 'train' });
          const shape = view === 'image' ? IMAGE_SHAPE : view === 'text' ? TEXT_SHAPE : [m, 4];
          const N = view === 'matrix' ? 1 : shape[0];
          const rows = view === 'matrix' ? m : shape[1];
          const per = r.group.length / N;
          const cols = per / rows;
          for (let g = 0; g < r.groupCount; g++) {
            for (let n = 0; n < N; n++) {
              const inTile = new Set<number>();
              for (let k = 0; k < per; k++) if (r.group[n * per + k] === g) inTile.add(k);
              if (inTile.size > 0)
                expect(groupRects(inTile, rows, cols), `${view} ${kind} G=${G} group ${g}`).toHaveLength(1);
            }
          }
        }
      }
    }
  });
});
