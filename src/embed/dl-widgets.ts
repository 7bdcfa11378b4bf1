/**
 * <dl-widget name="sigmoid-saturation" lang="en" theme="dark" x="4" hide="L">
 *
 * One versioned script (/embed/v1/dl-widgets.js) defines the element. Each instance
 * renders in its own shadow root (the host page's CSS cannot break it, ours cannot
 * leak out), loads its widget's code only when it scrolls into view, and re-renders
 * when its attributes change. An unknown name is reported inside the element; bad
 * attribute values are clamped or ignored with the widget's usual note.
 */
import type { mount as Mount } from 'svelte';
import { LOADERS } from 'virtual:dl-widget-loaders';
// `?inline`: the CSS as a string, minified by Vite at build time (no comments or indentation).
import tokensCss from '../styles/tokens.css?inline';
import shadowCss from './shadow.css?inline';

// This script lives at <site>/embed/v1/; links back to topics are relative to it. (Held in a
// variable: Vite would otherwise treat `new URL(…, import.meta.url)` as an asset reference.)
const SCRIPT_URL = import.meta.url;
const THEMES = ['auto', 'light', 'dark', 'projector'] as const;
type Theme = (typeof THEMES)[number];
const COMMON_ATTRIBUTES = ['name', 'lang', 'theme', 'hide'];

// The site's tokens are written for :root[data-theme=…]; inside a shadow root they apply to our wrapper.
const TOKENS = tokensCss.replace(/@layer[^;{]*;/g, '').replace(/:root/g, '.dl-root');
const MESSAGES = {
  zh: {
    unknown: (name: string, known: string) => `没有名为“${name}”的互动图。可用的有：${known}。`,
    failed: '互动图加载失败，请检查网络后刷新页面。',
    loading: '互动图加载中…',
    credit: '深度学习可交互讲义',
  },
  en: {
    unknown: (name: string, known: string) => `There is no figure called “${name}”. Available: ${known}.`,
    failed: 'The figure could not be loaded; check the connection and reload.',
    loading: 'Loading figure…',
    credit: 'DL Explorables',
  },
};

const observed = [
  ...new Set([...COMMON_ATTRIBUTES, ...Object.values(LOADERS).flatMap((w) => w.keys.map((k) => k.toLowerCase()))]),
];

class DlWidget extends HTMLElement {
  static get observedAttributes() {
    return observed;
  }

  #root: ShadowRoot;
  #box: HTMLDivElement;
  #app: ReturnType<typeof Mount> | null = null;
  #unmount: ((app: ReturnType<typeof Mount>) => unknown) | null = null;
  #visible = false;
  #io: IntersectionObserver | null = null;
  #media = matchMedia('(prefers-color-scheme: dark)');
  #pending = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `${TOKENS}\n${shadowCss}`;
    this.#box = document.createElement('div');
    this.#box.className = 'dl-root';
    this.#root.append(style, this.#box);
  }

  connectedCallback() {
    this.#applyTheme();
    this.#media.addEventListener('change', this.#onScheme);
    this.#io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !this.#visible) {
          this.#visible = true;
          void this.#render();
        }
      },
      { rootMargin: '200px' },
    );
    this.#io.observe(this);
    if (!this.#app) this.#placeholder();
  }

  disconnectedCallback() {
    this.#io?.disconnect();
    this.#media.removeEventListener('change', this.#onScheme);
    this.#destroy();
    this.#visible = false;
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null) {
    if (oldValue === value) return;
    if (name === 'theme') this.#applyTheme();
    if (this.#visible && name !== 'theme') void this.#render();
  }

  get #lang(): 'zh' | 'en' {
    return (this.getAttribute('lang') ?? '').toLowerCase().startsWith('en') ? 'en' : 'zh';
  }

  #onScheme = () => this.#applyTheme();

  #applyTheme() {
    const raw = (this.getAttribute('theme') ?? 'auto').toLowerCase() as Theme;
    const theme = THEMES.includes(raw) ? raw : 'auto';
    this.#box.dataset.theme = theme === 'auto' ? (this.#media.matches ? 'dark' : 'light') : theme;
    // Widgets that place labels in the theme's type or paint canvases in its colours listen
    // (themeVersion in src/lib/chart/theme.svelte.ts).
    document.dispatchEvent(new Event('dl-theme'));
  }

  #placeholder() {
    this.#box.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'dl-loading';
    p.textContent = MESSAGES[this.#lang].loading;
    this.#box.append(p);
  }

  #message(text: string) {
    this.#destroy();
    this.#box.innerHTML = '';
    const p = document.createElement('p');
    p.className = 'dl-message';
    p.setAttribute('role', 'alert');
    p.textContent = text;
    this.#box.append(p);
  }

  #destroy() {
    if (this.#app && this.#unmount) {
      void this.#unmount(this.#app);
      this.#app = null;
    }
  }

  async #render() {
    const ticket = ++this.#pending;
    const name = (this.getAttribute('name') ?? '').trim();
    const lang = this.#lang;
    const loader = Object.hasOwn(LOADERS, name) ? LOADERS[name] : undefined;
    if (!loader) {
      this.#message(MESSAGES[lang].unknown(name, Object.keys(LOADERS).join(', ')));
      return;
    }
    let component;
    let strings;
    let svelte;
    try {
      // Svelte's runtime, the widget and its strings load only now, when the element is in view.
      // (`./runtime.ts` re-exports mount and unmount: `import('svelte')` would keep all of its API.)
      [svelte, component, strings] = await Promise.all([
        import('./runtime.ts'),
        loader.component(),
        loader.strings[lang](),
      ]);
    } catch {
      if (ticket === this.#pending) this.#message(MESSAGES[lang].failed);
      return;
    }
    if (ticket !== this.#pending) return; // a newer attribute change won
    // Attribute names are lower-case in HTML; map them back to the schema's keys.
    const keys = loader.keys;
    const init: Record<string, string> = {};
    for (const attr of this.getAttributeNames()) {
      if (COMMON_ATTRIBUTES.includes(attr)) continue;
      const key = keys.find((k) => k.toLowerCase() === attr) ?? attr;
      init[key] = this.getAttribute(attr) ?? '';
    }
    const hide = (this.getAttribute('hide') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    this.#destroy();
    this.#box.innerHTML = '';
    const target = document.createElement('div');
    const credit = document.createElement('p');
    credit.className = 'dl-credit';
    const a = document.createElement('a');
    a.href = new URL(`../../${lang === 'en' ? 'en/' : ''}${loader.topic}/`, SCRIPT_URL).href;
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = MESSAGES[lang].credit;
    credit.append(a);
    this.#box.append(target, credit);
    this.#unmount = svelte.unmount;
    this.#app = svelte.mount(component.default, {
      target,
      props: { strings: strings.default, init, url: false, hidden: hide, instance: `el${ticket}` },
    });
  }
}

if (!customElements.get('dl-widget')) customElements.define('dl-widget', DlWidget);
