/**
 * A widget island's UI strings. When one widget appears several times on a page, the build
 * keeps its strings in the first island's props only and gives the later islands
 * `stringsFrom`, the first island's uid (scripts/island-strings.mjs); this reads them back
 * from that island's `props` attribute. An island that has its strings (the first one, embed
 * pages, a <dl-widget> element) uses them as they are.
 */
export type Strings = Record<string, string>;

/** The props an island entry receives: its view's props, with the strings possibly shared. */
export type IslandProps<P extends { strings: Strings }> = Omit<P, 'strings'> & {
  strings?: Strings;
  /** uid of the island on this page that carries the strings. */
  stringsFrom?: string;
};

interface Lookup {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
}

export function islandStrings(
  props: { strings?: Strings; stringsFrom?: string },
  doc: Lookup | undefined = typeof document === 'undefined' ? undefined : document,
): Strings {
  if (props.strings) return props.strings;
  const uid = props.stringsFrom;
  if (!doc || !uid || !/^[\w-]+$/.test(uid)) return {};
  const raw = doc.querySelector(`astro-island[uid="${uid}"]`)?.getAttribute('props');
  if (!raw) return {};
  try {
    // Astro's serialisation: every value is a [type, value] pair, 0 for plain values.
    const [, entries] = JSON.parse(raw).strings as [number, Record<string, [number, string]>];
    return Object.fromEntries(Object.entries(entries).map(([k, [, v]]) => [k, v]));
  } catch {
    return {};
  }
}
