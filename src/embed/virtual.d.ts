declare module 'virtual:dl-widget-loaders' {
  import type { Component } from 'svelte';
  export const LOADERS: Record<
    string,
    {
      /** The topic page the widget belongs to (its slug). */
      topic: string;
      /** The widget's state keys, as its schema spells them. */
      keys: string[];
      component: () => Promise<{ default: Component<Record<string, unknown>> }>;
      strings: Record<'zh' | 'en', () => Promise<{ default: Record<string, string> }>>;
    }
  >;
}
