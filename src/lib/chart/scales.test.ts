import { scaleBand, scaleLog } from 'd3-scale';
import { describe, expect, it } from 'vitest';
import { bandScale, logScale } from './scales.ts';

describe('hand-written scales match d3', () => {
  it('log scale', () => {
    const a = logScale([16, 8192], [0, 500]);
    const b = scaleLog().domain([16, 8192]).range([0, 500]);
    for (const v of [16, 100, 512, 4096, 8192]) expect(a(v)).toBeCloseTo(b(v), 9);
  });
  it('band scale', () => {
    for (const [n, p] of [
      [8, 0.35],
      [64, 0.1],
      [1, 0.2],
    ]) {
      const a = bandScale(n, [0, 300], p);
      const b = scaleBand<number>()
        .domain(Array.from({ length: n }, (_, i) => i))
        .range([0, 300])
        .paddingInner(p);
      for (let i = 0; i < n; i++) expect(a(i)).toBeCloseTo(b(i)!, 9);
      expect(a.bandwidth()).toBeCloseTo(b.bandwidth(), 9);
    }
  });
});
