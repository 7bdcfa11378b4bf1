/**
 * The central difference (f with a[i] + h − f with a[i] − h)/(2h) of a scalar function that
 * reads the array a; a[i] is restored afterwards. The one finite-difference step behind the
 * core's gradient checks.
 */
export function centralDiff(a: { [i: number]: number }, i: number, f: () => number, h = 1e-6): number {
  const v = a[i];
  a[i] = v + h;
  const up = f();
  a[i] = v - h;
  const down = f();
  a[i] = v;
  return (up - down) / (2 * h);
}
