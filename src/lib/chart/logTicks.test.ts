import { describe, expect, it } from 'vitest';
import { decadeDomain, decadeTicks } from './logTicks.ts';

describe('log10 axes', () => {
  it('ticks on whole multiples of 1, 2, 5, 10 … decades', () => {
    expect(decadeTicks([-4, 4])).toEqual([-4, -2, 0, 2, 4]);
    expect(decadeTicks([-20, 4])).toEqual([-20, -15, -10, -5, 0]);
    expect(decadeTicks([-3, 2], 7)).toEqual([-3, -2, -1, 0, 1, 2]);
    expect(decadeTicks([-434, 0]).length).toBeLessThanOrEqual(7);
  });
  it('domains cover the finite values and the minimum range', () => {
    expect(decadeDomain([-18.87, 0.2])).toEqual([-19, 4]);
    expect(decadeDomain([-Infinity, Infinity, NaN])).toEqual([-4, 4]);
    expect(decadeDomain([5.2], -1, 1)).toEqual([-1, 6]);
  });
});
