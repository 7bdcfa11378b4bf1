import { labels } from './labels.ts';
import { frontmatter, langOf, textOf, walk, where, type MdFile, type MdNode } from './mdast.ts';

export const CALLOUT_KINDS = ['answer', 'correction', 'followup', 'note'] as const;
export type CalloutKind = (typeof CALLOUT_KINDS)[number];

export interface Heading {
  depth: number;
  text: string;
  id: string;
}

const MARKER = /^\[!(\w+)\]\s*/;

/**
 * Block structure that prose authors write in plain Markdown:
 * - `> [!answer]`, `> [!correction]`, `> [!followup]`, `> [!note]` blockquotes become
 *   labelled `<aside class="callout callout--answer">` boxes (labels from content/i18n);
 * - `##`/`###` headings get stable ids and are listed in `metadata.headings` for the
 *   table of contents.
 */
export function remarkStructure() {
  return (tree: MdNode, file: MdFile) => {
    const lang = langOf(file);
    const headings: Heading[] = [];
    const used = new Map<string, number>();
    walk(tree, (node) => {
      if (node.type === 'blockquote') calloutFrom(node, file, lang);
      if (node.type === 'heading' && (node.depth === 2 || node.depth === 3)) {
        const text = textOf(node).trim();
        const id = uniqueSlug(text, used);
        node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
        headings.push({ depth: node.depth, text, id });
      }
    });
    frontmatter(file).headings = headings;
  };
}

function calloutFrom(node: MdNode, file: MdFile, lang: 'zh' | 'en'): void {
  const first = node.children?.[0];
  const inline = first?.type === 'paragraph' ? first.children : undefined;
  if (!first || !inline || inline.length === 0) return;
  // remark-parse 8 reads `[!answer]` as a shortcut link reference, older text as plain text.
  let kind: string | undefined;
  const lead = inline[0];
  if (lead.type === 'linkReference' && textOf(lead).startsWith('!')) {
    kind = textOf(lead).slice(1);
    inline.shift();
  } else if (lead.type === 'text' && typeof lead.value === 'string') {
    const m = MARKER.exec(lead.value);
    if (!m) return;
    kind = m[1];
    lead.value = lead.value.slice(m[0].length);
  }
  if (kind === undefined) return;
  if (!(CALLOUT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`${where(file, node)}: unknown callout [!${kind}]; use one of ${CALLOUT_KINDS.join(', ')}`);
  }
  const next = inline[0];
  if (next?.type === 'text' && typeof next.value === 'string') {
    next.value = next.value.replace(/^\s+/, '');
    if (next.value === '') inline.shift();
  }
  if (next?.type === 'break') inline.shift();
  if (inline.length === 0 || (inline.length === 1 && inline[0].value === '')) node.children!.shift();
  const label = labels(lang)[`callout.${kind}`];
  if (!label) throw new Error(`content/i18n/${lang}.json has no "callout.${kind}"`);
  node.data = { ...node.data, hName: 'aside', hProperties: { className: ['callout', `callout--${kind}`] } };
  node.children!.unshift({
    type: 'paragraph',
    data: { hName: 'p', hProperties: { className: ['callout__label'] } },
    children: [{ type: 'text', value: label }],
  });
}

/** GitHub-style slugs that keep Chinese characters: "1. 为什么 σ′ ≤ 1/4?" → "1-为什么-σ-14". */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');
}

function uniqueSlug(text: string, used: Map<string, number>): string {
  const base = slugify(text) || 'section';
  const n = used.get(base) ?? 0;
  used.set(base, n + 1);
  return n === 0 ? base : `${base}-${n}`;
}
