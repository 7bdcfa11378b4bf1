import { scaleLinear as d3Linear } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleLinear } from './scale.ts';

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

describe('scaleLinear agrees with d3-scale', () => {
  it('maps, inverts and ticks the same way', () => {
    fc.assert(
      fc.property(finite, finite, finite, finite, finite, fc.integer({ min: 1, max: 20 }), (a, b, c, d, v, n) => {
        fc.pre(Math.abs(a - b) > 1e-6 && Math.abs(c - d) > 1e-6);
        const ours = scaleLinear([a, b], [c, d]);
        const ref = d3Linear().domain([a, b]).range([c, d]);
        const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));
        return (
          close(ours(v), ref(v)) &&
          close(ours.invert(v), ref.invert(v)) &&
          JSON.stringify(ours.ticks(n)) === JSON.stringify(ref.ticks(n))
        );
      }),
    );
  });
  it('handles a degenerate domain without NaN', () => {
    const s = scaleLinear([2, 2], [0, 100]);
    expect(s(2)).toBe(50);
    expect(s.invert(10)).toBe(2);
  });
});
