/**
 * One scripted interaction per widget, on its main control, for the interaction
 * benchmark (scripts/bench-interaction.ts). Add an entry when you add a widget.
 *
 * kinds:
 *  - drag:  pointer down on `target`, move across it from `from` to `to` (fractions of its
 *           width, at 50 % height, or `y`), one move per frame, pointer up;
 *  - range: step an <input type="range"> from its min to its max in `steps` steps;
 *  - keys:  press `keys` in order on `target` (one per frame);
 *  - play:  click the `target` button (Play), record `frames` animation frames while the widget
 *           runs on its own (training, sampling), click it again (Pause).
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
  | { widget: string; page: string; nth?: number; kind: 'keys'; target: string; keys: string[]; note: string }
  | { widget: string; page: string; nth?: number; kind: 'play'; target: string; frames: number; note: string };

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
    page: '/vanishing-exploding-gradients/?gradient-depth.n=256&gradient-depth.B=64&gradient-depth.ab=1&gradient-depth.norm=bn&gradient-depth.bnorm=ln',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
    steps: 99,
    note: 'largest settings: L 1→100, width 256, batch 64, A/B with BN and LN (worker)',
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
    widget: 'residual-gradient',
    page: '/residual-connections/',
    kind: 'range',
    target: 'input[type=range] >> nth=1',
    steps: 99,
    note: 'depth L from 1 to 100 (reruns the measured residual net)',
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
    target: 'input[type=range] >> nth=0',
    steps: 99,
    note: 'input std s from 0.1 to 10 (8-layer forward pass per step)',
  },
  {
    widget: 'rnn-unrolled',
    page: '/rnn/',
    kind: 'range',
    target: 'input[type=range] >> nth=0',
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
  {
    widget: 'attention-heatmap',
    page: '/transformer/',
    kind: 'range',
    target: 'input[type=range]',
    steps: 63,
    note: 'd_k 1→64, default (16 tokens, 1 head)',
  },
  {
    widget: 'attention-heatmap',
    page: '/transformer/?attention-heatmap.h=4&attention-heatmap.s=%E6%B3%A8%E6%84%8F%E5%8A%9B%E8%AE%A9%E6%AF%8F%E4%B8%AA%E8%AF%8D%E5%85%83%E7%9B%B4%E6%8E%A5%E7%9C%8B%E5%88%B0%E6%95%B4%E5%8F%A5%E8%AF%9D%EF%BC%9A%E6%9F%A5%E8%AF%A2%E5%92%8C%E9%94%AE%E5%81%9A%E7%82%B9%E7%A7%AF%E5%BE%97%E5%88%B0%E5%88%86%E6%95%B0%EF%BC%8C%E9%99%A4%E4%BB%A5%E9%94%AE%E7%BB%B4%E5%BA%A6%E7%9A%84%E5%B9%B3%E6%96%B9%E6%A0%B9%EF%BC%8C%E5%86%8D%E7%BB%8F%E8%BF%87%20softmax%20%E5%8F%98%E6%88%90%E6%9D%83%E9%87%8D%EF%BC%8C%E6%9C%80%E5%90%8E%E6%8C%89%E8%BF%99%E4%BA%9B%E6%9D%83%E9%87%8D%E5%AF%B9%E5%80%BC%E5%90%91%E9%87%8F%E5%81%9A%E5%8A%A0%E6%9D%83%E6%B1%82%E5%92%8C%E3%80%82',
    kind: 'range',
    target: 'input[type=range]',
    steps: 63,
    note: 'd_k 1→64, 64 tokens, 4 heads',
  },
  {
    widget: 'attention-heatmap',
    page: '/transformer/?attention-heatmap.s=%E6%B3%A8%E6%84%8F%E5%8A%9B%E8%AE%A9%E6%AF%8F%E4%B8%AA%E8%AF%8D%E5%85%83%E7%9B%B4%E6%8E%A5%E7%9C%8B%E5%88%B0%E6%95%B4%E5%8F%A5%E8%AF%9D%EF%BC%9A%E6%9F%A5%E8%AF%A2%E5%92%8C%E9%94%AE%E5%81%9A%E7%82%B9%E7%A7%AF%E5%BE%97%E5%88%B0%E5%88%86%E6%95%B0%EF%BC%8C%E9%99%A4%E4%BB%A5%E9%94%AE%E7%BB%B4%E5%BA%A6%E7%9A%84%E5%B9%B3%E6%96%B9%E6%A0%B9%EF%BC%8C%E5%86%8D%E7%BB%8F%E8%BF%87%20softmax%20%E5%8F%98%E6%88%90%E6%9D%83%E9%87%8D%EF%BC%8C%E6%9C%80%E5%90%8E%E6%8C%89%E8%BF%99%E4%BA%9B%E6%9D%83%E9%87%8D%E5%AF%B9%E5%80%BC%E5%90%91%E9%87%8F%E5%81%9A%E5%8A%A0%E6%9D%83%E6%B1%82%E5%92%8C%E3%80%82',
    kind: 'drag',
    target: 'rect.hit.main',
    from: 0.02,
    to: 0.98,
    y: 0.5,
    steps: 90,
    note: 'hover across the 64×64 heat map',
  },
  {
    widget: 'positional-encoding',
    page: '/transformer/',
    kind: 'range',
    target: 'input[type=range] >> nth=2',
    steps: 62,
    note: 'd_model 4→128 (table redrawn)',
  },
  {
    widget: 'positional-encoding',
    page: '/transformer/',
    kind: 'keys',
    target: '[role=slider].hit',
    keys: Array.from({ length: 60 }, () => 'ArrowDown'),
    note: 'position by keyboard',
  },
  {
    widget: 'rnn-vs-transformer-timeline',
    page: '/transformer-parallelism/',
    kind: 'range',
    target: 'input[type=range] >> nth=1',
    steps: 62,
    note: 'n 2→64 (three lanes)',
  },
  {
    widget: 'bert-masking',
    page: '/bert/',
    nth: 1,
    kind: 'range',
    target: 'input[type=range]',
    steps: 60,
    note: 'maskings pooled 1→5000',
  },
  {
    widget: 'neuron-playground',
    page: '/neurons-and-activations/',
    nth: 1,
    kind: 'play',
    target: 'button[aria-pressed]',
    frames: 300,
    note: 'live training of the small network (Play, 300 frames)',
  },
];
