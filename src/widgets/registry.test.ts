import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { stringPrefixes, WIDGETS } from './registry.ts';

/** The "widget.*" keys a file reads with t(…). */
function widgetKeys(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*['"`](widget\.[a-zA-Z-]+)['"`]/g)].map((m) => m[1]);
}

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

  for (const w of WIDGETS) {
    it(`${w.id} gets the shared "widget.*" strings its frame and its controls read`, () => {
      const files = readdirSync(`src/widgets/${w.id}`)
        .filter((f) => /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts'))
        .map((f) => `src/widgets/${w.id}/${f}`);
      const animated = files.some((f) => /PlayControls\.svelte/.test(readFileSync(f, 'utf8')));
      expect(Boolean((w as { animated?: true }).animated), 'animated: true exactly when it uses PlayControls').toBe(
        animated,
      );
      const needed = [
        ...widgetKeys('src/lib/ui/WidgetShell.svelte').filter((k) => k !== 'widget.embed' && k !== 'widget.export'),
        ...widgetKeys('src/lib/ui/Boundary.svelte'),
        ...(animated ? widgetKeys('src/lib/ui/PlayControls.svelte') : []),
        ...files.flatMap(widgetKeys),
      ];
      expect(needed.length).toBeGreaterThanOrEqual(4);
      const given = stringPrefixes(w.id, false);
      for (const k of needed)
        expect(
          given.some((p) => k.startsWith(p)),
          k,
        ).toBe(true);
      // On topic pages the Export and Embed buttons show too.
      for (const k of ['widget.embed', 'widget.export'])
        expect(
          stringPrefixes(w.id).some((p) => k.startsWith(p)),
          k,
        ).toBe(true);
    });
  }

  it('gives islands that cannot share their state every string they use (no dialog strings)', () => {
    // Embed pages and <dl-widget> get stringPrefixes(id, false): the widgets and the frame must
    // not read the embed, export or theme strings, which only the two dialogs use.
    expect(stringPrefixes('dropout', false)).not.toEqual(expect.arrayContaining(['embed.']));
    expect(stringPrefixes('dropout')).toEqual(expect.arrayContaining(['embed.', 'export.', 'theme.']));
    const dialogs = new Set(['EmbedDialog.svelte', 'ExportDialog.svelte']);
    const files = ['src/widgets', 'src/lib/ui', 'src/lib/chart', 'src/lib/state'].flatMap((dir) =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(svelte|ts)$/.test(f) && !f.endsWith('.test.ts') && !dialogs.has(f.split('/').pop()!))
        .map((f) => `${dir}/${f}`),
    );
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/\bt\(\s*['"`](embed|export|theme)\./);
    }
  });
});
