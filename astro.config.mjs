// @ts-check
import { defineConfig } from 'astro/config';
import svelte from '@astrojs/svelte';

// SITE and BASE let the same build run at a domain root or under a sub-path
// (e.g. GitHub Pages project sites); every internal link goes through withBase().
const site = process.env.SITE_URL ?? 'https://dl-explorables.github.io';
const base = process.env.BASE_PATH ?? '/';

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
    build: { assetsInlineLimit: 0, minify: process.env.NO_MINIFY ? false : undefined },
  },
});
