/**
 * Per-page KaTeX font subsets (an Astro integration; the cutting runs after a build only).
 *
 * KaTeX's stylesheet declares twenty faces, each a full font of 5–28 KB. A topic page draws a
 * few dozen distinct characters in maybe seven of them, yet a phone downloaded the whole of
 * every face it touched: 113 KB of fonts on /gradient-remedies/. After the build this step
 * reads each page's formulas, cuts every face down to the characters the page draws (with
 * harfbuzz, via subset-font) and declares the cut faces in the page's <head> with a
 * unicode-range that lists exactly the characters they hold (late-stylesheets.mjs later moves
 * that <style>, right behind KaTeX's stylesheet, to where the first formula is).
 *
 * KaTeX's own full faces stay declared, earlier in the document, each given a unicode-range of
 * the characters its font has (fullFaceRanges). A browser tries the faces of a family from the
 * last declared to the first and fetches one only when the text uses a character of its
 * unicode-range, so a full face is only fetched for a character the page's cut does not hold:
 * something this step missed costs bytes, never a wrong glyph. The e2e suite checks that math
 * pages fetch no full face.
 *
 * Identical subsets (the Chinese and English page of a topic usually draw the same characters)
 * get the same content-hashed file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeEntities, htmlFiles } from './built-html.mjs';

const require = createRequire(import.meta.url);

/** Equation numbers are CSS counters, drawn in KaTeX_Main without being in the markup. */
const ALWAYS = '()0123456789';

/**
 * Faces preloaded on wide screens when the page draws in them: there a late face re-wrapped a
 * line of a wide paragraph (desktop CLS 0.014 on the neurons page, from the bold face). Phones
 * do not preload them: even cut, fonts fetched with the page always join what Lighthouse's
 * mobile preset counts before the first paint (/gradient-remedies/: LCP ≈ 1.66 s in every run
 * with them preloaded, 1.44–1.66 s without).
 */
const PRELOAD = new Set([
  'KaTeX_Main-Regular',
  'KaTeX_Main-Bold',
  'KaTeX_Math-Italic',
  'KaTeX_Size1-Regular',
  'KaTeX_Size2-Regular',
]);

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'wbr']);

/**
 * KaTeX's font rules as (classes the element must have, declarations), in cascade order.
 * Selectors are `.katex .a.b` (the element has classes a and b) plus two of the form
 * `.katex .delimsizing.mult .delim-size1>span`, read as "a span whose parent has delim-size1".
 */
export function katexFontRules(css) {
  const rules = [];
  let order = 0;
  for (const [, selectors, body] of css.replace(/@font-face\s*\{[^}]*\}/g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
    const decl = {};
    const family = /font-family:\s*([^;,]+)/.exec(body)?.[1].trim();
    if (family?.startsWith('KaTeX_')) decl.family = family;
    const style = /font-style:\s*([^;]+)/.exec(body)?.[1].trim();
    if (style) decl.style = style;
    const weight = /font-weight:\s*([^;]+)/.exec(body)?.[1].trim();
    if (weight) decl.weight = weight === 'bold' ? '700' : weight === 'normal' ? '400' : weight;
    if (Object.keys(decl).length === 0) continue;
    for (const sel of selectors.split(',').map((x) => x.trim())) {
      const child = /\.([\w-]+)>span$/.exec(sel);
      const last = (child ? sel.slice(0, child.index) : sel).trim().split(/\s+/).pop();
      if (!sel.startsWith('.katex') || sel === '.katex') continue;
      const classes = last.split('.').filter(Boolean);
      const specificity = classes.length + (child ? 2 : 0);
      rules.push({ classes: child ? [] : classes, parent: child?.[1], decl, specificity, order: order++ });
    }
  }
  return rules.sort((a, b) => a.specificity - b.specificity || a.order - b.order);
}

/**
 * Walks the markup of one element (its start tag ends at `from`) and adds every character of
 * its text to `out` under the face it is drawn in ("KaTeX_Main 400 italic").
 */
function walk(src, from, name, font, rules, out) {
  const stack = [{ name, font, classes: [] }];
  let i = from;
  while (stack.length > 0 && i < src.length) {
    const lt = src.indexOf('<', i);
    const end = lt < 0 ? src.length : lt;
    if (end > i) {
      const key = fontKey(stack[stack.length - 1].font);
      let set = out.get(key);
      if (!set) out.set(key, (set = new Set()));
      for (const ch of decodeEntities(src.slice(i, end))) set.add(ch);
    }
    if (lt < 0) return src.length;
    if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt);
      i = close < 0 ? src.length : close + 3;
      continue;
    }
    const gt = src.indexOf('>', lt);
    if (gt < 0) return src.length;
    const tag = src.slice(lt, gt + 1);
    i = gt + 1;
    const m = /^<(\/?)([a-zA-Z][\w-]*)/.exec(tag);
    if (!m) continue;
    const tagName = m[2].toLowerCase();
    if (m[1]) {
      // Close up to the matching element (tolerates unclosed children).
      const at = stack.findLastIndex((e) => e.name === tagName);
      if (at >= 0) stack.length = at;
      continue;
    }
    if (tag.endsWith('/>') || VOID.has(tagName)) continue;
    const parent = stack[stack.length - 1];
    const classes = (/\sclass="([^"]*)"/.exec(tag)?.[1] ?? '').split(/\s+/).filter(Boolean);
    const font = { ...parent.font };
    if (tagName === 'i' || tagName === 'em') font.style = 'italic';
    if (tagName === 'b' || tagName === 'strong') font.weight = '700';
    for (const r of rules) {
      const hit = r.parent
        ? tagName === 'span' && parent.classes.includes(r.parent)
        : r.classes.every((c) => classes.includes(c));
      if (hit) Object.assign(font, r.decl);
    }
    stack.push({ name: tagName, font, classes });
  }
  return i;
}

/** "KaTeX_Math 400 italic": how characters are filed by face. */
const fontKey = (f) => `${f.family} ${f.weight} ${f.style}`;

const START = /<([a-zA-Z][\w-]*)\b[^>]*?(?:\sclass="katex-html"|\sdata-katex-font\b)[^>]*>/g;
const MAIN = { family: 'KaTeX_Main', weight: '400', style: 'normal' };

function collect(src, rules, out) {
  const start = new RegExp(START);
  let m;
  while ((m = start.exec(src))) {
    const italic = /^(i|em)$/i.test(m[1]);
    start.lastIndex = walk(
      src,
      start.lastIndex,
      m[1].toLowerCase(),
      italic ? { ...MAIN, style: 'italic' } : MAIN,
      rules,
      out,
    );
  }
}

/**
 * The characters KaTeX draws on a page, by face ("KaTeX_Math 400 italic" → set of characters):
 * the visible half of KaTeX's output (class "katex-html"; the MathML half is for screen
 * readers), elements marked data-katex-font (widget text set in KaTeX_Main), and the same
 * markup inside islands' props (the interview page's cards), which Astro writes as
 * HTML-escaped JSON.
 */
export function katexChars(html, rules) {
  const out = new Map([[fontKey(MAIN), new Set(ALWAYS)]]);
  collect(html, rules, out);
  for (const [, props] of html.matchAll(/\sprops="([^"]*)"/g)) {
    if (props.includes('katex-html') || props.includes('data-katex-font'))
      collect(decodeEntities(props).replace(/\\(["\\/])/g, '$1'), rules, out);
  }
  return out;
}

/** KaTeX's @font-face rules: family, style, weight and the font's file name (no extension). */
export function katexFaces(css) {
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, d]) => ({
    family: /font-family:\s*([^;]+)/.exec(d)[1].trim(),
    style: /font-style:\s*([^;]+)/.exec(d)?.[1].trim() ?? 'normal',
    weight: /font-weight:\s*([^;]+)/.exec(d)?.[1].trim() ?? '400',
    file: /url\((?:["']?)(?:[^)"']*\/)?([^/)"']+)\.woff2/.exec(d)[1],
  }));
}

/** A CSS unicode-range for sorted code points, consecutive ones merged: U+28-29,U+3D,… */
export function unicodeRange(points) {
  const parts = [];
  for (let i = 0; i < points.length;) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j] + 1) j++;
    const hex = (n) => n.toString(16).toUpperCase();
    parts.push(j > i ? `U+${hex(points[i])}-${hex(points[j])}` : `U+${hex(points[i])}`);
    i = j + 1;
  }
  return parts.join(',');
}

let loaded;
/** KaTeX's stylesheet and its faces, each with its TrueType file and the code points it covers (read once). */
function loadFaces() {
  return (loaded ??= readFaces());
}

async function readFaces() {
  const { Blob, Face } = await import('harfbuzzjs');
  const cssPath = require.resolve('katex/dist/katex.min.css');
  const fontDir = join(dirname(cssPath), 'fonts');
  const css = await readFile(cssPath, 'utf8');
  const faces = await Promise.all(
    katexFaces(css).map(async (face) => {
      const ttf = await readFile(join(fontDir, `${face.file}.ttf`));
      const cmap = new Set(new Face(new Blob(ttf), 0).collectUnicodes());
      return { ...face, ttf, cmap };
    }),
  );
  return { css, faces };
}

/**
 * Gives each of KaTeX's own @font-face rules a unicode-range of the characters its font has.
 * Without one a face claims every character: a space KaTeX adds (U+200B) or Chinese inside
 * \text{} made the browser fetch the whole font only to find no glyph in it.
 */
function fullFaceRanges() {
  let ranges;
  return {
    name: 'dl-katex-full-face-ranges',
    enforce: 'pre',
    async transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css$/.test(id.split('?')[0])) return null;
      ranges ??= loadFaces().then(
        ({ faces }) => new Map(faces.map((f) => [f.file, unicodeRange([...f.cmap].sort((a, b) => a - b))])),
      );
      const byFile = await ranges;
      return {
        code: code.replace(/@font-face\s*\{([^}]*)\}/g, (rule, body) => {
          const file = /([^/)"']+)\.woff2/.exec(body)?.[1];
          const range = file && byFile.get(file);
          return range ? `@font-face{${body};unicode-range:${range}}` : rule;
        }),
        map: null,
      };
    },
  };
}

/** Subsets every page's KaTeX faces in `outDir`; returns counts for the build log. */
export async function subsetKatexFonts(outDir, { base = '/', assets = '_astro' } = {}) {
  const { default: subsetFont } = await import('subset-font');
  const { css, faces } = await loadFaces();
  const fontRules = katexFontRules(css);
  const faceKeys = new Set(faces.map(fontKey));
  const outSub = join(outDir, assets, 'katex');
  await mkdir(outSub, { recursive: true });
  const made = new Map(); // face file + code points → file name
  const written = new Set();
  const stats = { pages: 0, files: 0, bytes: 0 };
  for await (const file of htmlFiles(outDir)) {
    const html = await readFile(file, 'utf8');
    if (!html.includes('katex-html')) continue;
    const byFont = katexChars(html, fontRules);
    const rules = [];
    const preloads = [];
    for (const face of faces) {
      // A family's characters go to its face of that weight and style, or to all its faces
      // when it has none (the browser then picks the nearest).
      const chars = new Set(byFont.get(fontKey(face)));
      for (const [key, set] of byFont)
        if (key.split(' ')[0] === face.family && !faceKeys.has(key)) for (const c of set) chars.add(c);
      const points = [...chars].map((c) => c.codePointAt(0)).filter((p) => face.cmap.has(p));
      points.sort((a, b) => a - b);
      if (points.length === 0) continue;
      const key = `${face.file}:${points.join(',')}`;
      let name = made.get(key);
      if (!name) {
        const woff2 = await subsetFont(face.ttf, String.fromCodePoint(...points), { targetFormat: 'woff2' });
        name = `${face.file}.${createHash('sha256').update(woff2).digest('hex').slice(0, 10)}.woff2`;
        made.set(key, name);
        // Two character sets can give one file: harfbuzz keeps every code point whose glyph it keeps.
        if (!written.has(name)) {
          written.add(name);
          await writeFile(join(outSub, name), woff2);
          stats.files++;
          stats.bytes += woff2.length;
        }
      }
      const url = `${base}${assets}/katex/${name}`;
      rules.push(
        `@font-face{font-family:${face.family};font-style:${face.style};font-weight:${face.weight};font-display:block;` +
          `src:url(${url}) format("woff2");unicode-range:${unicodeRange(points)}}`,
      );
      if (PRELOAD.has(face.file))
        preloads.push(
          `<link rel="preload" href="${url}" as="font" type="font/woff2" crossorigin media="(min-width: 48rem)">`,
        );
    }
    await writeFile(
      file,
      html.replace('</head>', () => `${preloads.join('')}<style>${rules.join('')}</style></head>`),
    );
    stats.pages++;
  }
  return stats;
}

/** The integration: runs subsetKatexFonts over the finished build. */
export function katexFontSubsets() {
  let base = '/';
  let assets = '_astro';
  return {
    name: 'dl-katex-font-subsets',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({ vite: { plugins: [fullFaceRanges()] } });
      },
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
        assets = config.build.assets;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const t0 = performance.now();
        const s = await subsetKatexFonts(fileURLToPath(dir), { base, assets });
        logger.info(
          `KaTeX subsets: ${s.pages} pages, ${s.files} files, ${(s.bytes / 1024).toFixed(0)} KB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      },
    },
  };
}
