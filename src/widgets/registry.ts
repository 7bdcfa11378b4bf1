import type { Schema } from '../lib/state/schema.ts';
import { schema as attentionHeatmap } from './attention-heatmap/state.ts';
import { schema as bertMasking } from './bert-masking/state.ts';
import { schema as positionalEncoding } from './positional-encoding/state.ts';
import { schema as rnnVsTransformerTimeline } from './rnn-vs-transformer-timeline/state.ts';
import { schema as sigmoidSaturation } from './sigmoid-saturation/state.ts';
import { schema as gradientDepth } from './gradient-depth/state.ts';
import { schema as residualGradient } from './residual-gradient/state.ts';
import { schema as adamStepScale } from './adam-step-scale/state.ts';
import { schema as normalizationDistribution } from './normalization-distribution/state.ts';
import { schema as rnnUnrolled } from './rnn-unrolled/state.ts';
import { schema as lstmGruGates } from './lstm-gru-gates/state.ts';
import { schema as embeddingSpace } from './embedding-space/state.ts';
import { schema as pooling } from './pooling/state.ts';
import { schema as maxpoolTranslation } from './maxpool-translation/state.ts';
import { schema as normAxes } from './norm-axes/state.ts';
import { schema as dropout } from './dropout/state.ts';
import { schema as neuronPlayground } from './neuron-playground/state.ts';

/**
 * Every widget, by id: the Svelte component's name as written in prose, the topic it
 * belongs to, and its state schema. Pages, embeds and the presenter are driven from
 * here; titles and strings live in content/i18n under "<id>.".
 */
export interface WidgetMeta {
  readonly id: string;
  readonly component: string;
  readonly topic: string;
  readonly schema: Schema;
  /** Iframe height in px for the default state at a 720 px wide embed, the taller language (embeds, oEmbed; embed.js resizes to fit); 640 if unset. */
  readonly height?: number;
  /** It has Play/Step controls (src/lib/ui/PlayControls.svelte), and so needs their strings. */
  readonly animated?: true;
}

export const WIDGETS = [
  {
    id: 'sigmoid-saturation',
    component: 'SigmoidSaturation',
    topic: 'sigmoid-saturation',
    schema: sigmoidSaturation,
    height: 760,
  },
  {
    id: 'gradient-depth',
    component: 'GradientDepth',
    topic: 'vanishing-exploding-gradients',
    schema: gradientDepth,
    height: 1580,
  },
  {
    id: 'residual-gradient',
    component: 'ResidualGradient',
    topic: 'residual-connections',
    schema: residualGradient,
    height: 1630,
  },
  { id: 'adam-step-scale', component: 'AdamStepScale', topic: 'gradient-remedies', schema: adamStepScale, height: 860 },
  {
    id: 'normalization-distribution',
    component: 'NormalizationDistribution',
    topic: 'normalization',
    schema: normalizationDistribution,
    height: 1720,
  },
  { id: 'rnn-unrolled', component: 'RnnUnrolled', topic: 'rnn', schema: rnnUnrolled, height: 1300 },
  {
    id: 'lstm-gru-gates',
    component: 'LstmGruGates',
    topic: 'lstm-gru',
    schema: lstmGruGates,
    height: 1850,
    animated: true,
  },
  {
    id: 'embedding-space',
    component: 'EmbeddingSpace',
    topic: 'embeddings',
    schema: embeddingSpace,
    height: 1860,
    animated: true,
  },
  { id: 'norm-axes', component: 'NormAxes', topic: 'batchnorm-vs-layernorm', schema: normAxes, height: 1120 },
  { id: 'dropout', component: 'Dropout', topic: 'dropout', schema: dropout, height: 1530, animated: true },
  {
    id: 'neuron-playground',
    component: 'NeuronPlayground',
    topic: 'neurons-and-activations',
    schema: neuronPlayground,
    height: 870,
    animated: true,
  },
  { id: 'pooling', component: 'Pooling', topic: 'pooling', schema: pooling, height: 1250, animated: true },
  {
    id: 'maxpool-translation',
    component: 'MaxpoolTranslation',
    topic: 'translation-invariance',
    schema: maxpoolTranslation,
    height: 1420,
  },
  {
    id: 'attention-heatmap',
    component: 'AttentionHeatmap',
    topic: 'transformer',
    schema: attentionHeatmap,
    height: 2240,
  },
  {
    id: 'positional-encoding',
    component: 'PositionalEncoding',
    topic: 'transformer',
    schema: positionalEncoding,
    height: 2140,
  },
  { id: 'bert-masking', component: 'BertMasking', topic: 'bert', schema: bertMasking, height: 1430, animated: true },
  {
    id: 'rnn-vs-transformer-timeline',
    component: 'RnnVsTransformerTimeline',
    topic: 'transformer-parallelism',
    schema: rnnVsTransformerTimeline,
    height: 2170,
    animated: true,
  },
] as const satisfies readonly WidgetMeta[];

export type WidgetId = (typeof WIDGETS)[number]['id'];

export function widgetByComponent(component: string): WidgetMeta | undefined {
  return WIDGETS.find((w) => w.component === component);
}

export function widgetById(id: string): WidgetMeta | undefined {
  return WIDGETS.find((w) => w.id === id);
}

/**
 * The i18n prefixes an island of this widget needs: its own strings and the shared UI ones it
 * uses. The Export and Embed buttons and their dialogs (with the theme names they list) belong
 * to instances that can share their state, i.e. those on topic pages; embed pages and
 * <dl-widget> leave them out. Only animated widgets get the Play/Step controls' strings.
 */
export function stringPrefixes(id: string, sharing = true): string[] {
  const own = [`${id}.`, 'state.', 'widget.reset', 'widget.dismiss', 'widget.failed', 'widget.retry'];
  // 'widget.play' covers 'widget.playback' too.
  if (widgetById(id)?.animated) own.push('widget.play', 'widget.pause', 'widget.step', 'widget.restart');
  return sharing ? [...own, 'widget.embed', 'widget.export', 'embed.', 'export.', 'theme.'] : own;
}
