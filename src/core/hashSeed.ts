/**
 * Deterministic 32-bit seeds derived from strings and small integers, so that a value
 * (a token's vector, a weight column) can be regenerated on its own, in any order,
 * without replaying one long random stream.
 */

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seed from a base seed and any number of integer parts (order matters). */
export function mixSeed(seed: number, ...parts: number[]): number {
  let h = fmix32((Math.trunc(seed) >>> 0) ^ 0x9e3779b9);
  for (const p of parts) h = fmix32((h ^ (Math.trunc(p) >>> 0)) + 0x7f4a7c15);
  return h;
}

/** FNV-1a over the string's UTF-16 code units, mixed with a seed: same string, same seed → same value. */
export function hashString(s: string, seed = 0): number {
  let h = 0x811c9dc5 ^ fmix32(Math.trunc(seed) >>> 0);
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h ^ s.length);
}
