import { escapeLiteral, walk, type MdNode } from './mdast.ts';

/**
 * Prose is literal text, never Svelte: `{x, y}` or `a < b` in a paragraph must not
 * become an expression or a tag. Text nodes become pre-escaped HTML; inline and
 * fenced code are escaped by mdsvex itself.
 */
export function remarkLiteral() {
  return (tree: MdNode) => {
    walk(tree, (node) => {
      if (node.type !== 'text' || typeof node.value !== 'string') return;
      node.type = 'html';
      // mdsvex's own bracket step may already have turned `\<` into `&lt;`; undo it so nothing is escaped twice.
      node.value = escapeLiteral(node.value.replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
    });
  };
}
