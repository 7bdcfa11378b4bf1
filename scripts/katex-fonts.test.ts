import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Blob, Face } from 'harfbuzzjs';
import katex from 'katex';
import subsetFont from 'subset-font';
import { describe, expect, it } from 'vitest';
import { katexChars, katexFaces, katexFontRules, subsetKatexFonts, unicodeRange } from './katex-fonts.mjs';

const css = await readFile(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'), 'utf8');
const rules = katexFontRules(css);
const tex = (s: string, displayMode = false) => katex.renderToString(s, { displayMode, output: 'htmlAndMathml' });
const chars = (html: string) =>
  Object.fromEntries([...katexChars(html, rules)].map(([font, set]) => [font, [...set].sort().join('')]));

const BMP = String.fromCodePoint(
  ...Array.from({ length: 0xffff - 0x20 }, (_, i) => i + 0x20).filter((p) => p < 0xd800 || p > 0xdfff),
);

/** Astro writes island props as JSON inside an HTML attribute. */
const island = (html: string) =>
  `<astro-island props="${JSON.stringify({ answer: [0, html] })
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')}"></astro-island>`;

describe('katexFaces', () => {
  it("reads KaTeX's twenty faces with family, weight, style and file", () => {
    const faces = katexFaces(css);
    expect(faces).toHaveLength(20);
    expect(faces).toContainEqual({ family: 'KaTeX_Math', style: 'italic', weight: '400', file: 'KaTeX_Math-Italic' });
    expect(faces).toContainEqual({ family: 'KaTeX_Main', style: 'normal', weight: '700', file: 'KaTeX_Main-Bold' });
  });
});

describe('katexChars', () => {
  it('files each drawn character under the face that draws it', () => {
    const got = chars(tex(String.raw`\mathbf{x} + \alpha \sum_i y_i \text{或}`, true));
    expect(got['KaTeX_Main 700 normal']).toBe('x');
    expect(got['KaTeX_Math 400 italic']).toContain('α');
    expect(got['KaTeX_Math 400 italic']).toContain('y');
    expect(got['KaTeX_Size2 400 normal']).toContain('∑');
    expect(got['KaTeX_Main 400 normal']).toContain('+');
    expect(got['KaTeX_Main 400 normal']).toContain('或');
  });

  it('always includes what equation numbers draw, and never the TeX source in the MathML half', () => {
    const got = chars(tex(String.raw`\frac{a}{b}`));
    expect(got['KaTeX_Main 400 normal']).toContain('0123456789');
    for (const set of Object.values(got)) {
      expect(set).not.toMatch(/[\\{}]/);
      expect(set).not.toContain('f'); // of \frac
    }
  });

  it('reads markup that islands carry in their props', () => {
    const got = chars(`<p>text</p>${island(`<p>card ${tex(String.raw`\beta \cdot \mathbf{W}`)}</p>`)}`);
    expect(got['KaTeX_Math 400 italic']).toBe('β');
    expect(got['KaTeX_Main 700 normal']).toBe('W');
    expect(got['KaTeX_Main 400 normal']).toContain('⋅');
    expect(got['KaTeX_Main 400 normal']).not.toContain('c'); // "card" is not math
  });

  it('reads widget text marked data-katex-font, italic inside <i>', () => {
    const got = chars('<div data-katex-font><p>softmax(<i>QK</i><sup>⊤</sup>)</p></div><p>not this</p>');
    expect(got['KaTeX_Main 400 italic']).toBe('KQ');
    expect(got['KaTeX_Main 400 normal']).toContain(
      'softmax'
        .split('')
        .sort()
        .join('')
        .replace(/(.)\1+/g, '$1'),
    );
    expect(got['KaTeX_Main 400 normal']).toContain('⊤');
    expect(got['KaTeX_Main 400 normal']).not.toContain('n');
  });
});

describe('unicodeRange', () => {
  it('merges consecutive code points', () => {
    expect(unicodeRange([0x28, 0x29, 0x30, 0x31, 0x32, 0x3d, 0x3b1])).toBe('U+28-29,U+30-32,U+3D,U+3B1');
    expect(unicodeRange([])).toBe('');
  });
});

describe('subsetKatexFonts', () => {
  it("cuts each face a page draws to exactly that page's characters and declares it in <head>", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'katex-fonts-'));
    try {
      const body = tex(String.raw`\mathbf{v} = \alpha\,x + \text{或}`);
      await writeFile(join(dir, 'index.html'), `<html><head><title>t</title></head><body>${body}</body></html>`);
      await writeFile(join(dir, 'plain.html'), '<html><head></head><body>no math</body></html>');
      const stats = await subsetKatexFonts(dir, { base: '/sub/', assets: '_a' });
      expect(stats.pages).toBe(1);

      const html = await readFile(join(dir, 'index.html'), 'utf8');
      const faces = [...html.matchAll(/@font-face\{([^}]*)\}/g)].map(([, d]) => ({
        family: /font-family:([^;]+)/.exec(d)![1],
        weight: /font-weight:([^;]+)/.exec(d)![1],
        url: /url\(([^)]+)\)/.exec(d)![1],
        range: /unicode-range:([^;}]+)/.exec(d)![1],
      }));
      expect(faces.map((f) => `${f.family} ${f.weight}`).sort()).toEqual([
        'KaTeX_Main 400',
        'KaTeX_Main 700',
        'KaTeX_Math 400',
      ]);
      // Each file holds every character its unicode-range announces (harfbuzz may keep a few more
      // code points whose glyphs it keeps anyway; here there are none). 或 is in no KaTeX font.
      for (const f of faces) {
        expect(f.url).toMatch(/^\/sub\/_a\/katex\/KaTeX_\w+-\w+\.[0-9a-f]{10}\.woff2$/);
        const woff2 = await readFile(join(dir, f.url.replace('/sub/', '')));
        // harfbuzz reads TrueType: convert by "subsetting" to the whole Basic Multilingual Plane.
        const ttf = await subsetFont(woff2, BMP, { targetFormat: 'truetype' });
        const cmap = [...new Face(new Blob(ttf), 0).collectUnicodes()].sort((a, b) => a - b);
        const announced = f.range.split(',').flatMap((r) => {
          const [a, b = a] = r
            .slice(2)
            .split('-')
            .map((h) => parseInt(h, 16));
          return Array.from({ length: b - a + 1 }, (_, i) => a + i);
        });
        expect(cmap).toEqual(expect.arrayContaining(announced));
        expect(unicodeRange(cmap)).toBe(f.range);
      }
      expect(faces.find((f) => f.weight === '700')!.range).toBe('U+76');
      expect(html).toContain('rel="preload"');
      expect(await readFile(join(dir, 'plain.html'), 'utf8')).not.toContain('@font-face');
      expect((await readdir(join(dir, '_a', 'katex'))).length).toBe(3);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
