import { describe, expect, it } from 'vitest';
import { checkPairs, validateTopic } from './validate.ts';

const ok = {
  title: 'T',
  order: 1,
  group: 'training',
  summary: 'S',
  question: 'Q?',
  answerShort: 'A.',
  islands: [],
  headings: [],
  interview: { answer: '<p>A.</p>', followups: [] },
};

describe('validateTopic', () => {
  it('accepts complete front matter', () => {
    expect(validateTopic('content/zh/a.svx', ok)).toMatchObject({ title: 'T', short: 'T', order: 1 });
  });
  it.each([
    [{ ...ok, title: '' }, 'content/zh/a.svx: front matter "title"'],
    [{ ...ok, order: '1' }, '"order" must be an integer'],
    [{ ...ok, question: undefined }, 'front matter "question"'],
    [{ ...ok, interview: { answer: '', followups: [] } }, 'no interview answer'],
    [{ ...ok, group: 'misc' }, '"group" must be one of'],
  ])('names the file and the field', (meta, msg) => {
    expect(() => validateTopic('content/zh/a.svx', meta)).toThrow(msg);
  });
  it('rejects unknown widgets and invalid literal props with the line', () => {
    const island = (component: string, props: Record<string, unknown>) => ({
      ...ok,
      islands: [
        {
          slot: 'island-0',
          component,
          client: 'visible',
          props,
          at: 'content/zh/a.svx:12:1',
          section: '',
          formula: '',
        },
      ],
    });
    expect(() => validateTopic('content/zh/a.svx', island('Nope', {}))).toThrow(
      'content/zh/a.svx:12:1: unknown widget <Nope>',
    );
    expect(() => validateTopic('content/zh/a.svx', island('SigmoidSaturation', { x: 40 }))).toThrow(
      'content/zh/a.svx:12:1: invalid props on <SigmoidSaturation>: x=40 (clamped, would use 10)',
    );
    expect(() => validateTopic('content/zh/a.svx', island('SigmoidSaturation', { x: 4, act: 'tanh' }))).not.toThrow();
  });
});

describe('checkPairs', () => {
  it('fails naming the missing translation', () => {
    expect(() => checkPairs(['a', 'b'], ['a'])).toThrow('content/en/b.svx is missing');
    expect(() => checkPairs(['a'], ['a', 'c'])).toThrow('content/zh/c.svx is missing');
    expect(() => checkPairs(['a'], ['a'])).not.toThrow();
  });
});
