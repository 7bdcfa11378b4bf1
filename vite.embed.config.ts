/**
 * Builds the <dl-widget> custom element (dist/embed/v1/dl-widgets.js) after the site:
 * one small entry plus one lazily loaded chunk per widget and per widget's strings.
 * Svelte styles are injected at run time, into each element's shadow root.
 */
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { kitChunk } from './scripts/kit-chunk.mjs';
import en from './content/i18n/en.json' with { type: 'json' };
import zh from './content/i18n/zh.json' with { type: 'json' };
import { pick } from './src/lib/i18n/translate.ts';
import { stringPrefixes, WIDGETS } from './src/widgets/registry.ts';

const LOADERS = 'virtual:dl-widget-loaders';
const STRINGS = 'virtual:dl-strings/';
const DICTS = { zh, en } as Record<'zh' | 'en', Record<string, string>>;

/** Loaders for every registered widget: component and strings, each its own chunk. */
function widgetLoaders(): Plugin {
  return {
    name: 'dl-widget-loaders',
    resolveId(id) {
      if (id === LOADERS || id.startsWith(STRINGS)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id === `\0${LOADERS}`) {
        const entries = WIDGETS.map(
          (w) =>
            `${JSON.stringify(w.id)}: { component: () => import(${JSON.stringify(`/src/widgets/${w.id}/${w.component}.svelte`)}), ` +
            `strings: { zh: () => import(${JSON.stringify(`${STRINGS}${w.id}/zh`)}), en: () => import(${JSON.stringify(`${STRINGS}${w.id}/en`)}) } }`,
        );
        return `export const LOADERS = {\n${entries.join(',\n')}\n};`;
      }
      const m = /^\0virtual:dl-strings\/([a-z0-9-]+)\/(zh|en)$/.exec(id);
      if (m) return `export default ${JSON.stringify(pick(DICTS[m[2] as 'zh' | 'en'], stringPrefixes(m[1])))};`;
      return undefined;
    },
  };
}

export default defineConfig({
  publicDir: false,
  plugins: [
    widgetLoaders(),
    svelte({ preprocess: [vitePreprocess()], compilerOptions: { css: 'injected' }, emitCss: false }),
  ],
  build: {
    outDir: process.env.EMBED_OUT ?? 'dist/embed/v1',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    rollupOptions: {
      input: 'src/embed/dl-widgets.ts',
      // The entry keeps a fixed name: it is the URL bloggers paste. Chunks are content-hashed.
      output: {
        format: 'es',
        entryFileNames: 'dl-widgets.js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // The same shared chunk as the site (widget frame + Svelte runtime), loaded with the
        // first widget, not up front.
        manualChunks: kitChunk,
      },
      preserveEntrySignatures: false,
    },
  },
});
