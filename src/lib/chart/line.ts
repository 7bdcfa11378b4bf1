import { pathRound } from 'd3-path';

/**
 * A straight-segment line generator with the part of d3-shape's `line()` API our charts
 * use: x, y and defined accessors (getters and chainable setters), called on an array to
 * give an SVG path string, or null when nothing was drawn. It follows d3-shape's linear
 * curve exactly — a gap wherever `defined` is false, a lone point closed with `Z`,
 * coordinates rounded to 3 decimals by d3-path — and tests hold it to d3-shape's output.
 *
 * It exists because d3-shape ships as one pre-bundled module whose curve factories and
 * symbol tables the bundler cannot drop: importing `line` alone costs ≈ 4 KB gzip on
 * every page with a chart. See docs/ARCHITECTURE.md, "D3 and bundle size".
 */
type Accessor<T, R> = (d: T, i: number, data: readonly T[]) => R;

export interface LineGenerator<T> {
  (data: Iterable<T>): string | null;
  x(): Accessor<T, number>;
  x(f: Accessor<T, number>): LineGenerator<T>;
  y(): Accessor<T, number>;
  y(f: Accessor<T, number>): LineGenerator<T>;
  defined(): Accessor<T, boolean>;
  defined(f: Accessor<T, boolean>): LineGenerator<T>;
}

const pointX = (d: unknown) => (d as [number, number])[0];
const pointY = (d: unknown) => (d as [number, number])[1];

export function line<T = [number, number]>(): LineGenerator<T> {
  let fx: Accessor<T, number> = pointX;
  let fy: Accessor<T, number> = pointY;
  let fd: Accessor<T, boolean> = () => true;

  const gen = ((input: Iterable<T>) => {
    const data = Array.isArray(input) ? (input as T[]) : Array.from(input);
    const path = pathRound(3);
    let inLine = false;
    let count = 0; // points drawn in the current segment
    const end = () => {
      if (count === 1) path.closePath(); // d3's linear curve closes a lone point
      inLine = false;
    };
    for (let i = 0; i < data.length; i++) {
      const d = data[i];
      const ok = Boolean(fd(d, i, data));
      if (!ok) {
        if (inLine) end();
        continue;
      }
      if (!inLine) {
        inLine = true;
        count = 0;
      }
      const x = +fx(d, i, data);
      const y = +fy(d, i, data);
      if (count === 0) path.moveTo(x, y);
      else path.lineTo(x, y);
      count++;
    }
    if (inLine) end();
    const s = path.toString();
    return s === '' ? null : s;
  }) as LineGenerator<T>;

  gen.x = ((f?: Accessor<T, number>) => {
    if (!f) return fx;
    fx = f;
    return gen;
  }) as LineGenerator<T>['x'];
  gen.y = ((f?: Accessor<T, number>) => {
    if (!f) return fy;
    fy = f;
    return gen;
  }) as LineGenerator<T>['y'];
  gen.defined = ((f?: Accessor<T, boolean>) => {
    if (!f) return fd;
    fd = f;
    return gen;
  }) as LineGenerator<T>['defined'];
  return gen;
}
