// Trunk post-build hook: adds a Content-Security-Policy to the built index.html
// that admits no script but the app's own files and the one start-up script Trunk
// writes inline (admitted by its SHA-256 hash, so no other inline script runs).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const file = join(dir, 'index.html');
let html = readFileSync(file, 'utf8');
// Trunk's start-up script (and, under `trunk serve` with auto-reload, its reload script).
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (inline.length === 0) {
  console.error("csp.mjs found none of Trunk's inline start-up script in index.html");
  process.exit(1);
}
// Sync (optional) talks to a CouchDB database on another origin: the build names
// it, e.g. LOBBY_SYNC_ORIGIN=https://couch.example.com make build. Only an origin
// (scheme, host, port) is accepted, so a typo cannot open connect-src wide.
const syncOrigins = (process.env.LOBBY_SYNC_ORIGIN ?? '').split(/\s+/).filter(Boolean);
for (const origin of syncOrigins) {
  let parsed;
  try { parsed = new URL(origin); } catch { parsed = null; }
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
    console.error(`csp.mjs: LOBBY_SYNC_ORIGIN "${origin}" is not an origin like https://couch.example.com:6984`);
    process.exit(1);
  }
}
const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
const policy = [
  "default-src 'none'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
  "style-src 'self'",
  "img-src 'self' data:",
  ["connect-src 'self'", ...syncOrigins].join(' '),
  "font-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
if (!html.includes(meta)) {
  console.error('csp.mjs found no <meta charset="utf-8" /> to put the policy after');
  process.exit(1);
}
writeFileSync(file, html);
