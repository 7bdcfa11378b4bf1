/**
 * A counter that changes whenever the theme a widget is drawn in may have changed, so canvas
 * drawings (which resolve CSS colours once) can redraw and labels placed in the theme's type can
 * move: read it inside an effect or a derived. It changes with the document's theme, the reader's
 * colour scheme, a <dl-widget>'s theme attribute (the element sends `dl-theme`), and the window
 * crossing 48rem, where the projector theme's chart type starts (tokens.css).
 */
let version = $state(0);
let watching = false;

export function themeVersion(): number {
  if (!watching && typeof document !== 'undefined') {
    watching = true;
    const bump = () => version++;
    new MutationObserver(bump).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', bump);
    matchMedia('(min-width: 48rem)').addEventListener('change', bump);
    document.addEventListener('dl-theme', bump);
  }
  return version;
}

/** The chart type sizes in px: titles (--dl-chart-font) and tick labels (--dl-chart-font-small). */
export interface ChartFonts {
  title: number;
  tick: number;
}
const DEFAULT_FONTS: ChartFonts = { title: 13, tick: 11.5 };
const read = new WeakMap<Element, { v: number; fonts: ChartFonts }>();

/**
 * The chart type sizes that apply at `el` (the projector theme's are half as large again from
 * 48rem up), for placing labels that must not overprint. Read from the element, not the document,
 * so that a <dl-widget>, whose theme is set inside its shadow root, gets its own. Read inside a
 * derived or an effect, it follows theme changes. Without an element (on the server, or before
 * mount) it gives the default theme's.
 */
export function chartFonts(el: Element | undefined | null): ChartFonts {
  const v = themeVersion();
  if (!el) return DEFAULT_FONTS;
  let got = read.get(el);
  if (got?.v !== v) {
    const style = getComputedStyle(el);
    const px = (name: string) => parseFloat(style.getPropertyValue(name)) || 0;
    const title = px('--dl-chart-font');
    const tick = px('--dl-chart-font-small');
    got = { v, fonts: title && tick ? { title, tick } : DEFAULT_FONTS };
    read.set(el, got);
  }
  return got.fonts;
}
