import { getContext, setContext } from 'svelte';

export interface Margin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What a chart frame shares with the marks drawn inside it (LayerCake-style). */
export interface ChartContext {
  readonly width: number;
  readonly height: number;
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly margin: Margin;
}

const KEY = Symbol('dl-chart');

export function setChartContext(ctx: ChartContext): void {
  setContext(KEY, ctx);
}

export function getChartContext(): ChartContext {
  const ctx = getContext<ChartContext | undefined>(KEY);
  if (!ctx) throw new Error('Chart marks must be placed inside <Chart>');
  return ctx;
}

/** Inner plotting size for a frame of the given outer size. */
export function innerSize(width: number, height: number, m: Margin): { innerWidth: number; innerHeight: number } {
  return {
    innerWidth: Math.max(10, width - m.left - m.right),
    innerHeight: Math.max(10, height - m.top - m.bottom),
  };
}
