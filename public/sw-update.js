/*
 * Loaded only when a new version of the site has been installed in the background:
 * shows a small, polite banner; on "Update", the waiting service worker takes over and
 * the page reloads once. Nothing switches in the middle of a lesson unless asked.
 */
export function prompt(registration) {
  if (document.getElementById('dl-update')) return;
  var zh = document.documentElement.lang.indexOf('zh') === 0;
  var bar = document.createElement('div');
  bar.id = 'dl-update';
  bar.setAttribute('role', 'status');
  bar.style.cssText =
    'position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:100;display:flex;gap:.75rem;align-items:center;' +
    'padding:.6rem 1rem;border-radius:10px;background:var(--dl-text,#111);color:var(--dl-bg,#fff);font:inherit;box-shadow:0 6px 24px rgba(0,0,0,.25)';
  var text = document.createElement('span');
  text.textContent = zh ? '网站有新版本。' : 'A new version of this site is available.';
  var update = document.createElement('button');
  update.type = 'button';
  update.textContent = zh ? '更新' : 'Update';
  var later = document.createElement('button');
  later.type = 'button';
  later.textContent = zh ? '稍后' : 'Later';
  [update, later].forEach(function (b) {
    b.style.cssText =
      'font:inherit;min-height:36px;padding:0 .8rem;border-radius:8px;border:1px solid currentColor;background:transparent;color:inherit;cursor:pointer';
  });
  update.addEventListener('click', function () {
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      location.reload();
    });
    if (registration.waiting) registration.waiting.postMessage({ type: 'SKIP_WAITING' });
  });
  later.addEventListener('click', function () {
    bar.remove();
  });
  bar.append(text, update, later);
  document.body.append(bar);
}
