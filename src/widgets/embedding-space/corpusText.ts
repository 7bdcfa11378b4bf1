import type { CorpusLang } from './corpus.ts';

// Loaded on demand in the browser: each corpus is its own small chunk, outside the page's
// JavaScript budget, fetched when the widget first needs it.
const lazy = import.meta.glob<string>('/content/corpora/*.txt', { query: '?raw', import: 'default' });

// The server renders the first figure synchronously, so it has both texts at hand. (An eager
// glob would put the corpora in the client bundle too, even behind import.meta.env.SSR.)
const preloaded: Record<string, string> = import.meta.env.SSR
  ? Object.fromEntries(await Promise.all(Object.entries(lazy).map(async ([k, load]) => [k, await load()] as const)))
  : {};

const path = (lang: CorpusLang) => `/content/corpora/${lang}.txt`;

/** The corpus text, if it is already available without loading (the server render). */
export function corpusTextSync(lang: CorpusLang): string | undefined {
  return preloaded[path(lang)];
}

export async function loadCorpusText(lang: CorpusLang): Promise<string> {
  const sync = corpusTextSync(lang);
  if (sync !== undefined) return sync;
  const load = lazy[path(lang)];
  if (!load) throw new Error(`no corpus ${lang}`);
  return load();
}
