import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';

// The shop's server (scripts/shop.mjs), as `make run` starts it: the release
// build and the shop's database on one origin, the database (pouchdb-server)
// started with it, its files in a data folder that survives restarts, set up
// on the first start and found done on the next; and the door in front of the
// database, which passes on only what a kiosk's or a desk's work needs.
// No browser: these are the server's answers to the requests a device makes.

type Account = { name: string; password: string };
type Answer = { status: number; body: any; text: string; headers: Headers };

const PORT = 8092; // the shop's server; its database takes a free port of its own

let startShop, basicAuth, ensureUser, client;
let shop: { url: string; database: { url: string; admin: Account; pid: number }; close(): Promise<void> };
let data: string;
const setupLog: string[] = [];

const KIOSK: Account = { name: 'kiosk-a', password: 'kiosk-a-shop-test' };
const DESK: Account = { name: 'desk-1', password: 'desk-1-shop-test' };

test.describe.configure({ mode: 'serial' });

async function start() {
  shop = await startShop({ dist: process.env.E2E_DIST, port: PORT, data, env: {}, log: (l: string) => setupLog.push(l) });
}

test.beforeAll(async () => {
  ({ startShop } = await import('../../scripts/shop.mjs'));
  ({ basicAuth } = await import('../../scripts/pouchdb.mjs'));
  ({ ensureUser, client } = await import('../../scripts/couch-setup.mjs'));
  data = mkdtempSync(join(tmpdir(), 'lobby-shop-'));
  await start();
  const admin = client(shop.database.url, shop.database.admin);
  await ensureUser(admin, { ...KIOSK, roles: ['kiosk'] }, () => {});
  await ensureUser(admin, { ...DESK, roles: ['desk'] }, () => {});
});

test.afterAll(async () => {
  await shop?.close();
  if (data) rmSync(data, { recursive: true, force: true });
});

async function call(method: string, path: string, as?: Account, body?: unknown, base = shop.url): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (as) headers.Authorization = basicAuth(as);
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: kept as text
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

const intakeDoc = (id: string) => ({ _id: id, type: 'intake', schema: 2, intake: { id, ticket: 'A-1', reason: 'oil' } });

async function fileThroughTheDoor(): Promise<string> {
  const id = `intake-${randomUUID()}`;
  const res = await call('PUT', `/db/lobby/${id}`, KIOSK, intakeDoc(id));
  expect(res.status, res.text).toBe(201);
  return id;
}

test('one origin serves the app and the database; the first start sets the database up', async () => {
  const page = await call('GET', '/');
  expect(page.status).toBe(200);
  expect(page.text).toContain("connect-src 'self'");
  expect((await call('GET', '/desk')).status).toBe(200);
  // Set up on the first start: the database, its rules, who may use it.
  expect(setupLog).toContain('setup: database lobby: created');
  const admin = shop.database.admin;
  const design = await call('GET', '/lobby/_design/lobby', admin, undefined, shop.database.url);
  expect(design.body.validate_doc_update).toContain('A kiosk may only create documents');
  const security = await call('GET', '/lobby/_security', admin, undefined, shop.database.url);
  expect(security.body.members.roles).toEqual(['kiosk', 'desk']);
  // The embedded database listens on the loopback interface only.
  expect(new URL(shop.database.url).hostname).toBe('127.0.0.1');
  // Its admin is made up on the first start and kept in the data folder, for the server alone.
  const kept = JSON.parse(readFileSync(join(data, 'shop.json'), 'utf8'));
  expect(kept.admin.password.length).toBeGreaterThanOrEqual(24);
});

test("a kiosk files a check-in through the door and the desk reads it in the changes", async () => {
  const id = await fileThroughTheDoor();
  // A retry of the same check-in is refused (409, or 403 from the rules: a kiosk
  // only creates) and read back, as the kiosk does; the database keeps one.
  expect([403, 409]).toContain((await call('PUT', `/db/lobby/${id}`, KIOSK, intakeDoc(id))).status);
  expect((await call('GET', `/db/lobby/${id}?conflicts=true`, KIOSK)).status).toBe(200);
  const changes = await call('GET', '/db/lobby/_changes?include_docs=true&conflicts=true&limit=200&since=0', DESK);
  expect(changes.status).toBe(200);
  const doc = changes.body.results.find((r: { id: string }) => r.id === id).doc;
  // The desk changes it; the kiosk may not (the database's own rules, behind the door).
  const served = { ...doc, intake: { ...doc.intake, status: 'serving' } };
  expect((await call('PUT', `/db/lobby/${id}`, DESK, served)).status).toBe(201);
  expect((await call('PUT', `/db/lobby/${id}`, KIOSK, { ...served, _rev: doc._rev })).status).toBe(403);
});

test('no credentials, a wrong password: refused with 401', async () => {
  expect((await call('GET', '/db/lobby')).status).toBe(401);
  expect((await call('GET', '/db/lobby', { name: KIOSK.name, password: 'wrong' })).status).toBe(401);
  expect((await call('GET', '/db/lobby', DESK)).status).toBe(200);
});

test("the database's own administration is never passed on, to a kiosk or to a desk", async () => {
  const own = `org.couchdb.user:${KIOSK.name}`;
  const attacks: [string, string, unknown?][] = [
    // A kiosk giving itself the desk role: pouchdb-server would take it.
    ['PUT', `/db/_users/${encodeURIComponent(own)}`, { _id: own, name: KIOSK.name, type: 'user', roles: ['desk'], password: 'x' }],
    ['GET', '/db/_users/_all_docs'],
    // Rewriting the rules through _index: pouchdb-server would take that too.
    ['POST', '/db/lobby/_index', { index: { fields: ['type'] }, ddoc: 'lobby', name: 'x' }],
    ['PUT', '/db/lobby/_design/lobby', { validate_doc_update: 'function () {}' }],
    ['DELETE', '/db/lobby/_design/lobby'],
    ['GET', '/db/lobby/_security'],
    ['PUT', '/db/lobby/_security', { members: { names: [], roles: [] } }],
    ['GET', '/db/_all_dbs'],
    ['GET', '/db/_config'],
    ['GET', '/db/_node/_local/_config'],
    ['PUT', '/db/other', {}],
    ['DELETE', '/db/lobby'],
    ['POST', '/db/lobby/_bulk_docs', { docs: [], new_edits: false }],
    ['GET', '/db/lobby/_all_docs?include_docs=true'],
    ['PUT', '/db/lobby/some-intake/page.html', '<h1>hi</h1>'],
    ['PUT', '/db/lobby/_local/x', {}],
    ['PUT', `/db/lobby/intake-${randomUUID()}?new_edits=false`, { type: 'intake' }],
  ];
  for (const who of [KIOSK, DESK]) {
    for (const [method, path, body] of attacks) {
      const res = await call(method, path, who, body);
      expect(res.status, `${who.name} ${method} ${path}: ${res.text}`).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
  }
  // Still a kiosk: the attempt changed nothing.
  const account = await call('GET', `/_users/${encodeURIComponent(own)}`, shop.database.admin, undefined, shop.database.url);
  expect(account.body.roles).toEqual(['kiosk']);
  // A kiosk does not read the changes of everyone's check-ins through the door.
  expect((await call('GET', '/db/lobby/_changes?since=0', KIOSK)).status).toBe(403);
});

test('a body larger than a check-in can be is refused with 413', async () => {
  const id = `intake-${randomUUID()}`;
  const big = { ...intakeDoc(id), filler: 'x'.repeat(70 * 1024) };
  const res = await call('PUT', `/db/lobby/${id}`, KIOSK, big);
  expect(res.status).toBe(413);
  expect((await call('GET', `/db/lobby/${id}`, KIOSK)).status).toBe(404);
});

test('the database killed outright is started again, and nothing filed is lost', async () => {
  const id = await fileThroughTheDoor();
  const before = shop.database.pid;
  process.kill(before, 'SIGKILL');
  await expect
    .poll(async () => (await call('GET', `/db/lobby/${id}`, DESK)).status, { timeout: 30_000 })
    .toBe(200);
  expect(shop.database.pid).not.toBe(before);
});

test('stopped and started again on the same data folder: everything is there, and the setup finds it done', async () => {
  const id = await fileThroughTheDoor();
  await shop.close();
  setupLog.length = 0;
  await start();
  expect(setupLog).toContain('setup: database lobby: present');
  expect(setupLog.some((l) => l.includes('_design/lobby: up to date'))).toBe(true);
  const res = await call('GET', `/db/lobby/${id}`, DESK);
  expect(res.status).toBe(200);
  expect(res.body.intake.id).toBe(id);
});

test('with COUCH_URL and COUCH_ADMIN it uses that CouchDB instead, behind the same door', async () => {
  const { startCouch, ADMIN, KIOSK_A, DESK_1 } = await import('../couch.mjs');
  const couch = await startCouch({ port: 5998 });
  const log: string[] = [];
  let external;
  try {
    external = await startShop({
      dist: process.env.E2E_DIST,
      port: 8099,
      data: join(data, 'unused'),
      env: { COUCH_URL: couch.url, COUCH_ADMIN: `${ADMIN.name}:${ADMIN.password}` },
      log: (l: string) => log.push(l),
    });
    expect(log).toContain('setup: database lobby: present');
    expect(external.database.pid).toBeUndefined();
    const id = `intake-${randomUUID()}`;
    expect((await call('PUT', `/db/lobby/${id}`, KIOSK_A, intakeDoc(id), external.url)).status).toBe(201);
    expect((await call('GET', `/db/lobby/${id}`, DESK_1, undefined, external.url)).status).toBe(200);
    expect((await call('GET', '/db/_users/_all_docs', DESK_1, undefined, external.url)).status).toBe(403);
  } finally {
    await external?.close();
    await couch.stop();
  }
});
