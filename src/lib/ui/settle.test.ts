import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SettleSchedule, type Timers } from './settle.ts';

/** A fake clock: timers fire in time order as `advance` moves the clock. */
class Clock implements Timers {
  t = 0;
  #next = 1;
  #due = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.#next++;
    this.#due.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.#due.delete(h as number);
  }
  /** Moves the clock by ms, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | undefined;
      for (const e of this.#due) if (e[1].at <= end && (!first || e[1].at < first[1].at)) first = e;
      if (!first) break;
      this.#due.delete(first[0]);
      this.t = first[1].at;
      first[1].fn();
    }
    this.t = end;
  }
  get pending(): number {
    return this.#due.size;
  }
}

function setup(quiet = 300, maxWait = 2000) {
  const clock = new Clock();
  const out: { t: number; v: number }[] = [];
  const s = new SettleSchedule<number>((v) => out.push({ t: clock.t, v }), quiet, maxWait, clock);
  return { clock, out, s };
}

describe('SettleSchedule', () => {
  it('passes a single change on after the quiet time, not before', () => {
    const { clock, out, s } = setup();
    s.push(1);
    clock.advance(299);
    expect(out).toEqual([]);
    expect(s.waiting).toBe(true);
    clock.advance(1);
    expect(out).toEqual([{ t: 300, v: 1 }]);
    expect(s.waiting).toBe(false);
    expect(clock.pending).toBe(0);
  });

  it('passes on only the last of a burst, once the burst has been still for the quiet time', () => {
    const { clock, out, s } = setup();
    for (let i = 1; i <= 20; i++) {
      s.push(i);
      clock.advance(16);
    }
    // The last push was at 304 ms.
    clock.advance(1000);
    expect(out).toEqual([{ t: 304 + 300, v: 20 }]);
  });

  it('passes the latest value on at least every maxWait while changes keep coming (a drag or an animation)', () => {
    const { clock, out, s } = setup(300, 2000);
    // A change every frame for 5 s.
    for (let t = 0; t < 5000; t += 16) {
      s.push(t);
      clock.advance(16);
    }
    expect(out.map((o) => o.t)).toEqual([2000, 4000]);
    // Each one passed on is the newest value at that moment.
    expect(out[0].v).toBe(1984);
    expect(out[1].v).toBe(3984);
    clock.advance(1000);
    expect(out.at(-1)).toEqual({ t: 4992 + 300, v: 4992 });
  });

  it('without a maxWait (the default) holds everything until the changes stop, however long they go on', () => {
    const clock = new Clock();
    const out: number[] = [];
    const s = new SettleSchedule<number>((v) => out.push(v), 300, undefined, clock);
    for (let t = 0; t < 10_000; t += 16) {
      s.push(t);
      clock.advance(16);
    }
    expect(out).toEqual([]);
    clock.advance(300);
    expect(out).toEqual([9984]);
  });

  it('cancel drops what waits and leaves no timer behind', () => {
    const { clock, out, s } = setup();
    s.push(7);
    s.cancel();
    clock.advance(5000);
    expect(out).toEqual([]);
    expect(clock.pending).toBe(0);
    expect(s.waiting).toBe(false);
  });

  it('keeps maxWait at least the quiet time', () => {
    const { s } = setup(300, 100);
    expect(s.maxWait).toBe(300);
  });

  it('for any schedule of changes: the final value always arrives, within the quiet time of the last change; nothing waits longer than maxWait; values arrive in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 60 }),
        (quiet, extra, gaps) => {
          const maxWait = quiet + extra;
          const { clock, out, s } = setup(quiet, maxWait);
          const pushes: { t: number; v: number }[] = [];
          gaps.forEach((g, i) => {
            clock.advance(g);
            s.push(i);
            pushes.push({ t: clock.t, v: i });
          });
          const last = pushes.at(-1)!;
          clock.advance(maxWait + 1);
          // The last value arrives, no later than quiet after its push.
          expect(out.at(-1)!.v).toBe(last.v);
          expect(out.at(-1)!.t).toBeLessThanOrEqual(last.t + quiet);
          // Values arrive in the order they were pushed, each no earlier than its push.
          for (let k = 1; k < out.length; k++) expect(out[k].v).toBeGreaterThan(out[k - 1].v);
          for (const o of out) expect(o.t).toBeGreaterThanOrEqual(pushes[o.v].t);
          // No pushed value waits more than maxWait for itself or a newer one to arrive.
          for (const p of pushes) {
            const next = out.find((o) => o.v >= p.v)!;
            expect(next.t - p.t).toBeLessThanOrEqual(maxWait);
          }
          expect(clock.pending).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
