/** A block of cells in a rows × cols grid: top-left cell (row, col) and its size in cells. */
export interface CellBlock {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * The cells of a group (flat indices i·cols + j; any outside the grid are ignored) as few
 * rectangular blocks: vertical runs in each column, merged with the same run in the columns
 * next to it. Every statistics group of the widget is one rectangle in its grid (a column, a row,
 * a band of rows, a whole tile), so it is shaded by one rectangle that only moves when the grid
 * does; an arbitrary set still comes out exactly covered, by disjoint blocks.
 */
export function groupRects(group: ReadonlySet<number>, rows: number, cols: number): CellBlock[] {
  const out: CellBlock[] = [];
  let open = new Map<number, CellBlock>();
  for (let j = 0; j < cols; j++) {
    const next = new Map<number, CellBlock>();
    for (let i = 0; i < rows; i++) {
      if (!group.has(i * cols + j)) continue;
      const start = i;
      while (i + 1 < rows && group.has((i + 1) * cols + j)) i++;
      const key = start * rows + i;
      const prev = open.get(key);
      if (prev) {
        prev.cols++;
        next.set(key, prev);
      } else {
        const block = { row: start, col: j, rows: i - start + 1, cols: 1 };
        out.push(block);
        next.set(key, block);
      }
    }
    open = next;
  }
  return out;
}
