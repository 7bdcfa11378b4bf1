// Inlined in <head> of every page: pick the theme before first paint (no flash).
// Order of precedence: ?theme= in the URL, the reader's saved choice, the OS setting.
(() => {
  let t = null;
  try {
    t = new URLSearchParams(location.search).get('theme') || localStorage.getItem('dl-theme');
  } catch {
    // Storage can be blocked (private mode, sandboxed iframes); the OS setting still applies.
  }
  if (t !== 'light' && t !== 'dark' && t !== 'projector') {
    t = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }
  document.documentElement.dataset.theme = t;
})();
