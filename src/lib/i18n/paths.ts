import type { Lang } from './locales.ts';

/** Prefixes the configured base path (sites hosted under /dl-explorables/ work too). */
export function withBase(path: string): string {
  const base = import.meta.env.BASE_URL ?? '/';
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  return `${b}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The URL of a page in a language: zh at the root, en under /en/. `path` starts and ends with "/". */
export function localePath(lang: Lang, path = '/'): string {
  return withBase(lang === 'zh' ? path : `/en${path}`);
}

export function topicPath(lang: Lang, slug: string): string {
  return localePath(lang, `/${slug}/`);
}
