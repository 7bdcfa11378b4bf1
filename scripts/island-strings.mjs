/**
 * One copy of a widget's strings per page (an Astro integration; runs after a build).
 *
 * Astro serialises every island's props into its `props` attribute, so a page with the same
 * widget twice carried the widget's UI strings twice: 8–9 KB of escaped JSON per attention
 * widget on /transformer/. The copies sit more than gzip's 32 KB window apart, so compression
 * did not catch them (≈ 2.5–4 KB gzip per repeat). After the build this step keeps the strings
 * in the first island that has them and gives every later island with the same strings a
 * `stringsFrom` prop instead, the first island's `uid`. The island entry reads them back from
 * that island's props attribute (src/lib/i18n/island-strings.ts); the first island comes
 * earlier in the document, so it is parsed before any island that points at it.
 *
 * Only whole, identical `strings` objects are shared, and only within one page; everything
 * else in the HTML is left byte for byte as it was.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { decodeEntities, htmlFiles } from './built-html.mjs';

function escapeAttr(s) {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Rewrites one page. Returns the new HTML and how many islands now point at another one's
 * strings (0: the HTML is returned unchanged).
 */
export function shareIslandStrings(html) {
  const first = new Map();
  let shared = 0;
  const out = html.replace(/<astro-island\b[^>]*>/g, (tag) => {
    const uid = /\suid="([^"]+)"/.exec(tag)?.[1];
    const attr = /\sprops="([^"]*)"/.exec(tag);
    if (!uid || !attr) return tag;
    let props;
    try {
      props = JSON.parse(decodeEntities(attr[1]));
    } catch {
      return tag;
    }
    if (!props || typeof props !== 'object' || !Array.isArray(props.strings)) return tag;
    const key = JSON.stringify(props.strings);
    const owner = first.get(key);
    if (owner === undefined) {
      first.set(key, uid);
      return tag;
    }
    const next = {};
    for (const [k, v] of Object.entries(props)) {
      if (k === 'strings') next.stringsFrom = [0, owner];
      else next[k] = v;
    }
    shared++;
    return tag.replace(attr[0], () => ` props="${escapeAttr(JSON.stringify(next))}"`);
  });
  return { html: shared ? out : html, shared };
}

/** Runs shareIslandStrings over every page of a build. */
export async function shareBuildIslandStrings(dir) {
  const stats = { pages: 0, islands: 0, bytes: 0 };
  for await (const file of htmlFiles(dir)) {
    const html = await readFile(file, 'utf8');
    const { html: out, shared } = shareIslandStrings(html);
    if (!shared) continue;
    await writeFile(file, out);
    stats.pages++;
    stats.islands += shared;
    stats.bytes += Buffer.byteLength(html) - Buffer.byteLength(out);
  }
  return stats;
}

/** The integration. */
export function islandStringSharing() {
  return {
    name: 'dl-island-strings',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const s = await shareBuildIslandStrings(fileURLToPath(dir));
        logger.info(
          `Island strings shared: ${s.islands} islands on ${s.pages} pages, ${(s.bytes / 1024).toFixed(0)} KB less HTML`,
        );
      },
    },
  };
}
