import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  {
    ignores: [
      'dist/',
      'dist-subpath/',
      '.astro/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'screenshots/',
      '.tools/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // The shared kit carries every part of the Svelte runtime any widget uses (docs/ARCHITECTURE.md,
    // departure 7): an attribute spread on an element, or bind:value on a <select>, put Svelte's
    // general attribute setter and its <select> code (≈ 1.7 KB gzip) on every page.
    files: ['**/*.svelte'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "SvelteElement[kind!='component'] > SvelteStartTag > SvelteSpreadAttribute",
          message: 'Name the attributes: a spread on an element brings Svelte’s general attribute setter into the kit.',
        },
        {
          selector: "SvelteElement[name.name='select'] > SvelteStartTag > SvelteDirective[kind='Binding']",
          message:
            'Mark the chosen <option selected> and read the choice in onchange: bind:value on a <select> brings Svelte’s select code into the kit.',
        },
        {
          selector: "SvelteElement[name.name='select'] > SvelteStartTag > SvelteAttribute[key.name='value']",
          message:
            'Mark the chosen <option selected> instead: value on a <select> brings Svelte’s select code into the kit.',
        },
        {
          selector:
            "SvelteElement[kind='html'] > SvelteStartTag > SvelteDirective[kind='Binding'][key.name.name=/^(value|checked|group|files)$/]",
          message:
            'Set value or checked and read the input in its handler: bind:value, bind:checked and bind:group on an input bring Svelte’s input bindings (≈ 0.7 KB gz) into the kit.',
        },
      ],
    },
  },
  {
    // The math core stays pure: no DOM, no Svelte, no d3 (and no randomness but a passed-in generator).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['svelte', 'svelte/*'], message: 'src/core is framework-free.' },
            { group: ['d3', 'd3-*'], message: 'src/core does not depend on d3; views and models do.' },
            {
              group: ['../lib/*', '../widgets/*', '../components/*', '../../*'],
              message: 'src/core imports nothing from the rest of the project.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'navigator',
        'location',
        'localStorage',
        'requestAnimationFrame',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pass a seeded Rng (src/core/rng.ts).' },
      ],
    },
  },
  {
    files: ['src/core/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Page weight (docs/ARCHITECTURE.md, departure 7): the bundler assigns chunks by module, so a
    // barrel or a pre-bundled d3 package pulls code other widgets use into every page.
    files: ['src/widgets/**/*.{ts,svelte}', 'src/lib/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/core/index.ts'], message: 'Import the core module itself (src/core/<module>.ts).' },
            { group: ['d3-shape'], message: 'Use src/lib/chart/line.ts (d3-shape does not tree-shake).' },
            { group: ['d3-scale'], message: 'Use src/lib/chart/scale.ts or scales.ts (d3-scale pulls d3-color).' },
            {
              group: ['d3-format'],
              message: 'Use src/lib/chart/format.ts (formatFixed, formatSignificant, formatNumber).',
            },
            { group: ['d3'], message: 'Import the d3 module (d3-array, d3-contour, …), not the d3 bundle.' },
          ],
        },
      ],
    },
  },
);
