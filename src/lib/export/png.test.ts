import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { insertPngText, pngSize, readPngText } from './png.ts';

const png = new Uint8Array(
  new Resvg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#0072b2"/></svg>',
  )
    .render()
    .asPng(),
);

describe('PNG text chunks', () => {
  it('round-trips ASCII and UTF-8 values and keeps the image intact', () => {
    const out = insertPngText(png, { 'dl-explorables:state': '{"x":"4"}', Title: 'sigmoid 饱和' });
    expect(readPngText(out)).toEqual({ 'dl-explorables:state': '{"x":"4"}', Title: 'sigmoid 饱和' });
    expect(pngSize(out)).toEqual({ width: 30, height: 20 });
    // A decoder still accepts it: resvg re-reads it as an image.
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><image width="30" height="20" href="data:image/png;base64,${Buffer.from(out).toString('base64')}"/></svg>`;
    expect(new Resvg(svg).render().width).toBe(30);
  });
  it('rejects data that is not a PNG', () => {
    expect(() => insertPngText(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), {})).toThrow('not a PNG');
  });
});
