// A CouchDB for tests: pouchdb-server (the npm package, CouchDB's HTTP API in
// Node) on 127.0.0.1, set up for Lobby by scripts/couch-setup.mjs exactly as a
// production CouchDB is: database `lobby`, the kiosk and desk accounts below,
// _security, the validate function of couchdb/validate_doc_update.js, and CORS
// for the end-to-end tests' origin.
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
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import { setup } from '../scripts/couch-setup.mjs';

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
export const basicAuth = ({ name, password }) => 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');

/** The `sync` section of a device's kiosk.json for one of the accounts above. */
export function syncConfig(user, port = DEFAULT_PORT) {
  const sync = { url: dbUrl(port), user: user.name, password: user.password, role: user.role };
  if (user.letter) sync.letter = user.letter;
  return sync;
}

const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const bin = createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');

// Servers of this process still running, with their directories. Should the
// process end without stopping them (process.exit, an uncaught exception),
// they are killed and removed here; only synchronous work is possible now.
const running = new Map();
process.on('exit', () => {
  for (const [server, dir] of running) {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Whether nothing listens on the port (pouchdb-server would not say: it keeps running without a socket). */
function portIsFree(port) {
  return new Promise((done) => {
    const probe = net.createServer();
    probe.once('error', () => done(false));
    probe.listen(port, HOST, () => probe.close(() => done(true)));
  });
}

/**
 * Starts pouchdb-server in a fresh temporary directory and sets it up for Lobby.
 *   port     where it listens on 127.0.0.1 (default 5995)
 *   persist  false: in memory; true: in LevelDB files in the directory, so that
 *            restart() keeps every document, account and setting
 * Resolves to { url, dbUrl, port, pid, dir, stop(), restart() } once the server
 * answers and the setup is done. Rejects, leaving nothing behind, when the port
 * is taken or the server does not come up.
 */
export async function startCouch({ port = DEFAULT_PORT, persist = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lobby-couch-'));
  const handle = {
    url: couchUrl(port),
    dbUrl: dbUrl(port),
    port,
    dir,
    pid: undefined,
    stop,
    restart,
  };
  let child;

  async function launch() {
    if (!(await portIsFree(port))) {
      throw new Error(
        `Port ${port} on ${HOST} is in use, so the test CouchDB cannot start there. ` +
          `Another test run, or a server left from one? See \`ss -ltnp 'sport = :${port}'\`.`,
      );
    }
    // GET / answers this uuid: the readiness check then knows it reached this
    // server and not some other one that took the port meanwhile.
    const uuid = randomUUID().replace(/-/g, '');
    const configFile = join(dir, 'config.json');
    if (!existsSync(configFile)) {
      // A plain admin password: pouchdb-server hashes it (rewriting this file) at start.
      writeFileSync(configFile, JSON.stringify({
        admins: { [ADMIN.name]: ADMIN.password },
        log: { file: join(dir, 'log.txt'), level: 'info' },
        couchdb: { uuid },
        httpd: { enable_cors: true },
        cors: { origins: APP_ORIGIN, credentials: true },
      }));
    } else {
      const config = JSON.parse(readFileSync(configFile, 'utf8'));
      config.couchdb = { ...config.couchdb, uuid };
      writeFileSync(configFile, JSON.stringify(config));
    }
    const storage = persist ? ['-d', join(dir, 'data') + '/'] : ['--in-memory'];
    // `-n` keeps its request log off stdout (the long form --no-stdout-logs is
    // ignored by its option parser); startup errors still land in server.out.
    const args = [...storage, '-n', '--host', HOST, '--port', String(port), '--config', configFile];
    // The launcher runs pouchdb-server in the same process, after arranging to
    // exit (and remove its directory) when this process is gone: a parent
    // killed outright (SIGKILL, a crashed worker) runs no hooks, and the server
    // would otherwise live on.
    const launcher = `
      const parent = ${process.pid};
      setInterval(() => {
        if (process.ppid === parent) return;
        require('node:fs').rmSync(${JSON.stringify(dir)}, { recursive: true, force: true });
        process.exit(0);
      }, 1000).unref();
      process.argv.splice(1, 0, ${JSON.stringify(bin)});
      require(${JSON.stringify(bin)});
    `;
    const out = openSync(join(dir, 'server.out'), 'a');
    // It writes config.json and log.txt into its working directory whatever the flags say.
    child = spawn(process.execPath, ['-e', launcher, '--', ...args], { cwd: dir, stdio: ['ignore', out, out] });
    closeSync(out);
    child.unref();
    running.set(child, dir);
    handle.pid = child.pid;
    await untilReady(uuid);
  }

  async function untilReady(uuid) {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const auth = { Authorization: basicAuth(ADMIN) };
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`pouchdb-server exited during start-up:\n${tail(join(dir, 'server.out'))}`);
      }
      try {
        const welcome = await (await fetch(`${handle.url}/`, { signal: AbortSignal.timeout(1000) })).json();
        // The admin's password is hashed asynchronously: wait until it is accepted.
        const session = await (await fetch(`${handle.url}/_session`, { headers: auth, signal: AbortSignal.timeout(1000) })).json();
        if (welcome.uuid === uuid && session.userCtx?.roles?.includes('_admin')) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(`pouchdb-server did not answer on ${handle.url} within ${START_TIMEOUT_MS / 1000} s:\n${tail(join(dir, 'server.out'))}`);
      }
      await sleep(100);
    }
  }

  async function configure() {
    await setup({
      server: handle.url,
      db: DB,
      admin: ADMIN,
      origins: [APP_ORIGIN],
      users: USERS.map((u) => ({ name: u.name, password: u.password, roles: [u.role] })),
    }, () => {});
  }

  /** Ends the process (SIGTERM, SIGKILL after 5 s) and waits until it is gone. */
  async function kill() {
    const proc = child;
    if (!proc) return;
    child = undefined;
    if (proc.exitCode === null && proc.signalCode === null) {
      const exited = new Promise((done) => proc.once('exit', done));
      // kill() rather than process.kill(pid): it does nothing once the process
      // is gone (as after a Ctrl-C, which reaches the server too).
      proc.kill('SIGTERM');
      const timer = new Promise((done) => setTimeout(done, STOP_GRACE_MS, 'timeout'));
      if ((await Promise.race([exited, timer])) === 'timeout') {
        proc.kill('SIGKILL');
        await exited;
      }
    }
    running.delete(proc);
    // The socket may linger a moment after the process is gone.
    for (let i = 0; i < 50 && !(await portIsFree(port)); i++) await sleep(100);
  }

  /** Stops the server and removes its directory. Safe to call more than once. */
  async function stop() {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  }

  /**
   * Stops the server and starts it again on the same port and directory, like
   * a CouchDB restarted under its clients. With persist, everything is kept;
   * in memory, the setup is run again on the empty server.
   */
  async function restart() {
    await kill();
    await launch();
    if (!persist) await configure();
    return handle;
  }

  try {
    await launch();
    await configure();
  } catch (err) {
    await stop();
    throw err;
  }
  return handle;
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
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
