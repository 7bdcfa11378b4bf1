import fc from 'fast-check';
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { emptyProgress, parseProgress, preview, queue, rate, serializeProgress, summarize } from './progress.ts';

const NOW = new Date('2026-11-29T08:00:00Z');
const SLUGS = ['a', 'b', 'c'];

describe('flashcard progress', () => {
  it('round-trips through storage and export', () => {
    let p = emptyProgress();
    p = rate(p, 'a', Rating.Good, NOW);
    p = rate(p, 'b', Rating.Again, NOW);
    const back = parseProgress(serializeProgress(p));
    expect(back.problem).toBeUndefined();
    expect(back.progress).toEqual(p);
  });

  it.each([
    ['{not json', 'corrupt'],
    ['[]', 'not-ours'],
    ['"text"', 'corrupt'],
    ['{"app":"other","kind":"flashcard-progress","version":1,"cards":{}}', 'not-ours'],
    ['{"app":"dl-explorables","kind":"flashcard-progress","version":0,"cards":{}}', 'old-version'],
    ['{"app":"dl-explorables","kind":"flashcard-progress","version":1,"cards":[]}', 'corrupt'],
    ['{"app":"dl-explorables","kind":"flashcard-progress","version":1,"cards":{"a":{"due":"soon"}}}', 'corrupt'],
  ])('rejects %s as %s and starts fresh', (raw, problem) => {
    const r = parseProgress(raw);
    expect(r.problem).toBe(problem);
    expect(r.progress).toEqual(emptyProgress());
  });

  it('never throws on arbitrary input', () => {
    fc.assert(fc.property(fc.string(), (s) => parseProgress(s).progress.version === 1));
    fc.assert(fc.property(fc.json(), (s) => parseProgress(s).progress.version === 1));
  });

  it('schedules by rating: again comes back sooner than easy, and due cards come first', () => {
    const p0 = emptyProgress();
    const due = preview(p0, 'a', NOW);
    expect(due[Rating.Again].getTime()).toBeLessThan(due[Rating.Hard].getTime());
    expect(due[Rating.Good].getTime()).toBeLessThan(due[Rating.Easy].getTime());
    const p1 = rate(p0, 'b', Rating.Again, NOW);
    expect(queue(p1, SLUGS, NOW)).toEqual(['a', 'c']);
    const later = new Date(NOW.getTime() + 60 * 60 * 1000);
    expect(queue(p1, SLUGS, later)).toEqual(['b', 'a', 'c']);
  });

  it('summarises what is new, due and learned', () => {
    let p = rate(emptyProgress(), 'a', Rating.Easy, NOW);
    p = rate(p, 'b', Rating.Again, NOW);
    const s = summarize(p, SLUGS, NOW);
    expect(s).toMatchObject({ total: 3, fresh: 1, due: 0 });
    expect(s.nextDue!.getTime()).toBe(Date.parse(p.cards.b.due));
    expect(summarize(p, SLUGS, new Date(NOW.getTime() + 365 * 86400e3)).due).toBe(2);
  });
});
