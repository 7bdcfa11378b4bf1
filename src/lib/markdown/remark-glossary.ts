import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapeLiteral, frontmatter, langOf, type MdFile, type MdNode } from './mdast.ts';

interface Entry {
  id: string;
  zh: string[];
  en: string[];
  definition: { zh: string; en: string };
  autolink: ('zh' | 'en')[];
}

let cache: Entry[] | undefined;
function glossary(): Entry[] {
  if (!cache) {
    const url = new URL('../../../content/glossary.json', import.meta.url);
    cache = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Entry[];
  }
  return cache;
}

/** Where a term may be marked: running text, not headings, links, code or callout labels. */
const CONTAINERS = new Set([
  'root',
  'paragraph',
  'listItem',
  'list',
  'strong',
  'emphasis',
  'blockquote',
  'tableCell',
  'tableRow',
  'table',
]);

interface Pattern {
  entry: Entry;
  re: RegExp;
}

function patterns(lang: 'zh' | 'en'): Pattern[] {
  const forms: { entry: Entry; form: string }[] = [];
  for (const entry of glossary()) {
    if (!entry.autolink.includes(lang)) continue;
    for (const form of entry[lang]) forms.push({ entry, form });
  }
  // Longest first, so 批归一化 wins over 归一化 and "skip connection" over "connection".
  forms.sort((a, b) => b.form.length - a.form.length);
  return forms.map(({ entry, form }) => {
    const esc = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // English: whole words; an all-caps acronym must match its case, other terms any case.
    const re =
      lang === 'en' ? new RegExp(`(?<![\\w-])${esc}(?![\\w-])`, /[a-z]/.test(form) ? 'i' : '') : new RegExp(esc);
    return { entry, re };
  });
}

/**
 * Marks the first occurrence of each glossary term in a topic's prose with a tooltip
 * (the term in the other language and a one-line definition) that shows on hover and
 * keyboard focus — plain HTML and CSS, no script. Records the term ids in
 * `metadata.glossary` so the glossary page can link back to the topics using them.
 */
export function remarkGlossary() {
  return (tree: MdNode, file: MdFile) => {
    const lang = langOf(file);
    const other = lang === 'zh' ? 'en' : 'zh';
    const pats = patterns(lang);
    const seen = new Set<string>();

    const visit = (node: MdNode, parentOk: boolean) => {
      const ok = parentOk && CONTAINERS.has(node.type);
      const kids = node.children;
      if (!kids) return;
      for (let i = 0; i < kids.length; i++) {
        const child = kids[i];
        if (child.type === 'text' && ok && typeof child.value === 'string') {
          const replaced = markText(child.value, pats, seen, lang, other);
          if (replaced) {
            kids.splice(i, 1, ...replaced);
            i += replaced.length - 1;
          }
        } else if (child.children) {
          // Callouts keep their label paragraph unmarked; headings and links are skipped entirely.
          const isLabel =
            child.data?.hProperties?.className instanceof Array &&
            (child.data.hProperties.className as string[]).includes('callout__label');
          visit(child, ok && !isLabel);
        }
      }
    };
    visit(tree, true);
    frontmatter(file).glossary = [...seen];
  };
}

function markText(
  text: string,
  pats: Pattern[],
  seen: Set<string>,
  lang: 'zh' | 'en',
  other: 'zh' | 'en',
): MdNode[] | null {
  let best: { index: number; length: number; entry: Entry; match: string } | null = null;
  for (const { entry, re } of pats) {
    if (seen.has(entry.id)) continue;
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index || (m.index === best.index && m[0].length > best.length))) {
      best = { index: m.index, length: m[0].length, entry, match: m[0] };
    }
  }
  if (!best) return null;
  seen.add(best.entry.id);
  const { entry } = best;
  const tipId = `gloss-${entry.id}`;
  const tip =
    `<span class="gloss-tip" role="tooltip" id="${tipId}" data-pagefind-ignore>` +
    `<span class="gloss-other" lang="${other === 'zh' ? 'zh-CN' : 'en'}">${escapeLiteral(entry[other][0])}</span>` +
    `<span class="gloss-def">${escapeLiteral(entry.definition[lang])}</span></span>`;
  const before = text.slice(0, best.index);
  const after = text.slice(best.index + best.length);
  const out: MdNode[] = [];
  if (before) out.push({ type: 'text', value: before });
  out.push({ type: 'html', value: `<span class="gloss" tabindex="0" aria-describedby="${tipId}">` });
  out.push({ type: 'text', value: best.match });
  out.push({ type: 'html', value: `${tip}</span>` });
  if (after) {
    const rest = markText(after, pats, seen, lang, other);
    out.push(...(rest ?? [{ type: 'text', value: after }]));
  }
  return out;
}
