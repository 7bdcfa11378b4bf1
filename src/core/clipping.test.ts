import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { clipByNorm, clipByValue, clipScale, globalNorm } from './clipping.ts';
import { cosine, norm } from './vec.ts';

describe('clipping against the brief (T2.5)', () => {
  it('clip by norm', () => {
    assertClose(clipByNorm([3, 4], 1), oracleList('clipnorm([3,4],1)'));
    assertClose(clipByNorm([3, 4], 1, { eps: 1e-6 }), oracleList('clipnorm([3,4],1) torch eps=1e-6'));
    assertClose(clipByNorm([3, 4], 10), oracleList('clipnorm([3,4],10)'));
    assertClose(norm([6, -8, 1]), oracle('norm([6,-8,1])'), { rel: 1e-15 });
    assertClose(clipByNorm([6, -8, 1], 5), oracleList('clipnorm([6,-8,1],5)'));
  });
  it('clip by value changes the direction', () => {
    const g = [6, -8, 1];
    const v = clipByValue(g, 5);
    expect(Array.from(v)).toEqual(oracleList('clipvalue([6,-8,1],5)'));
    assertClose(cosine(v, g), oracle('cos(clipvalue, g)'), { rel: 1e-12 });
    assertClose((Math.acos(cosine(v, g)) * 180) / Math.PI, 8.4, { rel: 0.01 });
  });
});

const vec = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 12 });
const threshold = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

describe('properties', () => {
  it('clip by norm keeps the direction and caps the length at c', () => {
    fc.assert(
      fc.property(vec, threshold, (g, c) => {
        const out = clipByNorm(g, c);
        const n = norm(g);
        if (n === 0) return Array.from(out).every((v) => v === 0);
        expect(norm(out)).toBeLessThanOrEqual(c * (1 + 1e-12) + (n <= c ? n : 0));
        if (n > c) assertClose(norm(out), c, { rel: 1e-12 });
        else expect(Array.from(out)).toEqual(g);
        assertClose(cosine(out, g), 1, { rel: 1e-12 });
        return true;
      }),
      { seed: 41 },
    );
  });
  it('clip by value bounds every entry and is the identity inside [−c, c]', () => {
    fc.assert(
      fc.property(vec, threshold, (g, c) => {
        const out = clipByValue(g, c);
        return g.every((v, i) => Math.abs(out[i]) <= c && (Math.abs(v) <= c ? out[i] === v : Math.abs(out[i]) === c));
      }),
      { seed: 42 },
    );
  });
  it('overflow: infinite entries get the whole length c, never NaN', () => {
    const out = clipByNorm([Infinity, 1, -Infinity], 2);
    assertClose(out, [Math.SQRT2, 0, -Math.SQRT2], { rel: 1e-15 });
    const big = clipByNorm([1e200, 1e200], 1);
    assertClose(big, [Math.SQRT1_2, Math.SQRT1_2], { rel: 1e-15 });
  });
  it('global norm over tensors, and the scale factor', () => {
    assertClose(globalNorm([[3], [4, 12]]), 13, { rel: 1e-15 });
    expect(clipScale(13, 26)).toBe(1);
    expect(clipScale(13, 6.5)).toBe(0.5);
    expect(cosine([0, 0], [1, 2])).toBe(0);
  });
});
