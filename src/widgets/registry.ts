import type { Schema } from '../lib/state/schema.ts';
import { schema as attentionHeatmap } from './attention-heatmap/state.ts';
import { schema as bertMasking } from './bert-masking/state.ts';
import { schema as positionalEncoding } from './positional-encoding/state.ts';
import { schema as rnnVsTransformerTimeline } from './rnn-vs-transformer-timeline/state.ts';
import { schema as sigmoidSaturation } from './sigmoid-saturation/state.ts';

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
}

export const WIDGETS = [
  { id: 'sigmoid-saturation', component: 'SigmoidSaturation', topic: 'sigmoid-saturation', schema: sigmoidSaturation },
  { id: 'attention-heatmap', component: 'AttentionHeatmap', topic: 'transformer', schema: attentionHeatmap },
  { id: 'positional-encoding', component: 'PositionalEncoding', topic: 'transformer', schema: positionalEncoding },
  { id: 'bert-masking', component: 'BertMasking', topic: 'bert', schema: bertMasking },
  {
    id: 'rnn-vs-transformer-timeline',
    component: 'RnnVsTransformerTimeline',
    topic: 'transformer-parallelism',
    schema: rnnVsTransformerTimeline,
  },
] as const satisfies readonly WidgetMeta[];

export type WidgetId = (typeof WIDGETS)[number]['id'];

export function widgetByComponent(component: string): WidgetMeta | undefined {
  return WIDGETS.find((w) => w.component === component);
}

export function widgetById(id: string): WidgetMeta | undefined {
  return WIDGETS.find((w) => w.id === id);
}

/** The i18n prefixes an island of this widget needs: its own strings and the shared UI ones. */
export function stringPrefixes(id: string): string[] {
  return [`${id}.`, 'widget.', 'state.'];
}
