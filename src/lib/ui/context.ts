import { getContext, setContext } from 'svelte';

/** What a widget's frame tells its controls: which ones the embedder asked to hide (`hide=`). */
export interface ControlsContext {
  isHidden(name: string): boolean;
  /** A prefix that keeps element ids unique when one widget appears several times. */
  readonly idPrefix: string;
}

const KEY = Symbol('dl-controls');

export function setControlsContext(ctx: ControlsContext): void {
  setContext(KEY, ctx);
}

export function getControlsContext(): ControlsContext {
  return getContext<ControlsContext | undefined>(KEY) ?? { isHidden: () => false, idPrefix: 'dl' };
}
