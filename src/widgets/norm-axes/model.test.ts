import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertClose } from '../../test/assertClose.ts';
import { oracleList } from '../../test/oracles.ts';
import { defaults, parseState } from '../../lib/state/schema.ts';
import { batchRows, compute, POOL, POOL_ROWS, runningAfter, spread, X_ORACLE, type NormState } from './model.ts';
import { schema } from './state.ts';

const st = (over: Partial<NormState> = {}): NormState => ({ ...defaults(schema), ...over });

describe('the 3×4 batch (T4.5, T6.5 oracles)', () => {
  it('draw 0 of size 3 is the brief’s matrix', () => {
    expect(Array.from(compute(st()).layout.x)).toEqual([...X_ORACLE]);
    expect(Array.from(POOL.subarray(0, 12))).toEqual([...X_ORACLE]);
  });
  it('BatchNorm: column statistics and output (ε = 1e-5)', () => {
    const r = compute(st());
    expect(Array.from(r.mean)).toEqual(oracleList('BN mean (per column)'));
    assertClose(r.var, oracleList('BN var biased (per column)'), { rel: 1e-15 });
    assertClose(r.y, oracleList('BN out eps=1e-05'), { rel: 1e-9 });
    expect([r.groupCount, r.groupSize]).toEqual([4, 3]);
  });
  it('LayerNorm: row statistics and output', () => {
    const r = compute(st({ kind: 'layer' }));
    expect(Array.from(r.mean)).toEqual(oracleList('LN mean (per row)'));
    assertClose(r.var, oracleList('LN var biased (per row)'), { rel: 1e-15 });
    assertClose(r.y, oracleList('LN out eps=1e-05'), { rel: 1e-9 });
    expect([r.groupCount, r.groupSize]).toEqual([3, 4]);
  });
  it('RMSNorm (g = 1)', () => {
    assertClose(compute(st({ kind: 'rms' })).y, oracleList('RMSNorm out eps=1e-5 (g=1)'), { rel: 1e-9 });
  });
  it('eval mode: running statistics after one step and the eval output of row 0', () => {
    const r = compute(st({ mode: 'eval' }));
    assertClose(r.running!.mean, oracleList('BN running_mean after 1 step (torch, m=0.1)'), { rel: 1e-12 });
    assertClose(r.running!.var, oracleList('BN running_var after 1 step (torch, m=0.1)'), { rel: 1e-12 });
    assertClose(r.y.subarray(0, 4), oracleList('BN eval row0 with those running stats'), { rel: 1e-9 });
    // The batch's own statistics are still reported for comparison.
    expect(Array.from(r.batch!.mean)).toEqual(oracleList('BN mean (per column)'));
  });
  it('LayerNorm has nothing to switch: eval equals train', () => {
    expect(Array.from(compute(st({ kind: 'layer', mode: 'eval' })).y)).toEqual(
      Array.from(compute(st({ kind: 'layer' })).y),
    );
  });
});

describe('which cells share statistics', () => {
  it.each([
    ['image', 'batch', 4, 18],
    ['image', 'layer', 3, 24],
    ['image', 'instance', 12, 6],
    ['image', 'group', 6, 12],
    ['image', 'rms', 3, 24],
    ['text', 'batch', 4, 6],
    ['text', 'layer', 6, 4],
    ['text', 'group', 12, 2],
    ['matrix', 'group', 6, 2],
    ['matrix', 'instance', 12, 1],
  ] as const)('%s view, %s: %d groups of %d', (view, kind, count, size) => {
    const r = compute(st({ view, kind }));
    expect([r.groupCount, r.groupSize]).toEqual([count, size]);
    expect(r.y.every(Number.isFinite)).toBe(true);
  });
  it('GroupNorm with G = 1 is LayerNorm; with G = C it is InstanceNorm (image view)', () => {
    assertClose(
      compute(st({ view: 'image', kind: 'group', G: '1' })).y,
      compute(st({ view: 'image', kind: 'layer' })).y,
      { rel: 1e-12, abs: 1e-12 },
    );
    assertClose(
      compute(st({ view: 'image', kind: 'group', G: '4' })).y,
      compute(st({ view: 'image', kind: 'instance' })).y,
      { rel: 1e-12, abs: 1e-12 },
    );
  });
});

describe('mini-batches and batch-size dependence', () => {
  it('every draw keeps the tracked sample and draws distinct rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 999 }), (m, d) => {
        const rows = batchRows(m, d);
        return (
          rows.length === m && rows[0] === 0 && new Set(rows).size === m && rows.every((r) => r >= 0 && r < POOL_ROWS)
        );
      }),
    );
  });
  it('the tracked sample’s LN output never depends on the batch; its BN output does, less so for larger m', () => {
    const s2 = spread(2, 'train', 0);
    const s16 = spread(16, 'train', 0);
    for (let j = 0; j < 4; j++) {
      expect(s2.lnStd[j]).toBe(0);
      expect(s16.lnStd[j]).toBe(0);
    }
    // Feature 1 varies across batches; the spread shrinks as the batch grows.
    expect(s2.bnStd[0]).toBeGreaterThan(0.3);
    expect(s16.bnStd[0]).toBeLessThan(s2.bnStd[0]);
  });
  it('eval mode: BN uses fixed running statistics, so the sample’s output no longer moves', () => {
    const s = spread(4, 'eval', 10);
    for (let j = 0; j < 4; j++) expect(s.bnStd[j]).toBe(0);
  });
  it('m = 1: BatchNorm’s batch variance is 0 and every output is 0; the running variance is left alone', () => {
    const r = compute(st({ m: 1 }));
    expect(Array.from(r.y)).toEqual([0, 0, 0, 0]);
    expect(Array.from(runningAfter(1, 3).var)).toEqual([1, 1, 1, 1]);
  });
  it('running statistics head for the pool’s population values', () => {
    const run = runningAfter(8, 400);
    const colMean = (j: number) => {
      let s = 0;
      for (let r = 0; r < POOL_ROWS; r++) s += POOL[r * 4 + j];
      return s / POOL_ROWS;
    };
    for (let j = 0; j < 4; j++) expect(Math.abs(run.mean[j] - colMean(j))).toBeLessThan(0.5);
  });
});

describe('norm-axes state', () => {
  it('defaults and bad values', () => {
    expect(defaults(schema)).toMatchObject({ kind: 'batch', view: 'matrix', m: 3, draw: 0, mode: 'train' });
    const { state, issues } = parseState(schema, { kind: 'weight', m: '40', G: '3' });
    expect(state).toMatchObject({ kind: 'batch', m: 16, G: '2' });
    expect(issues.map((i) => i.kind)).toEqual(['malformed', 'clamped', 'malformed']);
  });
});

describe('state', () => {
  it('offers exactly the core’s normalisation kinds', async () => {
    const { NORM_KINDS } = await import('../../core/normAxes.ts');
    const { KINDS } = await import('./state.ts');
    expect(KINDS).toEqual(NORM_KINDS);
  });
});
