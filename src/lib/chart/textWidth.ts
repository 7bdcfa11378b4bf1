/**
 * A conservative width estimate for a line of chart text, for choosing between a long and a
 * short label before anything is measured (the server render has no fonts to measure with).
 * Wide (CJK, full-width) characters count 1 em, everything else 0.62 em, which covers the
 * widest common sans-serif faces (DejaVu Sans, Verdana-like system faces).
 */
export function estimateTextWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    em += wide ? 1 : 0.62;
  }
  return em * fontPx;
}

/** The first label that fits in `maxPx`, or the last (shortest) one. */
export function fitLabel(labels: readonly string[], maxPx: number, fontPx: number): string {
  for (const l of labels) if (estimateTextWidth(l, fontPx) <= maxPx) return l;
  return labels[labels.length - 1];
}
