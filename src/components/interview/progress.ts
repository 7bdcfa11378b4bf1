/**
 * Flashcard progress: one FSRS card per topic (shared by both languages), kept in
 * localStorage and exportable as a JSON file. Everything read from storage or a file
 * is validated; anything malformed or from another version is reported and replaced
 * by a fresh state, never trusted and never allowed to crash the page.
 */
import { createEmptyCard, fsrs, Rating, State, type Card, type Grade } from 'ts-fsrs';

export const STORAGE_KEY = 'dl-explorables:flashcards';
export const VERSION = 1;

export interface StoredCard {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review?: string;
}

export interface Progress {
  app: 'dl-explorables';
  kind: 'flashcard-progress';
  version: typeof VERSION;
  cards: Record<string, StoredCard>;
}

export type ProgressProblem = 'corrupt' | 'old-version' | 'not-ours';

export function emptyProgress(): Progress {
  return { app: 'dl-explorables', kind: 'flashcard-progress', version: VERSION, cards: {} };
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isDate = (v: unknown): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v));

function validCard(c: unknown): c is StoredCard {
  if (typeof c !== 'object' || c === null) return false;
  const o = c as Record<string, unknown>;
  return (
    isDate(o.due) &&
    isNum(o.stability) &&
    o.stability >= 0 &&
    isNum(o.difficulty) &&
    isNum(o.elapsed_days) &&
    isNum(o.scheduled_days) &&
    isNum(o.learning_steps) &&
    Number.isInteger(o.reps) &&
    (o.reps as number) >= 0 &&
    Number.isInteger(o.lapses) &&
    (o.lapses as number) >= 0 &&
    [State.New, State.Learning, State.Review, State.Relearning].includes(o.state as State) &&
    (o.last_review === undefined || isDate(o.last_review))
  );
}

/** Reads stored or imported progress. Returns a usable state and, if it had to be reset, why. */
export function parseProgress(raw: string | null): { progress: Progress; problem?: ProgressProblem } {
  if (raw === null || raw === '') return { progress: emptyProgress() };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { progress: emptyProgress(), problem: 'corrupt' };
  }
  if (typeof data !== 'object' || data === null) return { progress: emptyProgress(), problem: 'corrupt' };
  const o = data as Record<string, unknown>;
  if (o.app !== 'dl-explorables' || o.kind !== 'flashcard-progress')
    return { progress: emptyProgress(), problem: 'not-ours' };
  if (o.version !== VERSION) return { progress: emptyProgress(), problem: 'old-version' };
  if (typeof o.cards !== 'object' || o.cards === null || Array.isArray(o.cards)) {
    return { progress: emptyProgress(), problem: 'corrupt' };
  }
  const cards: Record<string, StoredCard> = {};
  for (const [slug, card] of Object.entries(o.cards)) {
    if (!/^[a-z0-9-]+$/.test(slug) || !validCard(card)) return { progress: emptyProgress(), problem: 'corrupt' };
    cards[slug] = card;
  }
  return { progress: { ...emptyProgress(), cards } };
}

export function serializeProgress(p: Progress): string {
  return JSON.stringify(p, null, 2);
}

function toCard(s: StoredCard | undefined, now: Date): Card {
  if (!s) return createEmptyCard(now);
  return { ...s, due: new Date(s.due), last_review: s.last_review ? new Date(s.last_review) : undefined };
}

function toStored(c: Card): StoredCard {
  return {
    due: c.due.toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review ? { last_review: c.last_review.toISOString() } : {}),
  };
}

// Fuzz off: the same answers give the same schedule, which a reader (and a test) can rely on.
const scheduler = fsrs({ enable_fuzz: false });

export const GRADES = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const satisfies readonly Grade[];

/** Records a self-rating and returns the new progress (the input is not modified). */
export function rate(p: Progress, slug: string, grade: Grade, now: Date): Progress {
  const next = scheduler.next(toCard(p.cards[slug], now), now, grade);
  return { ...p, cards: { ...p.cards, [slug]: toStored(next.card) } };
}

/** When the card would be due next for each possible rating (for the buttons' labels). */
export function preview(p: Progress, slug: string, now: Date): Record<Grade, Date> {
  const rec = scheduler.repeat(toCard(p.cards[slug], now), now);
  return {
    [Rating.Again]: rec[Rating.Again].card.due,
    [Rating.Hard]: rec[Rating.Hard].card.due,
    [Rating.Good]: rec[Rating.Good].card.due,
    [Rating.Easy]: rec[Rating.Easy].card.due,
  } as Record<Grade, Date>;
}

/** Study order: cards due now (most overdue first), then cards never studied (in topic order). */
export function queue(p: Progress, slugs: readonly string[], now: Date): string[] {
  const due = slugs
    .filter((s) => p.cards[s] && Date.parse(p.cards[s].due) <= now.getTime())
    .sort((a, b) => Date.parse(p.cards[a].due) - Date.parse(p.cards[b].due));
  const fresh = slugs.filter((s) => !p.cards[s]);
  return [...due, ...fresh];
}

export interface Summary {
  total: number;
  fresh: number;
  due: number;
  learning: number;
  review: number;
  /** Earliest due time among cards not due yet. */
  nextDue: Date | null;
}

export function summarize(p: Progress, slugs: readonly string[], now: Date): Summary {
  let fresh = 0;
  let due = 0;
  let learning = 0;
  let review = 0;
  let nextDue: number | null = null;
  for (const s of slugs) {
    const c = p.cards[s];
    if (!c) {
      fresh++;
      continue;
    }
    const t = Date.parse(c.due);
    if (t <= now.getTime()) due++;
    else nextDue = nextDue === null ? t : Math.min(nextDue, t);
    if (c.state === State.Review) review++;
    else learning++;
  }
  return { total: slugs.length, fresh, due, learning, review, nextDue: nextDue === null ? null : new Date(nextDue) };
}
