/**
 * The small slice of mdast/unist that our remark steps touch. mdsvex 0.12 runs
 * unified 9 / remark-parse 8, whose node shapes predate today's @types/mdast,
 * so we describe the fields we rely on instead of importing those types.
 */
export interface Point {
  line: number;
  column: number;
  offset?: number;
}

export interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  lang?: string | null;
  children?: MdNode[];
  position?: { start: Point; end: Point };
  data?: {
    hName?: string;
    hProperties?: Record<string, unknown>;
    hChildren?: unknown[];
    [key: string]: unknown;
  };
}

/** The vfile fields mdsvex sets: `filename` (not `path`) and `data.fm` (front matter). */
export interface MdFile {
  filename?: string;
  path?: string;
  data: { fm?: Record<string, unknown>; [key: string]: unknown };
}

/** Depth-first walk; the visitor may replace `parent.children[index]`. */
export function walk(
  node: MdNode,
  visit: (node: MdNode, index: number, parent: MdNode | null) => void,
  parent: MdNode | null = null,
  index = 0,
): void {
  visit(node, index, parent);
  const kids = node.children;
  if (!kids) return;
  for (let i = 0; i < kids.length; i++) walk(kids[i], visit, node, i);
}

export function textOf(node: MdNode): string {
  if (typeof node.value === 'string' && node.type !== 'html') return node.value;
  return (node.children ?? []).map(textOf).join('');
}

/** "content/zh/foo.svx:12:3" — the location every build error names. */
export function where(file: MdFile, node: MdNode): string {
  const name = relativeName(file.filename ?? file.path ?? '<unknown file>');
  const p = node.position?.start;
  return p ? `${name}:${p.line}:${p.column}` : name;
}

export function relativeName(filename: string): string {
  const i = filename.replace(/\\/g, '/').lastIndexOf('/content/');
  return i >= 0 ? filename.slice(i + 1) : filename;
}

/** zh or en, from the file's folder (content/<lang>/<slug>.svx). */
export function langOf(file: MdFile): 'zh' | 'en' {
  const name = (file.filename ?? file.path ?? '').replace(/\\/g, '/');
  return /\/content\/en\//.test(name) || name.startsWith('content/en/') ? 'en' : 'zh';
}

export function frontmatter(file: MdFile): Record<string, unknown> {
  if (!file.data.fm) file.data.fm = {};
  return file.data.fm;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '{': '&#123;',
  '}': '&#125;',
};

/** Escape text so that neither HTML nor Svelte reads anything in it as markup or an expression. */
export function escapeLiteral(text: string): string {
  return text.replace(/[&<>"{}]/g, (c) => ESCAPES[c]);
}
