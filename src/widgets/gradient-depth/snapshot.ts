import { parseState } from '../../lib/state/schema.ts';
import { computeDepth } from './compute.ts';
import { configsOf, serializeResults } from './model.ts';
import { schema } from './state.ts';

/**
 * The first figure, computed at build time for the state the author set in prose and carried
 * to the browser as a prop, so hydration starts from the same numbers without shipping the
 * network code (src/core/mlp) with the page. Build-time only: imported by Widget.astro.
 */
export function snapshot(init: Readonly<Record<string, unknown>>): string {
  const { state } = parseState(schema, init);
  return serializeResults(configsOf(state).map((c) => computeDepth(c)));
}
