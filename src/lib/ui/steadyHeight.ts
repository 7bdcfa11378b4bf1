/**
 * Keeps a block whose text re-wraps as the numbers change (a widget's live description, its
 * row of key numbers) from getting shorter again while the reader works the controls. It may
 * grow, once, the first time a longer text needs another line; it shrinks back only when its
 * width changes. Without it such a block gains and loses a line as a slider moves, and
 * everything below jumps by that line on every step: the controls, the slider being dragged
 * among them, and the rest of the page, which the browser must then lay out and repaint.
 *
 * Used as a Svelte attachment on a block whose only child is a block holding the content:
 * `<p {@attach steadyHeight}><span class="…" style="display: block">…</span></p>`. It watches
 * the child, whose height is the content's own whatever the parent's min-height, and sets the
 * parent's min-height; so it never resizes what it watches (no ResizeObserver loop) and never
 * reads layout after writing a style (no forced layout).
 */
export function steadyHeight(node: HTMLElement): () => void {
  const inner = node.firstElementChild;
  if (!(inner instanceof HTMLElement)) return () => {};
  // The parent's own min-height from its stylesheet, and what its padding and border add
  // (global.css sets box-sizing: border-box everywhere). Read in the first callback, after
  // layout, when style is clean, rather than at hydration, where it would force a style pass;
  // and before the first write, which would change what min-height reads.
  let base = 0;
  let frame = -1;
  let floor: Floor = { width: -1, height: 0 };
  const observer = new ResizeObserver((entries) => {
    const box = entries[entries.length - 1].borderBoxSize[0];
    if (!box) return;
    const next = nextFloor(floor, box.inlineSize, box.blockSize);
    if (next === floor) return;
    floor = next;
    if (frame < 0) {
      const css = getComputedStyle(node);
      const px = (v: string) => parseFloat(v) || 0;
      base = px(css.minHeight);
      frame = px(css.paddingTop) + px(css.paddingBottom) + px(css.borderTopWidth) + px(css.borderBottomWidth);
    }
    node.style.minHeight = `${Math.max(base, floor.height + frame)}px`;
  });
  observer.observe(inner);
  return () => {
    observer.disconnect();
    node.style.minHeight = '';
  };
}

/** The height a block keeps at the width it was measured at. */
export interface Floor {
  width: number;
  height: number;
}

/**
 * The floor once the content was seen at `width` × `height`: at the same width (within half a
 * pixel: sub-pixel jitter is not a resize) it only ever rises; at a new width it starts again
 * from the content's height. Returns `floor` itself when nothing changes.
 */
export function nextFloor(floor: Floor, width: number, height: number): Floor {
  if (Math.abs(width - floor.width) > 0.5) return { width, height };
  return height > floor.height ? { width: floor.width, height } : floor;
}
