/**
 * Cell fills for heatmaps and grids, from theme tokens only: a tint of a series colour over
 * the surface. The strongest tint is capped so that labels drawn in var(--dl-text) stay
 * readable on every cell in the light, dark and projector themes (≥ 4.5:1).
 */
export const MAX_TINT = 0.58;

/** t ∈ [0, 1] → surface … series colour (capped at MAX_TINT). */
export function tint(t: number, color = 'var(--dl-series-1)'): string {
  const c = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  const pct = Math.round(c * MAX_TINT * 100);
  return pct === 0 ? 'var(--dl-surface)' : `color-mix(in srgb, ${color} ${pct}%, var(--dl-surface))`;
}

/** t ∈ [−1, 1] → negative: series-2 (vermillion) tint, positive: series-1 (blue) tint. */
export function divergingTint(t: number, neg = 'var(--dl-series-2)', pos = 'var(--dl-series-1)'): string {
  const c = Number.isFinite(t) ? t : 0;
  return c < 0 ? tint(-c, neg) : tint(c, pos);
}
