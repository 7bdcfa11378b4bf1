import type { InterviewMaterial } from '../markdown/remark-collect.ts';
import type { IslandSpec } from '../markdown/remark-islands.ts';
import type { Heading } from '../markdown/remark-structure.ts';
import { parseState } from '../state/schema.ts';
import { widgetByComponent } from '../../widgets/registry.ts';
import { isGroup, type GroupId } from './groups.ts';

export interface TopicMeta {
  title: string;
  /** Short form for navigation and cards. */
  short: string;
  order: number;
  group: GroupId;
  summary: string;
  /** The interview question as an interviewer would ask it (flashcards, presenter). */
  question: string;
  /** A ~30-second spoken answer. */
  answerShort: string;
  islands: IslandSpec[];
  headings: Heading[];
  /** Glossary ids whose first occurrence in the prose is marked. */
  glossary: string[];
  /** The answer and follow-ups as HTML (flashcards, slides). */
  interview: InterviewMaterial;
}

/**
 * Checks one topic file's front matter and widget tags. Throws with the file (and
 * line, for widgets) named: a broken topic must fail the build, not ship.
 */
export function validateTopic(file: string, metadata: Record<string, unknown> | undefined): TopicMeta {
  const m = metadata ?? {};
  const fail = (msg: string): never => {
    throw new Error(`${file}: ${msg}`);
  };
  const str = (k: string, required = true): string => {
    const v = m[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (!required && v === undefined) return '';
    return fail(`front matter "${k}" must be a non-empty string`);
  };
  const title = str('title');
  const short = str('short', false) || title;
  const summary = str('summary');
  const question = str('question');
  const answerShort = str('answerShort');
  const order = m.order;
  if (typeof order !== 'number' || !Number.isInteger(order)) fail('front matter "order" must be an integer');
  if (!isGroup(m.group))
    fail(`front matter "group" must be one of training, components, sequence (got ${String(m.group)})`);
  const islands = (m.islands ?? []) as IslandSpec[];
  for (const island of islands) {
    const w = widgetByComponent(island.component);
    if (!w) throw new Error(`${island.at}: unknown widget <${island.component}>; add it to src/widgets/registry.ts`);
    const { issues } = parseState(w.schema, island.props);
    if (issues.length > 0) {
      const list = issues
        .map((i) => `${i.key}=${i.raw} (${i.kind}${i.used ? `, would use ${i.used}` : ''})`)
        .join('; ');
      throw new Error(`${island.at}: invalid props on <${island.component}>: ${list}`);
    }
  }
  return {
    title,
    short,
    summary,
    question,
    answerShort,
    order: order as number,
    group: m.group as GroupId,
    islands,
    headings: (m.headings ?? []) as Heading[],
    glossary: (m.glossary ?? []) as string[],
    interview: interview(file, m.interview),
  };
}

function interview(file: string, raw: unknown): InterviewMaterial {
  const material = (raw ?? { answer: '', followups: [] }) as InterviewMaterial;
  if (!material.answer) throw new Error(`${file}: no interview answer — add a "> [!answer]" callout`);
  return material;
}

/** Every slug must exist in both languages. */
export function checkPairs(zh: readonly string[], en: readonly string[]): void {
  const missing = [
    ...zh.filter((s) => !en.includes(s)).map((s) => `content/en/${s}.svx is missing (content/zh/${s}.svx exists)`),
    ...en.filter((s) => !zh.includes(s)).map((s) => `content/zh/${s}.svx is missing (content/en/${s}.svx exists)`),
  ];
  if (missing.length > 0) throw new Error(`Every topic must exist in zh and en:\n  ${missing.join('\n  ')}`);
}
