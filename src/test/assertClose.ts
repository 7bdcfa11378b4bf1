import { expect } from 'vitest';

export interface Tolerance {
  /** Relative tolerance (default 1e-9, the brief's bound for closed forms against full-precision JSON). */
  rel?: number;
  /** Absolute tolerance, used where the expected value is (near) zero. Default 1e-12. */
  abs?: number;
}

/** The one tolerance helper: |actual − expected| ≤ max(abs, rel·|expected|), element-wise for arrays. */
export function assertClose(
  actual: number | ArrayLike<number>,
  expected: number | ArrayLike<number>,
  { rel = 1e-9, abs = 1e-12 }: Tolerance = {},
  label = '',
): void {
  if (typeof actual === 'number' || typeof expected === 'number') {
    expect(typeof actual, `${label}: shape`).toBe(typeof expected);
    check(actual as number, expected as number, rel, abs, label);
    return;
  }
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) check(actual[i], expected[i], rel, abs, `${label}[${i}]`);
}

function check(a: number, e: number, rel: number, abs: number, label: string): void {
  if (Number.isNaN(e)) {
    expect(a, label).toBeNaN();
    return;
  }
  const err = Math.abs(a - e);
  const bound = Math.max(abs, rel * Math.abs(e));
  if (!(err <= bound)) {
    expect.fail(`${label}: expected ${e}, got ${a} (|error| ${err.toExponential(3)} > ${bound.toExponential(3)})`);
  }
}

/** Central finite difference, for checking every derivative the core claims. */
export function finiteDiff(f: (x: number) => number, x: number, h = 1e-5): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
