import { choice, flag, num, text } from '../../lib/state/schema.ts';
import { CORPORA } from './corpus.ts';

export const SCALES = ['corpus', 'bert', 'w2v'] as const;
export type Scale = (typeof SCALES)[number];
export const VIEWS = ['focus', 'all'] as const;
export type ScatterView = (typeof VIEWS)[number];

/**
 * corpus: which shipped corpus; ep: epochs trained; seed: the training run; w: the word whose
 * neighbours are listed ('' = the corpus's default); an: analogy preset; a, ap, b: a custom
 * analogy a : a′ :: b : ? (all three set: they override the preset); ex: leave the three input
 * words out of the answer; view: the scatter shows the themes the question touches, or all;
 * scale: the vocabulary the one-hot/dense sizes are worked out for.
 */
export const schema = {
  corpus: choice(CORPORA, 'zh'),
  ep: num(30, 1, 100, 1),
  seed: num(1, 1, 99, 1),
  w: text('', 24),
  an: num(0, 0, 4, 1),
  a: text('', 24),
  ap: text('', 24),
  b: text('', 24),
  ex: flag(true),
  view: choice(VIEWS, 'focus'),
  scale: choice(SCALES, 'corpus'),
};
