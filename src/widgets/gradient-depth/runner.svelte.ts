import type { NetCache } from './compute.ts';
import { configKey, type DepthConfig, type DepthResult } from './model.ts';
import type { DepthRequest, DepthResponse } from './worker.ts';

/**
 * Runs configurations in a Web Worker with "latest request wins": at most one request is in
 * flight; while it runs, newer requests replace each other and only the newest is sent next. The
 * previous results stay on screen (`results`) until new ones arrive; `pending` drives a subtle
 * "computing…" state. Where a worker cannot start (a page on another origin, a blocked worker), it
 * loads the network code on demand and computes in a macrotask instead.
 */
const SLOW_MS = 200;

export class DepthRunner {
  /**
   * One result per slot (A, B); a slot that has never been computed is missing. Raw state: each
   * answer replaces the array whole, and a deep proxy would create a signal for every per-layer
   * number the charts read (hundreds per result).
   */
  results: DepthResult[] = $state.raw([]);
  pending = $state(false);
  /** Pending for longer than SLOW_MS: only then does the view show "computing…" and dim. */
  slow = $state(false);
  error: string | null = $state(null);
  #worker: Worker | null = null;
  #workerFailed = false;
  #nextId = 1;
  #inFlight: DepthRequest | null = null;
  #queued: DepthRequest | null = null;
  #wanted: string;
  #local: NetCache | null = null;
  #slowTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(initial: DepthResult[]) {
    this.results = initial;
    this.#wanted = initial.map((r) => r.key).join('\n');
  }

  /** Asks for these configurations; a no-op when they are already shown or on their way. */
  request(configs: DepthConfig[]): void {
    const wanted = configs.map(configKey).join('\n');
    if (wanted === this.#wanted) return;
    this.#wanted = wanted;
    this.#queued = { id: this.#nextId++, configs: configs.map((c) => ({ ...c })) };
    this.pending = true;
    if (this.#slowTimer === undefined) this.#armSlow();
    if (!this.#inFlight) this.#send();
  }

  destroy(): void {
    clearTimeout(this.#slowTimer);
    this.#worker?.terminate();
    this.#worker = null;
  }

  #send(): void {
    const req = this.#queued;
    this.#queued = null;
    this.#inFlight = req;
    if (!req) return;
    const worker = this.#ensureWorker();
    if (worker) worker.postMessage(req);
    else void this.#computeHere(req).then((msg) => this.#receive(msg));
  }

  #ensureWorker(): Worker | null {
    if (this.#worker || this.#workerFailed || typeof Worker === 'undefined') return this.#worker;
    try {
      // Vite bundles the worker from exactly this expression (a plain URL, not reactive state).
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<DepthResponse>) => this.#receive(e.data);
      worker.onerror = (e) => {
        // A worker that cannot load (blocked, unsupported): compute on this thread from now on.
        e.preventDefault();
        this.#workerFailed = true;
        worker.terminate();
        this.#worker = null;
        const lost = this.#inFlight;
        if (lost) void this.#computeHere(lost).then((msg) => this.#receive(msg));
      };
      this.#worker = worker;
    } catch {
      this.#workerFailed = true;
    }
    return this.#worker;
  }

  async #computeHere(req: DepthRequest): Promise<DepthResponse> {
    try {
      const { computeDepth, createNetCache } = await import('./compute.ts');
      // A macrotask, so the "computing…" state can paint before the work starts.
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.#local ??= createNetCache(2);
      const cache = this.#local;
      return { id: req.id, results: req.configs.map((c) => computeDepth(c, cache)) };
    } catch (err) {
      return { id: req.id, error: err instanceof Error ? err.message : String(err) };
    }
  }

  #receive(msg: DepthResponse): void {
    if (msg.id !== this.#inFlight?.id) return;
    if ('error' in msg) this.error = msg.error;
    else {
      this.error = null;
      // Even a superseded answer is newer than what is on screen: show it while the next one runs.
      this.results = msg.results;
    }
    this.#inFlight = null;
    // An answer just arrived: not slow; if more is queued, the clock starts again.
    this.slow = false;
    clearTimeout(this.#slowTimer);
    this.#slowTimer = undefined;
    if (this.#queued) {
      this.#armSlow();
      this.#send();
    } else this.pending = false;
  }

  /** "Slow" means no answer for SLOW_MS while something is wanted; quick answers (a few ms at the
   * default sizes) must not flicker a busy state while the reader drags a slider. */
  #armSlow(): void {
    this.#slowTimer = setTimeout(() => (this.slow = this.pending), SLOW_MS);
  }
}
