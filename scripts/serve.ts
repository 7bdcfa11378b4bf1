/**
 * Serves the built site (dist/) the way a static host would: gzip when the client
 * accepts it, directory URLs to index.html, the site's 404 page, and the configured
 * base path. Used by the e2e tests and benchmarks instead of `astro preview`, so
 * several checkouts can run at once on different ports.
 *
 *   node scripts/serve.ts [--port 4321] [--host 127.0.0.1] [--base /] [--dir dist]
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.webmanifest']);

export interface ServeOptions {
  dir: string;
  port: number;
  host: string;
  base: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function resolveFile(root: string, urlPath: string): string | null {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let file = join(root, clean);
  if (!file.startsWith(root)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

function send(req: IncomingMessage, res: ServerResponse, file: string, status = 200): void {
  const ext = extname(file);
  const headers: Record<string, string> = {
    'Content-Type': TYPES[ext] ?? 'application/octet-stream',
    // Hashed assets are immutable; pages revalidate.
    'Cache-Control': file.includes('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    // Like GitHub Pages: other sites may load /embed/v1/dl-widgets.js and its chunks as modules.
    'Access-Control-Allow-Origin': '*',
  };
  const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (gzip) {
    headers['Content-Encoding'] = 'gzip';
    headers.Vary = 'Accept-Encoding';
  } else {
    headers['Content-Length'] = String(statSync(file).size);
  }
  res.writeHead(status, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  if (gzip) stream.pipe(createGzip({ level: 6 })).pipe(res);
  else stream.pipe(res);
}

export function serve({ dir, port, host, base }: ServeOptions) {
  const root = resolve(dir);
  const prefix = base.endsWith('/') ? base : `${base}/`;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) {
      res.writeHead(302, { Location: prefix });
      res.end();
      return;
    }
    const rel = `/${url.pathname.slice(prefix.length)}`;
    // Directory URLs without a trailing slash redirect, as static hosts do.
    const asDir = resolveFile(root, rel);
    if (asDir && !rel.endsWith('/') && statSync(join(root, decodeURIComponent(rel))).isDirectory()) {
      res.writeHead(301, { Location: `${url.pathname}/${url.search}` });
      res.end();
      return;
    }
    if (asDir) {
      send(req, res, asDir);
      return;
    }
    const notFound = join(root, '404.html');
    if (existsSync(notFound)) send(req, res, notFound, 404);
    else {
      res.writeHead(404);
      res.end('Not found');
    }
  });
  server.listen(port, host);
  return server;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = {
    dir: arg('dir', 'dist'),
    port: Number(arg('port', process.env.PORT ?? '4321')),
    host: arg('host', '127.0.0.1'),
    base: arg('base', process.env.BASE_PATH ?? '/'),
  };
  serve(opts).on('listening', () => {
    console.log(`Serving ${opts.dir} at http://${opts.host}:${opts.port}${opts.base}`);
  });
}
