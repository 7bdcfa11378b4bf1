import { choice, flag, num } from '../../lib/state/schema.ts';

export const FOCUS = ['sigmoid', 'tanh', 'relu'] as const;
export type Focus = (typeof FOCUS)[number];

/** x: the input being inspected; L: depth of the stack; act: the activation in focus; compare: draw the other two faintly. */
export const schema = {
  x: num(2, -10, 10, 0.01),
  L: num(10, 1, 100, 1),
  act: choice(FOCUS, 'sigmoid'),
  compare: flag(false),
};
