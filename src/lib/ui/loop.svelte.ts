/**
 * A frame loop for widgets that animate or train: it runs only while `playing`, the
 * element is on screen and the tab is visible, so nothing burns CPU off-screen. Each
 * frame gets a time budget; callers do a slice of work and return.
 *
 *   const loop = new FrameLoop((dt) => { trainer.train(32); });
 *   loop.observe(element)   // in an $effect / attachment; returns a cleanup
 *   loop.playing = true
 */
export class FrameLoop {
  playing = $state(false);
  /** True while the observed element intersects the viewport. */
  visible = $state(false);
  #tick: (dtMs: number, now: number) => void;
  #raf = 0;
  #last = 0;

  /** `tick(dt, now)`: ms since the last frame (at most 100) and this frame's timestamp. */
  constructor(tick: (dtMs: number, now: number) => void) {
    this.#tick = tick;
  }

  /** Watches visibility (viewport and tab) and drives the loop; returns a cleanup function. */
  observe(element: Element): () => void {
    const io = new IntersectionObserver((entries) => {
      this.visible = entries.some((e) => e.isIntersecting);
      this.#sync();
    });
    io.observe(element);
    const onVisibility = () => this.#sync();
    document.addEventListener('visibilitychange', onVisibility);
    const stopEffect = $effect.root(() => {
      $effect(() => {
        void this.playing;
        void this.visible;
        this.#sync();
      });
    });
    return () => {
      io.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
      stopEffect();
      this.#stop();
    };
  }

  /** Runs one frame's work now (the Step button), whether or not the loop is playing. */
  step(): void {
    this.#tick(16.7, performance.now());
  }

  #sync(): void {
    const run = this.playing && this.visible && document.visibilityState === 'visible';
    if (run && this.#raf === 0) {
      this.#last = performance.now();
      this.#raf = requestAnimationFrame(this.#frame);
    } else if (!run) this.#stop();
  }

  #frame = (now: number) => {
    const dt = Math.min(100, now - this.#last);
    this.#last = now;
    this.#tick(dt, now);
    this.#raf = this.playing ? requestAnimationFrame(this.#frame) : 0;
  };

  #stop(): void {
    if (this.#raf) cancelAnimationFrame(this.#raf);
    this.#raf = 0;
  }
}

/** The reader asked for reduced motion: never autoplay, step instead of animate. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
