import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decadeStep, logAxis } from './logAxis.ts';

describe('logAxis', () => {
  it('rounds out to whole decades and includes 1 (log10 = 0) by default', () => {
    const a = logAxis([-2.3, -0.4]);
    expect(a.domain).toEqual([-3, 0]);
    expect(a.ticks).toEqual([-3, -2, -1, 0]);
  });
  it('widens to a minimum span and ignores non-finite values', () => {
    expect(logAxis([-Infinity, NaN], { include: [] }).domain).toEqual([-2, 0]);
    expect(logAxis([0.2], { include: [], minSpan: 2 }).domain).toEqual([-1, 2]);
  });
  it('keeps the tick count within budget over any range', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -400, max: 400, noNaN: true }),
        fc.double({ min: -400, max: 400, noNaN: true }),
        (x, y) => {
          const a = logAxis([x, y], { maxTicks: 6 });
          return (
            a.ticks.length <= 7 &&
            a.domain[0] <= Math.min(x, y, 0) &&
            a.domain[1] >= Math.max(x, y, 0) &&
            a.ticks.every((t) => t % a.step === 0)
          );
        },
      ),
    );
  });
  it('steps through 1, 2, 5, 10 … decades', () => {
    expect(decadeStep(6)).toBe(1);
    expect(decadeStep(7)).toBe(2);
    expect(decadeStep(30)).toBe(5);
    expect(decadeStep(400)).toBe(100);
  });
});
