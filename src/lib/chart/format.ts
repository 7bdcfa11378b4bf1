import { format } from 'd3-format';

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  l: 'ˡ',
};

export function superscript(n: number | string): string {
  return String(n).replace(/[-0-9l]/g, (c) => SUPERSCRIPT[c]);
}

/** "10⁻⁶" for a power of ten given by its exponent. */
export function powerOfTen(exponent: number): string {
  return exponent === 0 ? '1' : exponent === 1 ? '10' : `10${superscript(exponent)}`;
}

// d3-format parses its specifier each time format() is called: keep one formatter per spec,
// since widgets format dozens of numbers on every slider step.
const formatters = new Map<string, (v: number) => string>();
function cached(spec: string): (v: number) => string {
  let f = formatters.get(spec);
  if (!f) formatters.set(spec, (f = format(spec)));
  return f;
}
const fixed = (digits: number) => cached(`.${digits}~f`);
const sig = (digits: number) => cached(`.${digits}~r`);

/**
 * A number as a person reads it: plain in [1e−3, 1e5), otherwise "1.6 × 10⁻¹⁰".
 * Non-finite values are named ("overflow", "−overflow") instead of printing NaN.
 */
export function formatNumber(v: number, digits = 3, { overflow = 'overflow' } = {}): string {
  if (Number.isNaN(v)) return '—';
  if (v === Infinity) return overflow;
  if (v === -Infinity) return `−${overflow}`;
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e-3 && a < 1e5) return sig(digits)(v).replace('-', '−');
  const e = Math.floor(Math.log10(a));
  let m = v / 10 ** e;
  if (Math.abs(m) >= 9.9995) {
    m /= 10;
    return `${fixed(Math.max(0, digits - 1))(m).replace('-', '−')} × ${powerOfTen(e + 1)}`;
  }
  return `${fixed(Math.max(0, digits - 1))(m).replace('-', '−')} × ${powerOfTen(e)}`;
}

/** A quantity given by its base-10 logarithm, for values far below double precision (σ′(x)^L). */
export function formatLog10(lg: number, digits = 2): string {
  if (lg === -Infinity) return '0';
  if (Number.isNaN(lg)) return '—';
  if (lg > -300 && lg < 300) return formatNumber(10 ** lg, digits + 1);
  const e = Math.floor(lg);
  const m = 10 ** (lg - e);
  return `${fixed(digits)(m)} × ${powerOfTen(e)}`;
}

/** Fixed decimals with a real minus sign, for slider read-outs. */
export function formatFixed(v: number, decimals: number): string {
  return fixed(decimals)(v).replace('-', '−');
}

const FROM_SUPERSCRIPT: Record<string, string> = Object.fromEntries(
  Object.entries(SUPERSCRIPT).map(([plain, sup]) => [sup, plain === '-' ? '−' : plain]),
);

/**
 * Splits "1.6 × 10⁻¹⁰" into runs of plain text and superscripts, so views can draw
 * real superscripts (<sup>, <tspan>) instead of Unicode superscript digits, which
 * most text fonts lack and fall back on mismatched glyphs.
 */
export function splitSuperscripts(s: string): { text: string; sup: boolean }[] {
  const runs: { text: string; sup: boolean }[] = [];
  for (const ch of s) {
    const plain = FROM_SUPERSCRIPT[ch];
    const sup = plain !== undefined;
    const c = sup ? plain : ch;
    const last = runs[runs.length - 1];
    if (last && last.sup === sup) last.text += c;
    else runs.push({ text: c, sup });
  }
  return runs;
}
