import { describe, expect, it } from 'vitest';
import { circleAt, rectAt } from './marks.ts';

describe('marks', () => {
  it('a circle is two arcs from its left edge to its right edge and back', () => {
    expect(circleAt(10, 5, 2)).toBe('M8 5a2 2 0 1 0 4 0a2 2 0 1 0 -4 0z');
    expect(circleAt(1 / 3, 2 / 3, 3.5)).toBe('M-3.17 0.67a3.5 3.5 0 1 0 7 0a3.5 3.5 0 1 0 -7 0z');
  });

  it('a rectangle goes right, down, back left and closes', () => {
    expect(rectAt(1.005, 2, 6, 0.333)).toBe('M1 2h6v0.33h-6z');
    expect(rectAt(0, 0, 0, 0)).toBe('M0 0h0v0h0z');
  });
});
