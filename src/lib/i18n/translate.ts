export type Dict = Readonly<Record<string, string>>;
export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: string, params?: Params) => string;

/**
 * t("sigmoid.readout", { x: "2.00" }) with `{name}` placeholders. A missing key is
 * returned as the key itself in brackets, so it is visible rather than silently blank;
 * a unit test keeps the zh and en dictionaries' keys identical.
 */
export function createTranslate(dict: Dict): Translate {
  return (key, params) => {
    const template = dict[key];
    if (template === undefined) return `[${key}]`;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
  };
}

/** The entries a widget needs (its own prefix plus shared UI), so islands carry only their strings. */
export function pick(dict: Dict, prefixes: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dict)) {
    if (prefixes.some((p) => k.startsWith(p))) out[k] = v;
  }
  return out;
}
