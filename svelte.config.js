import { vitePreprocess } from '@astrojs/svelte';
import { mdsvex } from 'mdsvex';
import { mdsvexOptions } from './src/lib/markdown/mdsvex-options.ts';

export default {
  extensions: ['.svelte', '.svx'],
  // mdsvex first: it turns .svx into Svelte markup that the TypeScript preprocessor can then read.
  preprocess: [mdsvex(mdsvexOptions), vitePreprocess()],
};
