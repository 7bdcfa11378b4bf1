// Inlined in the <head> of presentation pages: the projector theme unless ?theme= says
// otherwise, and only the requested slide shown from the first paint (the deck script
// takes over when it runs; if it never does, that slide stays readable).
(() => {
  const p = new URLSearchParams(location.search);
  const asked = p.get('theme');
  let theme = 'projector';
  if (asked === 'light' || asked === 'dark' || asked === 'projector') theme = asked;
  else if (asked === 'auto') theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  document.documentElement.dataset.theme = theme;
  const n = Math.max(1, parseInt(p.get('slide') || '1', 10) || 1);
  const style = document.createElement('style');
  style.id = 'deck-initial';
  style.textContent = `@media screen { .slide:not([data-slide="${n}"]) { display: none } }`;
  document.head.append(style);
})();
