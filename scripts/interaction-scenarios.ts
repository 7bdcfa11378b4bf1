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
    widget: 'gradient-depth',
    page: '/vanishing-exploding-gradients/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 99,
    note: 'depth slider L from 1 to 100 (default width 64, batch 16; runs in a worker)',
  },
  {
    widget: 'gradient-depth',
    page: '/vanishing-exploding-gradients/',
    kind: 'drag',
    target: 'rect.hit',
    from: 0.02,
    to: 0.98,
    steps: 60,
    note: 'drag the layer cursor across the gradient chart',
  },
  {
    widget: 'residual-gradient',
    page: '/residual-connections/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 100,
    note: 'branch gain j from −1 to 1 (reruns the measured residual net)',
  },
  {
    widget: 'adam-step-scale',
    page: '/gradient-remedies/',
    kind: 'drag',
    target: 'rect.hit',
    from: 0.02,
    to: 0.98,
    steps: 80,
    note: 'drag |g| across the log–log chart',
  },
  {
    widget: 'normalization-distribution',
    page: '/normalization/',
    kind: 'range',
    target: 'input[type=range] >> nth=1',
    steps: 99,
    note: 'input std s from 0.1 to 10 (8-layer forward pass per step)',
  },
  {
    widget: 'rnn-unrolled',
    page: '/rnn/',
    kind: 'range',
    target: 'input[type=range] >> nth=1',
    steps: 130,
    note: 'gain g from 0.3 to 1.6 (T = 30, tanh)',
  },
  {
    widget: 'lstm-gru-gates',
    page: '/lstm-gru/',
    kind: 'keys',
    target: 'rect.hit',
    keys: ['Home', ...Array.from({ length: 23 }, () => 'ArrowRight'), 'End', 'Home'],
    note: 'step through all 24 steps of the LSTM with the arrow keys',
  },
  {
    widget: 'embedding-space',
    page: '/en/embeddings/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 99,
    note: 'epochs slider 1 → 100: retrains from scratch, then keeps training as the target rises',
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
