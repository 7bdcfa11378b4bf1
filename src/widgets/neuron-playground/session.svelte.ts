import type { ActivationName } from '../../core/activations.ts';
import type { ToyKind } from '../../core/toyData.ts';
import { collapse, createTrainer, downsample, misclassified, type Trainer } from './model.ts';

/**
 * One live training run of the tiny network: the trainer (plain data mutated in place by the core)
 * and a version counter that tells Svelte to redraw. `snap` is what the view draws.
 */
export class NetSession {
  trainer: Trainer = $state.raw() as Trainer;
  version = $state(0);
  #act: ActivationName;

  constructor(kind: ToyKind, act: ActivationName, H: number, seed: number) {
    this.#act = act;
    this.trainer = createTrainer(kind, act, H, seed);
  }

  reset(kind: ToyKind, act: ActivationName, H: number, seed: number): void {
    this.#act = act;
    this.trainer = createTrainer(kind, act, H, seed);
    this.version++;
  }

  /** Take n steps; redraw (the default) tells the view to draw the new state. */
  step(n: number, lr: number, redraw = true): void {
    this.trainer.step(n, lr);
    if (redraw) this.version++;
  }

  snap = $derived.by(() => {
    void this.version;
    const tr = this.trainer;
    const steps = tr.losses.length;
    return {
      grid: Float64Array.from(tr.grid()),
      steps,
      loss: steps > 0 ? tr.losses[steps - 1] : Number.NaN,
      acc: tr.accuracy(),
      wrong: misclassified(tr.net, tr.data),
      lossPts: downsample(tr.losses, 300),
      collapsed: this.#act === 'linear' ? collapse(tr.net) : null,
    };
  });
}
