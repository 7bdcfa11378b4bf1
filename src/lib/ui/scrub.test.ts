import { describe, expect, it } from 'vitest';
import { scrubKey } from './scrub.ts';

describe('scrubKey', () => {
  it('maps arrows, pages and ends, and ignores other keys', () => {
    expect(['ArrowRight', 'ArrowUp', 'ArrowLeft', 'ArrowDown'].map((k) => scrubKey(k))).toEqual([1, 1, -1, -1]);
    expect(scrubKey('PageUp', 5)).toBe(5);
    expect(scrubKey('PageDown')).toBe(-10);
    expect(scrubKey('Home')).toBe('start');
    expect(scrubKey('End')).toBe('end');
    expect(scrubKey('a')).toBeNull();
  });
});
