import type { Lang } from '../i18n/locales.ts';
import { checkPairs, validateTopic, type TopicMeta } from './validate.ts';

/**
 * A compiled .svx page. Astro renders it through the Svelte renderer; its type is
 * left open because Astro's JSX checker cannot describe a Svelte component that
 * takes named slots.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SvxComponent = any;

interface TopicModule {
  default: SvxComponent;
  metadata?: Record<string, unknown>;
}

export interface Topic extends TopicMeta {
  slug: string;
  lang: Lang;
  file: string;
  Content: SvxComponent;
}

// Vite resolves these at build time; the Svelte components are server-rendered only.
const modules: Record<Lang, Record<string, TopicModule>> = {
  zh: import.meta.glob<TopicModule>('/content/zh/*.svx', { eager: true }),
  en: import.meta.glob<TopicModule>('/content/en/*.svx', { eager: true }),
};

function load(lang: Lang): Topic[] {
  return Object.entries(modules[lang])
    .map(([path, mod]) => {
      const file = path.replace(/^\//, '');
      const slug = file.replace(/^content\/(zh|en)\//, '').replace(/\.svx$/, '');
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new Error(`${file}: file names must be kebab-case slugs`);
      return { ...validateTopic(file, mod.metadata), slug, lang, file, Content: mod.default };
    })
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

const TOPICS: Record<Lang, Topic[]> = { zh: load('zh'), en: load('en') };
checkPairs(
  TOPICS.zh.map((t) => t.slug),
  TOPICS.en.map((t) => t.slug),
);

export function getTopics(lang: Lang): Topic[] {
  return TOPICS[lang];
}

export function getTopic(lang: Lang, slug: string): Topic | undefined {
  return TOPICS[lang].find((t) => t.slug === slug);
}

export function neighbours(lang: Lang, slug: string): { prev?: Topic; next?: Topic } {
  const list = TOPICS[lang];
  const i = list.findIndex((t) => t.slug === slug);
  return { prev: i > 0 ? list[i - 1] : undefined, next: i >= 0 && i < list.length - 1 ? list[i + 1] : undefined };
}
