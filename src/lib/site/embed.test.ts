import { describe, expect, it } from 'vitest';
import { elementSnippet, embedUrl, iframeSnippet } from './embed.ts';

const site = 'https://example.org/dl-explorables/';

describe('embed snippets', () => {
  it('build absolute URLs under the base path with the chosen state', () => {
    expect(
      embedUrl({
        site,
        id: 'sigmoid-saturation',
        lang: 'en',
        state: { x: '4', act: 'tanh' },
        theme: 'dark',
        hide: ['L'],
      }),
    ).toBe('https://example.org/dl-explorables/en/embed/sigmoid-saturation/?x=4&act=tanh&theme=dark&hide=L');
    expect(embedUrl({ site, id: 'sigmoid-saturation', lang: 'zh' })).toBe(
      'https://example.org/dl-explorables/embed/sigmoid-saturation/',
    );
  });
  it('iframe snippet has a fixed height that works without the helper script', () => {
    const s = iframeSnippet({ site, id: 'sigmoid-saturation', lang: 'zh', title: 'A "quoted" <title>', height: 700 });
    expect(s).toContain('height="700"');
    expect(s).toContain('title="A &quot;quoted&quot; &lt;title>"');
    expect(s).toContain('src="https://example.org/dl-explorables/embed.js"');
  });
  it('element snippet carries state as attributes', () => {
    const s = elementSnippet({
      site,
      id: 'sigmoid-saturation',
      lang: 'en',
      state: { x: '4', L: '20' },
      theme: 'projector',
    });
    expect(s).toContain('src="https://example.org/dl-explorables/embed/v1/dl-widgets.js"');
    expect(s).toContain('<dl-widget name="sigmoid-saturation" lang="en" theme="projector" x="4" l="20"></dl-widget>');
  });
});
