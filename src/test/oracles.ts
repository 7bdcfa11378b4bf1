import raw from '../core/__fixtures__/oracles.json' with { type: 'json' };

/**
 * The content brief's 320 oracle values (copied from shared/content-brief-oracles.json
 * into the repo; tests never read outside it). Exact rationals are stored as "p/q".
 */
type Value = number | string | Array<number | string | Array<number | string>>;
const table = raw as Record<string, Value>;

function toNumber(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)\/(\d+)$/.exec(v);
  if (m) return Number(m[1]) / Number(m[2]);
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`oracle value ${v} is not numeric`);
  return n;
}

export function oracle(key: string): number {
  const v = table[key];
  if (v === undefined) throw new Error(`no oracle "${key}"`);
  if (Array.isArray(v)) throw new Error(`oracle "${key}" is a list; use oracleList`);
  return toNumber(v);
}

export function oracleList(key: string): number[] {
  const v = table[key];
  if (!Array.isArray(v)) throw new Error(`oracle "${key}" is not a list`);
  return v.flat().map(toNumber);
}

/** The raw value, for exact comparisons of rationals and nested lists. */
export function oracleRaw(key: string): Value {
  const v = table[key];
  if (v === undefined) throw new Error(`no oracle "${key}"`);
  return v;
}

export function oracleKeys(prefix: string): string[] {
  return Object.keys(table).filter((k) => k.startsWith(prefix));
}
