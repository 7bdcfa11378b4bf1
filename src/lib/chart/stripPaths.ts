/** Shades per sign: |v| / range is rounded to one of these (0 draws nothing). */
export const STRIP_LEVELS = 16;

export interface StripPath {
  /** `n1`…`n16` (negative), `p1`…`p16` (positive), `x` (not finite). */
  key: string;
  fill: string;
  opacity: number;
  d: string;
}

export interface StripGeometry {
  x: number;
  y: number;
  /** Cell pitch (width and height of one cell including its gap). */
  cw: number;
  ch: number;
  gap: number;
  negative: string;
  positive: string;
}

/**
 * The cells of a rows × cols strip of signed values as one path per (sign, shade), so a strip
 * of thousands of cells is a few dozen elements (cheap to update at 60 fps). Non-finite values
 * are drawn in the text colour. The paths come in a fixed order (negative shades, positive
 * shades, non-finite), not in the order the scan first meets them: that order changed with the
 * values, and a keyed list then moved paths around in the DOM on every update.
 */
export function stripPaths(
  values: ArrayLike<number>,
  rows: number,
  cols: number,
  range: number,
  { x, y, cw, ch, gap, negative, positive }: StripGeometry,
): StripPath[] {
  const L = STRIP_LEVELS;
  const groups: ({ key: string; fill: string; opacity: number; d: string[]; ax: number; ay: number } | undefined)[] =
    [];
  const w = Math.max(0.5, cw - gap);
  const h = Math.max(0.5, ch - gap);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      // Slots 1…L negative shades, L+1…2L positive, 2L+1 non-finite: the paths' fixed order.
      let level = L;
      let slot = 2 * L + 1;
      if (Number.isFinite(v)) {
        level = range > 0 ? Math.round(Math.min(1, Math.abs(v) / range) * L) : 0;
        if (level === 0) continue;
        slot = v < 0 ? level : L + level;
      }
      // The key and fill are built once per path, not once per cell.
      const grp = (groups[slot] ??=
        slot > 2 * L
          ? { key: 'x', fill: 'var(--dl-text)', opacity: 1, d: [], ax: NaN, ay: NaN }
          : {
              key: `${v < 0 ? 'n' : 'p'}${level}`,
              fill: v < 0 ? negative : positive,
              opacity: level / L,
              d: [],
              ax: NaN,
              ay: NaN,
            });
      // Rounded once, so the relative moves below add up to the same positions.
      const cx = +(x + j * cw + gap / 2).toFixed(1);
      const cy = +(y + i * ch + gap / 2).toFixed(1);
      // After "z" the pen is back at the previous cell's corner: a relative move from there
      // ("m10.3 0") is shorter and compresses far better in the page than an absolute one.
      const move = grp.d.length > 0 ? `m${+(cx - grp.ax).toFixed(1)} ${+(cy - grp.ay).toFixed(1)}` : `M${cx} ${cy}`;
      grp.ax = cx;
      grp.ay = cy;
      grp.d.push(`${move}h${w.toFixed(1)}v${h.toFixed(1)}h${(-w).toFixed(1)}z`);
    }
  }
  return groups.flatMap((grp) =>
    grp ? [{ key: grp.key, fill: grp.fill, opacity: grp.opacity, d: grp.d.join('') }] : [],
  );
}
