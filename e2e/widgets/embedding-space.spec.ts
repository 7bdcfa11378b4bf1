import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { tokenizeCorpus, type CorpusLang } from '../../src/widgets/embedding-space/corpus.ts';
import { display, resolveQuery, type Display } from '../../src/widgets/embedding-space/model.ts';
import { TrainingSession } from '../../src/widgets/embedding-space/session.ts';
import { expectNoAxeViolations, hydrate, samePlace, watchErrors } from '../helpers.ts';

// Training runs in the page; on a busy machine a test can take a while. Reaching the built
// figure's 30 epochs took up to ≈ 20 s on a slow CI machine with two test workers on two cores
// (18 s drawn, 4 s re-run out of sight, with one other browser beside it): each wait for a
// finished run allows 45 s, a test up to three of them.
test.describe.configure({ timeout: 150_000 });

const SEL = '[data-widget-id="embedding-space"]';
const first = (page: Page) => page.locator(SEL).nth(0);
const second = (page: Page) => page.locator(SEL).nth(1);
const q0 = { w: '', an: 0, a: '', ap: '', b: '', ex: true };

/** What the core computes for a run, in Node: the browser must show the same numbers. */
function expected(lang: CorpusLang, ep: number, q = q0, seed = 1): Display {
  const s = new TrainingSession(tokenizeCorpus(readFileSync(`content/corpora/${lang}.txt`, 'utf8'), lang), lang, seed);
  s.advance(ep, Infinity);
  return display(s.trainer, lang, s.tokens, resolveQuery(q, lang));
}
const attr = async (l: Locator, name: string) => Number(await l.getAttribute(name));
const ready = (w: Locator) => expect(w.locator('.root')).toHaveAttribute('data-phase', 'ready', { timeout: 45_000 });

function close(actual: number, exp: number, rel = 1e-9) {
  expect(Math.abs(actual - exp), `${actual} vs ${exp}`).toBeLessThanOrEqual(rel * Math.abs(exp));
}

/**
 * Logs each change of the widget's phase with what the figure shows at that moment (read after
 * Svelte's update, in the same task); the returned function reads the log.
 */
async function logPhases(page: Page) {
  type Seen = { phase: string | null; epochs: string | null | undefined; king: string | null | undefined };
  await page.evaluate((sel) => {
    const el = document.querySelector(`${sel} .root`)!;
    const log: Seen[] = [];
    (window as unknown as { __phases: Seen[] }).__phases = log;
    new MutationObserver(() => {
      const phase = el.getAttribute('data-phase');
      if (log.at(-1)?.phase === phase) return;
      log.push({
        phase,
        epochs: el.querySelector('[data-stat="epochs"]')?.getAttribute('data-value'),
        king: el.querySelector('g.pt[data-word="king"]')?.getAttribute('transform'),
      });
    }).observe(el, { attributes: true, attributeFilter: ['data-phase'] });
  }, SEL);
  return () => page.evaluate(() => (window as unknown as { __phases: Seen[] }).__phases);
}

test('server-rendered: the trained scatter, the loss and the analogy with its scores are in the HTML', async ({
  browser,
  request,
}) => {
  const html = await (await request.get('/en/embeddings/')).text();
  const island = html.slice(html.indexOf('data-widget-id="embedding-space"'));
  const exp = expected('en', 30);
  const top = exp.analogy!.ranked[0];
  expect(top.word).toBe('queen');
  expect(
    island.includes(`data-stat="analogy" data-word="queen" data-score="${top.score}"`),
    'queen, with the core’s score',
  ).toBe(true);
  expect(island.includes('data-snapshot="{'), 'the result travels with the page').toBe(true);
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('/en/embeddings/');
  const w = first(page);
  await w.scrollIntoViewIfNeeded();
  await expect(w.locator('[data-stat="verdict"]')).toContainText('Learned: queen ranks first');
  await expect(w.locator('g.pt[data-word="king"]')).toBeVisible();
  await expect(w.locator('[data-stat="status"]')).toContainText('Computed when this page was built: 30 epochs');
  await ctx.close();
});

test('training lowers the loss over a fixed number of epochs with a fixed seed, to the core’s values', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/en/embeddings/?embedding-space.ep=3');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await ready(w);
  const loss = w.locator('[data-stat="loss"]');
  const exp3 = expected('en', 3);
  close(await attr(loss, 'data-first'), exp3.lossFirst as number);
  close(await attr(loss, 'data-value'), exp3.lossLast as number);
  expect(exp3.lossLast as number).toBeLessThan(exp3.lossFirst as number);
  expect(await attr(loss, 'data-bins')).toBe(24);
  // One more epoch with the Step button: the loss of the latest epoch falls again.
  await w.getByRole('button', { name: 'Step' }).click();
  await expect(page).toHaveURL(/embedding-space\.ep=4/);
  await ready(w);
  const exp4 = expected('en', 4);
  close(await attr(loss, 'data-value'), exp4.lossLast as number);
  expect(exp4.lossLast as number).toBeLessThan(exp3.lossLast as number);
  expect(await attr(w.locator('[data-stat="ms"]'), 'data-value')).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('analogies are shown with their cosine scores, including the one this model gets wrong', async ({ page }) => {
  await page.goto('/en/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await ready(w);
  const exp = expected('en', 30);
  const items = w.locator('[data-stat="analogy"]');
  await expect(items).toHaveCount(6);
  for (let i = 0; i < 6; i++) {
    await expect(items.nth(i)).toHaveAttribute('data-word', exp.analogy!.ranked[i].word);
    close(await attr(items.nth(i), 'data-score'), exp.analogy!.ranked[i].score);
  }
  await expect(items.nth(0).locator('.score')).toHaveText(exp.analogy!.ranked[0].score.toFixed(3));
  // The second figure asks france : paris :: japan : ? and reports the miss as it is.
  await hydrate(page, `${SEL} >> nth=1`);
  const w2 = second(page);
  await ready(w2);
  const cap = expected('en', 30, { ...q0, an: 3 });
  const verdict = w2.locator('[data-stat="verdict"]');
  expect(await attr(verdict, 'data-rank')).toBe(cap.analogy!.expected!.rank);
  expect(cap.analogy!.expected!.rank).toBeGreaterThan(1);
  await expect(verdict).toContainText('Not learned by this small model: tokyo ranks');
  // Without excluding the inputs, an input word can win, and it is marked as one.
  await w2.getByText('Leave a, a′ and b out of the answers').click();
  await expect(w2.getByRole('switch', { name: /Leave a, a′ and b out/ })).not.toBeChecked();
  const incl = expected('en', 30, { ...q0, an: 3, ex: false });
  await expect(w2.locator('[data-stat="analogy"]').first()).toHaveAttribute('data-word', incl.analogy!.ranked[0].word);
  expect(incl.analogy!.ranked[0].input).toBe(true);
  await expect(w2.locator('[data-stat="analogy"]').first()).toContainText('(input)');
});

test('keyboard: asking for another word’s neighbours and typing an analogy', async ({ page }) => {
  await page.goto('/en/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await ready(w);
  const word = w.getByRole('combobox', { name: 'Neighbours of the word' });
  await word.fill('cat');
  await word.press('Enter');
  const nn = w.locator('[data-stat="nn"]');
  const exp = expected('en', 30, { ...q0, w: 'cat' });
  await expect(nn.first()).toHaveAttribute('data-word', exp.neighbours![0].word);
  close(await attr(nn.first(), 'data-score'), exp.neighbours![0].score);
  await expect(page).toHaveURL(/embedding-space\.w=cat/);
  // An analogy of one's own: father : mother :: king : ?
  const a = w.getByRole('combobox', { name: 'word a', exact: true });
  await a.fill('father');
  await a.press('Tab');
  await w.getByRole('combobox', { name: 'word a′' }).fill('mother');
  await w.getByRole('combobox', { name: 'word a′' }).press('Tab');
  await expect(w.locator('[data-stat="verdict"]')).toHaveCount(0);
  const custom = expected('en', 30, { ...q0, w: 'cat', a: 'father', ap: 'mother', b: 'woman' });
  await expect(w.locator('[data-stat="analogy"]').first()).toHaveAttribute('data-word', custom.analogy!.ranked[0].word);
  // The preset list says the analogy is one's own; choosing a preset replaces it.
  const preset = w.getByRole('combobox', { name: 'Preset analogy' });
  await expect(preset).toHaveValue('custom');
  await preset.selectOption('3');
  await expect(preset).toHaveValue('3');
  await expect(page).toHaveURL(/embedding-space\.an=3/);
  const third = expected('en', 30, { ...q0, w: 'cat', an: 3 });
  expect(await attr(w.locator('[data-stat="verdict"]'), 'data-rank')).toBe(third.analogy!.expected!.rank);
  await expect(w.locator('option[value="custom"]')).toHaveCount(0);
  // A word the corpus does not have is reported, not guessed.
  await word.fill('zebra');
  await word.press('Enter');
  await expect(w.getByText('Not in the vocabulary: zebra.')).toBeVisible();
});

test('the Chinese page trains on the Chinese corpus; switching corpus retrains on the other', async ({ page }) => {
  await page.goto('/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await ready(w);
  const exp = expected('zh', 30);
  await expect(w.locator('[data-stat="analogy"]').first()).toHaveAttribute('data-word', '女王');
  close(await attr(w.locator('[data-stat="loss"]'), 'data-value'), exp.lossLast as number);
  await w.getByRole('radio', { name: 'English' }).check();
  await ready(w);
  await expect(w.locator('[data-stat="analogy"]').first()).toHaveAttribute('data-word', 'queen');
});

test('training runs in slices over many frames, not in one long task', async ({ page }) => {
  await page.goto('/en/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  await ready(w);
  // Count the frames the page paints while 30 epochs train. (Long tasks themselves are measured by
  // scripts/bench-interaction.ts; wall-clock durations here would depend on the test machine's load.)
  await page.evaluate(() => {
    const win = window as unknown as { __frames: number; __stop: boolean };
    win.__frames = 0;
    win.__stop = false;
    const tick = () => {
      win.__frames++;
      if (!win.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await w.getByRole('button', { name: 'Start over' }).click();
  await expect(w.locator('.root')).toHaveAttribute('data-phase', 'training');
  await expect(w.locator('[data-stat="status"]')).toContainText('Training in your browser');
  await ready(w);
  const frames = await page.evaluate(() => {
    const win = window as unknown as { __frames: number; __stop: boolean };
    win.__stop = true;
    return win.__frames;
  });
  // ≈ 280 000 pairs at a few ms of training per frame: dozens of frames, the page painting in between.
  expect(frames).toBeGreaterThan(20);
});

test('asked for more epochs while the built result is re-run, the figure trains on from where it is', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/en/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const root = w.locator('.root');
  // Slow the machine down so that the reader's change lands while the re-run is still going.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await expect(root).toHaveAttribute('data-phase', 'replay');
  const built = await w.locator('g.pt[data-word="king"]').getAttribute('transform');
  const phases = await logPhases(page);
  // Ten epochs more than the built figure: enough to watch, short enough for a loaded machine.
  await w.getByRole('slider', { name: 'Epochs' }).fill('40');
  await expect(page).toHaveURL(/embedding-space\.ep=40/);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await ready(w);
  const seen = await phases();
  expect(seen.map((p) => p.phase)).toEqual(['training', 'ready']);
  // It went on from the built picture: 30 epochs, every point where it was (no jump back to
  // the start), and was then drawn as it trained.
  expect(Number(seen[0].epochs)).toBe(30);
  samePlace(seen[0].king, built);
  close(await attr(w.locator('[data-stat="loss"]'), 'data-value'), expected('en', 40).lossLast as number);
  expect(errors).toEqual([]);
});

test('asked for more epochs before the corpus has arrived, the built run is still re-run and trained on', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // Hold the corpus chunk back until the reader has moved the slider.
  let release = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/_astro\/en\.[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/en/embeddings/');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const root = w.locator('.root');
  await expect(root).toHaveAttribute('data-phase', 'snapshot');
  const built = await w.locator('g.pt[data-word="king"]').getAttribute('transform');
  const phases = await logPhases(page);
  const ep = w.getByRole('slider', { name: 'Epochs' });
  await ep.focus();
  await ep.press('ArrowRight');
  await expect(page).toHaveURL(/embedding-space\.ep=31/);
  release();
  await ready(w);
  const seen = await phases();
  expect(seen.map((p) => p.phase)).toEqual(['replay', 'training', 'ready']);
  expect(Number(seen[1].epochs)).toBe(30);
  samePlace(seen[1].king, built);
  close(await attr(w.locator('[data-stat="loss"]'), 'data-value'), expected('en', 31).lossLast as number);
  expect(errors).toEqual([]);
});

test('training pauses while the widget is off screen and resumes when it is back', async ({ page }) => {
  await page.goto('/en/embeddings/?embedding-space.ep=100');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const epochs = () => w.locator('[data-stat="epochs"]').getAttribute('data-value').then(Number);
  // Past the built figure's 30 epochs: the training is being drawn, not re-run out of sight.
  await expect.poll(epochs, { timeout: 45_000 }).toBeGreaterThan(30);
  await expect(w.locator('.root')).toHaveAttribute('data-phase', 'training');
  await page.locator('footer').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const parked = await epochs();
  await page.waitForTimeout(700);
  expect(await epochs()).toBe(parked);
  await w.scrollIntoViewIfNeeded();
  await expect.poll(epochs).toBeGreaterThan(parked);
});

test('bad URL values get a note, never NaN', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/embeddings/?embedding-space.ep=abc&embedding-space.corpus=fr&embedding-space.scale=huge');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  const note = w.locator('.notes');
  await expect(note).toContainText("Couldn't read ep=abc; using the default 30.");
  // The English page's own default, not the schema's (zh): a typo in a shared link keeps the page's corpus.
  await expect(note).toContainText("Couldn't read corpus=fr; using the default en.");
  await expect(note).toContainText("Couldn't read scale=huge");
  await ready(w);
  expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
  expect(errors).toEqual([]);
});

test('the sizes panel: BERT-Base’s table is 23 440 896 parameters', async ({ page }) => {
  await page.goto('/en/embeddings/?embedding-space.scale=bert');
  await hydrate(page, `${SEL} >> nth=0`);
  const w = first(page);
  expect(await attr(w.locator('[data-stat="tableParams"]'), 'data-value')).toBe(23440896);
  expect(await attr(w.locator('[data-stat="oneHotCos"]'), 'data-value')).toBe(0);
});

test('the widget passes axe after hydration in every theme', async ({ page }) => {
  for (const theme of ['light', 'dark', 'projector']) {
    await page.goto(`/embeddings/?theme=${theme}`);
    await hydrate(page, `${SEL} >> nth=0`);
    await ready(first(page));
    await expectNoAxeViolations(page, { include: SEL });
  }
});
