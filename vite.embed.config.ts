/**
 * Builds the <dl-widget> custom element (dist/embed/v1/dl-widgets.js) after the site:
 * one small entry plus one lazily loaded chunk per widget and per widget's strings.
 * Svelte styles are injected at run time, into each element's shadow root.
 */
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { transformSync } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { kitChunk } from './scripts/kit-chunk.mjs';
import { slimPreloadHelper } from './scripts/preload-helper.mjs';
import { widgetLocalModules } from './scripts/widget-local.mjs';
import en from './content/i18n/en.json' with { type: 'json' };
import zh from './content/i18n/zh.json' with { type: 'json' };
import { pick } from './src/lib/i18n/translate.ts';
import { stringPrefixes, WIDGETS } from './src/widgets/registry.ts';

const LOADERS = 'virtual:dl-widget-loaders';
const STRINGS = 'virtual:dl-strings/';
const DICTS = { zh, en } as Record<'zh' | 'en', Record<string, string>>;

/** Loaders for every registered widget: component and strings, each its own chunk; topic and state keys inline. */
function widgetLoaders(): Plugin {
  return {
    name: 'dl-widget-loaders',
    resolveId(id) {
      if (id === LOADERS || id.startsWith(STRINGS)) return `\0${id}`;
      return undefined;
    },
    load(id) {
      if (id === `\0${LOADERS}`) {
        // Each widget's topic and state keys are written out here, at build time, so the entry
        // does not import the registry: its schemas would pull the shared kit (and with it the
        // Svelte runtime) into what every host page loads up front.
        const entries = WIDGETS.map(
          (w) =>
            `${JSON.stringify(w.id)}: { topic: ${JSON.stringify(w.topic)}, keys: ${JSON.stringify(Object.keys(w.schema))}, ` +
            `component: () => import(${JSON.stringify(`/src/widgets/${w.id}/${w.component}.svelte`)}), ` +
            `strings: { zh: () => import(${JSON.stringify(`${STRINGS}${w.id}/zh`)}), en: () => import(${JSON.stringify(`${STRINGS}${w.id}/en`)}) } }`,
        );
        return `export const LOADERS = {\n${entries.join(',\n')}\n};`;
      }
      const m = /^\0virtual:dl-strings\/([a-z0-9-]+)\/(zh|en)$/.exec(id);
      if (m) return `export default ${JSON.stringify(pick(DICTS[m[2] as 'zh' | 'en'], stringPrefixes(m[1], false)))};`;
      return undefined;
    },
  };
}

/**
 * Minifies each component's <style> before Svelte compiles it. With `css: 'injected'` the
 * compiler writes a component's CSS into its JS as a string, comments and indentation
 * included, and Vite's CSS minifier never sees it (≈ 0.4 KB gz on the shared kit alone).
 */
const minifyStyles = {
  name: 'minify-styles',
  style: ({ content }: { content: string }) => ({ code: transformSync(content, { loader: 'css', minify: true }).code }),
};

export default defineConfig({
  publicDir: false,
  // Relative: the element's worker and chunks resolve against the script's own URL. With '/',
  // the gradient-depth worker was looked for at <origin>/assets/ instead of /embed/v1/assets/.
  base: './',
  plugins: [
    widgetLoaders(),
    slimPreloadHelper(),
    widgetLocalModules(),
    svelte({ preprocess: [vitePreprocess(), minifyStyles], compilerOptions: { css: 'injected' }, emitCss: false }),
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
        // Widget and string chunks by hash alone: the entry lists every one of them, and their
        // names (NormalizationDistribution-…) were ≈ 0.2 KB gz of what every host page loads.
        // The shared ones keep a name (bench-size and the e2e tests look for runtime- and preload-).
        chunkFileNames: ({ name }) =>
          ['kit', 'preload', 'runtime', 'rolldown-runtime'].includes(name)
            ? 'chunks/[name]-[hash].js'
            : 'chunks/[hash].js',
        // The same shared chunk as the site (widget frame + Svelte runtime), loaded with the
        // first widget, not up front. The dynamic-import helper (scripts/preload-helper.mjs) is
        // used by the entry and by widgets that load code on demand; left to the bundler it
        // lands in the kit, which the entry would then import statically.
        // (`codeSplitting` groups rather than `manualChunks`, which did not move the helper.)
        codeSplitting: {
          groups: [
            { name: 'preload', test: /preload-helper/, priority: 2 },
            { name: 'kit', test: (id) => kitChunk(id) === 'kit', priority: 1 },
          ],
        },
      },
      preserveEntrySignatures: false,
    },
  },
});
