import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from './dictionaries.ts';
import { createTranslate, pick } from './translate.ts';

describe('UI dictionaries', () => {
  it('zh and en have exactly the same keys', () => {
    const zh = Object.keys(DICTIONARIES.zh).sort();
    const en = Object.keys(DICTIONARIES.en).sort();
    expect(
      zh.filter((k) => !en.includes(k)),
      'keys missing in en.json',
    ).toEqual([]);
    expect(
      en.filter((k) => !zh.includes(k)),
      'keys missing in zh.json',
    ).toEqual([]);
  });

  it('no entry is empty and placeholders agree between languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [k, zh] of Object.entries(DICTIONARIES.zh)) {
      const en = DICTIONARIES.en[k];
      expect(zh.trim(), `zh ${k}`).not.toBe('');
      expect(en.trim(), `en ${k}`).not.toBe('');
      expect(names(zh), `placeholders of ${k}`).toEqual(names(en));
    }
  });
});

describe('createTranslate', () => {
  const t = createTranslate({ a: 'x = {x}, y = {y}', b: 'plain' });
  it('fills placeholders and shows missing keys', () => {
    expect(t('a', { x: 1, y: '2' })).toBe('x = 1, y = 2');
    expect(t('a', { x: 1 })).toBe('x = 1, y = {y}');
    expect(t('b')).toBe('plain');
    expect(t('nope')).toBe('[nope]');
  });
  it('picks by prefix', () => {
    expect(pick({ 'w.a': '1', 'w2.b': '2', 'ui.c': '3' }, ['w.', 'ui.'])).toEqual({ 'w.a': '1', 'ui.c': '3' });
  });
});
