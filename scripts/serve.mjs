// Serves a release build (dist/) as it is meant to be deployed, for `make run`,
// the end-to-end tests and the benchmarks:
//
//   node scripts/serve.mjs <dist> [--listen 127.0.0.1:8080]
//
// - `/` is the kiosk (index.html), `/desk` the desk (desk/index.html) and
//   `/board` the lobby board (board/index.html); any other unknown address gets
//   the kiosk, which says the page does not exist, and an unknown address under
//   /desk/ or /board/, or under /api/ (the shop's server's), is a 404.
// - Files are sent precompressed when the browser accepts it: Brotli at its
//   highest quality (`.br`, written by scripts/compress.mjs at build time), else
//   gzip (`.gz`), else as they are. kiosk.json is never precompressed, so an edit
//   to it takes effect at once: it is read and compressed at each request
//   (`sendText`; a few kilobytes, in a moment).
// - Names with a content hash (Trunk's `name-0123456789abcdef.ext`, and the split
//   parts') never change, so browsers may keep them a year; everything else is
//   revalidated each time.
// - Files are looked up on every request, so a build replaced under a running
//   server is served whole and at once.
//
// Scripts start it in their own process: `const server = await serveBuild(dist,
// { host, port })`, then `server.close()`.
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';
import { resolve } from 'node:path';
import sirv from 'sirv';
import { BOARD, DESK, HASHED_FILE, PAGES, isMain } from './build-facts.mjs';

/**
 * No other site may show these pages inside its own (clickjacking: a desk's
 * buttons under someone else's). The page's own policy is a `<meta>`, which
 * cannot say this: it goes in the response's headers.
 */
export function noFraming(res) {
  res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  res.setHeader('X-Frame-Options', 'DENY');
}

/**
 * Sends `text` (a small file made or read at each request, as kiosk.json is),
 * compressed as the browser accepts it: Brotli, else gzip, else as it is.
 */
export function sendText(req, res, text, headers) {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  let body = Buffer.from(text);
  const sent = { ...headers, Vary: 'Accept-Encoding' };
  if (/\bbr\b/.test(accepts)) {
    body = brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
    sent['Content-Encoding'] = 'br';
  } else if (/\bgzip\b/.test(accepts)) {
    body = gzipSync(body, { level: 9 });
    sent['Content-Encoding'] = 'gzip';
  }
  sent['Content-Length'] = body.length;
  res.writeHead(200, sent);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The build in `dist` as a request handler: the pages, their files, and the
 * kiosk for any other address. Throws with a plain message when there is no build.
 */
export function buildFiles(dist) {
  dist = resolve(dist);
  for (const page of ['.', ...PAGES]) {
    if (!existsSync(resolve(dist, page, 'index.html'))) {
      throw new Error(`no release build in ${dist} (no ${page}/index.html): run make build first`);
    }
  }
  const files = sirv(dist, {
    dev: true,
    etag: true,
    brotli: true,
    gzip: true,
    setHeaders(res, pathname) {
      if (HASHED_FILE.test(pathname)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const notFound = (res) => {
    res.statusCode = 404;
    res.end('Not found');
  };
  return (req, res) => {
    noFraming(res);
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/kiosk.json' && (req.method === 'GET' || req.method === 'HEAD')) {
      let text;
      try {
        text = readFileSync(resolve(dist, 'kiosk.json'));
      } catch {
        return notFound(res);
      }
      return sendText(req, res, text, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
    }
    // The shop's server's API (scripts/pairing-api.mjs) is not here: a page that
    // asks (the lobby board, for the lobby's status) is told so, not sent a page.
    if (path.startsWith('/api/')) return notFound(res);
    const underPage = PAGES.some((page) => path === `/${page}` || path.startsWith(`/${page}/`));
    files(req, res, () => {
      if (underPage) return notFound(res);
      req.url = '/index.html';
      files(req, res, () => notFound(res));
    });
  };
}

/** Listens on host:port; rejects with a plain message when it cannot. */
export function listen(server, host, port) {
  return new Promise((resolveServer, reject) => {
    server.once('error', (e) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `${host}:${port} is in use: pick another port` : e.message)),
    );
    server.listen(port, host, () => resolveServer(server));
  });
}

/** Serves the build in `dist` on host:port; rejects with a plain message when it cannot. */
export function serveBuild(dist, { host = '127.0.0.1', port = 8080 } = {}) {
  let files;
  try {
    files = buildFiles(dist);
  } catch (e) {
    return Promise.reject(e);
  }
  return listen(createServer(files), host, port);
}
if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--listen');
  const [host, portText] = (at >= 0 ? args[at + 1] ?? '' : '127.0.0.1:8080').split(/:(?=\d+$)/);
  const port = Number(portText);
  if (!args[0] || args[0].startsWith('--') || !host || !Number.isInteger(port)) {
    console.error('usage: node scripts/serve.mjs <dist folder> [--listen HOST:PORT]');
    process.exit(1);
  }
  serveBuild(args[0], { host, port }).then(
    (server) => {
      console.log(`Serving ${resolve(args[0])} at http://${host}:${port}/ (the desk at /${DESK}, the lobby board at /${BOARD})`);
      for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
          server.closeAllConnections();
          server.close(() => process.exit(0));
        });
      }
    },
    (e) => {
      console.error(`serve.mjs: ${e.message}`);
      process.exit(1);
    },
  );
}
