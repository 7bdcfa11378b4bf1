/**
 * A value that follows another once it has stopped changing for `quiet` ms, and, with a finite
 * `maxWait`, at least every `maxWait` ms while it keeps changing (`SettleSchedule`, settle.ts).
 * `WidgetShell` passes every widget's aria-live description through it (without maxWait): while
 * a slider is dragged the text would otherwise be rewritten (and re-laid out, and announced) on
 * every frame.
 *
 *   const live = new Settled(() => description);   // read live.value
 */
import { SettleSchedule } from './settle.ts';

export class Settled<T> {
  value: T = $state() as T;

  constructor(read: () => T, quiet = 300, maxWait = Infinity) {
    this.value = read();
    const schedule = new SettleSchedule<T>((v) => (this.value = v), quiet, maxWait);
    let first = true;
    $effect(() => {
      const next = read();
      // The first run follows at once: by then the widget may have taken its state from the
      // URL, and a page that opens in that state should not describe the default first.
      if (first) {
        first = false;
        this.value = next;
        return;
      }
      schedule.push(next);
    });
    $effect(() => () => schedule.cancel());
  }
}
