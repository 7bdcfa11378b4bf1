// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import { islandStringSharing } from './scripts/island-strings.mjs';
import { katexFontSubsets } from './scripts/katex-fonts.mjs';
import { lateStylesheets } from './scripts/late-stylesheets.mjs';
import { kitChunk } from './scripts/kit-chunk.mjs';
import { slimPreloadHelper } from './scripts/preload-helper.mjs';
import { widgetLocalModules } from './scripts/widget-local.mjs';

// SITE and BASE let the same build run at a domain root or under a sub-path
// (e.g. GitHub Pages project sites); every internal link goes through withBase().
const site = process.env.SITE_URL ?? 'https://dl-explorables.github.io';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Small stylesheets (layout, dialogs, one per widget component…) go into the HTML; the two
  // big ones every topic page shares (the widgets' CSS and KaTeX's) stay files that are
  // cached once, linked where first used (below). A dozen render-blocking requests pushed a
  // phone's first paint back by ≈ 0.5 s (Lighthouse mobile; BENCHMARKS.md). The threshold is
  // assetsInlineLimit below.
  build: { format: 'directory', inlineStylesheets: 'auto' },
  i18n: {
    defaultLocale: 'zh',
    locales: ['zh', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  // Each page gets KaTeX fonts cut to the characters its formulas draw (scripts/katex-fonts.mjs),
  // carries a widget's strings once however many times the widget appears
  // (scripts/island-strings.mjs), and links KaTeX's and the widgets' stylesheets just before
  // the first block that uses them, so its first screen does not wait for them
  // (scripts/late-stylesheets.mjs; it goes last, after the steps that add to the <head>).
  integrations: [
    svelte({ extensions: ['.svelte', '.svx'] }),
    katexFontSubsets(),
    islandStringSharing(),
    lateStylesheets(),
  ],
  devToolbar: { enabled: false },
  vite: {
    plugins: [slimPreloadHelper(), widgetLocalModules()],
    build: {
      // CSS under 12 KB is inlined (see build.inlineStylesheets); fonts and images stay files.
      assetsInlineLimit: (file, content) => (file.endsWith('.css') ? content.length < 12_000 : false),
      minify: process.env.NO_MINIFY ? false : undefined,
      sourcemap: process.env.SOURCEMAP ? true : undefined,
      rollupOptions: {
        output: {
          // One shared chunk for the widget frame and the Svelte runtime (scripts/kit-chunk.mjs).
          manualChunks: kitChunk,
        },
      },
    },
  },
});
