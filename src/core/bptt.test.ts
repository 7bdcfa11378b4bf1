import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../test/assertClose.ts';
import { centralDiff } from '../test/finiteDiff.ts';
import { oracle, oracleList } from '../test/oracles.ts';
import { ACTIVATIONS, type ActivationName } from './activations.ts';
import { rnnBptt, rnnJacobianNorms } from './bptt.ts';
import { createRng } from './rng.ts';
import { rnnForward, rnnInit, type RnnParams } from './rnn.ts';
import { spectralNorm } from './spectral.ts';

const scalarRnn = (w: number, act: ActivationName = 'tanh'): RnnParams => ({
  dh: 1,
  dx: 1,
  Whh: Float64Array.of(w),
  Wxh: Float64Array.of(1),
  b: Float64Array.of(0),
  act,
});
const seq = (T: number, dx: number, seed: number, scale = 1) => {
  const r = createRng(seed);
  return Array.from({ length: T }, () => Array.from({ length: dx }, () => scale * r.normal()));
};

describe('Jacobian norms against the brief (T14.5)', () => {
  it('∂h_3/∂h_0 = ∏ w(1 − h_t²) for the scalar example, in both norms and through BPTT', () => {
    const p = scalarRnn(0.5);
    const tr = rnnForward(p, [[1], [0.5], [-1]], [0]);
    const want = oracle('rnn dh3/dh0');
    for (const norm of ['spectral', 'fro'] as const)
      assertClose(rnnJacobianNorms(p, tr, { norm }).value[0], want, { rel: 1e-12 });
    assertClose(rnnBptt(p, tr, { dLdhT: [1] }).dh0[0], want, { rel: 1e-12 });
  });

  it.each([
    [0.5, 10],
    [0.9, 50],
    [1.1, 50],
  ])('linear regime: |w|^T for w = %d, T = %d', (w, T) => {
    const p = scalarRnn(w, 'linear');
    const j = rnnJacobianNorms(p, rnnForward(p, seq(T, 1, 1)));
    assertClose(j.value[0], oracle(`linear-regime |w|^T, w=${w} T=${T}`), { rel: 1e-12 });
    assertClose(j.value[T - 1], w, { rel: 1e-15 });
    expect(j.value[T]).toBe(1);
  });
});

describe('Jacobian norms: matrices', () => {
  it('one step back is exact: ‖diag(φ′(a_T))·gQ‖₂ = g·max φ′ for an orthogonal Q, even when the slopes nearly tie', () => {
    // The slopes of 16 tanh units at small pre-activations differ in the 4th decimal or less,
    // so the two largest singular values of this product are close together.
    for (const g of [0.52, 0.9, 1.3])
      for (const act of ['tanh', 'sigmoid'] as const) {
        const p = rnnInit(16, 1, createRng(5), { gain: g, kind: 'orthogonal', inputScale: 0.05, act });
        const tr = rnnForward(p, seq(30, 1, 6));
        const j = rnnJacobianNorms(p, tr);
        const df = ACTIVATIONS[act].df;
        const maxSlope = Math.max(...Array.from(tr.as[30], (a) => df(a)));
        assertClose(j.value[29], g * maxSlope, { rel: 1e-13 });
      }
  });
  it('match a finite-difference Jacobian ∂h_T/∂h_k (d_h = 2, spectral in closed form)', () => {
    const p = rnnInit(2, 2, createRng(11), { gain: 1.2, kind: 'gaussian' });
    const xs = seq(7, 2, 12);
    const tr = rnnForward(p, xs, [0.2, -0.1]);
    const spec = rnnJacobianNorms(p, tr);
    const fro = rnnJacobianNorms(p, tr, { norm: 'fro' });
    for (const k of [0, 3, 6]) {
      const J = new Float64Array(4);
      for (let c = 0; c < 2; c++) {
        const run = (e: number) => {
          const h = Float64Array.from(tr.hs[k]);
          h[c] += e;
          return rnnForward(p, xs.slice(k), h).hs[7 - k];
        };
        const up = run(1e-6);
        const dn = run(-1e-6);
        for (let r = 0; r < 2; r++) J[r * 2 + c] = (up[r] - dn[r]) / 2e-6;
      }
      const [a, b, c, d] = J;
      const frob = Math.hypot(a, b, c, d);
      const det = Math.abs(a * d - b * c);
      const sigma = Math.sqrt((frob * frob + Math.sqrt(Math.max(0, frob ** 4 - 4 * det * det))) / 2);
      assertClose(fro.value[k], frob, { rel: 1e-7, abs: 1e-9 }, `fro k=${k}`);
      assertClose(spec.value[k], sigma, { rel: 1e-7, abs: 1e-9 }, `spectral k=${k}`);
    }
    assertClose(fro.value[7], Math.SQRT2, { rel: 1e-15 });
  });

  it('spectral ≤ Frobenius ≤ √d_h · spectral', () => {
    const p = rnnInit(6, 3, createRng(13), { gain: 1.1, kind: 'gaussian' });
    const tr = rnnForward(p, seq(20, 3, 14));
    const s = rnnJacobianNorms(p, tr);
    const f = rnnJacobianNorms(p, tr, { norm: 'fro' });
    for (let k = 0; k <= 20; k++) {
      expect(s.log10[k]).toBeLessThanOrEqual(f.log10[k] + 1e-12);
      expect(f.log10[k]).toBeLessThanOrEqual(s.log10[k] + Math.log10(Math.sqrt(6)) + 1e-12);
    }
  });
});

describe('vanishing and exploding (properties, seeded)', () => {
  const n = 6;
  const T = 30;
  it('ρ < 1 with tanh: ‖∂h_T/∂h_k‖₂ ≤ (γ‖W_hh‖₂)^{T−k} and decays geometrically', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0.3, max: 0.75, noNaN: true }), (seed, gain) => {
        // A Gaussian W is far from normal (‖W‖₂ ≈ 2ρ): the rigorous bound is (‖W‖₂)^{T−k}, and
        // the observed decay rate stays near ρ, though diag(φ′) can push it above ρ (up to
        // 1.11ρ seen over many seeds), hence the 1.25.
        const p = rnnInit(n, 2, createRng(seed), { gain, kind: 'gaussian' });
        const j = rnnJacobianNorms(p, rnnForward(p, seq(60, 2, seed + 1)));
        const w2 = Math.log10(spectralNorm(p.Whh, n, n));
        for (let k = 0; k <= 60; k++) if (j.log10[k] > (60 - k) * w2 + 1e-9) return false;
        return j.log10[0] - j.log10[30] <= 30 * Math.log10(gain * 1.25);
      }),
      { seed: 32, numRuns: 40 },
    );
  });

  it('ρ > 1 with the linear activation: the norms grow, at least like ρ^{T−k}', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 1.05, max: 2, noNaN: true }), (seed, gain) => {
        const o = rnnInit(n, 2, createRng(seed), { gain, act: 'linear' });
        const jo = rnnJacobianNorms(o, rnnForward(o, seq(T, 2, seed)));
        // ‖(gain·Q)^m‖₂ = gain^m exactly.
        for (let k = 0; k <= T; k++) if (Math.abs(jo.log10[k] - (T - k) * Math.log10(gain)) > 1e-9) return false;
        const g = rnnInit(n, 2, createRng(seed), { gain, act: 'linear', kind: 'gaussian' });
        const jg = rnnJacobianNorms(g, rnnForward(g, seq(T, 2, seed)));
        // ‖W^m‖₂ ≥ ρ(W)^m; ρ is estimated to ~1e-3, hence the 0.995.
        for (let k = 0; k <= T; k++) if (jg.log10[k] < (T - k) * Math.log10(gain * 0.995) - 1e-9) return false;
        return jg.log10[0] > jg.log10[T / 2] && jg.log10[T / 2] > jg.log10[T];
      }),
      { seed: 33, numRuns: 40 },
    );
  });

  it('overflow reads Infinity with a flag, underflow 0 with a flag, and log10 stays finite', () => {
    const big = scalarRnn(3, 'linear');
    const jb = rnnJacobianNorms(big, rnnForward(big, seq(700, 1, 0, 0)));
    expect(jb.value[0]).toBe(Infinity);
    expect(jb.overflow).toBe(true);
    assertClose(jb.log10[0], 700 * Math.log10(3), { rel: 1e-12 });
    const small = scalarRnn(0.1, 'tanh');
    const js = rnnJacobianNorms(small, rnnForward(small, seq(400, 1, 2)));
    expect(js.value[0]).toBe(0);
    expect(js.underflow).toBe(true);
    expect(js.log10[0]).toBeLessThan(-400);
    expect(Number.isFinite(js.log10[0])).toBe(true);
    // d_h > 1 too, with every value checked for NaN.
    const p = rnnInit(4, 1, createRng(3), { gain: 5, act: 'linear' });
    const jp = rnnJacobianNorms(p, rnnForward(p, seq(500, 1, 0, 0)), { norm: 'fro' });
    expect(jp.value.some(Number.isNaN)).toBe(false);
    expect(jp.overflow).toBe(true);
    assertClose(jp.log10[0], 500 * Math.log10(5) + Math.log10(2), { rel: 1e-12 });
  });
});

describe('rnnBptt', () => {
  /** L = Σ_t c_t·h_t + ½‖h_T‖², so ∂L_t/∂h_t = c_t and ∂L/∂h_T gains h_T. */
  function setup(seed: number, act: ActivationName) {
    const rng = createRng(seed);
    const n = 1 + rng.int(4);
    const dx = 1 + rng.int(3);
    const T = 2 + rng.int(6);
    const p = rnnInit(n, dx, rng, { gain: 0.5 + rng.next(), kind: 'gaussian', act });
    p.b.forEach((_, i) => (p.b[i] = 0.3 * rng.normal()));
    const xs = seq(T, dx, seed + 7);
    const h0 = Array.from({ length: n }, () => rng.normal() * 0.5);
    const cs = seq(T + 1, n, seed + 8);
    const loss = (q: RnnParams, h: ArrayLike<number>) => {
      const tr = rnnForward(q, xs, h);
      let L = 0;
      for (let t = 1; t <= T; t++) for (let i = 0; i < n; i++) L += cs[t][i] * tr.hs[t][i];
      for (let i = 0; i < n; i++) L += 0.5 * tr.hs[T][i] ** 2;
      return L;
    };
    const tr = rnnForward(p, xs, h0);
    const dLdh = cs.map((c, t) => (t === T ? c.map((ci, i) => ci + tr.hs[T][i]) : c));
    return { p, xs, h0, loss, tr, dLdh, n, dx, T };
  }

  it.each(['tanh', 'sigmoid', 'linear', 'softplus'] as const)(
    'matches central differences for W_hh, W_xh, b and h_0 (%s)',
    (act) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
          const { p, h0, loss, tr, dLdh } = setup(seed, act);
          const g = rnnBptt(p, tr, { dLdh });
          const check = (arr: Float64Array, grad: Float64Array, f: () => number) => {
            for (let i = 0; i < arr.length; i++) {
              const fd = centralDiff(arr, i, f);
              if (Math.abs(fd - grad[i]) > 1e-6 * Math.max(1, Math.abs(fd))) return false;
            }
            return true;
          };
          const h = Float64Array.from(h0);
          return (
            check(p.Whh, g.dWhh, () => loss(p, h)) &&
            check(p.Wxh, g.dWxh, () => loss(p, h)) &&
            check(p.b, g.db, () => loss(p, h)) &&
            check(h, g.dh0, () => loss(p, h))
          );
        }),
        { seed: 41, numRuns: 25 },
      );
    },
  );

  it('reports ‖∂L/∂h_k‖ per step, equal to the Jacobian norm for a unit loss on one coordinate of a scalar RNN', () => {
    const p = scalarRnn(0.8);
    const tr = rnnForward(p, seq(25, 1, 3));
    const g = rnnBptt(p, tr, { dLdhT: [1] });
    const j = rnnJacobianNorms(p, tr);
    assertClose(g.dh.log10, j.log10, { rel: 1e-12 });
    expect(g.clipped).toBe(false);
    expect(g.clipFactorLog10).toBe(0);
  });

  it('global clipping rescales the parameter gradient to maxNorm, even past overflow, without NaN', () => {
    // Linear, gain 10, input only at the last step: h stays 0 until then, so only ∂L/∂b = Σ_k ∂L/∂h_k
    // carries the exploding product, about 10^399.
    const T = 400;
    const p = rnnInit(3, 1, createRng(5), { gain: 10, act: 'linear' });
    const xs = Array.from({ length: T }, (_, t) => [t === T - 1 ? 1 : 0]);
    const tr = rnnForward(p, xs);
    const raw = rnnBptt(p, tr, { dLdhT: [1, 0, 0] });
    expect(raw.overflow).toBe(true);
    expect(raw.gradNorm).toBe(Infinity);
    assertClose(raw.gradNormLog10, 399, { abs: 0.05 });
    expect(raw.db.some((v) => !Number.isFinite(v))).toBe(true);
    for (const a of [raw.dWhh, raw.dWxh, raw.db, raw.dh0]) expect(a.some(Number.isNaN)).toBe(false);

    const clipped = rnnBptt(p, tr, { dLdhT: [1, 0, 0], clip: { maxNorm: 5 } });
    expect(clipped.clipped).toBe(true);
    expect(clipped.overflow).toBe(true); // ‖∂L/∂h_k‖ itself still overflows; only the update is clipped
    const all = [...clipped.dWhh, ...clipped.dWxh, ...clipped.db];
    assertClose(Math.hypot(...all), 5, { rel: 1e-12 });
    assertClose(clipped.clipFactorLog10, Math.log10(5) - raw.gradNormLog10, { rel: 1e-12 });
    // Direction kept: the clipped db is parallel to the (log-scale) raw one.
    const unit = raw.db.map((v) => Math.sign(v));
    expect(clipped.db.map((v) => Math.sign(v))).toEqual(unit);
  });

  it('clipping caps explosion but cannot restore a vanished gradient', () => {
    const T = 60;
    const explode = rnnInit(4, 2, createRng(6), { gain: 2, act: 'linear' });
    const tr = rnnForward(explode, seq(T, 2, 7));
    const per = rnnBptt(explode, tr, { dLdhT: [1, 1, 1, 1], clip: { maxNorm: 1, mode: 'perStep' } });
    for (let k = 0; k <= T; k++) expect(per.dh.value[k]).toBeLessThanOrEqual(1 + 1e-12);
    expect(per.overflow).toBe(false);

    const vanish = rnnInit(4, 2, createRng(6), { gain: 0.5 });
    const tv = rnnForward(vanish, seq(T, 2, 7));
    const free = rnnBptt(vanish, tv, { dLdhT: [1, 1, 1, 1] });
    for (const mode of ['global', 'perStep'] as const) {
      const c = rnnBptt(vanish, tv, { dLdhT: [1, 1, 1, 1], clip: { maxNorm: 1, mode } });
      // ‖∂L/∂h_T‖ = 2 is clipped to 1; everything upstream is at most halved, never raised.
      for (let k = 0; k < T; k++) expect(c.dh.log10[k]).toBeLessThanOrEqual(free.dh.log10[k] + 1e-12);
      expect(c.dh.value[0]).toBeLessThan(1e-15);
    }
    expect(free.dh.value[0]).toBeLessThan(1e-15);
  });

  it('the log-scale bookkeeping changes nothing in the ordinary range', () => {
    const { p, tr, dLdh } = setup(77, 'tanh');
    const g = rnnBptt(p, tr, { dLdh });
    // Plain backprop without rescaling.
    const n = p.dh;
    const T = tr.hs.length - 1;
    let gh = Float64Array.from(dLdh[T]);
    const dW = new Float64Array(n * n);
    for (let k = T; k >= 1; k--) {
      const d = gh.map((v, i) => v * (1 - Math.tanh(tr.as[k][i]) ** 2));
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) dW[i * n + j] += d[i] * tr.hs[k - 1][j];
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) next[j] += p.Whh[i * n + j] * d[i];
      gh = k > 1 ? next.map((v, i) => v + dLdh[k - 1][i]) : next;
    }
    assertClose(g.dWhh, dW, { rel: 1e-12, abs: 1e-15 });
    assertClose(g.dh0, gh, { rel: 1e-12, abs: 1e-15 });
    expect(oracleList('rnn h1..h3 (w=.5,u=1,b=0,x=[1,.5,-1],h0=0)')).toHaveLength(3);
  });
});
