// The shop's server for the benchmarks (load.mjs, soak.mjs), as `make run`
// starts it: node scripts/shop.mjs in a process of its own, its pouchdb-server
// under it, on a data folder of its own; and pairing, as a shop pairs devices.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');
const TICKS_PER_S = 100; // /proc's clock ticks (USER_HZ) on Linux
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * Starts the shop's server on 127.0.0.1:`port` with the build `dist` and the
 * data folder `data` (kept between starts: a restart loses nothing). What it
 * says on stderr goes to `errors`. Resolves once it serves, to
 * { base, ownerToken, pid, stop() }.
 */
export async function startShop({ dist, data, port, errors, fresh = true }) {
  const base = `http://127.0.0.1:${port}`;
  if (fresh) {
    const taken = await fetch(`${base}/`, { signal: AbortSignal.timeout(1000) }).then(() => true, () => false);
    if (taken) throw new Error(`something already answers on ${base}: stop it first`);
  }
  const child = spawn(process.execPath, [join(ROOT, 'scripts/shop.mjs'), dist, '--listen', `127.0.0.1:${port}`, '--data', data], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr.on('data', (d) => errors.push(`shop's server: ${String(d).trim()}`));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGINT');
    await Promise.race([exited, sleep(15_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`the shop's server stopped (exit ${child.exitCode})`);
    const up = await fetch(`${base}/kiosk.json`).then((r) => r.ok, () => false);
    if (up) {
      const { owner_token } = JSON.parse(readFileSync(join(data, 'shop.json'), 'utf8'));
      return { base, ownerToken: owner_token, pid: child.pid, stop };
    }
    await sleep(250);
  }
  await stop();
  throw new Error("the shop's server did not start within a minute");
}

/** A call to the shop's server's API as its owner (what `make pair` does). */
export async function ownerApi(shop, method, path, body) {
  const res = await fetch(`${shop.base}/api/${path}`, {
    method,
    headers: { Authorization: `Bearer ${shop.ownerToken}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} /api/${path}: ${res.status} ${answer.reason ?? ''}`);
  return answer;
}

/** A kiosk's account, paired without a browser: { auth, db, letter }. */
export async function pairKioskAccount(shop) {
  const { code } = await ownerApi(shop, 'POST', 'pairings', { role: 'kiosk' });
  const res = await fetch(`${shop.base}/api/pair`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) });
  if (!res.ok) throw new Error(`pairing a kiosk: ${res.status}`);
  const { user, password, db, letter } = await res.json();
  return { auth: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, db, letter };
}

/** The shop's server and every process under it (its database), by pid. */
export function processTree(root) {
  const parent = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parent) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** CPU seconds used so far, resident memory, and which of the two a process is. */
export function usage(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_S;
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    const database = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('pouchdb-server');
    return { cpu, rss, name: database ? 'database (pouchdb-server)' : "shop's server (node)" };
  } catch {
    return null;
  }
}

/** The local day of `ms` on this computer: YYYY-MM-DD. */
export const localDay = (ms) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A plain check-in as a kiosk of this version files it (src/domain/intake.rs); its day this computer's unless given. */
export function checkInDoc({ id, device, now, ticket, letter, name, day = localDay(now) }) {
  const intake = {
    id, device, created_ms: now, day, ticket, letter, name, reason: 'service', recovery: false,
    wants_person: false, priority: 'quality', deadline: null, estimate_first: null, limit: null, help: [],
    detail: 'brief', note: '', status: 'waiting', done_help: [], status_ms: null, language: 'en',
  };
  return { _id: id, type: 'intake', schema: 2, intake };
}
