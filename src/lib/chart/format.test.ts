import { describe, expect, it } from 'vitest';
import { formatFixed, formatLog10, formatNumber, powerOfTen, splitSuperscripts } from './format.ts';

describe('formatNumber', () => {
  it.each([
    [0.25, '0.25'],
    [0.10499358540350662, '0.105'],
    [-0.5, '−0.5'],
    [1234.5, '1230'],
    [9.5367431640625e-7, '9.54 × 10⁻⁷'],
    [4.5395807735951673e-5, '4.54 × 10⁻⁵'],
    [637621500.2140496, '6.38 × 10⁸'],
    [9.9999e-5, '1 × 10⁻⁴'],
    [0, '0'],
    [Infinity, 'overflow'],
    [-Infinity, '−overflow'],
    [NaN, '—'],
  ])('%d → %s', (v, s) => expect(formatNumber(v)).toBe(s));
});

describe('formatLog10 and friends', () => {
  it('writes values below double precision from their logarithm', () => {
    expect(formatLog10(-434.3)).toBe('5.01 × 10⁻⁴³⁵');
    expect(formatLog10(-6.0205999132796)).toBe('9.54 × 10⁻⁷');
    expect(formatLog10(-Infinity)).toBe('0');
  });
  it('powers of ten and fixed decimals', () => {
    expect(powerOfTen(-12)).toBe('10⁻¹²');
    expect(powerOfTen(0)).toBe('1');
    expect(formatFixed(-2, 2)).toBe('−2');
    expect(formatFixed(4.58486, 2)).toBe('4.58');
  });
});

describe('splitSuperscripts', () => {
  it('separates plain text from exponents', () => {
    expect(splitSuperscripts('1.6 × 10⁻¹⁰ and 2')).toEqual([
      { text: '1.6 × 10', sup: false },
      { text: '−10', sup: true },
      { text: ' and 2', sup: false },
    ]);
  });
});
