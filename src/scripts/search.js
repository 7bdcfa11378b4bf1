// The search page's only script: read ?q=, query the Pagefind index for this page's
// language, and list pages with links to the matching sections.
const list = document.querySelector('[data-search-results]');
const statusEl = document.querySelector('[data-search-status]');
const input = document.getElementById('search-q');
const labels = JSON.parse(list.dataset.labels);
const q = new URLSearchParams(location.search).get('q')?.trim() ?? '';
input.value = q;

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
// Pagefind excerpts are HTML with <mark> around hits; keep only that markup.
const excerpt = (html) =>
  html
    .split(/(<\/?mark>)/)
    .map((part) => (part === '<mark>' || part === '</mark>' ? part : esc(part)))
    .join('');

async function run() {
  if (!q) return;
  statusEl.textContent = labels.loading;
  try {
    const pagefind = await import(`${list.dataset.bundle}pagefind.js`);
    await pagefind.init();
    const search = await pagefind.search(q);
    const results = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    statusEl.textContent = results.length
      ? labels.count.replace('{n}', String(search.results.length)).replace('{q}', q)
      : labels.none.replace('{q}', q);
    list.innerHTML = results
      .map((r) => {
        const subs = (r.sub_results ?? [])
          .filter((s) => s.url !== r.url)
          .slice(0, 3)
          .map((s) => `<p class="r-sub"><a href="${esc(s.url)}">${esc(s.title)}</a> — ${excerpt(s.excerpt)}</p>`)
          .join('');
        return `<li><a class="r-title" href="${esc(r.url)}">${esc(r.meta.title ?? r.url)}</a><p class="r-excerpt">${excerpt(r.excerpt)}</p>${subs}</li>`;
      })
      .join('');
  } catch {
    statusEl.textContent = labels.failed;
  }
}
run();
