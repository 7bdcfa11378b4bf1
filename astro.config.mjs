// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';
import { kitChunk } from './scripts/kit-chunk.mjs';

// SITE and BASE let the same build run at a domain root or under a sub-path
// (e.g. GitHub Pages project sites); every internal link goes through withBase().
const site = process.env.SITE_URL ?? 'https://dl-explorables.github.io';
const base = process.env.BASE_PATH ?? '/';

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  // Every page's CSS goes into its HTML: a topic page needs some dozen small stylesheets
  // (KaTeX, layout, one per widget component), and on a phone each render-blocking request
  // pushed the first paint back by ≈ 0.5 s (Lighthouse mobile; BENCHMARKS.md).
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: {
    defaultLocale: 'zh',
    locales: ['zh', 'en'],
    routing: { prefixDefaultLocale: false },
  },
  integrations: [svelte({ extensions: ['.svelte', '.svx'] })],
  devToolbar: { enabled: false },
  vite: {
    build: {
      assetsInlineLimit: 0,
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
