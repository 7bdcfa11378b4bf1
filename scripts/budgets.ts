/**
 * Performance budgets, in one place, each with its reason. Benchmark scripts read
 * these and exit non-zero when one is broken; a budget is never loosened to pass.
 */
export const BUDGETS = {
  /** A page of prose and math needs no code: only the inline theme script is allowed. */
  proseJsGzipBytes: { limit: 1024, reason: 'prose pages ship no JavaScript beyond the ~0.7 KB inline theme script' },
  /** Svelte runtime (~15 KB) + d3 pieces + core + one widget fit a phone on a slow connection. */
  topicJsGzipBytes: {
    limit: 70 * 1024,
    reason: 'a topic page with its widgets stays under 70 KB of compressed JavaScript',
  },
  /** An iframe embed is one widget on an otherwise empty page. */
  embedPageJsGzipBytes: { limit: 45 * 1024, reason: 'an embed page (one widget) within 45 KB gz' },
  /** A blogger's page pays for the element script and the widgets it shows, nothing else. */
  elementJsGzipBytes: { limit: 50 * 1024, reason: 'the <dl-widget> script plus one widget within 50 KB gz' },
  /** The first topic is the reference for what one widget costs. */
  pageJsGzipBytes: {
    '/sigmoid-saturation/': { limit: 45 * 1024, reason: 'the sigmoid page (one widget type) within 45 KB gz' },
    '/en/sigmoid-saturation/': { limit: 45 * 1024, reason: 'the sigmoid page (one widget type) within 45 KB gz' },
    // The search page is the one page without widgets that needs a script: it queries the
    // Pagefind index (pagefind.js and the index load on demand, after a query).
    '/search/': { limit: 2 * 1024, reason: 'the search page runs a small query script; Pagefind loads on demand' },
    '/en/search/': { limit: 2 * 1024, reason: 'the search page runs a small query script; Pagefind loads on demand' },
  } as Record<string, { limit: number; reason: string }>,
} as const;

/** Lighthouse budgets (npm run bench), each with its reason. */
export const LIGHTHOUSE_BUDGETS = {
  mobilePerformance: {
    min: 0.95,
    reason: 'pages are static HTML; a phone on a slow connection should still score 95+',
  },
  perfectScores: { reason: 'accessibility, best practices and SEO have no excuse for anything below 100' },
  lcpMs: { max: 1500, reason: 'the title and first paragraph should appear within 1.5 s on the mobile preset' },
  cls: { max: 0.01, reason: 'server-rendered figures keep their size when they hydrate; nothing should jump' },
} as const;
