/**
 * A counter that changes whenever the page's theme may have changed, so canvas drawings
 * (which resolve CSS colours once) can redraw: read it inside an effect.
 */
let version = $state(0);
let watching = false;

export function themeVersion(): number {
  if (!watching && typeof document !== 'undefined') {
    watching = true;
    new MutationObserver(() => version++).observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['data-theme', 'class', 'style'],
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => version++);
  }
  return version;
}

/** The chart type sizes in px: titles (--dl-chart-font) and tick labels (--dl-chart-font-small). */
export interface ChartFonts {
  title: number;
  tick: number;
}
let fonts: ChartFonts = { title: 13, tick: 11.5 };
let fontsFor = -1;

/**
 * The current theme's chart type sizes (the projector's are half as large again), for placing
 * labels that must not overprint; read inside a derived or an effect, it follows theme changes.
 * The server, which has no styles, gets the default theme's, and so does a <dl-widget>: its theme
 * is set inside its shadow root, not on the document (its projector theme keeps default spacing).
 */
export function chartFonts(): ChartFonts {
  const v = themeVersion();
  if (v !== fontsFor && typeof document !== 'undefined') {
    fontsFor = v;
    const style = getComputedStyle(document.documentElement);
    const px = (name: string) => parseFloat(style.getPropertyValue(name)) || 0;
    const next = { title: px('--dl-chart-font'), tick: px('--dl-chart-font-small') };
    if (next.title && next.tick && (next.title !== fonts.title || next.tick !== fonts.tick)) fonts = next;
  }
  return fonts;
}
