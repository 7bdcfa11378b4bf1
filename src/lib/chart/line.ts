/**
 * A straight-segment line generator with the part of d3-shape's `line()` API our charts
 * use: x, y and defined accessors (getters and chainable setters), called on an array to
 * give an SVG path string, or null when nothing was drawn. It follows d3-shape's linear
 * curve exactly — a gap wherever `defined` is false, a lone point closed with `Z`,
 * coordinates rounded the way d3-path's `pathRound(digits)` does — and tests hold it to
 * d3-shape's output byte for byte. One default differs: coordinates have 1 decimal, not 3
 * (d3's `line().digits(1)`). A tenth of a pixel is finer than any screen draws a curve, and
 * the server-rendered charts of a topic page are a large part of its HTML.
 *
 * It exists because d3-shape ships as one pre-bundled module whose curve factories and
 * symbol tables the bundler cannot drop: importing `line` alone costs ≈ 4 KB gzip on
 * every page with a chart. d3-path's `Path` class (arcs, curves, rectangles) cost another
 * ≈ 1 KB gzip for the three commands a straight line needs. See docs/ARCHITECTURE.md,
 * departure 7.
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
  digits(): number;
  digits(n: number): LineGenerator<T>;
}

/** d3-path's rounding: to `digits` decimals, printed as JavaScript prints a number. */
const roundTo = (digits: number) => {
  const k = 10 ** digits;
  // Past 15 decimals d3-path stops rounding.
  return digits > 15 ? (v: number) => v : (v: number) => Math.round(v * k) / k;
};
const LINE_DIGITS = 1;

const pointX = (d: unknown) => (d as [number, number])[0];
const pointY = (d: unknown) => (d as [number, number])[1];

export function line<T = [number, number]>(): LineGenerator<T> {
  let fx: Accessor<T, number> = pointX;
  let fy: Accessor<T, number> = pointY;
  let fd: Accessor<T, boolean> = () => true;
  let digits = LINE_DIGITS;
  let r = roundTo(digits);

  const gen = ((input: Iterable<T>) => {
    const data = Array.isArray(input) ? (input as T[]) : Array.from(input);
    let path = '';
    let inLine = false;
    let count = 0; // points drawn in the current segment
    const end = () => {
      if (count === 1) path += 'Z'; // d3's linear curve closes a lone point
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
      path += `${count === 0 ? 'M' : 'L'}${r(x)},${r(y)}`;
      count++;
    }
    if (inLine) end();
    return path === '' ? null : path;
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
  gen.digits = ((n?: number) => {
    if (n === undefined) return digits;
    const d = Math.floor(n);
    if (!(d >= 0)) throw new RangeError(`invalid digits: ${n}`);
    digits = d;
    r = roundTo(d);
    return gen;
  }) as LineGenerator<T>['digits'];
  gen.defined = ((f?: Accessor<T, boolean>) => {
    if (!f) return fd;
    fd = f;
    return gen;
  }) as LineGenerator<T>['defined'];
  return gen;
}
