import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { format as d3format } from 'd3-format';
import { formatFixed, formatLog10, formatNumber, formatSignificant, powerOfTen, scriptRuns } from './format.ts';

describe('formatFixed and formatSignificant (d3-format compatible)', () => {
  const value = fc.oneof(
    fc.double(),
    fc.double({ min: -1e6, max: 1e6 }),
    fc.double({ min: -1e-3, max: 1e-3 }),
    fc.integer().map((i) => i / 1000),
    fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1e21, -1e21, 1.5e21, 9.9995, 0.0005, -0.004, 1e-7, 123456789.987),
  );
  const digits = fc.integer({ min: -2, max: 24 });

  it('.N~f matches d3-format byte for byte', () => {
    fc.assert(
      fc.property(value, digits, (v, d) => formatFixed(v, d) === d3format(`.${Math.max(0, d)}~f`)(v)),
      { numRuns: 5000 },
    );
  });

  it('.N~r matches d3-format byte for byte', () => {
    fc.assert(
      fc.property(value, digits, (v, d) => formatSignificant(v, d) === d3format(`.${Math.max(0, d)}~r`)(v)),
      { numRuns: 5000 },
    );
  });

  it('trims, rounds and signs like d3', () => {
    expect(formatFixed(-0.001, 2)).toBe('0');
    expect(formatFixed(-0, 2)).toBe('0');
    expect(formatFixed(1.5, 3)).toBe('1.5');
    expect(formatFixed(-2.5, 0)).toBe('−3');
    expect(formatSignificant(0.000123456, 3)).toBe('0.000123');
    expect(formatSignificant(123456, 2)).toBe('120000');
    expect(formatSignificant(-Infinity, 3)).toBe('−Infinity');
    expect(formatFixed(1.5e21, 2)).toBe('1.5e+21');
  });
});

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

describe('scriptRuns', () => {
  it('separates plain text from Unicode exponents', () => {
    expect(scriptRuns('1.6 × 10⁻¹⁰ and 2')).toEqual([
      { text: '1.6 × 10' },
      { text: '−10', script: 'sup' },
      { text: ' and 2' },
    ]);
  });
  it('turns X^Y and X^(…) into superscripts', () => {
    expect(scriptRuns('W^Q、W^K 是随机的')).toEqual([
      { text: 'W' },
      { text: 'Q', script: 'sup' },
      { text: '、W' },
      { text: 'K', script: 'sup' },
      { text: ' 是随机的' },
    ]);
    expect(scriptRuns('10^-3 and e^x')).toEqual([
      { text: '10' },
      { text: '-3', script: 'sup' },
      { text: ' and e' },
      { text: 'x', script: 'sup' },
    ]);
    expect(scriptRuns('bound (γ·g)^(T−k), e^(z − max)')).toEqual([
      { text: 'bound (γ·g)' },
      { text: 'T−k', script: 'sup' },
      { text: ', e' },
      { text: 'z − max', script: 'sup' },
    ]);
  });
  it('turns a single letter’s _index into a subscript, but leaves identifiers alone', () => {
    expect(scriptRuns('Drop probability p_drop (PyTorch’s p)')).toEqual([
      { text: 'Drop probability p' },
      { text: 'drop', script: 'sub' },
      { text: ' (PyTorch’s p)' },
    ]);
    expect(scriptRuns('‖∂L/∂h_L‖, d_model = 16, 遗忘门偏置 b_f')).toEqual([
      { text: '‖∂L/∂h' },
      { text: 'L', script: 'sub' },
      { text: '‖, d' },
      { text: 'model', script: 'sub' },
      { text: ' = 16, 遗忘门偏置 b' },
      { text: 'f', script: 'sub' },
    ]);
    for (const code of ['Round up (ceil_mode)', 'count_include_pad', 'one_hot(i)ᵀE', 'a_ b', 'x__y']) {
      expect(scriptRuns(code)).toEqual([{ text: code }]);
    }
  });
  it('leaves plain text alone', () => {
    expect(scriptRuns('plain')).toEqual([{ text: 'plain' }]);
    expect(scriptRuns('')).toEqual([{ text: '' }]);
    expect(scriptRuns('a ^ b')).toEqual([{ text: 'a ^ b' }]);
  });
  it('never loses or invents a character other than the markers', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'b', 'x', '_', '^', '(', ')', ' ', '1', '−', '⁻', '¹') }),
        (s) => {
          const joined = scriptRuns(s)
            .map((r) => r.text)
            .join('');
          const strip = (t: string) => t.replace(/[_^()⁻¹−1-]/g, '');
          expect(strip(joined)).toBe(strip(s));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
