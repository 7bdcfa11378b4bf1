import type { Lang } from '../i18n/locales.ts';
import { withBase } from '../i18n/paths.ts';

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * Where a page's link-preview image lives: /og/<lang>/<page>.png. Pages point here;
 * scripts/og-images.ts renders the files after the build, from each page's own figure.
 */
export function ogImagePath(lang: Lang, path: string): string {
  const page = path === '/' ? 'index' : path.replace(/^\/|\/$/g, '');
  return withBase(`/og/${lang}/${page}.png`);
}
