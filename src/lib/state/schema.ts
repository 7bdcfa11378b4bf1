/**
 * Widget state schemas: defaults, ranges, and parsing of values that come from
 * outside (URL query, embed attributes, prose props) with clear, non-fatal issues.
 * Pure TypeScript so the same schema serves pages, embeds, tests and the presenter.
 */

export interface NumberField {
  readonly kind: 'number';
  readonly default: number;
  readonly min: number;
  readonly max: number;
  /** Granularity of the control and of the URL (0.01 → two decimals; 1 → integers). */
  readonly step: number;
}
export interface EnumField<V extends string = string> {
  readonly kind: 'enum';
  readonly default: V;
  readonly values: readonly V[];
}
export interface BooleanField {
  readonly kind: 'boolean';
  readonly default: boolean;
}
export interface TextField {
  readonly kind: 'text';
  readonly default: string;
  readonly maxLength: number;
}
export interface NumbersField {
  readonly kind: 'numbers';
  readonly default: readonly number[];
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly minLength: number;
  readonly maxLength: number;
}
export type Field = NumberField | EnumField | BooleanField | TextField | NumbersField;
export type Schema = Readonly<Record<string, Field>>;

type ValueOf<F> = F extends NumberField
  ? number
  : F extends EnumField<infer V>
    ? V
    : F extends BooleanField
      ? boolean
      : F extends TextField
        ? string
        : F extends NumbersField
          ? number[]
          : never;
export type StateOf<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export const num = (def: number, min: number, max: number, step: number): NumberField => ({
  kind: 'number',
  default: def,
  min,
  max,
  step,
});
export const choice = <const V extends string>(values: readonly V[], def: NoInfer<V>): EnumField<V> => ({
  kind: 'enum',
  default: def,
  values,
});
export const flag = (def: boolean): BooleanField => ({ kind: 'boolean', default: def });
export const text = (def: string, maxLength: number): TextField => ({ kind: 'text', default: def, maxLength });
export const numbers = (
  def: readonly number[],
  opts: { min: number; max: number; step: number; minLength: number; maxLength: number },
): NumbersField => ({ kind: 'numbers', default: def, ...opts });

export type IssueKind = 'malformed' | 'clamped' | 'truncated' | 'unknown-key' | 'unknown-hide';
export interface StateIssue {
  readonly key: string;
  readonly raw: string;
  readonly kind: IssueKind;
  /** The value used instead, as it would appear in a URL. */
  readonly used: string;
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(schema)) out[k] = f.kind === 'numbers' ? [...f.default] : f.default;
  return out as StateOf<S>;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

function decimals(step: number): number {
  if (!(step > 0) || step >= 1) return 0;
  return Math.min(12, Math.ceil(-Math.log10(step) - 1e-9));
}

/** Snap to the field's step and range. */
export function clampToField(f: NumberField | NumbersField, v: number): number {
  const snapped = Math.round((v - f.min) / f.step) * f.step + f.min;
  const bounded = Math.min(f.max, Math.max(f.min, snapped));
  return Number(bounded.toFixed(decimals(f.step)));
}

export function formatValue(f: Field, v: unknown): string {
  switch (f.kind) {
    case 'number':
      return String(Number((v as number).toFixed(decimals(f.step))));
    case 'numbers':
      return (v as number[]).map((x) => String(Number(x.toFixed(decimals(f.step))))).join(',');
    case 'boolean':
      return v ? '1' : '0';
    default:
      return String(v);
  }
}

function readNumber(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== 'string' || !NUMBER.test(raw.trim())) return null;
  const v = Number(raw.trim());
  return Number.isFinite(v) ? v : null;
}

function show(raw: unknown): string {
  const s = Array.isArray(raw) ? raw.join(',') : String(raw);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/**
 * Reads outside values into a complete, valid state. Every value that could not be
 * used as given yields an issue (shown to the reader) and falls back to the nearest
 * valid value or the default; nothing throws and nothing becomes NaN. Keys not in `input`
 * keep their value in `base`; an unreadable value takes its value in `fallback`, the
 * default of this instance (the schema's, or the author's preset on a page).
 */
export function parseState<S extends Schema>(
  schema: S,
  input: Readonly<Record<string, unknown>>,
  base: StateOf<S> = defaults(schema),
  fallback: StateOf<S> = defaults(schema),
): { state: StateOf<S>; issues: StateIssue[] } {
  const state = { ...base } as Record<string, unknown>;
  const issues: StateIssue[] = [];
  for (const [key, raw] of Object.entries(input)) {
    const f = schema[key];
    if (!f) {
      issues.push({ key, raw: show(raw), kind: 'unknown-key', used: '' });
      continue;
    }
    const { value, kind } = readField(f, raw, (fallback as Record<string, unknown>)[key] ?? f.default);
    state[key] = value;
    if (kind) issues.push({ key, raw: show(raw), kind, used: formatValue(f, value) });
  }
  return { state: state as StateOf<S>, issues };
}

function readField(f: Field, raw: unknown, fallback: unknown): { value: unknown; kind?: IssueKind } {
  switch (f.kind) {
    case 'number': {
      const v = readNumber(raw);
      if (v === null) return { value: fallback, kind: 'malformed' };
      const c = clampToField(f, v);
      return Math.abs(c - v) > 1e-9 * Math.max(1, Math.abs(v)) ? { value: c, kind: 'clamped' } : { value: c };
    }
    case 'enum': {
      const s = String(raw);
      if ((f.values as readonly string[]).includes(s)) return { value: s };
      // Forgive case ("ReLU" for "relu") but say so.
      const ci = f.values.find((v) => v.toLowerCase() === s.toLowerCase());
      return ci ? { value: ci, kind: 'clamped' } : { value: fallback, kind: 'malformed' };
    }
    case 'boolean': {
      if (raw === true || raw === false) return { value: raw };
      const s = String(raw).toLowerCase();
      if (['1', 'true', 'yes', 'on', ''].includes(s)) return { value: true };
      if (['0', 'false', 'no', 'off'].includes(s)) return { value: false };
      return { value: fallback, kind: 'malformed' };
    }
    case 'text': {
      if (typeof raw !== 'string' && typeof raw !== 'number') return { value: fallback, kind: 'malformed' };
      const chars = [...String(raw)];
      return chars.length > f.maxLength
        ? { value: chars.slice(0, f.maxLength).join(''), kind: 'truncated' }
        : { value: String(raw) };
    }
    case 'numbers': {
      const parts = Array.isArray(raw) ? raw : String(raw).split(',');
      const values = parts.map(readNumber);
      if (values.length < f.minLength || values.some((v) => v === null)) {
        return { value: [...(fallback as readonly number[])], kind: 'malformed' };
      }
      let kind: IssueKind | undefined;
      let out = (values as number[]).map((v) => {
        const c = clampToField(f, v);
        if (Math.abs(c - v) > 1e-9 * Math.max(1, Math.abs(v))) kind = 'clamped';
        return c;
      });
      if (out.length > f.maxLength) {
        out = out.slice(0, f.maxLength);
        kind = 'truncated';
      }
      return { value: out, kind };
    }
  }
}

/** The state as query values, leaving out what equals the default (short links). */
export function serializeState<S extends Schema>(schema: S, state: StateOf<S>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, f] of Object.entries(schema)) {
    const v = formatValue(f, (state as Record<string, unknown>)[key]);
    if (v !== formatValue(f, f.default)) out[key] = v;
  }
  return out;
}
