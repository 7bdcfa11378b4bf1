import { describe, expect, it } from 'vitest';
import { supParts } from './sup.ts';

describe('supParts', () => {
  it('turns X^Y into a superscript part', () => {
    expect(supParts('W^Q、W^K 是随机的')).toEqual([
      { text: 'W' },
      { text: 'Q', sup: true },
      { text: '、W' },
      { text: 'K', sup: true },
      { text: ' 是随机的' },
    ]);
    expect(supParts('10^-3 and e^x')).toEqual([
      { text: '10' },
      { text: '-3', sup: true },
      { text: ' and e' },
      { text: 'x', sup: true },
    ]);
  });
  it('leaves text without a superscript alone', () => {
    expect(supParts('plain')).toEqual([{ text: 'plain' }]);
    expect(supParts('')).toEqual([{ text: '' }]);
    expect(supParts('a ^ b')).toEqual([{ text: 'a ^ b' }]);
  });
});
