import { choice, num, text } from '../../lib/state/schema.ts';

export const VIEWS = ['mlm', 'embed', 'nsp'] as const;
export type View = (typeof VIEWS)[number];
export const SELECTIONS = ['bernoulli', 'exact'] as const;

/**
 * v: which part (MLM masking / input embedding / NSP pairs); s: sentence A ('' = example);
 * seed: of every draw; sel: per-token coin (Hugging Face) or exactly round(15 %) (BERT's
 * script); reps: masked copies pooled for the convergence chart; pos: the token whose
 * embedding is shown; ni: which NSP pair is drawn; nn: NSP pairs pooled for the 50/50 count.
 */
export const schema = {
  v: choice(VIEWS, 'mlm'),
  s: text('', 400),
  seed: num(1, 1, 9999, 1),
  sel: choice(SELECTIONS, 'bernoulli'),
  reps: num(200, 1, 5000, 1),
  pos: num(2, 0, 127, 1),
  ni: num(1, 1, 9999, 1),
  nn: num(100, 1, 5000, 1),
};
