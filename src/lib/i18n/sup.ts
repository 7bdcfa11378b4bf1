/**
 * Splits a UI string at superscripts written as `X^Y` (a letter or digit, a caret, then
 * letters, digits or a minus sign), so a view can render W^Q as W<sup>Q</sup>: Unicode has no
 * superscript Q, and a literal caret reads as code. Text without a caret is one plain part.
 */
export interface TextPart {
  text: string;
  sup?: boolean;
}

export function supParts(s: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of s.matchAll(/(?<=[\p{L}\p{N}])\^([\p{L}\p{N}−-]+)/gu)) {
    if (m.index > last) parts.push({ text: s.slice(last, m.index) });
    parts.push({ text: m[1], sup: true });
    last = m.index + m[0].length;
  }
  if (last < s.length || parts.length === 0) parts.push({ text: s.slice(last) });
  return parts;
}
