/**
 * The two training corpora shipped in content/corpora (written for this project, CC BY 4.0;
 * see the README there): one sentence per line. The Chinese one is segmented into words with
 * spaces, as a word-level model needs. Tokens are lower-cased words; punctuation is dropped.
 */
export const CORPORA = ['zh', 'en'] as const;
export type CorpusLang = (typeof CORPORA)[number];

const WORD = /[\p{L}\p{N}]/u;

/** Sentences as token lists: zh splits on the spaces, en on anything that is not a letter or digit. */
export function tokenizeCorpus(text: string, lang: CorpusLang): string[][] {
  const out: string[][] = [];
  for (const line of text.split('\n')) {
    const tokens =
      lang === 'en'
        ? (line.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
        : line.split(/\s+/).filter((w) => WORD.test(w));
    if (tokens.length > 0) out.push(tokens);
  }
  return out;
}
