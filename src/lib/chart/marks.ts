/**
 * Path data for small marks (dots, squares, bars) that a chart draws many of as one <path>:
 * when a step moves them all, the browser lays out one element instead of hundreds.
 * Coordinates are rounded to 0.01 px.
 */
const r2 = (v: number) => Math.round(v * 100) / 100;

/** A circle of radius r centred on (cx, cy), as two half-circle arcs. */
export function circleAt(cx: number, cy: number, r: number): string {
  const d = r2(2 * r);
  return `M${r2(cx - r)} ${r2(cy)}a${r2(r)} ${r2(r)} 0 1 0 ${d} 0a${r2(r)} ${r2(r)} 0 1 0 ${-d} 0z`;
}

/** A w × h rectangle with its top-left corner at (x, y). */
export function rectAt(x: number, y: number, w: number, h: number): string {
  return `M${r2(x)} ${r2(y)}h${r2(w)}v${r2(h)}h${-r2(w)}z`;
}
