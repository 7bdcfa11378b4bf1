import type { WidgetId } from './registry.ts';
import { snapshot as gradientDepth } from './gradient-depth/snapshot.ts';

/**
 * Build-time first figures for widgets whose first result is too costly to recompute, or
 * whose code is too large to ship, on hydration. Widget.astro passes the result to the island
 * as its `snapshot` prop; the page's own JavaScript never imports this file.
 */
type Snapshot = (init: Readonly<Record<string, unknown>>) => string;
const BY_ID = { 'gradient-depth': gradientDepth } satisfies Partial<Record<WidgetId, Snapshot>>;
export const SNAPSHOTS: Readonly<Record<string, Snapshot | undefined>> = BY_ID;
