/** Translations T_t of 1-D signals and 2-D grids: (T_t x)[n] = x[n − t]. */

export type ShiftMode = 'zero' | 'circular';

/**
 * y[r][c] = A[r − dy][c − dx]: dx > 0 moves the content right, dy > 0 down. 'zero' fills what
 * enters with 0 and drops what leaves; 'circular' wraps around (a shift on a torus).
 */
export function shift2d(
  A: ArrayLike<number>,
  H: number,
  W: number,
  dx: number,
  dy: number,
  mode: ShiftMode,
  out: Float64Array = new Float64Array(H * W),
): Float64Array {
  if (A.length !== H * W) throw new RangeError('A is not H × W');
  if (!Number.isInteger(dx) || !Number.isInteger(dy)) throw new RangeError('shifts must be whole cells');
  if (out === A) throw new RangeError('shift2d cannot work in place');
  for (let r = 0; r < H; r++) {
    for (let c = 0; c < W; c++) {
      let sr = r - dy;
      let sc = c - dx;
      if (mode === 'circular') {
        sr = wrapIndex(sr, H);
        sc = wrapIndex(sc, W);
      } else if (sr < 0 || sr >= H || sc < 0 || sc >= W) {
        out[r * W + c] = 0;
        continue;
      }
      out[r * W + c] = A[sr * W + sc];
    }
  }
  return out;
}

/** (T_t x)[n] = x[n − t] on a 1-D signal (t > 0 moves it right). */
export function shift1d(
  x: ArrayLike<number>,
  t: number,
  mode: ShiftMode,
  out: Float64Array = new Float64Array(x.length),
): Float64Array {
  return shift2d(x, 1, x.length, t, 0, mode, out);
}

/** Non-negative remainder. */
export function wrapIndex(a: number, n: number): number {
  return ((a % n) + n) % n;
}
