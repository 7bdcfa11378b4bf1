import { describe, expect, it } from 'vitest';
import { islandStrings } from '../src/lib/i18n/island-strings.ts';
import { shareIslandStrings } from './island-strings.mjs';

/** An island as Astro writes it: props as [type, value] pairs, JSON escaped into an attribute. */
const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
const serialise = (strings: Record<string, string>, init: Record<string, unknown> = {}) =>
  JSON.stringify({
    strings: [0, Object.fromEntries(Object.entries(strings).map(([k, v]) => [k, [0, v]]))],
    init: [0, init],
    url: [0, 'w'],
  });
const island = (uid: string, props: string) =>
  `<astro-island uid="${uid}" component-url="/_astro/W.js" props="${escape(props)}" ssr><div>…</div></astro-island>`;

/** Enough of a document for islandStrings: finds an island by uid and returns its unescaped props. */
function documentOf(html: string) {
  return {
    querySelector(selector: string) {
      const uid = /uid="([^"]+)"/.exec(selector)?.[1];
      const tag = new RegExp(`<astro-island uid="${uid}"[^>]*props="([^"]*)"`).exec(html);
      if (!tag) return null;
      const value = tag[1].replace(
        /&(quot|#39|lt|gt|amp);/g,
        (_, e: string) => ({ quot: '"', '#39': "'", lt: '<', gt: '>', amp: '&' })[e]!,
      );
      return { getAttribute: () => value };
    },
  };
}

const A = { 'w.title': 'Attention “heat” <map> & co', 'w.note': "it's 50 %" };
const B = { 'w.title': 'Another widget' };

describe('shareIslandStrings', () => {
  const page =
    '<p>before</p>' +
    island('u1', serialise(A, { d: 4 })) +
    '<p>between</p>' +
    island('u2', serialise(A, { d: 16 })) +
    island('u3', serialise(B)) +
    island('u4', serialise(A));

  it('keeps the first copy of each set of strings and points later islands at it', () => {
    const { html, shared } = shareIslandStrings(page);
    expect(shared).toBe(2);
    expect(html.length).toBeLessThan(page.length);
    const doc = documentOf(html);
    const props = (uid: string) => JSON.parse(doc.querySelector(`astro-island[uid="${uid}"]`)!.getAttribute());
    expect(props('u1')).toEqual(JSON.parse(serialise(A, { d: 4 })));
    expect(props('u3')).toEqual(JSON.parse(serialise(B)));
    // The other props stay, in their order; only the strings become a reference.
    expect(Object.keys(props('u2'))).toEqual(['stringsFrom', 'init', 'url']);
    expect(props('u2').stringsFrom).toEqual([0, 'u1']);
    expect(props('u2').init).toEqual([0, { d: 16 }]);
    expect(props('u4').stringsFrom).toEqual([0, 'u1']);
    // Everything outside the rewritten attributes is unchanged.
    expect(html.replace(/props="[^"]*"/g, '')).toBe(page.replace(/props="[^"]*"/g, ''));
  });

  it('the island entry reads the shared strings back, escapes and all', () => {
    const { html } = shareIslandStrings(page);
    const doc = documentOf(html);
    expect(islandStrings({ stringsFrom: 'u1' }, doc)).toEqual(A);
    expect(islandStrings({ strings: B, stringsFrom: 'u1' }, doc)).toEqual(B);
    expect(islandStrings({ stringsFrom: 'nope' }, doc)).toEqual({});
    expect(islandStrings({ stringsFrom: '"] *, [x="' }, doc)).toEqual({});
    expect(islandStrings({ stringsFrom: 'u1' }, undefined)).toEqual({});
  });

  it('leaves a page whose islands all differ, or that has none, byte for byte as it was', () => {
    const alone = island('u1', serialise(A)) + island('u2', serialise(B));
    expect(shareIslandStrings(alone)).toEqual({ html: alone, shared: 0 });
    expect(shareIslandStrings('<p>no islands</p>')).toEqual({ html: '<p>no islands</p>', shared: 0 });
    const noProps = '<astro-island uid="a"></astro-island><astro-island uid="b" props="{not json"></astro-island>';
    expect(shareIslandStrings(noProps).shared).toBe(0);
  });
});
