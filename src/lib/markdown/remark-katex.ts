import katex from 'katex';
import { labels } from './labels.ts';
import { langOf, walk, where, type MdFile, type MdNode } from './mdast.ts';

/**
 * Typesets `$…$` and `$$…$$` (remark-math 3 nodes) with the project's own KaTeX at
 * build time. Output is raw HTML with `{`/`}` as entities so Svelte does not read
 * KaTeX's markup as expressions. Any TeX error fails the build, naming file and line:
 * mdsvex would otherwise swallow it and a red formula would ship.
 */
export function remarkKatex() {
  return (tree: MdNode, file: MdFile) => {
    const label = labels(langOf(file))['math.display'];
    walk(tree, (node) => {
      if (node.type !== 'math' && node.type !== 'inlineMath') return;
      const displayMode = node.type === 'math';
      const html = renderTex(node.value ?? '', displayMode, where(file, node));
      node.type = 'html';
      // Display math scrolls sideways on narrow screens; tabindex lets keyboard users scroll it too.
      node.value = displayMode
        ? `<div class="math math-display" tabindex="0" role="group" aria-label="${label}">${html}</div>`
        : html;
      delete node.data;
    });
  };
}

export function renderTex(tex: string, displayMode: boolean, at = '<tex>'): string {
  let html: string;
  try {
    html = katex.renderToString(tex, {
      displayMode,
      throwOnError: true,
      output: 'htmlAndMathml',
      // Chinese inside \text{} is fine; anything else KaTeX would only warn about is an error here.
      strict: (code: string) => (code === 'unicodeTextInMathMode' ? 'ignore' : 'error'),
      trust: false,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(`${at}: TeX error in ${displayMode ? '$$…$$' : '$…$'} “${tex.trim()}”: ${reason}`, { cause: err });
  }
  return (
    html
      // The MathML copy (with the TeX source) is for screen readers; search indexes the visible text only.
      .replace('<span class="katex-mathml">', '<span class="katex-mathml" data-pagefind-ignore>')
      .replace(/\{/g, '&#123;')
      .replace(/\}/g, '&#125;')
  );
}
