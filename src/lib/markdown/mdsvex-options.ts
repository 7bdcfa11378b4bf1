import type { MdsvexOptions } from 'mdsvex';
import remarkMath from 'remark-math';
import { remarkCollect } from './remark-collect.ts';
import { remarkGlossary } from './remark-glossary.ts';
import { remarkIslands } from './remark-islands.ts';
import { remarkKatex } from './remark-katex.ts';
import { remarkLiteral } from './remark-literal.ts';
import { remarkStructure } from './remark-structure.ts';

/**
 * The prose pipeline (ARCHITECTURE §2). Order matters: widget tags are lifted out
 * before anything escapes text, headings are read before text turns into HTML, glossary
 * terms are marked in plain text, and math becomes HTML before the literal step escapes
 * whatever text is left.
 * Our steps are typed against the few node fields they use (./mdast.ts); mdsvex's
 * declared plugin type describes unified 9's generic nodes, hence the one cast.
 */
const remarkPlugins = [
  remarkMath,
  remarkIslands,
  remarkStructure,
  remarkGlossary,
  remarkKatex,
  remarkLiteral,
  remarkCollect,
] as unknown as NonNullable<MdsvexOptions['remarkPlugins']>;

export const mdsvexOptions = {
  extensions: ['.svx'],
  smartypants: false,
  remarkPlugins,
  rehypePlugins: [],
} satisfies MdsvexOptions;
