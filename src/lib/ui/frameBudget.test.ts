import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameBudget } from './frameBudget.ts';

/** Feeds n frames of the same shape: interval dt, everything but the slice `other`, slice `spent`. */
function feed(b: FrameBudget, n: number, dt: number, other: number, spent = b.ms, interactive = false): void {
  for (let i = 0; i < n; i++) b.record(dt, other + spent, spent, interactive);
}

describe('FrameBudget', () => {
  it('starts at 6 ms, within its bounds', () => {
    expect(new FrameBudget().ms).toBe(6);
    expect(new FrameBudget(1, 4).ms).toBe(4);
    expect(new FrameBudget(7, 9).ms).toBe(7);
  });

  it('gives the slice what is left of three quarters of a 60 Hz beat', () => {
    const b = new FrameBudget();
    feed(b, 5, 1000 / 60, 9);
    expect(b.ms).toBeCloseTo(0.75 * (1000 / 60) - 9, 10);
    // A light frame: the slice may take up to its maximum.
    feed(b, 5, 1000 / 60, 2);
    expect(b.ms).toBe(8);
  });

  it('shrinks to its minimum while the reader interacts and the rest of the frame fills the beat (a drag on a slow CPU)', () => {
    const b = new FrameBudget();
    feed(b, 5, 50, 40, 1, true);
    expect(b.ms).toBe(1);
    // and comes back once the frames are light again
    feed(b, 5, 1000 / 60, 6, 1, true);
    expect(b.ms).toBeCloseTo(0.75 * (1000 / 60) - 6, 10);
  });

  it('takes a quarter of a frame that overruns the beat anyway, when nobody interacts (training on a slow CPU)', () => {
    const b = new FrameBudget();
    feed(b, 5, 1000 / 60, 16);
    expect(b.ms).toBeCloseTo(4, 10);
    // up to its maximum
    feed(b, 5, 50, 40);
    expect(b.ms).toBe(8);
    const c = new FrameBudget(1, 20);
    feed(c, 5, 50, 40);
    expect(c.ms).toBeCloseTo(10, 10);
    // Below the beat, what is left is larger than the quarter: nothing changes there.
    feed(c, 5, 1000 / 60, 9);
    expect(c.ms).toBeCloseTo(0.75 * (1000 / 60) - 9, 10);
  });

  it('property: steady frames give what is left of the beat, or a quarter of the rest unless interacting', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.boolean(),
        (other, spent, interactive) => {
          const b = new FrameBudget();
          for (let i = 0; i < 5; i++) b.record(1000 / 60, other + spent, spent, interactive);
          const left = 0.75 * (1000 / 60) - other;
          const want = Math.min(8, Math.max(1, interactive ? left : Math.max(left, other / 4)));
          return Math.abs(b.ms - want) < 1e-9;
        },
      ),
    );
  });

  it('end() counts the frames inside an interacting() window as interactive', async () => {
    // Five frames that took 60 ms before their slice ended (busy is measured once the message
    // posted by end() arrives): a quarter of them is more than the maximum, unless interacting.
    const run = async (interact: boolean) => {
      const b = new FrameBudget();
      if (interact) b.interacting(60_000);
      for (let i = 0; i < 5; i++) {
        b.begin(performance.now() - 60);
        b.end();
        await new Promise((r) => setTimeout(r, 5));
      }
      return b.ms;
    };
    expect(await run(true)).toBe(1);
    expect(await run(false)).toBe(8);
  });

  it('follows a faster display (120 Hz) but not intervals no display has', () => {
    const b = new FrameBudget();
    feed(b, 5, 1000 / 120, 2);
    expect(b.interval).toBeCloseTo(1000 / 120, 10);
    expect(b.ms).toBeCloseTo(0.75 * (1000 / 120) - 2, 10);
    const c = new FrameBudget();
    feed(c, 5, 1, 2);
    expect(c.interval).toBeCloseTo(1000 / 60, 10);
  });

  it('is not moved by one slow frame (the median of the last five)', () => {
    const b = new FrameBudget();
    feed(b, 5, 1000 / 60, 5);
    const steady = b.ms;
    b.record(1000 / 60, 200, 1, true);
    expect(b.ms).toBe(steady);
    // Three slow frames out of five are a new state of affairs.
    b.record(1000 / 60, 200, 1, true);
    b.record(1000 / 60, 200, 1, true);
    expect(b.ms).toBe(1);
  });

  it('ignores frames it cannot read: negative, NaN or infinite times', () => {
    const b = new FrameBudget();
    for (const [dt, busy, spent] of [
      [16.7, NaN, 1],
      [16.7, 10, -1],
      [16.7, Infinity, 1],
      [NaN, 10, NaN],
    ])
      b.record(dt, busy, spent);
    expect(b.ms).toBe(6);
    expect(b.interval).toBeCloseTo(1000 / 60, 10);
    // An unknown interval (the first frame) still teaches the busy time.
    b.record(NaN, 10, 2);
    expect(b.ms).toBeCloseTo(0.75 * (1000 / 60) - 8, 10);
  });

  it('property: any sequence of frames leaves a finite budget within [min, max]', () => {
    const time = fc.oneof(fc.double({ min: -50, max: 500, noNaN: false }), fc.constant(Infinity));
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.array(fc.tuple(time, time, time), { maxLength: 40 }),
        (min, extra, frames) => {
          const b = new FrameBudget(min, min + extra);
          for (const [dt, busy, spent] of frames) b.record(dt, busy, spent);
          return Number.isFinite(b.ms) && b.ms >= min && b.ms <= min + extra && b.interval >= 4;
        },
      ),
    );
  });
});
