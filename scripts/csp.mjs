// Adds a Content-Security-Policy to a built page's index.html that admits no script
// but the app's own files and the one start-up script Trunk writes inline (admitted
// by its SHA-256 hash, so no other inline script runs). scripts/build.mjs runs it
// on each page (the kiosk's, the desk's and the board's) once Trunk has built it:
//
//   node scripts/csp.mjs <page folder>      e.g. dist, dist/desk
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMain, runMain } from './build-facts.mjs';

/**
 * Sync (optional) talks to a CouchDB database on another origin: the build names
 * it, e.g. LOBBY_SYNC_ORIGIN=https://couch.example.com make build. Only an origin
 * (scheme, host, port) is accepted, so a typo cannot open connect-src wide.
 */
function syncOrigins(value) {
  const origins = (value ?? '').split(/\s+/).filter(Boolean);
  for (const origin of origins) {
    let parsed;
    try { parsed = new URL(origin); } catch { parsed = null; }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
      throw new Error(`LOBBY_SYNC_ORIGIN "${origin}" is not an origin like https://couch.example.com:6984`);
    }
  }
  return origins;
}

/** Writes the policy into `<page>/index.html`; the sync origins come from LOBBY_SYNC_ORIGIN. */
export function addCsp(page, syncOrigin = process.env.LOBBY_SYNC_ORIGIN) {
  const origins = syncOrigins(syncOrigin);
  const file = join(page, 'index.html');
  let html = readFileSync(file, 'utf8');
  // Trunk's start-up script.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  if (inline.length === 0) throw new Error(`found none of Trunk's inline start-up script in ${file}`);
  if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error(`${file} has a policy already`);
  const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  const policy = [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`,
    "style-src 'self'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...origins].join(' '),
    "font-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  html = html.replace(/<meta charset="utf-8" \/>/, (m) => `${m}\n    ${meta}`);
  if (!html.includes(meta)) throw new Error(`found no <meta charset="utf-8" /> in ${file} to put the policy after`);
  writeFileSync(file, html);
}

if (isMain(import.meta.url)) {
  runMain('csp.mjs', () => {
    const page = process.argv[2];
    if (!page) throw new Error('usage: node scripts/csp.mjs <page folder with index.html>');
    addCsp(page);
  });
}
