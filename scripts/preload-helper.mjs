// @ts-check
/**
 * A smaller stand-in for Vite's dynamic-import helper (`__vitePreload`).
 *
 * Vite wraps every `import()` in a helper that first adds the imported chunk's stylesheets, and
 * `modulepreload` links for the chunks it imports, to the page. Its helper is ≈ 2.4 KB of
 * minified JS and sits in the shared kit, so every page with a widget paid for it; what loads
 * on demand is only the two dialogs, gradient-depth's network code and the embeddings corpus.
 * This one does the same work (stylesheets awaited, scripts as preload hints, a failed
 * stylesheet rejects as in Vite) in ≈ 0.5 KB: -0.43 KB gzip on every page with a widget.
 * Today Astro puts the dialogs' CSS in the page's stylesheet, so only the preload hints are
 * used; the stylesheet branch is there for a lazily loaded component that brings its own CSS
 * file. In the <dl-widget> build (`modulePreload: false`, CSS injected by Svelte) every list
 * is empty and it calls the loader.
 */
const HELPER = '\0vite/preload-helper.js';

/** @returns {import('vite').Plugin} */
export function slimPreloadHelper() {
  let base = '/';
  return {
    name: 'dl:slim-preload-helper',
    enforce: 'pre',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    load(id) {
      if (id !== HELPER) return undefined;
      // A relative base ('./') makes Vite pass the importer's URL as the third argument.
      const prefix = base === './' || base === '' ? '' : base;
      return `const seen = {};
export function __vitePreload(load, deps, importer) {
  if (!deps || !deps.length) return load();
  return Promise.all(
    deps.map((dep) => {
      const href = new URL(${JSON.stringify(prefix)} + dep, importer || document.baseURI).href;
      const css = href.endsWith('.css');
      return (seen[href] ??= new Promise((resolve, reject) => {
        for (const l of document.getElementsByTagName('link'))
          if (l.href === href && (!css || l.rel === 'stylesheet')) return resolve();
        const link = document.createElement('link');
        link.rel = css ? 'stylesheet' : 'modulepreload';
        link.crossOrigin = '';
        link.href = href;
        link.onload = resolve;
        link.onerror = () => {
          delete seen[href];
          reject(new Error('Unable to preload ' + href));
        };
        document.head.append(link);
        if (!css) resolve();
      }));
    }),
  ).then(load);
}
`;
    },
  };
}
