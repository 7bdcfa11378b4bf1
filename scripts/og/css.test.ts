import { describe, expect, it } from 'vitest';
import { lightTokens, parseCss, resolveVars } from './css.ts';

const css = `
@layer tokens, base;
@layer tokens {
  :root { --dl-a: #123; --dl-b: var(--dl-a); --dl-font: 13px; }
  :root[data-theme='dark'] { --dl-a: #fff; }
}
/* a comment { with braces } */
.curve.svelte-x { fill: none; stroke: var(--dl-b); stroke-width: var(--dl-w, 2px) !important }
@media (prefers-color-scheme: dark) { .curve.svelte-x { stroke: red } }
text.svelte-y, .label { font-size: var(--dl-font); fill: url(#g); }
`;

describe('build-time CSS', () => {
  const rules = parseCss(css);
  it('keeps plain rules in order, flattens layers and skips media blocks', () => {
    expect(rules.map((r) => r.selectors)).toEqual([
      [':root'],
      [":root[data-theme='dark']"],
      ['.curve.svelte-x'],
      ['text.svelte-y', '.label'],
    ]);
    expect(rules[2].decls).toEqual([
      ['fill', 'none'],
      ['stroke', 'var(--dl-b)'],
      ['stroke-width', 'var(--dl-w, 2px)'],
    ]);
  });
  it('resolves the light theme tokens, nested vars and fallbacks', () => {
    const tokens = lightTokens(rules);
    expect(tokens.get('--dl-a')).toBe('#123');
    expect(resolveVars('var(--dl-b)', tokens)).toBe('#123');
    expect(resolveVars('var(--dl-w, 2px)', tokens)).toBe('2px');
    expect(resolveVars('calc(var(--dl-font) + 1px)', tokens)).toBe('calc(13px + 1px)');
  });
});
