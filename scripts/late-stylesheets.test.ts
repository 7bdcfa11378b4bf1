import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bodyElements,
  linkStylesheetsWhereUsed,
  overlaps,
  selectorNeeds,
  sheetScope,
  specificity,
} from './late-stylesheets.mjs';

describe('selectorNeeds', () => {
  it('reads what the subject must carry', () => {
    expect(selectorNeeds('button.b.svelte-x[aria-pressed=true]')).toMatchObject({
      tag: 'button',
      classes: ['b', 'svelte-x'],
      attrs: ['aria-pressed'],
      anchor: ['b', 'svelte-x'],
    });
  });
  it('tells parents, ancestors and earlier siblings apart', () => {
    expect(selectorNeeds('.katex .vlist>span')).toMatchObject({
      tag: 'span',
      classes: [],
      parent: ['vlist'],
      ancestors: ['katex'],
      earlier: [],
    });
    expect(selectorNeeds('.a ~ .b p')).toMatchObject({ ancestors: ['b'], earlier: ['a'], anchor: ['b'] });
    expect(selectorNeeds('.a+p')).toMatchObject({ tag: 'p', earlier: ['a'], anchor: ['a'] });
  });
  it('keeps one-branch :where() and :is(), drops what does not put a class on the element', () => {
    expect(selectorNeeds('.x:where(.svelte-a)').classes).toEqual(['x', 'svelte-a']);
    expect(selectorNeeds('p:not(.a)').anchor).toBeNull();
    expect(selectorNeeds('p:has(.a)').anchor).toBeNull();
    expect(selectorNeeds(':is(.a, div)').anchor).toBeNull();
    expect(selectorNeeds('a[href$=".pdf"]').anchor).toBeNull();
  });
  it('anchors a subject without classes on the nearest compound that has some', () => {
    expect(selectorNeeds('html.dark .chart.svelte-q text').anchor).toEqual(['chart', 'svelte-q']);
    expect(selectorNeeds('html.dark .chart.svelte-q').anchor).toEqual(['chart', 'svelte-q']);
  });
});

describe('specificity', () => {
  it('counts ids, classes and types, with :where() as nothing and :is() as its strongest branch', () => {
    expect(specificity('a')).toBe(1);
    expect(specificity('.a.b')).toBe(2000);
    expect(specificity('#x .a')).toBe(1_001_000);
    expect(specificity('.a::before')).toBe(1001);
    expect(specificity('a:hover')).toBe(1001);
    expect(specificity('.x:where(.svelte-a)')).toBe(1000);
    expect(specificity(':is(.a, #b) p')).toBe(1_000_001);
    expect(specificity('button.s[aria-pressed=true]')).toBe(2001);
  });
});

describe('overlaps', () => {
  it('pairs shorthands with their longhands and nothing else', () => {
    expect(overlaps('margin', 'margin-top')).toBe(true);
    expect(overlaps('border-left-color', 'border')).toBe(true);
    expect(overlaps('inset', 'top')).toBe(true);
    expect(overlaps('font', 'line-height')).toBe(true);
    expect(overlaps('all', 'color')).toBe(true);
    expect(overlaps('color', 'color-scheme')).toBe(false);
    expect(overlaps('width', 'min-width')).toBe(false);
  });
});

describe('sheetScope', () => {
  it('accepts sheets whose every rule names a class, through @media, @container and @layer', () => {
    const s = sheetScope(
      '.a.svelte-1{color:red}@media (min-width:40rem){.b .c{margin:0}}@layer widgets{.d>span{gap:1px}}' +
        '@keyframes k{from{opacity:0}to{opacity:1}}@font-face{font-family:"KaTeX_Main";src:url(x.woff2)}',
    );
    expect(s.anchors).toEqual([['a', 'svelte-1'], ['c'], ['d']]);
    expect([...s.families]).toEqual(['KaTeX_Main']);
    expect(s.rules.map((r) => r.layer)).toEqual(['', '', '/widgets']);
  });
  it('lets a rule through that only resets counters', () => {
    expect(sheetScope('body{counter-reset:katexEqnNo mmlEqnNo}.katex{font:normal 1.21em KaTeX_Main}').anchors).toEqual([
      ['katex'],
    ]);
  });
  it('refuses element selectors, @import, @property and nesting', () => {
    expect(sheetScope('.a{color:red}p{margin:0}').anchors).toBeNull();
    expect(sheetScope('@import url(x.css);.a{color:red}').anchors).toBeNull();
    expect(sheetScope('@property --x{syntax:"*";inherits:false}.a{color:red}').anchors).toBeNull();
    expect(sheetScope('.a{color:red;&:hover{color:blue}}').anchors).toBeNull();
  });
});

describe('bodyElements', () => {
  it('places a link before the block that holds an element, outside islands', () => {
    const html =
      '<html><head></head><body><main><article><p>a <b>b</b></p><p>x <span class="k">y</span></p>' +
      '<div class="w"><astro-island uid="1"><section><i class="s">z</i></section></astro-island></div>' +
      '</article></main></body></html>';
    const els = bodyElements(html);
    const k = els.find((e) => e.classes.has('k'))!;
    expect(html.slice(k.before)).toMatch(/^<p>x /);
    const s = els.find((e) => e.classes.has('s'))!;
    expect(html.slice(s.before)).toMatch(/^<div class="w">/);
    expect([...s.above]).toEqual(['w']);
  });
  it('skips comments, scripts and void elements', () => {
    const html =
      '<body><!-- <p class="k"> --><script>if (a<b) "<p class=k>"</script><br><img src=x><p class="k">t</p></body>';
    const els = bodyElements(html);
    expect(els.filter((e) => e.classes.has('k'))).toHaveLength(1);
    expect(els.find((e) => e.classes.has('k'))!.parent.size).toBe(0);
  });
});

const KATEX = '.katex{font:normal 1.21em KaTeX_Main}@font-face{font-family:KaTeX_Main;src:url(full.woff2)}';
const WIDGET = '.w.svelte-1{display:grid}.w.svelte-1 text{font-size:12px}';
const page = (body: string, head = '') =>
  '<!DOCTYPE html><html><head><meta charset="utf-8">' +
  '<link rel="stylesheet" href="/k.css"><style>@layer base{body{margin:0}}.x[data-c]{color:red}</style>' +
  '<link rel="stylesheet" href="/w.css">' +
  head +
  `</head><body><main><article>${body}</article></main></body></html>`;
const read = (href: string) => ({ '/k.css': KATEX, '/w.css': WIDGET })[href] ?? null;

describe('linkStylesheetsWhereUsed', () => {
  const faces = '<style>@font-face{font-family:KaTeX_Main;src:url(cut.woff2);unicode-range:U+61}</style>';
  const body =
    '<h2>Title</h2><p>Plain.</p><p>Math <span class="katex">x</span></p>' +
    '<div class="dl-island"><astro-island uid="1"><div class="w svelte-1"><svg><text>1</text></svg></div></astro-island></div>';

  it('moves each sheet before its first use, with the face rules that must follow it', () => {
    const { html, moved } = linkStylesheetsWhereUsed(page(body, faces), read);
    expect(moved).toBe(2);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head).not.toContain('stylesheet');
    expect(head).not.toContain('cut.woff2');
    expect(html).toContain(`<p>Plain.</p><link rel="stylesheet" href="/k.css">${faces}<p>Math <span class="katex">`);
    expect(html).toContain('</p><link rel="stylesheet" href="/w.css"><div class="dl-island">');
    // Nothing else changed.
    const strip = (h: string) => h.replace(/<link rel="stylesheet"[^>]*>/g, '').replace(faces, '');
    expect(strip(html)).toBe(strip(page(body, faces)));
  });

  it('keeps two sheets bound for one place in their order', () => {
    const both = '<p>Plain.</p><div class="dl-island"><span class="katex">x</span><div class="w svelte-1"></div></div>';
    const { html } = linkStylesheetsWhereUsed(page(both), read);
    expect(html).toContain(
      '<p>Plain.</p><link rel="stylesheet" href="/k.css"><link rel="stylesheet" href="/w.css"><div',
    );
  });

  it('leaves a sheet in the head when the page does not use it, or when it cannot be read', () => {
    const { html, moved } = linkStylesheetsWhereUsed(page('<p>Only prose.</p>'), read);
    expect(moved).toBe(0);
    expect(html).toBe(page('<p>Only prose.</p>'));
    expect(linkStylesheetsWhereUsed(page(body), () => null).moved).toBe(0);
  });

  it('stays when a rule it would pass could win a tie on the same element', () => {
    const tie = '<style>.w.svelte-1{display:flex}</style>';
    const { html } = linkStylesheetsWhereUsed(page(body, tie), read);
    expect(html.indexOf('href="/w.css"')).toBeLessThan(html.indexOf('</head>'));
    // Different specificity, a different layer, or other properties: no tie.
    for (const harmless of [
      '<style>div.w.svelte-1{display:flex}</style>',
      '<style>@layer base{.w.svelte-1{display:flex}}</style>',
      '<style>.w.svelte-1{color:red}</style>',
      '<style>.w.svelte-1{display:grid}</style>',
    ]) {
      const { html: out } = linkStylesheetsWhereUsed(page(body, harmless), read);
      expect(out.indexOf('href="/w.css"'), harmless).toBeGreaterThan(out.indexOf('</head>'));
    }
  });

  it('stays when a face style after it also holds rules', () => {
    const mixed = '<style>@font-face{font-family:KaTeX_Main;src:url(cut.woff2)}.q{color:red}</style>';
    const { html } = linkStylesheetsWhereUsed(page(body, mixed), read);
    expect(html.indexOf('href="/k.css"')).toBeLessThan(html.indexOf('</head>'));
  });

  it('never puts a link after anything the sheet styles (property)', () => {
    const block = fc.constantFrom(
      '<p>Plain.</p>',
      '<p>Math <span class="katex">x</span></p>',
      '<ul><li><span class="katex">y</span></li></ul>',
      '<section><p><span class="katex">z</span></p></section>',
      '<div class="dl-island"><astro-island uid="1"><section><div class="w svelte-1">w</div></section></astro-island></div>',
      '<header><span class="katex">h</span></header>',
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 8 }), (blocks) => {
        const { html } = linkStylesheetsWhereUsed(page(blocks.join('')), read);
        for (const [href, cls] of [
          ['/k.css', 'class="katex"'],
          ['/w.css', 'class="w svelte-1"'],
        ]) {
          const link = html.indexOf(`href="${href}"`);
          const use = html.indexOf(cls);
          expect(link).toBeGreaterThanOrEqual(0);
          if (use >= 0) expect(link).toBeLessThan(use);
          // Never inside an island.
          const island = html.indexOf('<astro-island');
          if (island >= 0 && link > island) expect(link).toBeGreaterThan(html.indexOf('</astro-island>'));
        }
      }),
    );
  });
});
