/**
 * Stylesheets linked where they are first needed (an Astro integration; runs after a build).
 *
 * Astro links every stylesheet a page uses from its <head>, so a phone paints nothing until
 * the widgets' CSS (≈ 10 KB gzip) and KaTeX's (≈ 5.5 KB) have arrived, although a topic page's
 * first screen is a title and a paragraph that need neither. After the build this step moves
 * such a link into the body, just before the block that holds the first element the sheet
 * can style. Chromium, Firefox and Safari paint what comes before a stylesheet link in the
 * body while it loads and hold back what comes after it, so nothing is ever drawn unstyled.
 *
 * A sheet moves only when the move cannot change how any element looks:
 * - every selector in it names a class (sheetScope), so the first element in the page that
 *   has one of those classes comes no later than anything the sheet styles;
 * - no rule in a <style> or sheet it would pass (moving a sheet later in the cascade lets it
 *   win ties it used to lose) can tie with one of its own: same cascade layer, same
 *   specificity, a property in common, different declarations, and an element on the page
 *   that both selectors could match (mayTie);
 * - the element is not before or inside the place it would go: the link goes before the
 *   child of the nearest body, main, article, section, aside, header, footer or nav element
 *   that contains it, never inside an island (hydration would remove it);
 * - a <style> after it in the head that only declares @font-face rules for families the
 *   sheet also declares moves with it, right behind it: a family's faces are tried from the
 *   last declared, and the KaTeX subsets (katex-fonts.mjs) must stay after KaTeX's full faces.
 *
 * Everything else in the page is left byte for byte as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { htmlFiles } from './built-html.mjs';

/** Index of the `close` that matches the `open` at text[i], skipping quoted strings. */
function matching(text, i, open, close) {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, j + 1);
      if (end < 0) return -1;
      j = end;
    } else if (c === open) depth++;
    else if (c === close && --depth === 0) return j;
  }
  return -1;
}

/** Splits at top-level occurrences of `sep` (outside (), [] and strings). */
function splitTop(text, sep) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text[j];
    if (c === '"' || c === "'") j = Math.max(j, text.indexOf(c, j + 1));
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && sep.test(c)) {
      parts.push(text.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

const CLASS = /\.(-?[_a-zA-Z][\w-]*)/g;
const ATTR = /\[\s*([\w:-]+)/;
const TYPE = /^([a-zA-Z][\w-]*)/;

/**
 * What `selector` asks of the elements it styles:
 * - `tag`, `classes`, `attrs`: the subject's element name (or null), class names and
 *   attribute names;
 * - `parent`, `ancestors`, `earlier`: the classes its other compounds name, on the subject's
 *   parent (a child combinator), on an ancestor, or (past a sibling combinator) on some
 *   element before it;
 * - `anchor`: classes that one element at or before every styled element carries all of (the
 *   subject's, or else the rightmost compound's that has any), or null.
 * Functional pseudo-classes other than a one-branch :is()/:where() are dropped (:not(.a) and
 * :has(.a) put no .a on or before the element), and attribute values are not read
 * (`[href$=".pdf"]` names no class).
 */
export function selectorNeeds(selector) {
  let s = selector;
  for (;;) {
    const m = /::?([\w-]+)\(/.exec(s);
    if (!m) break;
    const open = m.index + m[0].length - 1;
    const close = matching(s, open, '(', ')');
    if (close < 0) return { tag: null, classes: [], attrs: [], parent: [], ancestors: [], earlier: [], anchor: null };
    const inner = s.slice(open + 1, close);
    const keep = (m[1] === 'is' || m[1] === 'where') && splitTop(inner, /,/).length === 1;
    s = s.slice(0, m.index) + (keep ? inner : '') + s.slice(close + 1);
  }
  // Compounds, and whether each is joined to the subject only through descendant or child
  // combinators (then its classes are on an ancestor) or also through a sibling one.
  const compounds = [];
  let sibling = false;
  const parts = splitTop(s.trim().replace(/\s*([>+~])\s*/g, '$1'), /[\s>+~]/);
  const joins = s
    .trim()
    .replace(/\s*([>+~])\s*/g, '$1')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .match(/[\s>+~]/g);
  let parent = null;
  for (let j = parts.length - 1; j >= 0; j--) {
    if (parts[j]) compounds.unshift({ text: parts[j], sibling });
    if (j === parts.length - 2 && joins?.[j] === '>') parent = parts[j];
    if (j > 0 && /[+~]/.test(joins?.[j - 1] ?? '')) sibling = true;
  }
  const bare = (t) => t.replace(/\[[^\]]*\]/g, '');
  const classesOf = (t) => [...bare(t).matchAll(CLASS)].map((m) => m[1]);
  const subject = compounds.at(-1)?.text ?? '';
  const rest = compounds.slice(0, -1);
  const withClasses = compounds.map((c) => classesOf(c.text)).filter((c) => c.length);
  return {
    tag: TYPE.exec(subject)?.[1].toLowerCase() ?? null,
    classes: classesOf(subject),
    attrs: [...subject.matchAll(/\[[^\]]*\]/g)].map((m) => ATTR.exec(m[0])?.[1].toLowerCase()).filter(Boolean),
    parent: parent === null ? [] : classesOf(parent),
    ancestors: rest.filter((c) => !c.sibling && c.text !== parent).flatMap((c) => classesOf(c.text)),
    earlier: rest.filter((c) => c.sibling).flatMap((c) => classesOf(c.text)),
    anchor: withClasses.at(-1) ?? null,
  };
}

/** A selector's specificity as one number (ids, then classes/attributes/pseudo-classes, then types). */
export function specificity(selector) {
  let s = selector;
  let extra = 0;
  for (;;) {
    const m = /:(where|is|not|has|matches|-webkit-any)\(/.exec(s);
    if (!m) break;
    const open = m.index + m[0].length - 1;
    const close = matching(s, open, '(', ')');
    if (close < 0) break;
    if (m[1] !== 'where') extra += Math.max(0, ...splitTop(s.slice(open + 1, close), /,/).map(specificity));
    s = s.slice(0, m.index) + s.slice(close + 1);
  }
  s = s.replace(/\([^)]*\)/g, '').replace(/"[^"]*"|'[^']*'/g, '');
  const ids = (s.match(/#[\w-]+/g) ?? []).length;
  const elements = (s.match(/::[\w-]+|:(before|after|first-line|first-letter)\b/g) ?? []).length;
  const classes =
    (s.match(/\.[\w-]+|\[[^\]]*\]/g) ?? []).length +
    (s.replace(/::[\w-]+/g, '').match(/:[\w-]+/g) ?? []).length -
    (s.match(/(?<!:):(before|after|first-line|first-letter)\b/g) ?? []).length;
  const types = (s.replace(/\[[^\]]*\]|[.#:][\w-]+/g, ' ').match(/(^|[\s>+~])[a-zA-Z][\w-]*/g) ?? []).length;
  return ids * 1e6 + classes * 1e3 + types + elements + extra;
}

/** The property names a declaration block sets (lower case, custom properties included). */
function properties(body) {
  return [...body.matchAll(/(?:^|;)\s*([-\w]+)\s*:/g)].map((m) => m[1].toLowerCase());
}

/** First words of the shorthand families whose longhands extend the shorthand's name. */
const FAMILIES = new Set([
  'animation',
  'background',
  'border',
  'column',
  'columns',
  'container',
  'flex',
  'font',
  'grid',
  'inset',
  'list',
  'margin',
  'mask',
  'offset',
  'outline',
  'overflow',
  'padding',
  'place',
  'scroll',
  'text',
  'transition',
]);

/** Shorthands whose longhands do not extend their name. */
const SHORTHANDS = {
  all: null,
  inset: ['top', 'right', 'bottom', 'left'],
  gap: ['row-gap', 'column-gap'],
  font: ['line-height'],
  'place-items': ['align-items', 'justify-items'],
  'place-content': ['align-content', 'justify-content'],
  'place-self': ['align-self', 'justify-self'],
  columns: ['column-count', 'column-width'],
};

/** Whether setting p and setting q can set the same thing. */
export function overlaps(p, q) {
  if (p === q) return true;
  const [short, long] = p.length < q.length ? [p, q] : [q, p];
  if (long.startsWith(`${short}-`) && FAMILIES.has(short.split('-')[0])) return true;
  for (const [name, longs] of Object.entries(SHORTHANDS))
    if ((p === name && (!longs || longs.includes(q))) || (q === name && (!longs || longs.includes(p)))) return true;
  return false;
}

const GROUPING = new Set(['media', 'container', 'supports', 'layer']);
const IGNORED = new Set(['keyframes', '-webkit-keyframes', 'charset']);

/**
 * What a stylesheet needs in order to move:
 * - `anchors`: class lists such that an element carrying all of one list is on or before
 *   every element the sheet styles; null when some rule could style an element without one
 *   (element selectors, @import, @property, nesting…). A rule that only resets counters
 *   (KaTeX's `body{counter-reset:…}`) changes nothing already drawn and is let through;
 * - `families`: the font families it declares;
 * - `rules`: for each selector, what it asks of an element (selectorNeeds), its cascade
 *   layer ('' unlayered) and the properties it sets, for the tie check.
 */
export function sheetScope(css) {
  const scope = {
    anchors: /** @type {string[][]} */ ([]),
    families: /** @type {Set<string>} */ (new Set()),
    rules:
      /** @type {Array<ReturnType<typeof selectorNeeds> & { layer: string, props: string[], body: string, specificity: number }>} */ ([]),
  };
  let scoped = true;
  const walk = (text, layer) => {
    let i = 0;
    while (i < text.length) {
      while (i < text.length && /\s|;/.test(text[i])) i++;
      if (i >= text.length) return;
      const brace = text.indexOf('{', i);
      const semi = text.indexOf(';', i);
      if (text[i] === '@' && semi >= 0 && (brace < 0 || semi < brace)) {
        // A statement: @layer a, b; and @charset are harmless, @import and the rest are not.
        const name = /^@([\w-]+)/.exec(text.slice(i))?.[1];
        if (name !== 'layer' && name !== 'charset') scoped = false;
        i = semi + 1;
        continue;
      }
      if (brace < 0) return;
      const close = matching(text, brace, '{', '}');
      if (close < 0) {
        scoped = false;
        return;
      }
      const prelude = text.slice(i, brace).trim();
      const body = text.slice(brace + 1, close);
      i = close + 1;
      if (prelude.startsWith('@')) {
        const name = /^@([\w-]+)/.exec(prelude)?.[1] ?? '';
        if (name === 'layer') walk(body, `${layer}/${prelude.slice(6).trim()}`);
        else if (GROUPING.has(name)) walk(body, layer);
        else if (name === 'font-face') {
          const family = /font-family\s*:\s*([^;]+)/
            .exec(body)?.[1]
            .trim()
            .replace(/^(["'])(.*)\1$/, '$2');
          if (family) scope.families.add(family);
        } else if (!IGNORED.has(name)) scoped = false;
        continue;
      }
      if (body.includes('{')) {
        scoped = false;
        continue;
      }
      const props = properties(body);
      const countersOnly = props.every((p) => p === 'counter-reset' || p === 'counter-set');
      for (const selector of splitTop(prelude, /,/)) {
        const needs = selectorNeeds(selector);
        scope.rules.push({ ...needs, layer, props, body: body.trim(), specificity: specificity(selector.trim()) });
        if (needs.anchor) scope.anchors.push(needs.anchor);
        else if (!countersOnly) scoped = false;
      }
    }
  };
  walk(css.replace(/\/\*[\s\S]*?\*\//g, ''), '');
  return { ...scope, anchors: scoped ? scope.anchors : null };
}

const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const RAW = new Set(['script', 'style', 'textarea', 'title']);
const CONTAINERS = new Set(['body', 'main', 'article', 'section', 'aside', 'header', 'footer', 'nav']);
const TOKEN =
  /<!--[\s\S]*?-->|<\/([a-zA-Z][\w-]*)\s*>|<([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g;
const ATTRS = /\s([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * The elements of the body in document order: their classes, attribute names, and `before`,
 * the offset where a link that must precede the element can go: the start of the child of its
 * nearest body, main, article, section, aside, header, footer or nav element on the way down
 * to it, and never inside an island (hydration would throw the link out).
 */
export function bodyElements(html) {
  const out = [];
  const bodyAt = html.search(/<body[\s>]/);
  if (bodyAt < 0) return out;
  const stack = [];
  const lower = html.toLowerCase();
  const re = new RegExp(TOKEN.source, 'g');
  re.lastIndex = bodyAt;
  for (let m; (m = re.exec(html));) {
    if (m[0].startsWith('<!--')) continue;
    if (m[1]) {
      const name = m[1].toLowerCase();
      const at = stack.findLastIndex((e) => e.name === name);
      if (at >= 0) stack.length = at;
      continue;
    }
    const name = m[2].toLowerCase();
    const classes = new Set();
    const attrs = new Set();
    for (const a of m[3].matchAll(ATTRS)) {
      attrs.add(a[1].toLowerCase());
      if (a[1].toLowerCase() === 'class')
        for (const c of (a[2] ?? a[3] ?? a[4] ?? '').split(/\s+/)) if (c) classes.add(c);
    }
    const above = stack.at(-1)?.inner ?? new Set();
    const path = [...stack, { name, start: m.index }];
    const island = path.findIndex((e) => e.name === 'astro-island');
    const outside = island >= 0 ? path.slice(0, island + 1) : path;
    const c = outside.findLastIndex((e, j) => j < outside.length - 1 && CONTAINERS.has(e.name));
    out.push({
      index: out.length,
      name,
      classes,
      attrs,
      above,
      parent: stack.at(-1)?.classes ?? new Set(),
      start: m.index,
      before: c >= 0 ? outside[c + 1].start : m.index,
    });
    if (RAW.has(name)) {
      const end = lower.indexOf(`</${name}`, re.lastIndex);
      re.lastIndex = end < 0 ? html.length : end;
      continue;
    }
    if (!VOID.has(name) && !m[4])
      stack.push({ name, start: m.index, classes, inner: classes.size ? new Set([...above, ...classes]) : above });
  }
  return out;
}

/** The first element carrying every class of one of `anchors`, or undefined. */
export function firstAnchored(elements, anchors) {
  const byClass = new Map();
  for (const a of anchors) byClass.set(a[0], [...(byClass.get(a[0]) ?? []), a]);
  return elements.find((el) =>
    [...el.classes].some((c) => byClass.get(c)?.some((a) => a.every((x) => el.classes.has(x)))),
  );
}

/** Whether two rules set a property in common (cached on the first rule). */
function sharesProperty(a, b) {
  a.shares ??= new Map();
  let v = a.shares.get(b);
  if (v === undefined) a.shares.set(b, (v = a.props.some((p) => b.props.some((q) => overlaps(p, q)))));
  return v;
}

/** Lookups over a page's elements for mayTie. */
export function pageIndex(elements) {
  const byClass = new Map();
  const byTag = new Map();
  const seen = new Map();
  for (const el of elements) {
    for (const c of el.classes) {
      if (!seen.has(c)) seen.set(c, el.index);
      if (!byClass.has(c)) byClass.set(c, []);
      byClass.get(c).push(el);
    }
    if (!byTag.has(el.name)) byTag.set(el.name, []);
    byTag.get(el.name).push(el);
  }
  return { elements, byClass, byTag, seen };
}

/** The rules of a sheet grouped by a class or element name every element they style has. */
function ruleIndex(rules) {
  const byClass = new Map();
  const byTag = new Map();
  const any = [];
  for (const r of rules) {
    const [map, key] = r.classes.length ? [byClass, r.classes[0]] : r.tag ? [byTag, r.tag] : [null, null];
    if (!map) any.push(r);
    else {
      if (!map.has(key)) map.set(key, []);
      map.get(key).push(r);
    }
  }
  return { byClass, byTag, any };
}

/**
 * Whether some element on the page could get the same property from one of `moved`'s rules
 * and one of `other`'s in the same cascade layer: moving one sheet past the other could then
 * change which of two equally specific declarations wins (rules of different specificity, or
 * with the same declarations, cannot be reordered by it). It checks what each selector asks of the element and of its
 * parent, ancestors and earlier elements, not their order or pseudo-classes, so it errs on
 * the side of staying. Returns the element and the two rules, or null.
 */
export function mayTie(page, moved, other) {
  const fits = (el, r) =>
    (!r.tag || r.tag === el.name) &&
    r.classes.every((c) => el.classes.has(c)) &&
    r.attrs.every((a) => el.attrs.has(a)) &&
    r.parent.every((c) => el.parent.has(c)) &&
    r.ancestors.every((c) => el.above.has(c)) &&
    r.earlier.every((c) => page.seen.get(c) < el.index);
  moved.index ??= ruleIndex(moved.rules);
  const layers = new Set(moved.rules.map((r) => r.layer));
  for (const b of other.rules) {
    if (!layers.has(b.layer)) continue;
    const candidates = b.classes.length
      ? (page.byClass.get(b.classes[0]) ?? [])
      : b.tag
        ? (page.byTag.get(b.tag) ?? [])
        : page.elements;
    for (const el of candidates) {
      if (!fits(el, b)) continue;
      const rules = [
        ...[...el.classes].flatMap((c) => moved.index.byClass.get(c) ?? []),
        ...(moved.index.byTag.get(el.name) ?? []),
        ...moved.index.any,
      ];
      const a = rules.find(
        (r) =>
          r.layer === b.layer &&
          r.specificity === b.specificity &&
          r.body !== b.body &&
          fits(el, r) &&
          sharesProperty(r, b),
      );
      if (a) return { element: el, rules: [a, b] };
    }
  }
  return null;
}

/**
 * Rewrites one page. `readSheet(href)` returns a linked stylesheet's text, or null to leave
 * that link alone; `scopes` caches sheetScope by text across pages. Returns the new HTML and
 * how many links moved (0: unchanged).
 */
export function linkStylesheetsWhereUsed(html, readSheet, scopes = new Map()) {
  const headEnd = html.indexOf('</head>');
  if (headEnd < 0) return { html, moved: 0 };
  const items = [...html.matchAll(/<script\b[^>]*>[\s\S]*?<\/script>|<link\b[^>]*>|<style\b[^>]*>([\s\S]*?)<\/style>/g)]
    .filter((m) => !m[0].startsWith('<script'))
    .map((m) => ({
      text: m[0],
      at: m.index,
      link: m[0].startsWith('<link') && /\srel="?stylesheet"?[\s>]/.test(m[0]),
      href: /\shref="([^"]*)"/.exec(m[0])?.[1],
      css: m[0].startsWith('<style') ? m[1] : null,
    }))
    .filter((it) => it.link || it.css != null);
  let page = null;
  const scopeOf = (css) => {
    if (!scopes.has(css)) scopes.set(css, sheetScope(css));
    return scopes.get(css);
  };
  const edits = [];
  const taken = new Set();
  items.forEach((it, k) => {
    if (!it.link || it.at > headEnd || taken.has(it)) return;
    const css = it.href ? readSheet(it.href) : null;
    if (css == null) return;
    const scope = scopeOf(css);
    if (!scope.anchors) return;
    page ??= pageIndex(bodyElements(html));
    const first = firstAnchored(page.elements, scope.anchors);
    if (!first) return;
    const later = items.slice(k + 1).filter((o) => o.at < first.before);
    // A face style after it keeps its place behind it; anything else it would pass must not
    // be able to style the same element in the same layer, or be unreadable.
    const faces = later.filter((o) => o.css != null && [...scopeOf(o.css).families].some((f) => scope.families.has(f)));
    // A face style that also held rules would carry them later in the cascade: stay.
    if (faces.some((o) => !/^\s*(@font-face\s*\{[^{}]*\}\s*)+$/.test(o.css))) return;
    for (const o of later) {
      if (faces.includes(o)) continue;
      const text = o.css ?? (o.href ? readSheet(o.href) : null);
      if (text == null || mayTie(page, scope, scopeOf(text))) return;
    }
    const moving = [it, ...faces];
    for (const o of moving) taken.add(o);
    edits.push({ at: first.before, remove: 0, text: moving.map((o) => o.text).join(''), k });
    for (const o of moving) edits.push({ at: o.at, remove: o.text.length, text: '', k });
  });
  if (!edits.length) return { html, moved: 0 };
  // Applied from the end so earlier offsets stay valid; two links bound for one place keep
  // their order.
  edits.sort((a, b) => b.at - a.at || b.k - a.k);
  let out = html;
  for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.at + e.remove);
  return { html: out, moved: edits.filter((e) => e.remove === 0).length };
}

/** Runs linkStylesheetsWhereUsed over every page of a build in `dir` served at `base`. */
export async function linkBuildStylesheetsWhereUsed(dir, base = '/') {
  const sheets = new Map();
  const scopes = new Map();
  const stats = { pages: 0, links: 0 };
  for await (const file of htmlFiles(dir)) {
    const html = await readFile(file, 'utf8');
    const hrefs = [...html.matchAll(/<link\b[^>]*\srel="?stylesheet"?[^>]*\shref="([^"]*)"/g)].map((m) => m[1]);
    for (const href of hrefs) {
      if (sheets.has(href)) continue;
      const path = href.startsWith(base) ? join(dir, href.slice(base.length)) : null;
      sheets.set(href, path ? await readFile(path, 'utf8').catch(() => null) : null);
    }
    const { html: out, moved } = linkStylesheetsWhereUsed(html, (href) => sheets.get(href) ?? null, scopes);
    if (!moved) continue;
    await writeFile(file, out);
    stats.pages++;
    stats.links += moved;
  }
  return stats;
}

/** The integration. List it after the steps that add to the head (katex-fonts.mjs). */
export function lateStylesheets() {
  let base = '/';
  return {
    name: 'dl-late-stylesheets',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const s = await linkBuildStylesheetsWhereUsed(fileURLToPath(dir), base);
        logger.info(`Stylesheets linked where first used: ${s.links} links on ${s.pages} pages`);
      },
    },
  };
}
