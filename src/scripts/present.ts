/**
 * Drives a presentation page: one slide at a time, slide number in the URL (?slide=3),
 * keys that presentation clickers send (→ ← PageDown PageUp Space), Home/End, digits,
 * F fullscreen, B blank, ? help, Esc back to the topic. Arrow keys and Space belong to
 * a widget while one of its controls has focus; PageDown/PageUp always turn the slide.
 * Never advances by itself.
 */
const INTERACTIVE =
  'input, select, textarea, button, a, summary, [role="slider"], [role="radio"], [role="switch"], [contenteditable=""], [contenteditable="true"], dialog';

export function startPresentation(): void {
  const deck = document.getElementById('deck');
  if (!deck) return;
  const slides = Array.from(deck.querySelectorAll<HTMLElement>('.slide'));
  const total = slides.length;
  const counter = document.querySelector<HTMLElement>('[data-counter]');
  const progress = document.querySelector<HTMLElement>('[data-progress]');
  const blank = document.querySelector<HTMLElement>('[data-blank]');
  const help = document.querySelector<HTMLDialogElement>('[data-help]');
  const leave = document.querySelector<HTMLAnchorElement>('[data-leave]');
  const of = counter ? (JSON.parse(counter.dataset.labels ?? '{}').slide as string) : '{n} / {total}';

  document.getElementById('deck-initial')?.remove();
  document.documentElement.classList.add('js-deck');

  const fromUrl = () => Number.parseInt(new URLSearchParams(location.search).get('slide') ?? '1', 10) || 1;
  let current = 0;

  function show(n: number, focus = false) {
    const next = Math.min(total, Math.max(1, n));
    current = next;
    slides.forEach((s, i) => s.classList.toggle('active', i === next - 1));
    if (counter) counter.textContent = of.replace('{n}', String(next)).replace('{total}', String(total));
    if (progress) progress.style.width = `${(100 * next) / total}%`;
    const params = new URLSearchParams(location.search);
    if (next === 1) params.delete('slide');
    else params.set('slide', String(next));
    const search = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
    if (focus) {
      const slide = slides[next - 1];
      slide.tabIndex = -1;
      slide.focus({ preventScroll: true });
    }
    window.scrollTo({ top: 0 });
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  }

  function goTopic() {
    if (!leave) return;
    const params = new URLSearchParams(location.search);
    params.delete('slide');
    params.delete('theme');
    const search = params.toString();
    location.href = `${leave.pathname}${search ? `?${search}` : ''}`;
  }

  document.querySelector('[data-fullscreen]')?.addEventListener('click', toggleFullscreen);
  document.querySelector('[data-help-open]')?.addEventListener('click', () => help?.showModal());
  leave?.addEventListener('click', (e) => {
    e.preventDefault();
    goTopic();
  });

  // A clicker's PageDown/PageUp always turn the slide, even while a widget control has focus:
  // take them before any widget sees them.
  window.addEventListener(
    'keydown',
    (e) => {
      if ((e.key !== 'PageDown' && e.key !== 'PageUp') || help?.open || e.metaKey || e.ctrlKey || e.altKey) return;
      if (blank && !blank.hidden) blank.hidden = true;
      else show(current + (e.key === 'PageDown' ? 1 : -1), true);
      e.preventDefault();
      e.stopPropagation();
    },
    { capture: true },
  );

  document.addEventListener('keydown', (e) => {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    if (help?.open) return; // the dialog handles Esc itself
    if (blank && !blank.hidden) {
      blank.hidden = true;
      e.preventDefault();
      return;
    }
    const target = e.target instanceof Element ? e.target : null;
    const inWidget = !!target?.closest(INTERACTIVE);
    switch (e.key) {
      case 'Backspace':
        if (inWidget) return;
        show(current - 1, true);
        break;
      case 'ArrowRight':
      case 'ArrowDown':
      case ' ':
        if (inWidget) return;
        show(current + 1, true);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        if (inWidget) return;
        show(current - 1, true);
        break;
      case 'Home':
        if (inWidget) return;
        show(1, true);
        break;
      case 'End':
        if (inWidget) return;
        show(total, true);
        break;
      case 'f':
      case 'F':
        if (inWidget && target?.matches('input, textarea')) return;
        toggleFullscreen();
        break;
      case 'b':
      case 'B':
      case '.':
        if (inWidget && target?.matches('input, textarea')) return;
        if (blank) blank.hidden = false;
        break;
      case '?':
        help?.showModal();
        break;
      case 'Escape':
        if (!document.fullscreenElement) goTopic();
        break;
      default:
        if (/^[1-9]$/.test(e.key) && !inWidget) show(Number(e.key), true);
        else return;
    }
    e.preventDefault();
  });

  window.addEventListener('popstate', () => show(fromUrl()));
  show(fromUrl());
}
