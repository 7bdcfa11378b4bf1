import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracleList } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { shift2d } from '../../core/index.ts';
import { analyse, forward, nearestShiftError, relChange, sensitivity, type Setup2d } from './model2d.ts';
import { strip, sums, verdict } from './model1d.ts';
import { IMAGES, KERNELS, schema } from './state.ts';

const oracleA = (mode: 'circ' | 'zero'): Setup2d => ({ img: 'A', kern: 'id', mode, k: 2, s: 2 });

describe('2-D: the 4×4 matrix A and its shifts (T10.5)', () => {
  it('t = 0: max-pool 2×2/2 = [[4, 2], [2, 7]]', () => {
    expect(Array.from(forward(oracleA('circ'), 0, 0).pool)).toEqual(oracleList('maxpool2s2(A)'));
  });
  it.each([
    [1, 'zero', 'shift1_zero(A)', 'maxpool2s2(shift1_zero(A))'],
    [1, 'circ', 'shift1_circ(A)', 'maxpool2s2(shift1_circ(A))'],
    [2, 'zero', 'shift2_zero(A)', 'maxpool2s2(shift2_zero(A))'],
    [2, 'circ', 'shift2_circ(A)', 'maxpool2s2(shift2_circ(A))'],
  ] as const)('t = %d, %s: shifted input and its max-pool', (t, mode, xKey, pKey) => {
    const st = forward(oracleA(mode), t, 0);
    expect(Array.from(st.x)).toEqual(oracleList(xKey));
    // The identity kernel makes the feature map the input itself.
    expect(Array.from(st.f)).toEqual(oracleList(xKey));
    expect(Array.from(st.pool)).toEqual(oracleList(pKey));
  });
  it('verdicts: t = 1 changes the pooled map, circular t = 2 shifts it by one cell, global pooling is invariant', () => {
    const one = analyse(oracleA('circ'), 1, 0);
    expect(one.poolVerdict).toBe('changed');
    expect(one.changedCount).toBe(2);
    expect(analyse(oracleA('circ'), 2, 0).poolVerdict).toBe('shifted');
    // Zero fill: the 7 falls off the border, and the result is the t = 0 map moved by one cell with a 0 column.
    expect(analyse(oracleA('zero'), 2, 0).poolVerdict).toBe('shifted');
    expect(analyse(oracleA('zero'), 1, 0).poolVerdict).toBe('changed');
    const [gmax, gap] = oracleList('globalmax/GAP(shift1_circ A)');
    expect([one.cur.gmax, one.cur.gavg]).toEqual([gmax, gap]);
    expect(one.globalInvariant).toBe(true);
    expect(analyse(oracleA('zero'), 2, 0).globalInvariant).toBe(false);
  });
});

describe('2-D properties', () => {
  const setups = fc.record({
    img: fc.constantFrom(...IMAGES),
    kern: fc.constantFrom(...KERNELS),
    mode: fc.constant('circ' as const),
    k: fc.integer({ min: 2, max: 3 }),
    s: fc.integer({ min: 1, max: 3 }),
  });
  const shift = fc.integer({ min: -6, max: 6 });

  it('with circular padding the convolution is exactly equivariant and global pooling exactly invariant', () => {
    fc.assert(
      fc.property(setups, shift, shift, (su, dx, dy) => {
        const a = analyse(su, dx, dy);
        return a.convEquivariant && a.globalInvariant;
      }),
    );
  });

  it('k = s = 2 on the 10×10 images: an even circular shift moves the pooled map by half as many cells', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('shape' as const, 'dot' as const),
        fc.constantFrom(...KERNELS),
        fc.integer({ min: -3, max: 3 }),
        fc.integer({ min: -3, max: 3 }),
        (img, kern, a, b) => {
          const v = analyse({ img, kern, mode: 'circ', k: 2, s: 2 }, 2 * a, 2 * b).poolVerdict;
          return v === 'shifted' || v === 'same';
        },
      ),
    );
  });

  it('stride 1 (circular): max-pool and MaxBlurPool are exact shifted copies for every shift', () => {
    for (const img of ['shape', 'dot'] as const) {
      const sens = sensitivity({ img, kern: 'blur', mode: 'circ', k: 2, s: 1 }, 0, 6);
      expect(sens.eqv.pool.every((v) => v === 0)).toBe(true);
      expect(sens.eqv.blurPool.every((v) => v === 0)).toBe(true);
    }
    // k = 3, s = 2 on a 10×10 torus: windows wrap, so every even shift is a shifted copy.
    for (const dx of [-4, -2, 2, 4]) {
      expect(['same', 'shifted']).toContain(
        analyse({ img: 'shape', kern: 'blur', mode: 'circ', k: 3, s: 2 }, dx, 0).poolVerdict,
      );
    }
  });

  it('a single bright pixel moving inside its pooling window leaves the max-pooled map unchanged', () => {
    // The dot sits at (4, 4), the top-left cell of a 2×2 window: moving right or down by 1 stays inside it.
    const su: Setup2d = { img: 'dot', kern: 'id', mode: 'zero', k: 2, s: 2 };
    expect(analyse(su, 1, 0).poolVerdict).toBe('same');
    expect(analyse(su, 1, 1).poolVerdict).toBe('same');
    expect(analyse(su, -1, 0).poolVerdict).toBe('changed');
  });

  it('zero padding breaks equivariance once the pattern reaches the border', () => {
    const su: Setup2d = { img: 'shape', kern: 'blur', mode: 'zero', k: 2, s: 2 };
    expect(analyse(su, 1, 0).convEquivariant).toBe(true);
    // At −3 the shape touches column 0 but nothing is lost yet; at −4 its first column leaves the image.
    expect(analyse(su, -3, 0).convEquivariant).toBe(true);
    expect(analyse(su, -4, 0).convEquivariant).toBe(false);
  });

  it('sensitivity: 0 at no shift, global pooling flat at 0, every value finite', () => {
    const su: Setup2d = { img: 'shape', kern: 'blur', mode: 'circ', k: 2, s: 2 };
    const sens = sensitivity(su, 0, 5);
    expect(sens.shifts).toEqual([-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
    const mid = sens.shifts.indexOf(0);
    for (const kind of [sens.inv, sens.eqv]) {
      for (const series of Object.values(kind)) {
        expect(series[mid]).toBe(0);
        expect(series.every(Number.isFinite)).toBe(true);
      }
      expect(kind.global.every((v) => v === 0)).toBe(true);
    }
    // The feature map changes (it moves) but is always an exact shifted copy: equivariance.
    expect(sens.inv.conv[mid + 1]).toBeGreaterThan(0.3);
    expect(sens.eqv.conv.every((v) => v === 0)).toBe(true);
    // Stride 2: a shifted copy only at even shifts (aliasing at odd ones).
    sens.shifts.forEach((t, i) => {
      if (t % 2 === 0) expect(sens.eqv.pool[i]).toBe(0);
      else expect(sens.eqv.pool[i]).toBeGreaterThan(0.05);
    });
    // Anti-aliasing: MaxBlurPool is closer to a shifted copy than plain max-pooling at odd shifts.
    expect(sens.eqv.blurPool[mid + 1]).toBeLessThan(sens.eqv.pool[mid + 1]);
  });

  it('the nearest-shift error finds the exact shift', () => {
    const b = Float64Array.from({ length: 16 }, (_, i) => (i * 5) % 7);
    const a = shift2d(b, 4, 4, 1, -2, 'circular');
    expect(nearestShiftError(a, b, 4, 4, 'circ')).toBe(0);
    expect(nearestShiftError(a, b, 4, 4, 'circ', false)).toBeGreaterThan(0);
  });

  it('relChange is 0 for equal maps and scale-free', () => {
    expect(relChange([0, 0], [0, 0])).toBe(0);
    assertClose(relChange([2, 0], [1, 0]), 1, { rel: 1e-15 });
    assertClose(relChange([20, 0], [10, 0]), 1, { rel: 1e-15 });
  });
});

describe('1-D strip (T10.5)', () => {
  it('bump, kernel [1, 2, 1]: equivariant convolution, max-pool and subsampling at t = 0, 1, 2', () => {
    const s0 = strip('bump', '121', 0);
    const s1 = strip('bump', '121', 1);
    const s2 = strip('bump', '121', 2);
    expect(Array.from(s0.y)).toEqual(oracleList('1D conv [1,2,1] circ y(x)'));
    expect(Array.from(s1.y)).toEqual(oracleList('1D conv y(shift1 x)'));
    expect(Array.from(s1.y)).toEqual(oracleList('1D shift1 y(x) (equal => equivariant)'));
    expect(Array.from(s0.pool)).toEqual(oracleList('1D maxpool2s2 y(x)'));
    expect(Array.from(s1.pool)).toEqual(oracleList('1D maxpool2s2 y(shift1 x)'));
    expect(Array.from(s2.pool)).toEqual(oracleList('1D maxpool2s2 y(shift2 x)'));
    expect([...s0.sub, ...s1.sub]).toEqual(oracleList('1D subsample-only s2 y(x), y(shift1 x)'));
    expect([s0.gmax[0], s1.gmax[0]]).toEqual(oracleList('1D global max y(x), y(shift1 x)'));
    expect(verdict('y', s1, s0, 1)).toBe('shifted');
    expect(verdict('pool', s1, s0, 1)).toBe('changed');
    expect(verdict('pool', s2, s0, 2)).toBe('shifted');
    expect(verdict('gmax', s1, s0, 1)).toBe('same');
  });

  it('spike without a kernel: naive subsampling loses it, BlurPool keeps half its mass', () => {
    const s0 = strip('spike', 'none', 0);
    const s1 = strip('spike', 'none', 1);
    expect(Array.from(s0.sub)).toEqual(oracleList('spike shift0: subsample s2 (even idx)'));
    expect(Array.from(s0.pool)).toEqual(oracleList('spike shift0: maxpool k2 s2'));
    expect(Array.from(s0.blur)).toEqual(oracleList('spike shift0: blur[1,2,1]/4 then s2'));
    expect(Array.from(s1.sub)).toEqual(oracleList('spike shift1: subsample s2 (even idx)'));
    expect(Array.from(s1.pool)).toEqual(oracleList('spike shift1: maxpool k2 s2'));
    expect(Array.from(s1.blur)).toEqual(oracleList('spike shift1: blur[1,2,1]/4 then s2'));
    const sm = sums('spike', 'none');
    expect([sm.sub[0], sm.blur[0]]).toEqual(oracleList('spike shift0: sums naive | blurred'));
    expect([sm.sub[1], sm.blur[1]]).toEqual(oracleList('spike shift1: sums naive | blurred'));
    expect(sm.blur.every((v) => v === 0.5)).toBe(true);
  });

  it('every signal and shift: global max invariant, convolution a shifted copy, even shifts shift the pooled rows', () => {
    for (const sig of ['bump', 'spike'] as const) {
      for (const k1 of ['121', 'none'] as const) {
        const base = strip(sig, k1, 0);
        for (let t = 0; t < 8; t++) {
          const cur = strip(sig, k1, t);
          expect(verdict('gmax', cur, base, t)).toBe('same');
          expect(['same', 'shifted']).toContain(verdict('y', cur, base, t));
          if (t % 2 === 0)
            for (const r of ['pool', 'sub', 'blur'] as const) expect(verdict(r, cur, base, t)).not.toBe('changed');
        }
      }
    }
  });
});

describe('state', () => {
  it('defaults and out-of-range values', () => {
    expect(defaults(schema)).toMatchObject({ view: '2d', dx: 0, dy: 0, k: 2, s: 2 });
    const { state, issues } = parseState(schema, { dx: '9', mode: 'reflect', t: '3' });
    expect(state).toMatchObject({ dx: 6, mode: 'circ', t: 3 });
    expect(issues.map((i) => i.kind)).toEqual(['clamped', 'malformed']);
  });
});
