// @ts-check
/**
 * Which modules go in the shared "kit" chunk, for the site build (astro.config.mjs) and the
 * <dl-widget> build (vite.embed.config.ts): the frame nearly every widget uses (shell, controls,
 * row of key numbers, axes, line and scale, number formats, state, strings), d3-array behind
 * the ticks, and the Svelte runtime.
 * Left to itself the bundler splits modules by which combination of widgets uses each, so a
 * page with one widget would fetch a dozen small chunks that compress worse than one
 * (≈ 0.3 KB gzip lost per chunk). Parts only some widgets use stay out (the play/step
 * controls and frame loop of the animated ones, the heat-map tints), so they cost nothing
 * elsewhere: with them inside, <dl-widget> plus the sigmoid widget went over its 50 KB
 * budget. See docs/ARCHITECTURE.md, departure 7.
 */
export const KIT =
  /\/src\/lib\/(chart\/(Chart|ChartSlider|ValueLabel|AxisX|AxisY|Legend|Num|SvgNum|format|context|scale|line)\.|ui\/(WidgetShell|StatRow|Slider|Toggle|Segmented|Boundary|UrlSync|context|settled|steadyHeight)\.|state\/|i18n\/)|\/node_modules\/(d3-array|svelte)\//;

/** @param {string} id */
export function kitChunk(id) {
  return KIT.test(id) ? 'kit' : undefined;
}
