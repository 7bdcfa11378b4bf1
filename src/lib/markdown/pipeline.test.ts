import { compile } from 'mdsvex';
import { compile as svelteCompile } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { mdsvexOptions } from './mdsvex-options.ts';
import { slugify } from './remark-structure.ts';

async function run(source: string, filename = '/repo/content/zh/demo.svx') {
  const out = await compile(source, { ...mdsvexOptions, filename });
  if (!out) throw new Error('mdsvex returned nothing');
  return out.code;
}
const fm = '---\ntitle: 演示\n---\n\n';

describe('prose pipeline', () => {
  it('typesets math at build time with braces escaped for Svelte', async () => {
    const code = await run(`${fm}Inline $\\frac{1}{2}$ and\n\n$$\n\\sigma'(x) \\le \\tfrac14\n$$\n`);
    expect(code).toContain('class="katex"');
    expect(code).toContain('class="math math-display"');
    expect(code).not.toMatch(/\\frac\{1\}/);
    expect(code).toContain('\\frac&#123;1&#125;&#123;2&#125;');
    // The result must compile as a Svelte component (no stray expressions).
    expect(() => svelteCompile(code, { generate: 'server' })).not.toThrow();
  });

  it('fails on a TeX error, naming file and line', async () => {
    await expect(run(`${fm}Fine.\n\nBroken $\\frac{1}{$ here.\n`)).rejects.toThrow(
      /content\/zh\/demo\.svx:7:\d+: TeX error/,
    );
    await expect(run(`${fm}$$\n\\notacommand{x}\n$$\n`)).rejects.toThrow(
      /content\/zh\/demo\.svx:5:1: TeX error .*notacommand/,
    );
  });

  it('keeps braces and < in prose literal', async () => {
    const code = await run(`${fm}A set {x, y} with a < b and \`f({x})\`.\n`);
    expect(code).toContain('&#123;x, y&#125;');
    expect(code).toContain('a &lt; b');
    expect(() => svelteCompile(code, { generate: 'server' })).not.toThrow();
  });

  it('lifts widget tags into named slots with literal props in metadata', async () => {
    const code = await run(`${fm}Before.\n\n<SigmoidSaturation client:visible x={4} act="tanh" compare />\n\nAfter.\n`);
    expect(code).toContain('<slot name="island-0" />');
    const meta = JSON.parse(/export const metadata = (\{.*\});/.exec(code)![1]);
    expect(meta.islands).toEqual([
      {
        slot: 'island-0',
        component: 'SigmoidSaturation',
        client: 'visible',
        props: { x: 4, act: 'tanh', compare: true },
        at: 'content/zh/demo.svx:7:1',
        section: '',
        formula: '',
      },
    ]);
  });

  it('records the section and the last display formula before each widget, for slides', async () => {
    const code = await run(
      `${fm}## 饱和\n\n$$\nx^2\n$$\n\nText $y$.\n\n<SigmoidSaturation client:visible />\n\n## Next\n\n<SigmoidSaturation client:visible />\n`,
    );
    const meta = JSON.parse(/export const metadata = (\{.*\});/.exec(code)![1]);
    expect(meta.islands.map((i: { section: string; formula: string }) => [i.section, i.formula])).toEqual([
      ['饱和', 'x^2'],
      ['Next', ''],
    ]);
  });

  it('rejects non-literal props and a missing client:visible', async () => {
    await expect(run(`${fm}<SigmoidSaturation client:visible x={a + 1} />\n`)).rejects.toThrow(
      /props in prose must be literals/,
    );
    await expect(run(`${fm}<SigmoidSaturation x={1} />\n`)).rejects.toThrow(/needs client:visible/);
    await expect(run(`${fm}<SigmoidSaturation client:load />\n`)).rejects.toThrow(/not client:load/);
  });

  it('turns [!answer] / [!correction] quotes into labelled asides in the page language', async () => {
    const zh = await run(`${fm}> [!answer]\n> 回答正文。\n`);
    expect(zh).toContain('<aside class="callout callout--answer">');
    expect(zh).toContain('<p class="callout__label">面试回答</p>');
    expect(zh).toContain('回答正文。');
    const en = await run(`${fm}> [!correction]\n> Text.\n`, '/repo/content/en/demo.svx');
    expect(en).toContain('<p class="callout__label">Correction</p>');
    await expect(run(`${fm}> [!oops]\n> x\n`)).rejects.toThrow(/unknown callout \[!oops\]/);
  });

  it('gives headings stable ids and lists them for the table of contents', async () => {
    const code = await run(`${fm}## 问题分析\n\n### 1. Why σ′ ≤ 1/4?\n\n## 问题分析\n`);
    expect(code).toContain('<h2 id="问题分析">');
    expect(code).toContain('<h2 id="问题分析-1">');
    const meta = JSON.parse(/export const metadata = (\{.*\});/.exec(code)![1]);
    expect(meta.headings.map((h: { id: string }) => h.id)).toEqual(['问题分析', '1-why-σ-14', '问题分析-1']);
  });

  it('slugify keeps CJK and drops punctuation', () => {
    expect(slugify('面试回答：为什么？')).toBe('面试回答为什么');
    expect(slugify('BatchNorm vs. LayerNorm')).toBe('batchnorm-vs-layernorm');
  });
});
