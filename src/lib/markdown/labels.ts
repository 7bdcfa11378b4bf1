import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cache = new Map<string, Record<string, string>>();

/**
 * The UI dictionary for a language, read from content/i18n at build time. The remark
 * steps run inside mdsvex (plain Node, outside Vite), so they read the file directly.
 */
export function labels(lang: 'zh' | 'en'): Record<string, string> {
  let dict = cache.get(lang);
  if (!dict) {
    const url = new URL(`../../../content/i18n/${lang}.json`, import.meta.url);
    dict = JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Record<string, string>;
    cache.set(lang, dict);
  }
  return dict;
}
