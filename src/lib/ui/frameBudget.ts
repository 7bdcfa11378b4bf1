/**
 * How long a slice of work (a few batches of training, say) may run in the next animation
 * frame, learned from the frames before it: what is left of the display's frame interval once
 * everything else the frame does — the redraw the slice causes, input handlers, layout, paint —
 * has had its time. A fixed slice is either too long on a slow machine or while the reader
 * drags a slider (the frame is missed) or wastes the frame when nothing else is going on.
 *
 *   const budget = new FrameBudget();
 *   const loop = new FrameLoop((dt, now) => {
 *     trainer.advance(budget.begin(now));   // ms this slice may take
 *     budget.end();                         // measures the rest of the frame after it is drawn
 *   });
 *
 * When the rest of the frame alone overruns the beat (a slow device, where the redraw a slice
 * causes is most of the frame), giving the slice only what is left starves it: on the embeddings
 * widget at 4× CPU throttling, frames of 33–66 ms left every slice its 1 ms minimum, and training
 * from 30 to 40 epochs took 8.7–15 s for well under a second of training. The frame rate is lost
 * either way, so the slice then takes a quarter of the rest of the frame (within [min, max]):
 * frames grow by at most a quarter, and the same 10 epochs take 1.6–2.8 s. While the reader is
 * changing something (`interacting`), the slice keeps to what is left of the beat, so a drag
 * stays as smooth as the redraw allows and training waits.
 *
 * `record` holds the arithmetic (pure, unit-tested); `begin`/`end` measure in a browser.
 */
export class FrameBudget {
  readonly min: number;
  readonly max: number;
  /** The slice's share of the rest of the frame once that alone overruns the beat. */
  readonly share = 0.25;
  /** The current budget in ms, always within [min, max]. */
  ms: number;
  /** The display's frame interval: 60 Hz until a shorter interval between frames is seen. */
  interval = 1000 / 60;
  #others: number[] = [];
  #lastStart = NaN;
  #start = 0;
  #t0 = 0;
  #channel: MessageChannel | undefined;
  #holdUntil = -Infinity;

  constructor(min = 1, max = 8) {
    this.min = min;
    this.max = max;
    this.ms = Math.min(max, Math.max(min, 6));
  }

  /**
   * Learns from one frame: `dt`, its interval since the frame before (NaN if unknown); `busy`,
   * the main thread's time from the frame's start until its paint was done; `spent`, the part
   * of that the slice took; `interactive`, whether the reader was changing something then.
   * Ignores anything that is not a finite, non-negative time.
   */
  record(dt: number, busy: number, spent: number, interactive = false): void {
    if (!(busy >= 0 && spent >= 0 && Number.isFinite(busy) && Number.isFinite(spent))) return;
    // Frames start on the display's beat, so the shortest interval seen is the beat (a 120 Hz
    // screen shows 8.3 ms); below 4 ms it is not a display's.
    if (dt >= 4 && dt < this.interval) this.interval = dt;
    this.#others.push(Math.max(0, busy - spent));
    if (this.#others.length > 5) this.#others.shift();
    // The median of the last five frames: one slow frame (a garbage collection) moves nothing.
    const other = [...this.#others].sort((a, b) => a - b)[this.#others.length >> 1];
    // The slice gets what is left of three quarters of a beat: the last quarter is for the
    // compositor and rasterisation, which share the device's cores with this thread. When the
    // rest of the frame alone takes that long, the slice gets a quarter of it, or only `min`
    // while the reader interacts (the figure keeps up with the hand; training slows down).
    const left = 0.75 * this.interval - other;
    const ms = interactive ? left : Math.max(left, this.share * other);
    this.ms = Math.min(this.max, Math.max(this.min, ms));
  }

  /** The reader is changing something: for the next `ms`, slices keep to what the frames leave. */
  interacting(ms = 300, now = performance.now()): void {
    this.#holdUntil = Math.max(this.#holdUntil, now + ms);
  }

  /** Starts a frame's slice; `frameStart` is the animation frame's timestamp. Returns the budget. */
  begin(frameStart: number): number {
    this.#start = frameStart;
    this.#t0 = performance.now();
    return this.ms;
  }

  /**
   * Ends the slice. A message posted now is delivered after the frame's rendering (style,
   * layout, paint) is done, which is when the frame's busy time is known.
   */
  end(): void {
    const t = performance.now();
    const spent = t - this.#t0;
    const interactive = t < this.#holdUntil;
    const start = this.#start;
    const dt = start - this.#lastStart;
    this.#lastStart = start;
    if (!this.#channel) {
      this.#channel = new MessageChannel();
      this.#channel.port1.onmessage = (e: MessageEvent<number[]>) =>
        this.record(e.data[0], performance.now() - e.data[1], e.data[2], e.data[3] === 1);
    }
    this.#channel.port2.postMessage([dt, start, spent, interactive ? 1 : 0]);
  }
}
