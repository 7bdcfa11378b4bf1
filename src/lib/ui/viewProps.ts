/**
 * What every widget view receives from its island entry (and, through it, from the prose,
 * an embed page or a <dl-widget> element).
 */
export interface WidgetViewProps {
  /** The widget's own UI strings in the page's language. */
  strings: Record<string, string>;
  /** Starting state from outside (prose props, embed attributes), validated by the schema. */
  init?: Record<string, unknown>;
  /** URL key prefix; null on embed pages (bare keys); false: leave the URL alone. */
  url?: string | null | false;
  /** Controls the embedder asked to hide (`hide=`). */
  hidden?: string[];
  /** Suffix when one widget appears several times on a page. */
  instance?: string;
}
