import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WIDGETS } from './registry.ts';

describe('widget registry', () => {
  it('has one entry per id and per component', () => {
    expect(new Set(WIDGETS.map((w) => w.id)).size).toBe(WIDGETS.length);
    expect(new Set(WIDGETS.map((w) => w.component)).size).toBe(WIDGETS.length);
  });

  for (const w of WIDGETS) {
    it(`${w.id} lives on its topic page in both languages and declares its embed height`, () => {
      for (const lang of ['zh', 'en']) {
        const file = `content/${lang}/${w.topic}.svx`;
        expect(existsSync(file), file).toBe(true);
        expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`<${w.component}\\b`));
      }
      // Measured at a 720 px embed (the taller language); embed.js resizes from there.
      expect(w.height).toBeGreaterThanOrEqual(480);
      expect(w.height).toBeLessThanOrEqual(2400);
    });
  }
});
