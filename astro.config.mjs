// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// SITE and BASE let the same build run at a domain root or under a sub-path
// (e.g. GitHub Pages project sites); every internal link goes through withBase().
const site = process.env.SITE_URL ?? 'https://dl-explorables.github.io';
const base = process.env.BASE_PATH ?? '/';

const KIT =
  /\/src\/lib\/(chart\/(Chart|AxisX|AxisY|Legend|Num|SvgNum|format|context)|ui\/(WidgetShell|Slider|Toggle|Segmented|Select|Boundary|UrlSync|context)|state\/|i18n\/)|\/node_modules\/d3-(scale|shape|format|array|interpolate|color|path|time)\//;

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
      rollupOptions: {
        output: {
          // The frame every widget uses (shell, controls, axes, state, strings) and the d3
          // pieces behind it go in one shared chunk. Left to itself the bundler splits them by
          // which combination of widgets uses each module, so a page with one widget would
          // download half a dozen small chunks that compress worse than one.
          manualChunks(id) {
            if (KIT.test(id)) return 'kit';
          },
        },
      },
    },
  },
});
