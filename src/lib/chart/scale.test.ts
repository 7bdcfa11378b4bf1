import { scaleLinear as d3Linear } from 'd3-scale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scaleLinear } from './scale.ts';

// Chart coordinates: no sub-normal numbers (at 5e−324 d3-scale's own nice() and d3-array's
// disagree with each other; no chart has such an axis end).
const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((v) => v === 0 || Math.abs(v) > 1e-12);
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y));

describe('scaleLinear agrees with d3-scale', () => {
  it('maps, inverts, ticks and nices the same way, constructed either way', () => {
    fc.assert(
      fc.property(finite, finite, finite, finite, finite, fc.integer({ min: 1, max: 20 }), (a, b, c, d, v, n) => {
        fc.pre(Math.abs(a - b) > 1e-6 && Math.abs(c - d) > 1e-6);
        const ours = scaleLinear([a, b], [c, d]);
        const chained = scaleLinear().domain([a, b]).range([c, d]);
        const ref = d3Linear().domain([a, b]).range([c, d]);
        const niceOurs = scaleLinear().domain([a, b]).nice(n).domain();
        const niceRef = d3Linear().domain([a, b]).nice(n).domain();
        return (
          close(ours(v), ref(v)) &&
          close(chained(v), ref(v)) &&
          close(ours.invert(v), ref.invert(v)) &&
          JSON.stringify(ours.ticks(n)) === JSON.stringify(ref.ticks(n)) &&
          JSON.stringify(niceOurs) === JSON.stringify(niceRef)
        );
      }),
    );
  });
  it('copies are independent and a degenerate domain gives no NaN', () => {
    const s = scaleLinear([0, 10], [0, 100]);
    const c = s.copy().domain([0, 20]);
    expect(s(5)).toBe(50);
    expect(c(5)).toBe(25);
    const flat = scaleLinear([2, 2], [0, 100]);
    expect(flat(2)).toBe(50);
    expect(flat.invert(10)).toBe(2);
  });
});
