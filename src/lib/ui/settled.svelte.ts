/**
 * A value that follows another once it has stopped changing for `ms` milliseconds. Widgets pass
 * their aria-live description through it: while a slider is dragged the text would otherwise be
 * rewritten (and re-laid out, and announced) on every frame.
 *
 *   const live = new Settled(() => description, 300);   // read live.value
 */
export class Settled<T> {
  value: T = $state() as T;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(read: () => T, ms = 300) {
    this.value = read();
    $effect(() => {
      const next = read();
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => (this.value = next), ms);
      return () => clearTimeout(this.#timer);
    });
  }
}
