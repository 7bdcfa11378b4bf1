import { frontmatter, walk, type MdFile, type MdNode } from './mdast.ts';

/** The interview material of a topic, as HTML, for flashcards and the presenter. */
export interface InterviewMaterial {
  /** The [!answer] callout (the ~2-minute answer). */
  answer: string;
  /** Each [!followup] callout: its bold lead as the question, the rest as the answer. */
  followups: { question: string; answer: string }[];
}

/**
 * Runs last, when every text node is already escaped HTML and math is typeset: copies
 * the interview answer and follow-ups into `metadata.interview` as HTML strings, so
 * other pages (flashcards, slides) can show them without re-parsing the prose.
 */
export function remarkCollect() {
  return (tree: MdNode, file: MdFile) => {
    const material: InterviewMaterial = { answer: '', followups: [] };
    walk(tree, (node) => {
      const cls = node.data?.hProperties?.className;
      if (!Array.isArray(cls) || !cls.includes('callout')) return;
      const body = (node.children ?? []).filter((c) => !isLabel(c));
      if (cls.includes('callout--answer')) {
        material.answer += body.map(toHtml).join('');
      } else if (cls.includes('callout--followup')) {
        const first = body[0];
        const lead = first?.type === 'paragraph' ? first.children?.[0] : undefined;
        if (first && lead?.type === 'strong') {
          const rest: MdNode = { ...first, children: first.children!.slice(1) };
          material.followups.push({
            question: inline(lead.children ?? []).trim(),
            answer: [rest, ...body.slice(1)]
              .map(toHtml)
              .join('')
              .replace(/^<p>\s+/, '<p>'),
          });
        } else {
          material.followups.push({ question: '', answer: body.map(toHtml).join('') });
        }
      }
    });
    material.answer = withoutGlossary(material.answer);
    for (const f of material.followups) {
      f.question = withoutGlossary(f.question);
      f.answer = withoutGlossary(f.answer);
    }
    frontmatter(file).interview = material;
  };
}

/** Glossary tooltips belong to the topic page (their ids are unique there, not on a page of many cards). */
function withoutGlossary(html: string): string {
  return html
    .replace(/<span class="gloss" tabindex="0" aria-describedby="[^"]*">/g, '')
    .replace(
      /<span class="gloss-tip"[^>]*><span class="gloss-other"[^>]*>[^<]*<\/span><span class="gloss-def">[^<]*<\/span><\/span><\/span>/g,
      '',
    );
}

function isLabel(n: MdNode): boolean {
  const cls = n.data?.hProperties?.className;
  return Array.isArray(cls) && cls.includes('callout__label');
}

function attr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

function inline(nodes: MdNode[]): string {
  return nodes.map(toHtml).join('');
}

/** Enough of mdast → HTML for callout bodies; text is already escaped HTML by now. */
export function toHtml(n: MdNode): string {
  const kids = () => inline(n.children ?? []);
  switch (n.type) {
    case 'html':
    case 'text':
      return n.value ?? '';
    case 'paragraph':
      return `<p>${kids()}</p>`;
    case 'strong':
      return `<strong>${kids()}</strong>`;
    case 'emphasis':
      return `<em>${kids()}</em>`;
    case 'delete':
      return `<del>${kids()}</del>`;
    case 'inlineCode':
      return `<code>${n.value ?? ''}</code>`;
    case 'break':
      return '<br>';
    case 'link': {
      const url = (n as MdNode & { url?: string }).url ?? '';
      return `<a href="${attr(url)}">${kids()}</a>`;
    }
    case 'list': {
      const ordered = (n as MdNode & { ordered?: boolean }).ordered;
      return ordered ? `<ol>${kids()}</ol>` : `<ul>${kids()}</ul>`;
    }
    case 'listItem':
      return `<li>${kids()}</li>`;
    default:
      return kids();
  }
}
