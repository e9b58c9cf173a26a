// What the benchmarks (soak.mjs, load.mjs, bench-taps.mjs, lighthouse.mjs) read from the
// environment, and the floor they measure beside.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { sendText } from '../scripts/serve.mjs';

/** A whole number from the environment variable `name`, from `min` to `max`; `fallback` when unset. Exits with a message otherwise. */
export function intFromEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return n;
}

/**
 * The floor: the hand-written vanilla page of the same check-in, which the kiosk's
 * figures are measured beside (BENCH_FLOOR, default ../shared/bench/floor.html
 * beside the project; `none` to measure the kiosk alone).
 */
export const FLOOR_FILE = process.env.BENCH_FLOOR ?? fileURLToPath(new URL('../../shared/bench/floor.html', import.meta.url));

/**
 * Serves the floor as a folder of its own (its page at /), compressed as the
 * browser accepts, like the kiosk's files; resolves with the server.
 */
export function serveFloor({ host = '127.0.0.1', port }) {
  if (!existsSync(FLOOR_FILE)) {
    return Promise.reject(new Error(`no floor page at ${FLOOR_FILE}: set BENCH_FLOOR to the vanilla page of the check-in, or BENCH_FLOOR=none`));
  }
  const html = readFileSync(FLOOR_FILE, 'utf8');
  const server = createServer((req, res) => {
    if (new URL(req.url, 'http://floor').pathname !== '/') return res.writeHead(404).end();
    sendText(req, res, html, { 'Content-Type': 'text/html; charset=utf-8' });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => reject(new Error(`the floor's port ${port}: ${e.code === 'EADDRINUSE' ? 'in use' : e.message}`)));
    server.listen(port, host, () => resolve(server));
  });
}
