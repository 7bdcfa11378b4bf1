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
