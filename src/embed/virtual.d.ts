declare module 'virtual:dl-widget-loaders' {
  import type { Component } from 'svelte';
  export const LOADERS: Record<
    string,
    {
      component: () => Promise<{ default: Component<Record<string, unknown>> }>;
      strings: Record<'zh' | 'en', () => Promise<{ default: Record<string, string> }>>;
    }
  >;
}
