import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choice, defaults, flag, num, numbers, parseState, serializeState, text } from './schema.ts';
import { readHidden, readPrefixed, writePrefixed } from './url.ts';

const schema = {
  x: num(0, -10, 10, 0.01),
  L: num(10, 1, 50, 1),
  act: choice(['sigmoid', 'tanh', 'relu'], 'sigmoid'),
  compare: flag(false),
  sentence: text('hello', 8),
  grid: numbers([1, 2, 3, 4], { min: -9, max: 9, step: 1, minLength: 4, maxLength: 6 }),
};

describe('parseState', () => {
  it('accepts valid strings and typed values', () => {
    const { state, issues } = parseState(schema, { x: '2.5', L: 20, act: 'tanh', compare: '1', grid: '4,3,2,1' });
    expect(issues).toEqual([]);
    expect(state).toMatchObject({ x: 2.5, L: 20, act: 'tanh', compare: true, grid: [4, 3, 2, 1] });
  });

  it.each([
    ['x', 'abc', 'malformed', '0'],
    ['x', 'NaN', 'malformed', '0'],
    ['x', 'Infinity', 'malformed', '0'],
    ['x', '', 'malformed', '0'],
    ['x', '1e400', 'malformed', '0'],
    ['x', '99', 'clamped', '10'],
    ['x', '-1e9', 'clamped', '-10'],
    ['x', '0.123', 'clamped', '0.12'],
    ['L', '2.6', 'clamped', '3'],
    ['act', 'softmax', 'malformed', 'sigmoid'],
    ['act', 'ReLU', 'clamped', 'relu'],
    ['compare', 'maybe', 'malformed', '0'],
    ['sentence', 'far too long', 'truncated', 'far too '],
    ['grid', '1,2', 'malformed', '1,2,3,4'],
    ['grid', '1,2,x,4', 'malformed', '1,2,3,4'],
    ['grid', '1,2,3,40', 'clamped', '1,2,3,9'],
    ['grid', '1,2,3,4,5,6,7', 'truncated', '1,2,3,4,5,6'],
  ])('%s=%s → %s, uses %s', (key, raw, kind, used) => {
    const { issues } = parseState(schema, { [key]: raw });
    expect(issues).toEqual([{ key, raw, kind, used }]);
  });

  it("an unreadable value falls back to the instance's own default (an author's preset), a readable one is used", () => {
    const preset = { ...defaults(schema), x: 3, act: 'relu' as const, compare: true, grid: [9, 9, 9, 9] };
    const current = { ...preset, x: 7, L: 40 };
    const { state, issues } = parseState(
      schema,
      { x: 'abc', act: 'softmax', compare: 'maybe', grid: '1,2', L: '12' },
      current,
      preset,
    );
    expect(state).toMatchObject({ x: 3, act: 'relu', compare: true, grid: [9, 9, 9, 9], L: 12 });
    expect(issues.map((i) => [i.key, i.used])).toEqual([
      ['x', '3'],
      ['act', 'relu'],
      ['compare', '1'],
      ['grid', '9,9,9,9'],
    ]);
    // Keys not in the input keep the current value, not the preset.
    expect(parseState(schema, { act: 'tanh' }, current, preset).state.x).toBe(7);
  });

  it('reports unknown keys and keeps defaults', () => {
    const { state, issues } = parseState(schema, { y: '1' });
    expect(state).toEqual(defaults(schema));
    expect(issues[0]).toMatchObject({ key: 'y', kind: 'unknown-key' });
  });

  it('never yields NaN or an out-of-range value, whatever the input', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('x', 'L', 'act', 'compare', 'grid'), fc.string()), (input) => {
        const { state } = parseState(schema, input);
        return (
          Number.isFinite(state.x) &&
          state.x >= -10 &&
          state.x <= 10 &&
          Number.isInteger(state.L) &&
          state.L >= 1 &&
          state.L <= 50 &&
          ['sigmoid', 'tanh', 'relu'].includes(state.act) &&
          state.grid.every((v) => Number.isInteger(v) && v >= -9 && v <= 9)
        );
      }),
    );
  });

  it('round-trips through serializeState', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom('sigmoid', 'tanh', 'relu' as const),
        fc.boolean(),
        (x, L, act, compare) => {
          const a = parseState(schema, { x, L, act, compare }).state;
          const b = parseState(schema, serializeState(schema, a)).state;
          return JSON.stringify(a) === JSON.stringify(b);
        },
      ),
    );
  });

  it('serializes only what differs from the defaults', () => {
    expect(serializeState(schema, { ...defaults(schema), x: 4 })).toEqual({ x: '4' });
  });
});

describe('url helpers', () => {
  it('reads and writes only the prefixed keys on a topic page', () => {
    const search = '?a.x=1&sigmoid-saturation.x=2&sigmoid-saturation.hide=L&utm_source=z';
    expect(readPrefixed(search, 'sigmoid-saturation')).toEqual({ x: '2' });
    expect(writePrefixed(search, 'sigmoid-saturation', { x: '3', L: '5' })).toBe(
      '?a.x=1&sigmoid-saturation.hide=L&utm_source=z&sigmoid-saturation.x=3&sigmoid-saturation.L=5',
    );
    expect(readHidden(search, 'sigmoid-saturation')).toEqual(['L']);
  });
  it('uses bare keys on an embed page, leaving reserved ones alone', () => {
    const search = '?x=1&lang=en&theme=dark&hide=act,L';
    expect(readPrefixed(search, null)).toEqual({ x: '1' });
    expect(writePrefixed(search, null, {})).toBe('?lang=en&theme=dark&hide=act%2CL');
    expect(readHidden(search, null)).toEqual(['act', 'L']);
  });
});
