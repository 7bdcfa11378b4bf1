/**
 * Link-preview images, made at build time from what the build already rendered: for
 * each topic page (and each embed page) the first widget's server-rendered chart SVG,
 * styled from the built stylesheets (light theme), set beside the page title on a
 * 1200×630 card and rendered to PNG with resvg. Pages reference /og/<lang>/… by
 * convention (see src/lib/site/og.ts); this script writes those files.
 *
 *   node scripts/og-images.ts [--dist dist]
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import { lightTokens, parseCss, resolveVars, type CssRule } from './og/css.ts';

const W = 1200;
const H = 630;
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const DIST = arg('dist', 'dist');

/** Properties that matter to how an SVG mark looks; the rest of the CSS is irrelevant here. */
const SVG_PROPS = new Set([
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-size',
  'font-weight',
  'font-family',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'display',
  'visibility',
]);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === '_astro' || name === 'pagefind' || name === 'og' ? [] : htmlFiles(p);
    return name.endsWith('.html') ? [p] : [];
  });
}

const cssCache = new Map<string, CssRule[]>();
/** The page's CSS in document order: linked stylesheets and inline <style> blocks (the build inlines them). */
function stylesheetRules(html: string): CssRule[] {
  const rules: CssRule[] = [];
  const base = (process.env.BASE_PATH ?? '/').replace(/\/$/, '');
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"|<style[^>]*>([\s\S]*?)<\/style>/g)) {
    let key: string;
    let read: () => string;
    if (m[1] !== undefined) {
      const href = m[1].replace(/^(https?:\/\/[^/]+)?/, '');
      key = join(DIST, href.slice(base.length));
      read = () => readFileSync(key, 'utf8');
    } else {
      const css = m[2];
      key = `inline:${css}`;
      read = () => css;
    }
    if (!cssCache.has(key)) cssCache.set(key, parseCss(read()));
    rules.push(...cssCache.get(key)!);
  }
  return rules;
}

/** The biggest chart <svg> of the first widget on the page, with its CSS written inline. */
function widgetChart(html: string, rules: CssRule[]): { svg: string; width: number; height: number } | null {
  const { document } = parseHTML(html);
  const island = document.querySelector('.dl-island');
  if (!island) return null;
  const svgs = Array.from(island.querySelectorAll('svg')).filter((s) => !s.closest('button, .legend, .controls'));
  const areaOf = (s: Element) => {
    const vb = (s.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
    return (vb[2] || 0) * (vb[3] || 0);
  };
  // The first of the big charts: widgets put their main figure first.
  const maxArea = Math.max(0, ...svgs.map(areaOf));
  const best = svgs.find((s) => areaOf(s) >= 0.6 * maxArea && maxArea > 0) ?? null;
  if (!best) return null;
  const tokens = lightTokens(rules);
  const styles = new Map<Element, Map<string, string>>();
  for (const rule of rules) {
    const decls = rule.decls.filter(([p]) => SVG_PROPS.has(p));
    if (decls.length === 0) continue;
    for (const sel of rule.selectors) {
      if (/:(hover|focus|active|focus-visible|focus-within|checked|has|where|is|not)\b|::/.test(sel)) continue;
      let matched: Element[];
      try {
        matched = Array.from(best.querySelectorAll(sel));
        if (best.matches(sel)) matched.push(best);
      } catch {
        continue; // a selector linkedom does not support cannot style an SVG mark anyway
      }
      for (const el of matched) {
        const m = styles.get(el) ?? new Map<string, string>();
        for (const [p, v] of decls) m.set(p, resolveVars(v, tokens));
        styles.set(el, m);
      }
    }
  }
  for (const [el, m] of styles) {
    const own = el.getAttribute('style');
    const css = [...m].map(([p, v]) => `${p}:${v}`).join(';');
    el.setAttribute('style', own ? `${css};${own}` : css);
  }
  // Colours set as attributes (stroke="var(--dl-series-1)") need the same resolution.
  for (const el of [best, ...Array.from(best.querySelectorAll('*'))]) {
    for (const attr of ['fill', 'stroke', 'color', 'stop-color']) {
      const v = el.getAttribute(attr);
      if (v?.includes('var(')) el.setAttribute(attr, resolveVars(v, tokens));
    }
  }
  for (const el of Array.from(best.querySelectorAll('[class]'))) el.removeAttribute('class');
  best.removeAttribute('class');
  const [, , width, height] = (best.getAttribute('viewBox') ?? '0 0 640 360').split(/\s+/).map(Number);
  let markup = best.outerHTML.replace(/^<svg/, '<svg xmlns="http://www.w3.org/2000/svg"');
  // Rendering fallbacks for values resvg does not read: the chart font is a CSS variable.
  markup = markup.replace(/var\([^)]*\)/g, 'inherit');
  return { svg: markup, width, height };
}

/** Greedy line breaking by width: CJK characters are ~1 em wide, Latin ~0.55 em. */
export function wrap(text: string, maxEm: number, maxLines: number): string[] {
  const em = (s: string) =>
    [...s].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(c) ? 1 : c === ' ' ? 0.3 : 0.56), 0);
  const tokens = text.match(/[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const tok of tokens) {
    const next = line + tok;
    if (em(next.trim()) > maxEm && line.trim()) {
      lines.push(line.trim());
      line = tok.trimStart();
    } else line = next;
  }
  if (line.trim()) lines.push(line.trim());
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1].replace(/.$/, '')}…`;
    return kept;
  }
  return lines;
}

function card(opts: {
  title: string;
  kicker: string;
  site: string;
  chart: ReturnType<typeof widgetChart>;
  lang: string;
}): string {
  const { title, kicker, site, chart } = opts;
  const font = "'Noto Sans CJK SC', 'Noto Sans', 'DejaVu Sans', sans-serif";
  const textW = chart ? 470 : 1000;
  const size = chart ? 50 : 64;
  const lines = wrap(title, textW / size, chart ? 4 : 3);
  const titleSvg = lines
    .map(
      (l, i) =>
        `<text x="64" y="${210 + i * size * 1.25}" font-size="${size}" font-weight="700" fill="#1c1b19">${esc(l)}</text>`,
    )
    .join('');
  let chartSvg = '';
  if (chart) {
    const boxW = 600;
    const boxH = 470;
    const s = Math.min(boxW / chart.width, boxH / chart.height);
    const w = chart.width * s;
    const h = chart.height * s;
    const x = W - 56 - boxW + (boxW - w) / 2;
    const y = 80 + (boxH - h) / 2;
    chartSvg =
      `<rect x="${W - 56 - boxW - 16}" y="64" width="${boxW + 32}" height="${boxH + 32}" rx="18" fill="#ffffff" stroke="#dcd8cf"/>` +
      chart.svg.replace(
        /^<svg/,
        `<svg x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}"`,
      );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${esc(font)}">
<rect width="${W}" height="${H}" fill="#fbfaf7"/>
<rect width="${W}" height="10" fill="#0b62a8"/>
<text x="64" y="130" font-size="26" font-weight="600" fill="#0b62a8">${esc(kicker)}</text>
${titleSvg}
<text x="64" y="${H - 56}" font-size="24" fill="#55524b">${esc(site)}</text>
${chartSvg}
</svg>`;
}

function render(svg: string, file: string): void {
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: W },
    font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' },
  })
    .render()
    .asPng();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, png);
}

const isDeck = (file: string) => /(^|[/\\])present[/\\]/.test(relative(DIST, file));

export function generate(): number {
  let count = 0;
  const done = new Set<string>();
  // Slide decks borrow their topic's image: render each image from its own page, decks last.
  const files = htmlFiles(DIST).sort((a, b) => Number(isDeck(a)) - Number(isDeck(b)));
  for (const file of files) {
    const html = readFileSync(file, 'utf8');
    const og = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    if (!og) continue;
    const path = new URL(og).pathname;
    const base = (process.env.BASE_PATH ?? '/').replace(/\/$/, '');
    const target = join(DIST, path.slice(base.length));
    if (done.has(target)) continue;
    done.add(target);
    const title = (/<meta property="og:title" content="([^"]*)"/.exec(html)?.[1] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
    const kicker = (/<meta name="dl-kicker" content="([^"]*)"/.exec(html)?.[1] ?? '').replace(/&amp;/g, '&');
    const site = /<meta property="og:site_name" content="([^"]*)"/.exec(html)?.[1] ?? '';
    const chart = widgetChart(html, stylesheetRules(html));
    render(card({ title, kicker, site, chart, lang: /lang="en"/.test(html) ? 'en' : 'zh' }), target);
    count++;
  }
  return count;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  const n = generate();
  console.log(
    `og-images: ${n} preview images in ${relative('.', DIST)}/og (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
