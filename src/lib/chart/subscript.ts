const SUBSCRIPT: Record<string, string> = {
  '0': '₀',
  '1': '₁',
  '2': '₂',
  '3': '₃',
  '4': '₄',
  '5': '₅',
  '6': '₆',
  '7': '₇',
  '8': '₈',
  '9': '₉',
  '+': '₊',
  '-': '₋',
  '−': '₋',
  t: 'ₜ',
  k: 'ₖ',
  h: 'ₕ',
  x: 'ₓ',
};

/**
 * Unicode subscripts for indices in plain-text labels ("h" + subscript(30) → "h₃₀"): digits,
 * signs and the few letters Unicode has (t, k, h, x). Other characters pass through.
 */
export function subscript(s: number | string): string {
  return [...String(s)].map((c) => SUBSCRIPT[c] ?? c).join('');
}
