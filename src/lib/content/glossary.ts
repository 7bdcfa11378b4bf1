import data from '../../../content/glossary.json' with { type: 'json' };
import type { Lang } from '../i18n/locales.ts';

/** One glossary entry (content/glossary.json): terms in both languages and a one-line definition each. */
export interface GlossaryEntry {
  id: string;
  /** Chinese forms; the first is the display form. */
  zh: string[];
  /** English forms; the first is the display form. */
  en: string[];
  definition: Record<Lang, string>;
  /** Languages in which the term's first occurrence in prose gets a tooltip (common words opt out). */
  autolink: Lang[];
}

export const GLOSSARY: readonly GlossaryEntry[] = data as GlossaryEntry[];

export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return GLOSSARY.find((g) => g.id === id);
}

/** Entries in reading order for a language: zh by pinyin (ICU collation), en alphabetically. */
export function sortedGlossary(lang: Lang): GlossaryEntry[] {
  const collator = new Intl.Collator(lang === 'zh' ? 'zh-CN' : 'en', { sensitivity: 'base' });
  return [...GLOSSARY].sort((a, b) => collator.compare(a[lang][0], b[lang][0]));
}
