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

/*
 * d3-format's `.N~f` and `.N~r`, the only two specifiers the site uses, written out: d3-format
 * (≈ 2 KB gzip with its locale, padding, grouping and SI machinery) was the largest d3 piece on
 * every page and embed. Same algorithm (toFixed / toExponential, then d3's trim of insignificant
 * zeros, "−" for negatives, no sign on a value that rounds to zero); format.test.ts holds both to
 * d3-format's output byte for byte over random doubles, digits, NaN and infinities.
 */

/** `.N~f`: fixed decimals, trailing zeros dropped, with a real minus sign (slider read-outs). */
export function formatFixed(v: number, decimals: number): string {
  return signed(v, Math.abs(v).toFixed(Math.max(0, Math.min(20, decimals))));
}

/** `.N~r`: N significant digits, never exponent notation. */
export function formatSignificant(v: number, digits: number): string {
  return signed(v, rounded(Math.abs(v), Math.max(1, Math.min(21, digits))));
}

/** `abs` is |v| written out ("NaN" and "Infinity" included, which the trim leaves alone). */
function signed(v: number, abs: string): string {
  const s = trimZeros(abs);
  // A negative value that rounds to zero (and -0 itself) shows no sign, as in d3.
  return v < 0 && +s !== 0 ? `−${s}` : s;
}

/** x > 0 to p significant digits in positional notation (d3-format's formatRounded). */
function rounded(x: number, p: number): string {
  if (!Number.isFinite(x) || x === 0) return String(x);
  const e = x.toExponential(p - 1);
  const i = e.indexOf('e');
  const digits = e.slice(0, i).replace('.', '');
  const k = +e.slice(i + 1);
  if (k < 0) return `0.${'0'.repeat(-k - 1)}${digits}`;
  if (digits.length > k + 1) return `${digits.slice(0, k + 1)}.${digits.slice(k + 1)}`;
  return digits + '0'.repeat(k + 1 - digits.length);
}

/** "1.2300" → "1.23", "4.000" → "4", "1.50e+21" → "1.5e+21" (d3-format's `~`). */
function trimZeros(s: string): string {
  const end = s.search(/[^\d.]/);
  const head = end < 0 ? s : s.slice(0, end);
  return head.includes('.') ? head.replace(/\.?0+$/, '') + s.slice(head.length) : s;
}

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
  if (a >= 1e-3 && a < 1e5) return formatSignificant(v, digits);
  const e = Math.floor(Math.log10(a));
  let m = v / 10 ** e;
  if (Math.abs(m) >= 9.9995) {
    m /= 10;
    return `${formatFixed(m, Math.max(0, digits - 1))} × ${powerOfTen(e + 1)}`;
  }
  return `${formatFixed(m, Math.max(0, digits - 1))} × ${powerOfTen(e)}`;
}

/** A quantity given by its base-10 logarithm, for values far below double precision (σ′(x)^L). */
export function formatLog10(lg: number, digits = 2): string {
  if (lg === -Infinity) return '0';
  if (Number.isNaN(lg)) return '—';
  if (lg > -300 && lg < 300) return formatNumber(10 ** lg, digits + 1);
  const e = Math.floor(lg);
  const m = 10 ** (lg - e);
  return `${formatFixed(m, digits)} × ${powerOfTen(e)}`;
}

const FROM_SUPERSCRIPT: Record<string, string> = Object.fromEntries(
  Object.entries(SUPERSCRIPT).map(([plain, sup]) => [sup, plain === '-' ? '−' : plain]),
);

export interface TextRun {
  text: string;
  /** Drawn raised (an exponent) or lowered (an index). */
  script?: 'sup' | 'sub';
}

/**
 * Splits UI text into plain runs, superscripts and subscripts, so views draw real <sup>/<sub>
 * (or shifted <tspan>s) rather than glyphs most text fonts lack or characters that read as code:
 * - Unicode superscript digits and signs: "1.6 × 10⁻¹⁰" → 10<sup>−10</sup>;
 * - a caret after a letter, digit or ")": "W^Q", "e^x", "(γ·g)^(T−k)" → W<sup>Q</sup>,
 *   e<sup>x</sup>, (γ·g)<sup>T−k</sup> (parentheses around a superscript are dropped);
 * - an underscore after a single letter: "p_drop", "h_L" → p<sub>drop</sub>, h<sub>L</sub>.
 *   Identifiers such as ceil_mode or one_hot (several letters before the underscore) stay as
 *   they are, since they name code.
 */
export function scriptRuns(s: string): TextRun[] {
  const runs: TextRun[] = [];
  const push = (text: string, script?: 'sup' | 'sub') => {
    if (!text) return;
    const last = runs[runs.length - 1];
    if (last && last.script === script) last.text += text;
    else runs.push(script ? { text, script } : { text });
  };
  const marked =
    /(?<=[\p{L}\p{N})])\^(?:\(([^()]+)\)|([\p{L}\p{N}−-]+))|(?<=(?:^|[^\p{L}\p{N}_])\p{L})_([\p{L}\p{N}]+)/gu;
  let last = 0;
  const plain = (text: string) => {
    for (const ch of text) {
      const up = FROM_SUPERSCRIPT[ch];
      push(up ?? ch, up === undefined ? undefined : 'sup');
    }
  };
  for (const m of s.matchAll(marked)) {
    plain(s.slice(last, m.index));
    if (m[3] !== undefined) push(m[3], 'sub');
    else push(m[1] ?? m[2], 'sup');
    last = m.index + m[0].length;
  }
  plain(s.slice(last));
  return runs.length ? runs : [{ text: '' }];
}
