import type { ToyKind } from '../../core/toyData.ts';
import { choice, num } from '../../lib/state/schema.ts';

/**
 * The core's DATASETS, spelled out here (a test keeps them equal): the registry, and with it
 * the <dl-widget> entry script, loads every schema, and importing the constant from
 * core/toyData.ts would move that whole module into the entry.
 */
export const DATASETS = ['linear', 'xor', 'circles'] as const satisfies readonly ToyKind[];

export const PARTS = ['neuron', 'net'] as const;
export const ACTS = ['tanh', 'relu', 'sigmoid', 'leakyRelu', 'elu', 'gelu', 'silu', 'linear'] as const;
export type PlaygroundAct = (typeof ACTS)[number];
export const RATES = ['0.1', '0.3', '1', '3'] as const;

/**
 * part: one neuron, or a 2 → H → 1 network trained live. act: the activation φ ('linear' = none). Neuron: weights w1, w2, bias b and a probe point (px, py).
 * Network: toy data set, hidden width H, learning rate lr and the initialisation seed.
 */
export const schema = {
  part: choice(PARTS, 'neuron'),
  act: choice(ACTS, 'tanh'),
  w1: num(1, -3, 3, 0.1),
  w2: num(-0.5, -3, 3, 0.1),
  b: num(0.2, -3, 3, 0.1),
  px: num(0.5, -2, 2, 0.05),
  py: num(0.8, -2, 2, 0.05),
  data: choice(DATASETS, 'xor'),
  H: num(4, 1, 8, 1),
  lr: choice(RATES, '1'),
  seed: num(1, 1, 99, 1),
};
