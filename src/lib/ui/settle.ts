/**
 * When a changing value is passed on: once it has been still for `quiet` ms, and, with a finite
 * `maxWait`, at least every `maxWait` ms while it keeps changing. Widgets' aria-live descriptions
 * go through it (`Settled`, used by `WidgetShell`, with no maxWait): rewritten on every frame of
 * a drag, a description was laid out again each frame and queued an announcement a screen reader
 * could never finish; settled, it is read once the reader stops. (A refresh every few seconds
 * during a drag was tried: it could add a line to the description mid-drag and move the controls
 * under the pointer.)
 *
 * Plain TypeScript with the timers passed in, so the schedule is unit-tested with a fake clock.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const browserTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export class SettleSchedule<T> {
  readonly quiet: number;
  readonly maxWait: number;
  #apply: (value: T) => void;
  #timers: Timers;
  #timer: unknown = undefined;
  /** When the first change still waiting to be passed on arrived (null: nothing waits). */
  #since: number | null = null;
  #pending: T | undefined;

  constructor(apply: (value: T) => void, quiet = 300, maxWait = Infinity, timers: Timers = browserTimers) {
    this.quiet = Math.max(0, quiet);
    this.maxWait = Math.max(this.quiet, maxWait);
    this.#apply = apply;
    this.#timers = timers;
  }

  /** A new value: passed on after `quiet` ms without another, or when the oldest waiting change is `maxWait` old. */
  push(value: T): void {
    const now = this.#timers.now();
    this.#pending = value;
    this.#since ??= now;
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    const delay = Math.max(0, Math.min(this.quiet, this.#since + this.maxWait - now));
    this.#timer = this.#timers.setTimeout(() => this.#flush(), delay);
  }

  /** Whether a value is waiting to be passed on. */
  get waiting(): boolean {
    return this.#since !== null;
  }

  /** Drops what is waiting (the component is going away). */
  cancel(): void {
    if (this.#timer !== undefined) this.#timers.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#since = null;
    this.#pending = undefined;
  }

  #flush(): void {
    const value = this.#pending as T;
    this.#timer = undefined;
    this.#since = null;
    this.#pending = undefined;
    this.#apply(value);
  }
}
