// pouchdb-server (the npm package: CouchDB's HTTP API in Node) as a child
// process, for the shop's server (scripts/shop.mjs) and for the tests
// (tests/couch.mjs): started in a folder of its own, ready once its admin is
// accepted, stopped by its process id.
//
//   const db = await startPouchdb({ dir, port, admin });
//   db.url; db.pid; await db.stop(); await db.start();
//
// The child watches this process: should it die without stopping the child
// (SIGKILL, a crash), the child exits within a second (and, with
// `removeWhenOrphaned`, removes its folder), so no database outlives its owner.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import net from 'node:net';

const START_TIMEOUT_MS = 20_000;
const STOP_GRACE_MS = 5_000;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Children of this process still running. Should it end without stopping them
// (process.exit, an uncaught exception), they are killed here: only
// synchronous work is possible then.
const running = new Set();
process.on('exit', () => {
  for (const proc of running) proc.kill('SIGKILL');
});

/** The Authorization header value for an account. */
export const basicAuth = ({ name, password }) => 'Basic ' + Buffer.from(`${name}:${password}`).toString('base64');

/** pouchdb-server's start script, from this project's npm packages. */
function serverBin() {
  try {
    return createRequire(import.meta.url).resolve('pouchdb-server/bin/pouchdb-server');
  } catch {
    throw new Error('the npm package pouchdb-server is not installed: run make setup (or npm ci)');
  }
}

/** Whether nothing listens on host:port (pouchdb-server would not say: it keeps running without a socket). */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const probe = net.createServer();
    probe.once('error', () => done(false));
    probe.listen(port, host, () => probe.close(() => done(true)));
  });
}

/** A port nothing listens on now, picked by the system. */
export function freePort(host = '127.0.0.1') {
  return new Promise((done, fail) => {
    const probe = net.createServer();
    probe.once('error', fail);
    probe.listen(0, host, () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * Starts pouchdb-server with its files in `dir`:
 *   port, host           where it listens (default 127.0.0.1: never the LAN)
 *   admin                { name, password }: the server admin, set on the first start
 *   persist              true: LevelDB files in dir/data/, kept across restarts;
 *                        false: in memory
 *   config               more of pouchdb-server's configuration on the first start
 *                        (CORS, say)
 *   removeWhenOrphaned   remove `dir` should this process die first (tests)
 * Resolves to { url, port, pid, dir, stop(), start(), exited } once it answers
 * and accepts the admin; rejects with the server's own output when it does not.
 */
export async function startPouchdb({
  dir,
  port,
  host = '127.0.0.1',
  admin,
  persist = true,
  config = {},
  removeWhenOrphaned = false,
}) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const handle = { url: `http://${host}:${port}`, port, dir, pid: undefined, stop, start, exited: undefined };
  let child;

  async function start() {
    if (!(await portIsFree(port, host))) {
      throw new Error(
        `port ${port} on ${host} is in use, so the database cannot start there ` +
          `(another run, or a server left from one? see \`ss -ltnp 'sport = :${port}'\`)`,
      );
    }
    // GET / answers this uuid: the readiness check then knows it reached this
    // server and not some other one that took the port meanwhile.
    const uuid = randomUUID().replace(/-/g, '');
    const configFile = join(dir, 'config.json');
    const settings = existsSync(configFile)
      ? JSON.parse(readFileSync(configFile, 'utf8'))
      : {
          // A plain admin password: pouchdb-server hashes it (rewriting this file) at start.
          admins: { [admin.name]: admin.password },
          log: { file: join(dir, 'log.txt'), level: 'info' },
          ...config,
        };
    settings.couchdb = { ...settings.couchdb, uuid };
    writeFileSync(configFile, JSON.stringify(settings), { mode: 0o600 });
    const storage = persist ? ['-d', join(dir, 'data') + '/'] : ['--in-memory'];
    if (persist) mkdirSync(join(dir, 'data'), { recursive: true });
    // `-n` keeps its request log off stdout (the long form --no-stdout-logs is
    // ignored by its option parser); startup errors still land in server.out.
    const args = [...storage, '-n', '--host', host, '--port', String(port), '--config', configFile];
    const bin = serverBin();
    const launcher = `
      const parent = ${process.pid};
      setInterval(() => {
        if (process.ppid === parent) return;
        ${removeWhenOrphaned ? `require('node:fs').rmSync(${JSON.stringify(dir)}, { recursive: true, force: true });` : ''}
        process.exit(0);
      }, 1000).unref();
      process.argv.splice(1, 0, ${JSON.stringify(bin)});
      require(${JSON.stringify(bin)});
    `;
    const out = openSync(join(dir, 'server.out'), 'a');
    // It writes config.json and log.txt into its working directory whatever the flags say.
    const proc = spawn(process.execPath, ['-e', launcher, '--', ...args], { cwd: dir, stdio: ['ignore', out, out] });
    closeSync(out);
    proc.unref();
    running.add(proc);
    proc.once('exit', () => running.delete(proc));
    child = proc;
    handle.pid = proc.pid;
    handle.exited = new Promise((done) => proc.once('exit', (code, signal) => done({ code, signal })));
    try {
      await untilReady(proc, uuid);
    } catch (err) {
      await stop();
      throw err;
    }
    return handle;
  }

  async function untilReady(proc, uuid) {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const auth = { Authorization: basicAuth(admin) };
    for (;;) {
      if (proc.exitCode !== null || proc.signalCode !== null) {
        throw new Error(`pouchdb-server exited during start-up:\n${tail(join(dir, 'server.out'))}`);
      }
      try {
        const welcome = await (await fetch(`${handle.url}/`, { signal: AbortSignal.timeout(1000) })).json();
        // The admin's password is hashed asynchronously: wait until it is accepted.
        const session = await (
          await fetch(`${handle.url}/_session`, { headers: auth, signal: AbortSignal.timeout(1000) })
        ).json();
        if (welcome.uuid === uuid && session.userCtx?.roles?.includes('_admin')) return;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) {
        throw new Error(
          `pouchdb-server did not answer on ${handle.url} within ${START_TIMEOUT_MS / 1000} s:\n${tail(join(dir, 'server.out'))}`,
        );
      }
      await sleep(100);
    }
  }

  /** Ends the process (SIGTERM, SIGKILL after 5 s) and waits until it and its socket are gone. */
  async function stop() {
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
    for (let i = 0; i < 50 && !(await portIsFree(port, host)); i++) await sleep(100);
  }

  return start();
}
