import { vitePreprocess } from '@astrojs/svelte';
import { mdsvex } from 'mdsvex';
import { mdsvexOptions } from './src/lib/markdown/mdsvex-options.ts';

export default {
  extensions: ['.svelte', '.svx'],
  // mdsvex first: it turns .svx into Svelte markup that the TypeScript preprocessor can then read.
  preprocess: [mdsvex(mdsvexOptions), vitePreprocess()],
  compilerOptions: {
    // Scoped class names "s1uiiozo" rather than Svelte's "svelte-1uiiozo": they are written in
    // every component's CSS and markup, and the shorter prefix took ≈ 0.1 KB gz off each
    // <dl-widget> (gradient-depth's had 27 B left under its budget).
    cssHash: ({ hash, css }) => `s${hash(css)}`,
  },
};
