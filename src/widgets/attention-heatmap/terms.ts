/**
 * The formula's terms that link to matrices: hovering or focusing a term highlights its
 * matrix, and hovering a matrix highlights its term.
 * Q, K, V: projections; S: the √d_k divisor; M: the mask; A: the softmax weights;
 * O: one head's output; C: Concat(head₁…head_h); W: W^O; Y: the multi-head output.
 */
export type Term = 'Q' | 'K' | 'S' | 'M' | 'A' | 'V' | 'O' | 'C' | 'W' | 'Y';

/** The matrix panel a term lights up (S and M act on the scores, drawn as A). */
export function panelOf(term: Term): Term {
  return term === 'S' || term === 'M' ? 'A' : term;
}

/** Whether a panel is dimmed while `term` is highlighted. */
export function dimmed(panel: Term, term: Term | null): boolean {
  return term !== null && panelOf(term) !== panel;
}
