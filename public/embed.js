/*
 * DL Explorables — optional helper for pages that embed widgets with <iframe>.
 * Sizes every embedded widget's iframe to its content: each embed page posts
 * { type: "dl-explorables:resize", widget, height } to its parent, and this script
 * sets the height of the iframe that sent it. Without this script the iframes keep
 * their fixed height and still work.
 */
(function () {
  if (window.__dlExplorablesEmbed) return;
  window.__dlExplorablesEmbed = true;
  window.addEventListener('message', function (event) {
    var data = event.data;
    if (!data || data.type !== 'dl-explorables:resize' || typeof data.height !== 'number') return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        var h = Math.max(80, Math.min(5000, Math.ceil(data.height)));
        frames[i].style.height = h + 'px';
        frames[i].setAttribute('height', String(h));
        frames[i].setAttribute('data-dl-sized', 'true');
        return;
      }
    }
  });
})();
