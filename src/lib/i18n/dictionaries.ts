import en from '../../../content/i18n/en.json' with { type: 'json' };
import zh from '../../../content/i18n/zh.json' with { type: 'json' };
import type { Lang } from './locales.ts';
import { createTranslate, type Dict, type Translate } from './translate.ts';

/**
 * Both dictionaries, for build-time use (Astro pages). Widgets never import this:
 * they receive the slice they need as a prop, which keeps client bundles small.
 */
export const DICTIONARIES: Readonly<Record<Lang, Dict>> = { zh, en };

export function translator(lang: Lang): Translate {
  return createTranslate(DICTIONARIES[lang]);
}
