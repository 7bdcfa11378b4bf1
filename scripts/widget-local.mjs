// @ts-check
import { KIT } from './kit-chunk.mjs';

/**
 * Gives every widget its own copy of the plain TypeScript modules it imports from outside the
 * kit (the math core, chart helpers such as tints and tick rules), so they are bundled into
 * that widget's chunk instead of one shared chunk per module.
 *
 * Left to itself the bundler makes a chunk for each module that two widgets share: an embed
 * page of the neuron playground fetched nine of them (the random generator, vectors,
 * activations…), each compressed on its own, with its names kept for the import. Copied into
 * the widget's chunk they compress together and minify as one module: 0.2 to 2.7 KB gzip less
 * on every embed page, and no topic page grew. See docs/ARCHITECTURE.md, departure 7.
 *
 * How: a module imported from a widget's folder, or from a copy already made for that widget,
 * resolves to `<file>?w=<widget>`, one module per widget for the bundler. Only plain `.ts`
 * modules are copied. Svelte components would need their CSS and class hashes kept apart, and
 * `.svelte.ts` modules may hold state that instances share. The kit is never copied. Modules
 * here must not rely on being one instance: the core holds only caches. Client build only:
 * the server render keeps one module.
 */
const WIDGET = /\/src\/widgets\/([a-z0-9-]+)\//;
const TAG = /[?&]w=([a-z0-9-]+)/;

/** @param {string} file */
function copied(file) {
  return /\/src\/(core|lib)\/[^?]*\.ts$/.test(file) && !file.endsWith('.svelte.ts') && !KIT.test(file);
}

/** @returns {import('vite').Plugin} */
export function widgetLocalModules() {
  return {
    name: 'dl:widget-local-modules',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (!importer || options.ssr || this.environment?.config.consumer !== 'client') return null;
      const widget = TAG.exec(importer)?.[1] ?? WIDGET.exec(importer)?.[1];
      if (!widget) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external || resolved.id.includes('?') || !copied(resolved.id)) return resolved;
      return { ...resolved, id: `${resolved.id}?w=${widget}` };
    },
  };
}
