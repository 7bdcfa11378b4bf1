// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// SITE and BASE let the same build run at a domain root or under a sub-path
// (e.g. GitHub Pages project sites); every internal link goes through withBase().
const site = process.env.SITE_URL ?? 'https://dl-explorables.github.io';
const base = process.env.BASE_PATH ?? '/';

// The frame nearly every widget uses (shell, controls, axes, line and scale, state, strings,
// the d3 pieces behind them) goes in one shared chunk. Left to itself the bundler splits
// modules by which combination of widgets uses each, so a page with one widget would fetch
// a dozen small chunks that compress worse than one (≈ 0.3 KB gzip lost per chunk).
// Parts only two or three widgets use stay out, so they cost nothing elsewhere.
const KIT =
  /\/src\/lib\/(chart\/(Chart|AxisX|AxisY|Legend|Num|SvgNum|format|context|scale|line|tint)\.|ui\/(WidgetShell|Slider|Toggle|Segmented|PlayControls|Boundary|UrlSync|context|loop|settled)\.|state\/|i18n\/)|\/node_modules\/d3-(format|array|path)\//;

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'never' },
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
          manualChunks(id) {
            if (KIT.test(id)) return 'kit';
          },
        },
      },
    },
  },
});
