import { describe, expect, it } from 'vitest';
import { divergingTint, tint } from './tint.ts';

describe('tint', () => {
  it('maps 0 to the surface and caps the strongest tint', () => {
    expect(tint(0)).toBe('var(--dl-surface)');
    expect(tint(1)).toBe('color-mix(in srgb, var(--dl-series-1) 58%, var(--dl-surface))');
    expect(tint(7)).toBe(tint(1));
    expect(tint(Number.NaN)).toBe('var(--dl-surface)');
  });
  it('diverges by sign', () => {
    expect(divergingTint(-1)).toContain('--dl-series-2');
    expect(divergingTint(0.5)).toContain('--dl-series-1');
  });
});
