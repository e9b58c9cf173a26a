// A CouchDB for tests: pouchdb-server (the npm package, CouchDB's HTTP API in
// Node) on 127.0.0.1, set up for Lobby by scripts/couch-setup.mjs exactly as a
// production CouchDB is: database `lobby`, the kiosk and desk accounts below
// (a kiosk's with its ticket letter's role, letter:A), _security, the validate
// function of couchdb/validate_doc_update.js (with a list of the codes a
// business configures when `codes` is given), and CORS for the end-to-end
// tests' origin.
//
// In a Playwright spec, one server per file, stopped whatever happens. Import
// it dynamically: Playwright compiles a spec's static imports to CommonJS,
// which an .mjs file cannot be (the load fails with "exports is not defined").
//
//   let couch, lib;
//   test.beforeAll(async () => {
//     lib = await import('../couch.mjs');         // KIOSK_A, DESK_1, basicAuth, …
//     couch = await lib.startCouch();             // port 5995 (couch-security uses 5996)
//   });
//   test.afterAll(async () => {
//     await couch?.stop();
//   });
//
// afterAll also runs when a test failed (Playwright then starts a new worker,
// whose beforeAll starts a fresh server: stop() waits until the port is free),
// and `couch?.` covers a beforeAll that failed before it had a server. Should
// the test process die without running hooks, the server notices within a
// second, exits and removes its directory, so none outlives the run. Give
// every spec file its own port: Playwright runs files in parallel workers.
//
// From a shell, for trying the app by hand (Ctrl-C stops it):
//   node tests/couch.mjs [port]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from '../scripts/couch-setup.mjs';
import { basicAuth, startPouchdb } from '../scripts/pouchdb.mjs';

export const DEFAULT_PORT = 5995;
export const HOST = '127.0.0.1';
export const DB = 'lobby';
/** Where Playwright serves the app (playwright.config.ts): the origin CORS admits. */
export const APP_ORIGIN = 'http://127.0.0.1:8081';

// Test-only credentials for a throwaway server on the loopback interface.
export const ADMIN = { name: 'admin', password: 'lobby-test-admin' };
export const KIOSK_A = { name: 'kiosk-a', password: 'kiosk-a-test', role: 'kiosk', letter: 'A' };
export const KIOSK_B = { name: 'kiosk-b', password: 'kiosk-b-test', role: 'kiosk', letter: 'B' };
export const DESK_1 = { name: 'desk-1', password: 'desk-1-test', role: 'desk' };
export const DESK_2 = { name: 'desk-2', password: 'desk-2-test', role: 'desk' };
export const USERS = [KIOSK_A, KIOSK_B, DESK_1, DESK_2];

export const couchUrl = (port = DEFAULT_PORT) => `http://${HOST}:${port}`;
export const dbUrl = (port = DEFAULT_PORT) => `${couchUrl(port)}/${DB}`;

/** The Authorization header value for an account, as the app sends it. */
export { basicAuth };

/** An account's roles on the server: its role, and a kiosk's letter (`letter:A`). */
export const rolesOf = (user) => (user.letter ? [user.role, `letter:${user.letter}`] : [user.role]);

/** The `sync` section of a device's kiosk.json for one of the accounts above. */
export function syncConfig(user, port = DEFAULT_PORT) {
  const sync = { url: dbUrl(port), user: user.name, password: user.password, role: user.role };
  if (user.letter) sync.letter = user.letter;
  return sync;
}

// Servers of this process still running, with their directories, removed
// should the process end without stopping them.
const running = new Map();
process.on('exit', () => {
  for (const dir of running.values()) rmSync(dir, { recursive: true, force: true });
});

/**
 * Starts pouchdb-server in a fresh temporary directory and sets it up for Lobby.
 *   port     where it listens on 127.0.0.1 (default 5995)
 *   persist  false: in memory; true: in LevelDB files in the directory, so that
 *            restart() keeps every document, account and setting
 *   codes    { reasons, questions }: the codes the rules take (couch-setup's
 *            --codes); without, codes are checked by their shape only
 * Resolves to { url, dbUrl, port, pid, dir, stop(), restart() } once the server
 * answers and the setup is done. Rejects, leaving nothing behind, when the port
 * is taken or the server does not come up.
 */
export async function startCouch({ port = DEFAULT_PORT, persist = false, codes } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lobby-couch-'));
  running.set(dir, dir);
  const handle = { url: couchUrl(port), dbUrl: dbUrl(port), port, dir, pid: undefined, stop, restart };
  let server;

  async function configure() {
    await setup({
      server: handle.url,
      db: DB,
      admin: ADMIN,
      origins: [APP_ORIGIN],
      users: USERS.map((u) => ({ name: u.name, password: u.password, roles: rolesOf(u) })),
      codes,
    }, () => {});
  }

  /** Stops the server and removes its directory. Safe to call more than once. */
  async function stop() {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    running.delete(dir);
  }

  /**
   * Stops the server and starts it again on the same port and directory, like
   * a CouchDB restarted under its clients. With persist, everything is kept;
   * in memory, the setup is run again on the empty server.
   */
  async function restart() {
    await server.stop();
    await server.start();
    handle.pid = server.pid;
    if (!persist) await configure();
    return handle;
  }

  try {
    server = await startPouchdb({
      dir,
      port,
      host: HOST,
      admin: ADMIN,
      persist,
      removeWhenOrphaned: true,
      config: { httpd: { enable_cors: true }, cors: { origins: APP_ORIGIN, credentials: true } },
    });
    handle.pid = server.pid;
    await configure();
  } catch (err) {
    await stop();
    throw err;
  }
  return handle;
}

// `node tests/couch.mjs [port]`: a server to try the app against by hand.
// (No top-level await: the Playwright specs load this module through require.)
async function main() {
  const couch = await startCouch({ port: Number(process.argv[2] ?? DEFAULT_PORT) });
  console.log(`CouchDB (pouchdb-server) at ${couch.url}, pid ${couch.pid}; database ${couch.dbUrl}`);
  console.log(`admin ${ADMIN.name}:${ADMIN.password}; accounts:`);
  for (const u of USERS) console.log(`  ${u.name}:${u.password}  role ${u.role}${u.letter ? `, letter ${u.letter}` : ''}`);
  console.log('Ctrl-C stops it.');
  const keepAlive = setInterval(() => {}, 1 << 30);
  const quit = async () => {
    clearInterval(keepAlive);
    await couch.stop();
    process.exit(0);
  };
  process.on('SIGINT', quit);
  process.on('SIGTERM', quit);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err.message);
    process.exit(1);
  });
}
