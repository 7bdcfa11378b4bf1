import type { SensStage } from './model2d.ts';

/** Colours and dashes of the four outputs in the sensitivity plots (dashes keep them apart without colour). */
export const SERIES_STYLE: Record<SensStage, { color: string; dash: string }> = {
  conv: { color: 'var(--dl-series-1)', dash: '' },
  pool: { color: 'var(--dl-series-2)', dash: '' },
  blurPool: { color: 'var(--dl-series-3)', dash: '7 4' },
  global: { color: 'var(--dl-series-4)', dash: '2 4' },
};
