import type { Lang } from '../i18n/locales.ts';

/**
 * The embed snippets, in one place: the embed dialog, oEmbed documents and the README
 * all describe the same two ways to put a widget in someone else's page.
 */
export interface EmbedOptions {
  /** Absolute site root including any base path, ending in "/" ("https://host/base/"). */
  site: string;
  id: string;
  lang: Lang;
  /** Widget state as query values (only what differs from the defaults). */
  state?: Record<string, string>;
  theme?: 'auto' | 'light' | 'dark' | 'projector';
  hide?: readonly string[];
  height?: number;
  title?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedUrl({ site, id, lang, state = {}, theme = 'auto', hide = [] }: EmbedOptions): string {
  const url = new URL(`${lang === 'en' ? 'en/' : ''}embed/${id}/`, site);
  for (const [k, v] of Object.entries(state)) url.searchParams.set(k, v);
  if (theme !== 'auto') url.searchParams.set('theme', theme);
  if (hide.length) url.searchParams.set('hide', hide.join(','));
  return url.href;
}

/** An iframe that works on its own (fixed height) and grows to fit when the host loads embed.js. */
export function iframeSnippet(o: EmbedOptions): string {
  const src = embedUrl(o);
  const title = o.title ?? o.id;
  return (
    `<iframe src="${esc(src)}" title="${esc(title)}" width="100%" height="${o.height ?? 640}" ` +
    `style="border:0;max-width:100%" loading="lazy" allow="clipboard-write; fullscreen"></iframe>\n` +
    `<script async src="${esc(new URL('embed.js', o.site).href)}"></script>`
  );
}

/** The custom element: one script for any number of widgets, rendered in shadow DOM. */
export function elementSnippet(o: EmbedOptions): string {
  const attrs = [`name="${esc(o.id)}"`, `lang="${o.lang}"`];
  if (o.theme && o.theme !== 'auto') attrs.push(`theme="${o.theme}"`);
  if (o.hide?.length) attrs.push(`hide="${esc(o.hide.join(','))}"`);
  for (const [k, v] of Object.entries(o.state ?? {})) attrs.push(`${k.toLowerCase()}="${esc(v)}"`);
  return (
    `<script type="module" src="${esc(new URL('embed/v1/dl-widgets.js', o.site).href)}"></script>\n` +
    `<dl-widget ${attrs.join(' ')}></dl-widget>`
  );
}
