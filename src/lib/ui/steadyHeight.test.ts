import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextFloor, type Floor } from './steadyHeight.ts';

/**
 * Plays the attachment against a simulated block: at each step the content changes (a new
 * natural height) or the block gets a new width. The observer watches the content, and hears
 * only of sizes that changed, as a ResizeObserver does; the block shows max(content, floor), as
 * its min-height does.
 */
function play(steps: { width: number; natural: number }[]): number[] {
  let floor: Floor = { width: -1, height: 0 };
  let reported = { width: NaN, height: NaN };
  const shown: number[] = [];
  for (const { width, natural } of steps) {
    if (width !== reported.width || natural !== reported.height) {
      floor = nextFloor(floor, width, natural);
      reported = { width, height: natural };
    }
    shown.push(Math.max(natural, floor.height));
  }
  return shown;
}

describe('nextFloor', () => {
  it('rises with a taller block, ignores a shorter one, and starts again at a new width', () => {
    const f0: Floor = { width: 300, height: 40 };
    expect(nextFloor(f0, 300, 64)).toEqual({ width: 300, height: 64 });
    expect(nextFloor(f0, 300, 24)).toBe(f0);
    expect(nextFloor(f0, 300.3, 80)).toEqual({ width: 300, height: 80 });
    expect(nextFloor(f0, 200, 24)).toEqual({ width: 200, height: 24 });
  });

  it('a block at one width never shrinks, and is as tall as the tallest text it has shown', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ width: fc.constantFrom(320, 640), natural: fc.integer({ min: 16, max: 120 }) }), {
          minLength: 1,
          maxLength: 40,
        }),
        (steps) => {
          const shown = play(steps);
          let tallest = 0;
          for (let i = 0; i < steps.length; i++) {
            if (i > 0 && steps[i].width !== steps[i - 1].width) tallest = 0;
            tallest = Math.max(tallest, steps[i].natural);
            expect(shown[i]).toBe(tallest);
          }
        },
      ),
    );
  });
});
