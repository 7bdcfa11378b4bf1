/**
 * One scripted interaction per widget, on its main control, for the interaction
 * benchmark (scripts/bench-interaction.ts). Add an entry when you add a widget.
 *
 * kinds:
 *  - drag:  pointer down on `target`, move across it from `from` to `to` (fractions of its
 *           width, at 50 % height, or `y`), one move per frame, pointer up;
 *  - range: step an <input type="range"> from its min to its max in `steps` steps;
 *  - keys:  press `keys` in order on `target` (one per frame).
 */
export type Scenario =
  | {
      widget: string;
      page: string;
      nth?: number;
      kind: 'drag';
      target: string;
      from: number;
      to: number;
      y?: number;
      steps?: number;
      note: string;
    }
  | { widget: string; page: string; nth?: number; kind: 'range'; target: string; steps?: number; note: string }
  | { widget: string; page: string; nth?: number; kind: 'keys'; target: string; keys: string[]; note: string };

export const SCENARIOS: Scenario[] = [
  {
    widget: 'sigmoid-saturation',
    page: '/sigmoid-saturation/',
    kind: 'drag',
    target: 'rect.hit',
    from: 0.05,
    to: 0.95,
    steps: 90,
    note: 'drag x across the σ panel',
  },
  {
    widget: 'sigmoid-saturation',
    page: '/sigmoid-saturation/',
    kind: 'range',
    target: 'input[type=range] >> nth=1',
    steps: 99,
    note: 'depth slider L from 1 to 100',
  },
  {
    widget: 'pooling',
    page: '/pooling/',
    kind: 'keys',
    target: 'rect.hit',
    keys: Array.from({ length: 16 }, (_, i) => [String((i * 7) % 10), 'ArrowRight']).flat(),
    note: 'edit the input grid by keyboard (digit, next cell)',
  },
  {
    widget: 'maxpool-translation',
    page: '/translation-invariance/',
    kind: 'drag',
    target: 'rect.hit',
    from: 0.15,
    to: 0.85,
    steps: 60,
    note: 'drag the pattern across the input',
  },
  {
    widget: 'norm-axes',
    page: '/batchnorm-vs-layernorm/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 15,
    note: 'batch size m from 1 to 16',
  },
  {
    widget: 'dropout',
    page: '/dropout/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 18,
    note: 'p_drop from 0 to 0.9',
  },
  {
    widget: 'neuron-playground',
    page: '/neurons-and-activations/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 60,
    note: 'weight w1 from −3 to 3 (plane redrawn)',
  },
];
