/**
 * Query-string plumbing for widget state. On a topic page several widgets share one
 * URL, so each owns the keys under its prefix ("sigmoid-saturation.x=2"); an embed
 * page has a single widget and uses bare keys ("x=2"). Keys that belong to someone
 * else are left untouched.
 */

/** Reserved keys that are never widget state (embed options, presenter, analytics). */
/** Keys that are never widget state. (`seed` is state for the widgets whose schema has one.) */
export const RESERVED_KEYS = new Set(['lang', 'theme', 'hide', 'slide', 'utm_source', 'utm_medium', 'utm_campaign']);

export function readPrefixed(search: string, prefix: string | null): Record<string, string> {
  const params = new URLSearchParams(search);
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    if (prefix === null) {
      if (!k.includes('.') && !RESERVED_KEYS.has(k)) out[k] = v;
    } else if (k.startsWith(`${prefix}.`)) {
      const key = k.slice(prefix.length + 1);
      if (key !== 'hide') out[key] = v;
    }
  }
  return out;
}

/** Replaces this widget's keys in `search` with `values`, keeping every other key and its order. */
export function writePrefixed(search: string, prefix: string | null, values: Record<string, string>): string {
  const params = new URLSearchParams(search);
  for (const k of [...params.keys()]) {
    const mine =
      prefix === null
        ? !k.includes('.') && !RESERVED_KEYS.has(k)
        : k.startsWith(`${prefix}.`) && k !== `${prefix}.hide`;
    if (mine) params.delete(k);
  }
  for (const [k, v] of Object.entries(values)) params.set(prefix === null ? k : `${prefix}.${k}`, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The `hide=` list (controls to hide), from `hide` or `<prefix>.hide`. */
export function readHidden(search: string, prefix: string | null): string[] {
  const params = new URLSearchParams(search);
  const raw = params.get(prefix === null ? 'hide' : `${prefix}.hide`) ?? '';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
