import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { meanField } from '../../core/meanField.ts';
import { assertClose } from '../../test/assertClose.ts';
import { oracle } from '../../test/oracles.ts';
import { computeDepth, createNetCache, theoryFor } from './compute.ts';
import {
  configKey,
  configsOf,
  distDomain,
  flatZones,
  gradDomain,
  layerRuns,
  lgRatio,
  parseResults,
  passCost,
  sigmaW2Of,
  serializeResults,
  summarize,
  symlogT,
  symlogTicks,
  type DepthConfig,
  type DepthResult,
} from './model.ts';
import { PRESETS, matchesPreset, presetState } from './presets.ts';
import { ACTS, CLIPS, INITS, NORMS, schema } from './state.ts';

const base = (over: Partial<DepthConfig> = {}): DepthConfig => ({
  act: 'sigmoid',
  init: 'xavier',
  norm: 'none',
  res: false,
  clip: 'none',
  L: 30,
  n: 64,
  B: 16,
  lgc: 0,
  seed: 1,
  ...over,
});
const run = (over: Partial<DepthConfig>) => computeDepth(base(over));

describe('gradient-depth: mean-field overlay against the brief (T2.5)', () => {
  // Xavier on a square layer has σ_w² = 1 and the N(0, 1) input gives q₁ = 1: the brief's setting.
  it.each([
    ['sigmoid', 10, 'MF sigmoid xavier grad-norm ratio L=10'],
    ['sigmoid', 50, 'MF sigmoid xavier grad-norm ratio L=50'],
    ['tanh', 10, 'MF tanh xavier grad-norm ratio L=10'],
    ['tanh', 50, 'MF tanh xavier grad-norm ratio L=50'],
    ['relu', 10, 'MF relu xavier grad-norm ratio L=10'],
    ['relu', 50, 'MF relu xavier grad-norm ratio L=50'],
  ] as const)('%s + Xavier, depth %d: predicted ‖∂L/∂h₀‖/‖∂L/∂h_L‖ = oracle', (act, L, key) => {
    const t = theoryFor(base({ act, L }))!;
    assertClose(10 ** t.lg[0], oracle(key), { rel: 1e-6 });
    expect(t.lg[L]).toBe(0);
  });

  it('per-layer √χ* readouts: sigmoid + Xavier 0.236052, ReLU + Xavier 0.707107, ReLU + He 1', () => {
    assertClose(theoryFor(base())!.chiStarSqrt!, oracle('MF sigmoid xavier norm ratio/layer at q*'), { rel: 1e-6 });
    assertClose(theoryFor(base({ act: 'relu' }))!.chiStarSqrt!, oracle('MF relu xavier norm ratio/layer'), {
      rel: 1e-12,
    });
    assertClose(theoryFor(base({ act: 'relu', init: 'he' }))!.chiStarSqrt!, 1, { rel: 1e-12 });
  });

  it('the memo (one run per activation and σ_w² at the largest depth) gives what meanField at depth L gives, in any order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            act: fc.constantFrom(...ACTS),
            init: fc.constantFrom(...INITS),
            n: fc.constantFrom(8, 64, 256),
            L: fc.integer({ min: 1, max: schema.L.max }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (cs) => {
          for (const over of cs) {
            const c = base(over);
            const sw2 = sigmaW2Of(c);
            const mf = meanField(c.act, sw2, sw2, c.L);
            const t = theoryFor(c)!;
            expect(t.lg).toEqual(mf.log10GradRatio);
            const relu = c.act === 'relu' || c.act === 'leakyRelu';
            expect(t.chiStarSqrt).toBe(mf.qStar === null && !relu ? null : Math.sqrt(mf.chiStar));
          }
        },
      ),
      { numRuns: 12 },
    );
  }, 30_000);
  it('a depth beyond the slider still gets its own profile', () => {
    const c = base({ act: 'tanh', L: schema.L.max + 20 });
    expect(theoryFor(c)!.lg).toEqual(meanField('tanh', 1, 1, c.L).log10GradRatio);
  });

  it('σ_w² of each initialisation: Xavier 1, He 2, N(0, 1) n, tiny n·10⁻⁴', () => {
    assertClose(sigmaW2Of({ init: 'xavier', n: 64 }), 1, { rel: 1e-12 });
    assertClose(sigmaW2Of({ init: 'he', n: 64 }), 2, { rel: 1e-12 });
    assertClose(sigmaW2Of({ init: 'normal', n: 64 }), 64, { rel: 1e-12 });
    assertClose(sigmaW2Of({ init: 'small', n: 64 }), 64e-4, { rel: 1e-12 });
  });

  it('no theory curve for normalised or residual nets', () => {
    expect(run({ norm: 'bn' }).theory).toBeNull();
    expect(run({ res: true }).theory).toBeNull();
  });

  it('the measured network follows the theory (finite width: within a factor of 3 over 30 layers)', () => {
    for (const act of ['sigmoid', 'tanh', 'relu'] as const) {
      for (const init of ['xavier', 'he'] as const) {
        const r = run({ act, init, n: 128 });
        expect(Math.abs(r.lgGrad[0] - r.theory![0]), `${act} + ${init}`).toBeLessThan(Math.log10(3));
      }
    }
  });
});

describe('gradient-depth: every preset reproduces its claim', () => {
  const at = (id: string) => {
    const p = PRESETS.find((q) => q.id === id)!;
    return configsOf(presetState(p)).map((c) => computeDepth(c));
  };
  const verdict = (id: string, slot = 0) => summarize(at(id)[slot]).verdict;

  it('σ + Xavier at depth 30: vanishing, layers 0… below 10⁻³, ≈ 0.236 per layer', () => {
    const [r] = at('sigXavier');
    const s = summarize(r);
    expect(s.verdict).toBe('vanishing');
    expect(s.vanished[0]).toBe(0);
    expect(s.vanished.length).toBeGreaterThan(20);
    expect(Math.abs(s.perLayer - 0.236)).toBeLessThan(0.02);
  });
  it('σ + N(0, 1): saturated units and vanishing', () => {
    const [r] = at('sigNormal');
    expect(summarize(r).verdict).toBe('vanishing');
    expect(Math.max(...r.saturated)).toBeGreaterThan(0.2);
  });
  it('tanh + Xavier vanishes slowly; tanh + He explodes slowly', () => {
    const x = summarize(at('tanhXavier')[0]);
    expect(x.lgFirst).toBeLessThan(-0.5);
    expect(x.lgFirst).toBeGreaterThan(-3);
    const h = summarize(at('tanhHe')[0]);
    expect(h.lgFirst).toBeGreaterThan(0.5);
    expect(h.lgFirst).toBeLessThan(3);
  });
  it('ReLU + Xavier vanishes (theory 2⁻²⁵ at depth 50); ReLU + He stays flat', () => {
    const x = at('reluXavier')[0];
    expect(summarize(x).verdict).toBe('vanishing');
    assertClose(10 ** x.theory![0], oracle('MF relu xavier grad-norm ratio L=50'), { rel: 1e-9 });
    const h = summarize(at('reluHe')[0]);
    expect(h.verdict).toBe('stable');
    expect(h.vanished).toEqual([]);
    expect(Math.abs(h.lgFirst)).toBeLessThan(1);
  });
  it('too small an init vanishes, too large explodes', () => {
    expect(verdict('reluSmall')).toBe('vanishing');
    expect(verdict('reluNormal')).toBe('exploding');
  });
  it('a deep plain BN net explodes at initialisation; with residuals it is stable', () => {
    expect(verdict('bnDeep')).toBe('exploding');
    expect(verdict('bnRes')).toBe('stable');
    const [a, b] = at('abBn');
    expect(summarize(a).verdict).toBe('exploding');
    expect(summarize(b).verdict).toBe('stable');
  });
  it('the identity path stops vanishing but not explosion', () => {
    expect(verdict('sigRes')).toBe('stable');
    expect(verdict('resOnly')).toBe('exploding');
  });
  it('clipping by norm rescales the weight gradients uniformly and leaves the vanishing as it is', () => {
    const [clipped] = at('clipNorm');
    const plain = run({});
    expect(clipped.clipScale).toBeLessThan(1);
    expect(clipped.lgGrad).toEqual(plain.lgGrad);
    expect(summarize(clipped).verdict).toBe('vanishing');
    // Every layer moves by the same log10(clipScale): first/last unchanged.
    const L = clipped.L;
    assertClose(clipped.lgWeight[L - 1], Math.log10(clipped.clipScale), { rel: 1e-9 });
    assertClose(clipped.lgWeight[0] - clipped.lgWeight[L - 1], plain.lgWeight[0] - plain.lgWeight[L - 1], {
      rel: 1e-9,
    });
  });
  it('clipping by value never enlarges the vanished layers', () => {
    const plain = run({});
    const clipped = run({ clip: 'value', lgc: -2 });
    clipped.lgWeight.forEach((v, i) => expect(v).toBeLessThanOrEqual(plain.lgWeight[i] + 1e-12));
    expect(summarize(clipped).verdict).toBe('vanishing');
  });
  it('A/B: σ N(0, 1) vanishes where ReLU + He does not', () => {
    const [a, b] = at('abSigRelu');
    expect(summarize(a).verdict).toBe('vanishing');
    expect(summarize(b).verdict).toBe('stable');
  });
  it('every preset is a valid state, and exactly one preset matches it', () => {
    for (const p of PRESETS) {
      const s = presetState(p);
      const { issues } = parseState(schema, s);
      expect(issues, p.id).toEqual([]);
      expect(PRESETS.filter((q) => matchesPreset(s, q)).map((q) => q.id)).toEqual([p.id]);
    }
    // The default state is the first preset.
    expect(matchesPreset(defaults(schema), PRESETS[0])).toBe(true);
  });
});

describe('gradient-depth: overflow and zeros are named, never NaN', () => {
  it('lgRatio names infinities and zeros', () => {
    expect(lgRatio(Infinity, 1)).toBe(Infinity);
    expect(lgRatio(0, 1)).toBe(-Infinity);
    expect(lgRatio(0, 0)).toBe(-Infinity);
    expect(lgRatio(1, 0)).toBe(Infinity);
    assertClose(lgRatio(1e-300, 1e300), -600, { rel: 1e-12 });
  });

  it('BatchNorm with batch 1 passes no gradient: verdict "dead", no NaN', () => {
    const r = run({ act: 'relu', init: 'he', norm: 'bn', B: 1, L: 10 });
    expect(summarize(r).verdict).toBe('dead');
    for (const a of [r.lgGrad, r.lgWeight, r.hq, r.uq, r.saturated]) expect(a.some(Number.isNaN)).toBe(false);
  });

  it('a forward overflow reads as overflow in the summary', () => {
    const r = run({ L: 5 });
    const broken: DepthResult = { ...r, overflowed: true, firstOverflow: 3, lgGrad: r.lgGrad.map(() => Infinity) };
    expect(summarize(broken).verdict).toBe('overflow');
    expect(summarize(broken).perLayer).toBe(Infinity);
  });

  it('random configurations: finite or named values only, the output layer at exactly 1', () => {
    fc.assert(
      fc.property(
        fc.record({
          act: fc.constantFrom(...ACTS),
          init: fc.constantFrom(...INITS),
          norm: fc.constantFrom(...NORMS),
          res: fc.boolean(),
          clip: fc.constantFrom(...CLIPS),
          L: fc.integer({ min: 1, max: 12 }),
          n: fc.constantFrom(8, 16),
          B: fc.integer({ min: 1, max: 6 }),
          lgc: fc.constantFrom(-3, 0, 3),
          seed: fc.integer({ min: 1, max: 9999 }),
        }),
        (c) => {
          const r = computeDepth(c);
          const all = [...r.lgGrad, ...r.lgWeight, ...r.hq, ...r.uq, ...r.saturated, ...(r.theory ?? [])];
          if (all.some(Number.isNaN)) return false;
          if (!r.overflowed && r.lgGrad[c.L] !== 0) return false;
          const s = summarize(r);
          return !Number.isNaN(s.perLayer) && !Number.isNaN(s.lgFirst);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('gradient-depth: plumbing', () => {
  it('A/B shares the sizes and seed, and differs only where B was set', () => {
    const s = { ...defaults(schema), ab: true, L: 40, bnorm: 'bn' as const };
    const [a, b] = configsOf(s);
    expect(a.L).toBe(40);
    expect(b.L).toBe(40);
    expect(b.norm).toBe('bn');
    expect(b.act).toBe('relu');
    expect(configsOf({ ...s, ab: false })).toHaveLength(1);
    expect(configKey(a)).not.toBe(configKey(b));
  });

  it('the clip threshold is part of the key only when clipping is on', () => {
    expect(configKey(base({ lgc: 1 }))).toBe(configKey(base({ lgc: 2 })));
    expect(configKey(base({ clip: 'norm', lgc: 1 }))).not.toBe(configKey(base({ clip: 'norm', lgc: 2 })));
  });

  it('the net cache re-samples on a new seed or init and reproduces a fresh network exactly', () => {
    const cache = createNetCache(2);
    computeDepth(base({ seed: 1 }), cache);
    const again = computeDepth(base({ seed: 2, init: 'he' }), cache);
    expect(again.lgGrad).toEqual(computeDepth(base({ seed: 2, init: 'he' })).lgGrad);
  });

  it('one cached net per shape serves every depth, seed and init exactly as a fresh network would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            act: fc.constantFrom<DepthConfig['act']>('tanh', 'relu'),
            norm: fc.constantFrom(...NORMS),
            clip: fc.constantFrom(...CLIPS),
            init: fc.constantFrom(...INITS),
            L: fc.integer({ min: 1, max: schema.L.max }),
            seed: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 2, maxLength: 8 },
        ),
        (steps) => {
          const cache = createNetCache(2);
          for (const over of steps) {
            const c = base({ ...over, n: 6, B: 3 });
            expect(computeDepth(c, cache)).toEqual(computeDepth(c));
          }
        },
      ),
      { numRuns: 30 },
    );
  }, 30_000);

  it('the default state is cheap enough to compute during hydration', () => {
    const [c] = configsOf(defaults(schema));
    // ≈ 6·10⁶ multiply-adds, about 2 ms; a page that presets a much larger net would block hydration.
    expect(passCost(c)).toBeLessThan(1e7);
  });

  it('σ′ flat zones come from the core: |u| > 4.585 for σ, u ≤ 0 for ReLU', () => {
    const z = flatZones('sigmoid', -12, 12, 24001);
    expect(z).toHaveLength(2);
    expect(Math.abs(z[1].from - oracle("sigmoid'(x)=0.01 at |x|="))).toBeLessThan(1e-3);
    const r = flatZones('relu', -5, 5, 1001);
    expect(r).toEqual([{ from: -5, to: expect.closeTo(0.01, 6) }]);
    expect(flatZones('leakyRelu', -5, 5)).toEqual([]);
  });

  it('layer runs and domains', () => {
    expect(layerRuns([0, 1, 2, 3, 7, 9, 10])).toBe('0–3, 7, 9–10');
    expect(layerRuns([])).toBe('');
    const r = run({});
    const [lo, hi] = gradDomain([r, null]);
    expect(lo).toBeLessThanOrEqual(Math.floor(r.lgGrad[0]));
    expect(hi).toBe(4);
    expect(distDomain([null], 'h')).toEqual([-1, 1]);
    expect(symlogTicks([-1e6, 1e6], 7)).toContain(0);
    assertClose(symlogT(-(Math.E - 1)), -1, { rel: 1e-12 });
    expect(symlogT(0)).toBe(0);
  });
});

describe('results snapshot (data-snapshot)', () => {
  it('round-trips results to 6 significant digits, keeping overflow (+∞), exact zeros (−∞) and NaN', () => {
    const results = [computeDepth(base({ act: 'relu', init: 'normal', L: 40 })), computeDepth(base({ L: 12 }))];
    const back = parseResults(serializeResults(results));
    expect(back.map((r) => r.key)).toEqual(results.map((r) => r.key));
    results.forEach((r, i) => {
      expect(back[i].gradOverflow).toEqual(r.gradOverflow);
      r.lgGrad.forEach((v, l) => {
        if (Number.isFinite(v)) expect(Math.abs(back[i].lgGrad[l] - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-6);
        else expect(back[i].lgGrad[l]).toBe(v);
      });
      r.hq.forEach((v, k) => expect(Math.abs(back[i].hq[k] - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-6));
    });
    // Text of text is the same text: what the server drew from is what the browser reads.
    expect(serializeResults(back)).toBe(serializeResults(results));
    const odd = { ...results[1], lgGrad: [Infinity, -Infinity, NaN, 0.1 + 0.2] };
    const [again] = parseResults(serializeResults([odd]));
    expect(again.lgGrad[0]).toBe(Infinity);
    expect(again.lgGrad[1]).toBe(-Infinity);
    expect(again.lgGrad[2]).toBeNaN();
    expect(again.lgGrad[3]).toBe(0.3);
  });

  it('reads nothing from a missing or damaged snapshot', () => {
    expect(parseResults('')).toEqual([]);
    expect(parseResults('{not json')).toEqual([]);
    expect(parseResults('{"a":1}')).toEqual([]);
  });
});
