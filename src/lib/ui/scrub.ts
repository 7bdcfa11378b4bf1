/**
 * Helpers for a one-dimensional "scrubber" drawn in a chart (a step or position the reader
 * drags, or moves with the keys): pointer capture, the pointer's position across the
 * surface, and the move a key asks for.
 */

/** Capture the pointer so a drag continues outside the surface. */
export function capturePointer(e: PointerEvent): void {
  try {
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
  } catch {
    // Synthetic events (tests, benchmarks) have no active pointer to capture.
  }
}

/** Where the pointer is across the event's target, 0 at the left edge, 1 at the right. */
export function pointerFraction(e: PointerEvent): number {
  const box = (e.currentTarget as Element).getBoundingClientRect();
  return box.width > 0 ? (e.clientX - box.left) / box.width : 0;
}

/**
 * The move a key asks of a scrubber: ±1 for the arrows (right/up forward), ±page for
 * PageUp/PageDown, 'start'/'end' for Home/End, null for any other key.
 */
export function scrubKey(key: string, page = 10): number | 'start' | 'end' | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return 1;
    case 'ArrowLeft':
    case 'ArrowDown':
      return -1;
    case 'PageUp':
      return page;
    case 'PageDown':
      return -page;
    case 'Home':
      return 'start';
    case 'End':
      return 'end';
    default:
      return null;
  }
}
