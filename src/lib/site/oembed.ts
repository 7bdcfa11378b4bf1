import { translator } from '../i18n/dictionaries.ts';
import type { Lang } from '../i18n/locales.ts';
import { localePath, withBase } from '../i18n/paths.ts';
import { widgetById } from '../../widgets/registry.ts';
import { embedUrl, iframeSnippet } from './embed.ts';

/** The oEmbed "rich" document for a widget in its default state. */
export function oembedDocument(lang: Lang, id: string, site: URL | undefined) {
  const w = widgetById(id);
  if (!w) throw new Error(`oEmbed: no widget ${id}`);
  const t = translator(lang);
  const root = new URL(withBase('/'), site ?? 'https://example.org').href;
  const height = w.height ?? 640;
  const title = t(`${id}.title`);
  return {
    version: '1.0',
    type: 'rich',
    title,
    provider_name: t('site.name'),
    provider_url: new URL(localePath(lang, '/'), root).href,
    html: iframeSnippet({ site: root, id, lang, title, height }),
    width: 760,
    height,
    url: embedUrl({ site: root, id, lang }),
  };
}
