import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateTextWidth, fitLabel } from './textWidth.ts';

describe('estimateTextWidth', () => {
  it('counts CJK characters as one em and Latin ones as 0.62 em', () => {
    expect(estimateTextWidth('样本', 10)).toBeCloseTo(20, 9);
    expect(estimateTextWidth('ab', 10)).toBeCloseTo(12.4, 9);
    expect(estimateTextWidth('输入 #3', 10)).toBeCloseTo(20 + 3 * 6.2, 9);
  });
  it('is additive over concatenation and proportional to the font size', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.double({ min: 1, max: 40, noNaN: true }), (a, b, px) => {
        expect(estimateTextWidth(a + b, px)).toBeCloseTo(estimateTextWidth(a, px) + estimateTextWidth(b, px), 6);
        expect(estimateTextWidth(a, 2 * px)).toBeCloseTo(2 * estimateTextWidth(a, px), 6);
      }),
    );
  });
});

describe('fitLabel', () => {
  it('takes the first label that fits, else the last', () => {
    expect(fitLabel(['output, sample 3', 'out #3'], 200, 11.5)).toBe('output, sample 3');
    expect(fitLabel(['output, sample 3', 'out #3'], 60, 11.5)).toBe('out #3');
    expect(fitLabel(['output, sample 3', 'out #3'], 5, 11.5)).toBe('out #3');
  });
});
