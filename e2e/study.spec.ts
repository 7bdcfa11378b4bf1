import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, topicPages, watchErrors } from './helpers.ts';

const KEY = 'dl-explorables:flashcards';
const stat = async (page: Page, name: string) => Number(await page.locator(`[data-stat="${name}"]`).textContent());

test.describe('interview flashcards', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/interview/');
    await page.evaluate((k) => localStorage.removeItem(k), KEY);
    await page.reload();
    await expect(page.locator('.deck[data-loaded="true"]')).toBeVisible();
  });

  test('reveal with Space, rate with a number key, progress persists across reload', async ({ page }) => {
    const errors = watchErrors(page);
    const total = topicPages('zh').length;
    expect(await stat(page, 'new')).toBe(total);
    const card = page.locator('article.card');
    const slug = await card.getAttribute('data-card');
    await expect(card.locator('.question')).not.toBeEmpty();
    await page.keyboard.press('Space');
    await expect(card.getByText('30 秒版')).toBeVisible();
    await expect(card.locator('.long')).not.toBeEmpty();
    await page.keyboard.press('4'); // easy
    expect(await stat(page, 'new')).toBe(total - 1);
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!);
    expect(saved.cards[slug!].reps).toBe(1);
    await page.reload();
    await expect(page.locator('.deck[data-loaded="true"]')).toBeVisible();
    expect(await stat(page, 'new')).toBe(total - 1);
    expect(errors).toEqual([]);
  });

  test('rating buttons show when the card comes back, and "again" keeps it due soon', async ({ page }) => {
    await page.getByRole('button', { name: /显示答案/ }).click();
    const again = page.getByRole('button', { name: /重来/ });
    await expect(again).toContainText('分钟');
    await again.click();
    expect(await stat(page, 'learning')).toBe(1);
  });

  test('a corrupted or old-format stored value is reset with a note, never a crash', async ({ page }) => {
    const errors = watchErrors(page);
    for (const [raw, text] of [
      ['{oops', '已损坏'],
      ['{"app":"dl-explorables","kind":"flashcard-progress","version":0,"cards":{}}', '旧版本'],
    ]) {
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, raw]);
      await page.reload();
      await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
      await expect(page.locator('article.card')).toBeVisible();
      const stored = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!);
      expect(stored.version).toBe(1);
    }
    expect(errors).toEqual([]);
  });

  test('export then import round-trips the progress', async ({ page }) => {
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    const before = await page.evaluate((k) => localStorage.getItem(k), KEY);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出进度' }).click();
    const file = await (await download).path();
    const exported = readFileSync(file, 'utf8');
    expect(JSON.parse(exported)).toEqual(JSON.parse(before!));
    await page.getByRole('button', { name: '清空进度' }).click();
    await page.getByRole('button', { name: /确定清空/ }).click();
    expect((await stat(page, 'learning')) + (await stat(page, 'review'))).toBe(0);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect(page.getByRole('status')).toContainText('已导入 1 张');
    expect(JSON.parse((await page.evaluate((k) => localStorage.getItem(k), KEY))!)).toEqual(JSON.parse(before!));
    // A file that is not ours is refused and changes nothing.
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"hello":1}') });
    await expect(page.getByRole('status')).toContainText('没有导入');
  });

  test('the English page shares the same progress and filters by group', async ({ page }) => {
    await page.keyboard.press('Space');
    await page.keyboard.press('4');
    await page.goto('/en/interview/');
    await expect(page.locator('.deck[data-loaded="true"]')).toBeVisible();
    expect(await stat(page, 'new')).toBe(topicPages('en').length - 1);
    await page.getByText('Training stability').click();
    await expect(page.locator('.filter label.selected')).toHaveText(/Training stability/);
  });
});

test('glossary terms in prose show their counterpart on hover and on keyboard focus', async ({ page }) => {
  await page.goto('/sigmoid-saturation/');
  const term = page.locator('.prose-body .gloss').first();
  const tip = term.locator('.gloss-tip');
  await expect(tip).toBeHidden();
  await term.hover();
  await expect(tip).toBeVisible();
  await expect(tip.locator('.gloss-other')).not.toBeEmpty();
  await page.mouse.move(0, 0);
  await expect(tip).toBeHidden();
  await term.focus();
  await expect(tip).toBeVisible();
  const described = await term.getAttribute('aria-describedby');
  await expect(page.locator(`#${described}`)).toHaveCount(1);
  // First occurrence only.
  const ids = await page
    .locator('.prose-body .gloss')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-describedby')));
  expect(new Set(ids).size).toBe(ids.length);
});

test('the glossary lists both languages and links back to topics', async ({ page }) => {
  await page.goto('/glossary/');
  const entry = page.locator('#vanishing-gradient');
  await expect(entry).toContainText('梯度消失');
  await expect(entry).toContainText('vanishing gradient');
  // Every topic that uses the term links back, the topic that defines it among them.
  const hrefs = await entry.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(expect.arrayContaining(['/vanishing-exploding-gradients/', '/sigmoid-saturation/', '/rnn/']));
  expect(new Set(hrefs).size).toBe(hrefs.length);
  await page.goto('/en/glossary/');
  await expect(page.locator('#vanishing-gradient')).toContainText('Gradients shrink exponentially');
});

test.describe('search', () => {
  for (const [path, q, expected] of [
    ['/search/', '梯度消失', /\/vanishing-exploding-gradients\/$/],
    ['/search/', '梯度', /\/(vanishing-exploding-gradients|gradient-remedies)\/$/],
    ['/search/', '注意力', /\/(transformer|transformer-parallelism)\/$/],
    ['/search/', '饱和', /sigmoid/],
    ['/en/search/', 'saturation', /sigmoid/i],
    ['/en/search/', 'cross-entropy', /sigmoid/i],
  ] as const) {
    test(`${path}?q=${q} finds the right page`, async ({ page }) => {
      const errors = watchErrors(page);
      await page.goto(`${path}?q=${encodeURIComponent(q)}`);
      const first = page.locator('.results li a.r-title').first();
      await expect(first).toHaveAttribute('href', expected);
      await expect(page.locator('.results mark').first()).toBeVisible();
      expect(errors).toEqual([]);
    });
  }

  test('the header search box needs no script and lands on the search page', async ({ page }) => {
    await page.goto('/');
    await page.locator('#site-search').fill('梯度');
    await page.locator('#site-search').press('Enter');
    await expect(page).toHaveURL(/\/search\/\?q=%E6%A2%AF%E5%BA%A6$/);
    await expect(page.locator('.results li').first()).toBeVisible();
  });

  test('results link to the matching section', async ({ page }) => {
    await page.goto('/search/?q=%E4%BA%A4%E5%8F%89%E7%86%B5');
    await expect(page.locator('.results .r-sub a').first()).toHaveAttribute('href', /#/);
  });
});

test('new pages pass axe after hydration', async ({ page }) => {
  for (const path of ['/interview/', '/en/interview/']) {
    await page.goto(path);
    await page.keyboard.press('Space');
    await expectNoAxeViolations(page);
  }
});
