/**
 * Service worker for offline classrooms, generated with Workbox over the built site:
 * after one visit every topic page, widget, font and the search index are cached, and
 * the site keeps working with the network off. A new deployment installs in the
 * background and waits; public/sw-update.js asks the reader before switching.
 *
 *   node scripts/sw.ts [--dist dist]   (run after the build)
 */
import { generateSW } from 'workbox-build';

const i = process.argv.indexOf('--dist');
const dist = i >= 0 ? process.argv[i + 1] : 'dist';
const base = (process.env.BASE_PATH ?? '/').replace(/\/?$/, '/');

const { count, size, warnings } = await generateSW({
  globDirectory: dist,
  // Pages, code, styles, woff2 fonts (every browser we support takes woff2), search index, icons.
  globPatterns: ['**/*.{html,js,css,woff2,svg,json,webmanifest}', 'pagefind/**/*'],
  // Link-preview images and the older font formats are never needed offline, nor are the
  // embed pages and oEmbed documents (other sites' iframes load those; they do not register
  // this worker): 0.65 MB of the download.
  // Each page's own cut of the KaTeX fonts (scripts/katex-fonts.mjs, 0.6 MB for all pages) is
  // cached when a page first uses it instead; offline, a page opened for the first time draws
  // its formulas with KaTeX's full faces, which are precached.
  globIgnores: [
    'og/**',
    '**/*.woff',
    '**/*.ttf',
    'sw.js',
    'workbox-*.js',
    'embed/**',
    'en/embed/**',
    '**/oembed/**',
    '_astro/katex/**',
  ],
  runtimeCaching: [
    {
      urlPattern: /\/_astro\/katex\/[^/]+\.woff2$/,
      handler: 'CacheFirst',
      options: { cacheName: 'katex-cuts', expiration: { maxEntries: 400 } },
    },
  ],
  swDest: `${dist}/sw.js`,
  modifyURLPrefix: { '': base },
  // Widget state lives in the query string; any /topic/?x=… is the same cached page.
  ignoreURLParametersMatching: [/.*/],
  directoryIndex: 'index.html',
  cleanupOutdatedCaches: true,
  // Wait for the reader's go-ahead (public/sw-update.js) instead of swapping mid-lesson.
  skipWaiting: false,
  clientsClaim: false,
  maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
  sourcemap: false,
  mode: 'production',
});
for (const w of warnings) console.warn(`sw: ${w}`);
console.log(`sw: precaching ${count} files, ${(size / 1024 / 1024).toFixed(1)} MB on disk`);
