/**
 * PNG text chunks: exported figures carry the widget, its state and seed, so a PNG
 * found in a blog post can be traced back to the live state. Pure byte manipulation.
 */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let table: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function isPng(png: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => png[i] === b);
}

/** The PNG with one tEXt chunk per entry inserted before IEND (Latin-1 keys; values as UTF-8 iTXt if needed). */
export function insertPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG');
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  for (const [key, value] of Object.entries(entries)) {
    const ascii = /^[\x20-\x7e]*$/.test(value);
    // tEXt is Latin-1; iTXt carries UTF-8 (uncompressed, no language tag).
    const type = ascii ? 'tEXt' : 'iTXt';
    const body = ascii
      ? new Uint8Array([...enc.encode(key), 0, ...enc.encode(value)])
      : new Uint8Array([...enc.encode(key), 0, 0, 0, 0, 0, ...enc.encode(value)]);
    const chunk = new Uint8Array(12 + body.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, body.length);
    chunk.set(enc.encode(type), 4);
    chunk.set(body, 8);
    view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
    chunks.push(chunk);
  }
  const iend = png.length - 12;
  const extra = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + extra);
  out.set(png.subarray(0, iend), 0);
  let at = iend;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(iend), at);
  return out;
}

/** Reads tEXt/iTXt chunks (for tests and for anyone tracing a figure back). */
export function readPngText(png: Uint8Array): Record<string, string> {
  if (!isPng(png)) throw new Error('not a PNG');
  const dec = new TextDecoder();
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: Record<string, string> = {};
  for (let at = 8; at + 8 <= png.length;) {
    const len = view.getUint32(at);
    const type = dec.decode(png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + len);
    if (type === 'tEXt' || type === 'iTXt') {
      const zero = body.indexOf(0);
      const key = dec.decode(body.subarray(0, zero));
      out[key] = dec.decode(body.subarray(type === 'tEXt' ? zero + 1 : zero + 5));
    }
    at += 12 + len;
  }
  return out;
}

/** Pixel size from the IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
