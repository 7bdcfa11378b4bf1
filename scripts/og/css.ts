/**
 * Just enough CSS for build-time figure rendering: parse the site's built stylesheets,
 * read the light theme's --dl-* tokens, and resolve var() — so a server-rendered
 * widget SVG can be given inline styles that a renderer without CSS (resvg) honours.
 */
export interface CssRule {
  selectors: string[];
  decls: [string, string][];
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

/** Flattens @layer blocks, skips @media/@supports/@font-face/@keyframes, returns plain rules in order. */
export function parseCss(css: string): CssRule[] {
  const src = stripComments(css);
  const rules: CssRule[] = [];
  let i = 0;
  const parseBlock = (end: number, skip: boolean) => {
    while (i < end) {
      const open = src.indexOf('{', i);
      const semi = src.indexOf(';', i);
      if (open === -1 || open >= end) return;
      // A statement like `@layer a, b;` before the next block.
      if (semi !== -1 && semi < open) {
        i = semi + 1;
        continue;
      }
      const head = src.slice(i, open).trim();
      const close = matching(src, open);
      if (head.startsWith('@layer')) {
        i = open + 1;
        parseBlock(close, skip);
      } else if (head.startsWith('@')) {
        // Media queries (dark scheme, print, small screens) and other at-rules are not the default look.
      } else if (!skip && head) {
        rules.push({ selectors: splitSelectors(head), decls: parseDecls(src.slice(open + 1, close)) });
      }
      i = close + 1;
    }
  };
  parseBlock(src.length, false);
  return rules;
}

function matching(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '{') depth++;
    else if (s[k] === '}' && --depth === 0) return k;
  }
  return s.length - 1;
}

function splitSelectors(head: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < head.length; k++) {
    const c = head[k];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(head.slice(start, k).trim());
      start = k + 1;
    }
  }
  out.push(head.slice(start).trim());
  return out.filter(Boolean);
}

function parseDecls(body: string): [string, string][] {
  const out: [string, string][] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const d = body.slice(start, end);
    const colon = d.indexOf(':');
    if (colon > 0)
      out.push([
        d.slice(0, colon).trim().toLowerCase(),
        d
          .slice(colon + 1)
          .replace(/!important/, '')
          .trim(),
      ]);
  };
  for (let k = 0; k < body.length; k++) {
    const c = body[k];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ';' && depth === 0) {
      push(k);
      start = k + 1;
    }
  }
  push(body.length);
  return out;
}

/** The --dl-* custom properties as the default (light) theme sets them on :root. */
export function lightTokens(rules: CssRule[]): Map<string, string> {
  const tokens = new Map<string, string>();
  for (const r of rules) {
    if (!r.selectors.includes(':root')) continue;
    for (const [p, v] of r.decls) if (p.startsWith('--')) tokens.set(p, v);
  }
  return tokens;
}

/** Replaces var(--x, fallback) recursively; unknown variables fall back or become empty. */
export function resolveVars(value: string, tokens: Map<string, string>, depth = 0): string {
  if (depth > 10 || !value.includes('var(')) return value;
  let out = '';
  let k = 0;
  while (k < value.length) {
    const at = value.indexOf('var(', k);
    if (at === -1) {
      out += value.slice(k);
      break;
    }
    out += value.slice(k, at);
    let d = 0;
    let end = at + 3;
    for (; end < value.length; end++) {
      if (value[end] === '(') d++;
      else if (value[end] === ')' && --d === 0) break;
    }
    const inner = value.slice(at + 4, end);
    const comma = inner.indexOf(',');
    const name = (comma === -1 ? inner : inner.slice(0, comma)).trim();
    const fallback = comma === -1 ? '' : inner.slice(comma + 1).trim();
    out += resolveVars(tokens.get(name) ?? fallback, tokens, depth + 1);
    k = end + 1;
  }
  return out.includes('var(') ? resolveVars(out, tokens, depth + 1) : out;
}
