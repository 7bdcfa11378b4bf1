// Inlined at the end of every page: the theme button, and language links that keep
// the current widget state (query string) when switching between zh and en.
(() => {
  const order = ['auto', 'light', 'dark', 'projector'];
  const btn = document.querySelector('[data-theme-toggle]');
  const label = btn && btn.querySelector('[data-theme-label]');
  const names = btn ? JSON.parse(btn.getAttribute('data-labels')) : {};
  const stored = () => {
    try {
      return localStorage.getItem('dl-theme') || 'auto';
    } catch {
      return 'auto';
    }
  };
  const apply = (choice) => {
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.dataset.theme = choice === 'auto' ? (dark ? 'dark' : 'light') : choice;
    if (label) label.textContent = names[choice] || names.auto;
  };
  if (btn) {
    apply(new URLSearchParams(location.search).get('theme') || stored());
    btn.addEventListener('click', () => {
      const next = order[(order.indexOf(stored()) + 1) % order.length];
      try {
        localStorage.setItem('dl-theme', next);
      } catch {
        // Not persisted; the choice still applies to this page.
      }
      apply(next);
    });
  }
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element && e.target.closest('a[data-keep-query]');
    if (a && location.search) a.href = a.pathname + location.search + location.hash;
  });
  // Offline support: the service worker caches the site; a new version waits for the reader's go-ahead.
  const meta = document.querySelector('meta[name="dl-site"]');
  if ('serviceWorker' in navigator && meta && location.protocol !== 'file:') {
    const base = new URL(meta.content).pathname;
    addEventListener('load', () => {
      navigator.serviceWorker
        .register(`${base}sw.js`)
        .then((r) => {
          const ask = () => import(`${base}sw-update.js`).then((m) => m.prompt(r));
          if (r.waiting && navigator.serviceWorker.controller) ask();
          r.addEventListener('updatefound', () => {
            const n = r.installing;
            n?.addEventListener('statechange', () => {
              if (n.state === 'installed' && navigator.serviceWorker.controller) ask();
            });
          });
        })
        .catch(() => {});
    });
  }
})();
