// Inlined in every embed page: report the page height to the parent window (so a host
// page can size its iframe), and say so when a theme or lang parameter is not understood.
(() => {
  const main = document.querySelector('[data-embed]');
  const widget = main ? main.getAttribute('data-embed') : '';
  const params = new URLSearchParams(location.search);
  const box = document.querySelector('[data-embed-notes]');
  const messages = box ? JSON.parse(box.getAttribute('data-messages')) : {};
  const notes = [];
  const theme = params.get('theme');
  if (theme !== null && !['light', 'dark', 'projector', 'auto'].includes(theme))
    notes.push(messages.theme.replace('{value}', theme));
  const lang = params.get('lang');
  if (lang !== null) {
    const want = lang.toLowerCase();
    const isEn = location.pathname.includes('/en/embed/');
    if (want === 'en' && !isEn) location.replace(location.pathname.replace('/embed/', '/en/embed/') + location.search);
    else if ((want === 'zh' || want === 'zh-cn') && isEn)
      location.replace(location.pathname.replace('/en/embed/', '/embed/') + location.search);
    else if (!['en', 'zh', 'zh-cn'].includes(want)) notes.push(messages.lang.replace('{value}', lang));
  }
  if (box && notes.length) {
    box.textContent = notes.join(' ');
    box.hidden = false;
  }
  if (window.parent === window) return;
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: 'dl-explorables:resize', widget, height, href: location.href }, '*');
  };
  new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener('load', report);
})();
