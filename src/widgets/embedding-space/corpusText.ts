import type { CorpusLang } from './corpus.ts';

// Loaded on demand in the browser (each corpus is its own small chunk, outside the page's
// JavaScript budget); eagerly on the server, where the first figure is rendered.
const lazy = import.meta.glob<string>('/content/corpora/*.txt', { query: '?raw', import: 'default' });
const eager: Record<string, string> = import.meta.env.SSR
  ? import.meta.glob<string>('/content/corpora/*.txt', { query: '?raw', import: 'default', eager: true })
  : {};

const path = (lang: CorpusLang) => `/content/corpora/${lang}.txt`;

/** The corpus text, if it is already available without loading (the server render). */
export function corpusTextSync(lang: CorpusLang): string | undefined {
  return eager[path(lang)];
}

export async function loadCorpusText(lang: CorpusLang): Promise<string> {
  const sync = corpusTextSync(lang);
  if (sync !== undefined) return sync;
  const load = lazy[path(lang)];
  if (!load) throw new Error(`no corpus ${lang}`);
  return load();
}
