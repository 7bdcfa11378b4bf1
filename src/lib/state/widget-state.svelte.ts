import { untrack } from 'svelte';
import {
  defaults,
  formatValue,
  parseState,
  serializeState,
  type Schema,
  type StateIssue,
  type StateOf,
} from './schema.ts';
import { readHidden, readPrefixed, writePrefixed } from './url.ts';

/** Controls every widget frame may show besides its state controls (names usable in `hide=`). */
export const SHARED_CONTROLS = ['reset', 'embed', 'export', 'play', 'presets'] as const;

export interface WidgetStateOptions {
  /**
   * URL key prefix: the widget id on topic pages ("sigmoid-saturation.x"), null for
   * bare keys on embed pages, false to leave the URL alone (custom element, tests).
   */
  url: string | null | false;
  /** Controls to hide (from `hide=` or an embed attribute). */
  hidden?: readonly string[];
}

/**
 * A widget instance's state: values that always satisfy the schema, the issues
 * found in outside input (shown as a note), and the two-way link with the URL.
 */
export class WidgetState<S extends Schema> {
  values: StateOf<S> = $state() as StateOf<S>;
  issues: StateIssue[] = $state([]);
  hidden: string[] = $state([]);
  readonly schema: S;
  readonly url: string | null | false;
  /** Where this instance starts: the schema's defaults plus the author's preset (prose props). */
  readonly base: StateOf<S>;

  constructor(
    schema: S,
    initial: Readonly<Record<string, unknown>> = {},
    options: WidgetStateOptions = { url: false },
  ) {
    this.schema = schema;
    this.url = options.url;
    const { state, issues } = parseState(schema, initial);
    this.base = state;
    this.values = { ...state };
    this.issues = issues;
    this.hide(options.hidden ?? []);
  }

  /**
   * Applies outside input on top of the current values (URL, attributes, postMessage). A value
   * that cannot be read falls back to where this instance started, as a URL without that key
   * would: a bad corpus= on the English page keeps the English corpus.
   */
  apply(input: Readonly<Record<string, unknown>>): void {
    const { state, issues } = parseState(this.schema, input, this.values, this.base);
    this.values = state;
    // `seed` is a shared embed parameter: widgets without randomness simply do not use it.
    this.issues = issues.filter((i) => !(i.kind === 'unknown-key' && i.key === 'seed'));
  }

  /**
   * Sets the controls to hide (`hide=` / the embed attribute). Names that are not
   * controls of this widget are reported, not silently dropped.
   */
  hide(names: readonly string[]): void {
    const known: readonly string[] = [...Object.keys(this.schema), ...SHARED_CONTROLS];
    this.hidden = names.filter((n) => known.includes(n));
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length) {
      this.issues = [
        ...this.issues,
        ...unknown.map((raw) => ({ key: 'hide', raw, kind: 'unknown-hide' as const, used: '' })),
      ];
    }
  }

  /** Back to where this instance started (the author's preset, if any). */
  reset(): void {
    this.values = { ...this.base };
    this.issues = [];
  }

  dismissIssues(): void {
    this.issues = [];
  }

  /** What this page's URL needs to restore the state: only what differs from the instance's start. */
  query(): Record<string, string> {
    const now = serializeState(this.schema, this.values);
    const start = serializeState(this.schema, this.base);
    const out: Record<string, string> = {};
    for (const key of Object.keys(this.schema)) {
      const v = now[key] ?? formatValue(this.schema[key], defaults(this.schema)[key]);
      const b = start[key] ?? formatValue(this.schema[key], defaults(this.schema)[key]);
      if (v !== b) out[key] = v;
    }
    return out;
  }

  /** The complete state relative to the schema's defaults, for places that start from them (embeds, exports). */
  fullQuery(): Record<string, string> {
    return serializeState(this.schema, this.values);
  }

  /**
   * Reads state from the URL once after hydration and writes it back (debounced,
   * replaceState: dragging a slider must not flood the history). Called by
   * WidgetShell (through UrlSync) during component initialisation.
   */
  bindUrl(): void {
    const prefix = this.url;
    if (prefix === false) return;
    $effect(() =>
      untrack(() => {
        const fromUrl = readPrefixed(location.search, prefix);
        if (Object.keys(fromUrl).length > 0) this.apply(fromUrl);
        const hide = readHidden(location.search, prefix);
        if (hide.length > 0) this.hide(hide);
      }),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    $effect(() => {
      const q = this.query();
      clearTimeout(timer);
      timer = setTimeout(() => {
        const search = writePrefixed(location.search, prefix, q);
        if (search !== location.search)
          history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
      }, 250);
      return () => clearTimeout(timer);
    });
  }
}
