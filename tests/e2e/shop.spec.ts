import { execFile, execFileSync } from 'node:child_process';
import { get as httpGet } from 'node:http';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { test, expect, chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { Kiosk, Desk, DESK_PIN, T, expectNoAxeViolations } from './pages';

// The shop's server (scripts/shop.mjs), as `make run` starts it: the release
// build and the shop's database on one origin, the database (pouchdb-server)
// started with it, its files in a data folder that survives restarts, set up
// on the first start and found done on the next; and the door in front of the
// database, which passes on only what a kiosk's or a desk's work needs; and
// pairing: a one-time link gives a device an account of its own, a kiosk an
// inbox of its own, which the server moves into the shop's database.
// Mostly no browser: the server's answers to the requests a device makes; the
// last tests pair a kiosk and a desk in Chromium by opening their links.

type Account = { name: string; password: string };
type Device = Account & { db: string; role: string; letter?: string; number?: number };
type Answer = { status: number; body: any; text: string; headers: Headers };

const PORT = 8092; // the shop's server; its database takes a free port of its own

let startShop, basicAuth;
let shop: { url: string; ownerToken: string; database: { url: string; admin: Account; pid: number }; close(): Promise<void> };
let data: string;
const setupLog: string[] = [];

let KIOSK: Device;
let DESK: Device;

test.describe.configure({ mode: 'serial' });

async function start() {
  shop = await startShop({ dist: process.env.E2E_DIST, port: PORT, data, env: {}, log: (l: string) => setupLog.push(l) });
}

test.beforeAll(async () => {
  ({ startShop } = await import('../../scripts/shop.mjs'));
  ({ basicAuth } = await import('../../scripts/pouchdb.mjs'));
  data = mkdtempSync(join(tmpdir(), 'lobby-shop-'));
  await start();
  KIOSK = await pair('kiosk');
  DESK = await pair('desk');
});

test.afterAll(async () => {
  await shop?.close();
  if (data) rmSync(data, { recursive: true, force: true });
});

const OWNER = 'owner';

async function call(method: string, path: string, as?: Account | typeof OWNER, body?: unknown, base = shop.url): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (as === OWNER) headers.Authorization = `Bearer ${shop.ownerToken}`;
  else if (as) headers.Authorization = basicAuth(as);
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

/** The desk's Devices, in its Settings. */
async function openDevices(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.locator('details.devices-panel > summary').click();
}

/** A pairing link made as `by` (the owner, as make pair does, unless told). */
async function pairingFor(role: string, letter?: string, by: Account | typeof OWNER = OWNER): Promise<Answer> {
  return call('POST', '/api/pairings', by, { role, letter });
}

/** A device paired as a tablet does: a pairing link made, then redeemed. */
async function pair(role: string, letter?: string): Promise<Device> {
  const made = await pairingFor(role, letter);
  expect(made.status, made.text).toBe(201);
  const redeemed = await call('POST', '/api/pair', undefined, { code: made.body.code });
  expect(redeemed.status, redeemed.text).toBe(200);
  const { user, password, ...rest } = redeemed.body;
  return { name: user, password, ...rest };
}

/** A device of its own: a browser context at tablet size, whose page's errors go to `errors`. */
async function newDevice(browser: Browser, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block', locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page };
}

// The reason is one of the build's kiosk.json: the rules take only the codes the shop has configured.
const intakeDoc = (id: string) => ({ _id: id, type: 'intake', schema: 2, intake: { id, ticket: 'A-1', reason: 'service' } });

/** A check-in filed by a kiosk into its inbox, as its sync does. */
async function fileThroughTheDoor(kiosk: Device = KIOSK): Promise<string> {
  const id = `intake-${randomUUID()}`;
  const res = await call('PUT', `/db/${kiosk.db}/${id}`, kiosk, intakeDoc(id));
  expect(res.status, res.text).toBe(201);
  return id;
}

/** Waits until the shop's database has `id`, as a desk reads it. */
async function reachesTheDesk(id: string, timeout = 10_000): Promise<any> {
  await expect
    .poll(async () => (await call('GET', `/db/lobby/${id}`, DESK)).status, { timeout, message: `${id} is moved into the shop's database` })
    .toBe(200);
  return (await call('GET', `/db/lobby/${id}`, DESK)).body;
}

test('one origin serves the app and the database; the first start sets the database up', async () => {
  const page = await call('GET', '/');
  expect(page.status).toBe(200);
  expect(page.text).toContain("connect-src 'self'");
  expect((await call('GET', '/desk')).status).toBe(200);
  // No other site may frame it: the app, its API and its database alike.
  for (const path of ['/', '/desk', '/kiosk.json', '/api/devices', '/db/lobby']) {
    const headers = (await call('GET', path)).headers;
    expect([headers.get('content-security-policy'), headers.get('x-frame-options')], path).toEqual(["frame-ancestors 'none'", 'DENY']);
  }
  // Set up on the first start: the database, its rules, who may use it.
  expect(setupLog).toContain('setup: database lobby: created');
  const admin = shop.database.admin;
  const design = await call('GET', '/lobby/_design/lobby', admin, undefined, shop.database.url);
  expect(design.body.validate_doc_update).toContain('A kiosk may only create documents');
  // The shop's database is the desks' alone: kiosks file into inboxes of their own.
  const security = await call('GET', '/lobby/_security', admin, undefined, shop.database.url);
  expect(security.body.members).toEqual({ names: [], roles: ['desk'] });
  const inbox = await call('GET', `/${KIOSK.db}/_security`, admin, undefined, shop.database.url);
  expect(inbox.body.members).toEqual({ names: [KIOSK.name], roles: ['_admin'] });
  const inboxRules = await call('GET', `/${KIOSK.db}/_design/lobby`, admin, undefined, shop.database.url);
  expect(inboxRules.body.validate_doc_update).toBe(design.body.validate_doc_update);
  // The embedded database listens on the loopback interface only.
  expect(new URL(shop.database.url).hostname).toBe('127.0.0.1');
  // Its admin and the owner's token are made up on the first start and kept in the data folder, for the server alone.
  const kept = JSON.parse(readFileSync(join(data, 'shop.json'), 'utf8'));
  expect(kept.admin.password.length).toBeGreaterThanOrEqual(24);
  expect(kept.owner_token).toBe(shop.ownerToken);
  expect(kept.listen).toEqual({ host: '127.0.0.1', port: PORT, tls: false });
});

test('kiosk.json holds no secret: the desk PIN\'s hash goes to signed-in desks only', async () => {
  const built = JSON.parse(readFileSync(join(process.env.E2E_DIST!, 'kiosk.json'), 'utf8'));
  const served = await call('GET', '/kiosk.json');
  expect(served.status).toBe(200);
  expect(served.body.business.name).toBe(built.business.name);
  expect(served.body).not.toHaveProperty('desk_pin_hash');
  expect(served.body).not.toHaveProperty('sync');
  expect(served.text).not.toContain(built.desk_pin_hash);
  expect(served.headers.get('cache-control')).toBe('no-cache');
  expect((await call('GET', '/api/desk')).status).toBe(401);
  expect((await call('GET', '/api/desk', KIOSK)).status).toBe(403);
  // However the address is spelt, and whatever the method, the file is never served as it is.
  // (Sent as they are: fetch would tidy some of them up first.)
  const raw = (path: string) =>
    new Promise<string>((done, fail) => {
      httpGet({ host: '127.0.0.1', port: PORT, path }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => done(text));
      }).on('error', fail);
    });
  for (const path of ['//kiosk.json', '/kiosk.json/', '/%6Biosk.json', '/desk/../kiosk.json', '/./kiosk.json', '/KIOSK.JSON', '/x/%2e%2e/kiosk.json']) {
    expect(await raw(path), path).not.toContain(built.desk_pin_hash);
  }
  const posted = await fetch(`${shop.url}/kiosk.json`, { method: 'POST' });
  expect(posted.status).toBe(405);
  expect(await posted.text()).not.toContain(built.desk_pin_hash);
  const desk = await call('GET', '/api/desk', DESK);
  expect(desk.status).toBe(200);
  expect(desk.body.pin_hash).toBe(built.desk_pin_hash);
});

test('a pairing link: one-time, for the owner or a signed-in desk only, with its QR code', async () => {
  const made = await pairingFor('kiosk');
  expect(made.status, made.text).toBe(201);
  // The next free letter (kiosk A was paired first), a link to the kiosk's page with the code in the fragment.
  expect(made.body.letter).toBe('B');
  expect(made.body.label).toBe('kiosk B');
  expect(made.body.link).toBe(`${shop.url}/#pair=${made.body.code}`);
  expect(made.body.code).toMatch(/^[A-Za-z0-9_-]{24}$/);
  // The server listens on the loopback only here: make pair says other devices cannot reach it.
  expect(made.body.reachable_from_other_devices).toBe(false);
  expect(made.body.expires_ms - Date.now()).toBeGreaterThan(59 * 60_000);
  const { size, rows } = made.body.qr;
  expect(rows).toHaveLength(size);
  expect(rows.every((r: string) => /^[01]+$/.test(r) && r.length === size)).toBe(true);
  // A QR code's finder pattern in its top-left corner: seven dark modules.
  expect(rows[0].slice(0, 7)).toBe('1111111');

  // Used once: the second tablet to open it is told so.
  const first = await call('POST', '/api/pair', undefined, { code: made.body.code });
  expect(first.status, first.text).toBe(200);
  expect(first.body).toMatchObject({ role: 'kiosk', letter: 'B', db: 'lobby-kiosk-b' });
  expect(first.body.password.length).toBeGreaterThanOrEqual(24);
  const again = await call('POST', '/api/pair', undefined, { code: made.body.code });
  expect(again.status).toBe(404);
  expect(again.body.reason).toBe('This pairing link has been used or has expired. Ask for a new one at the desk.');
  expect((await call('POST', '/api/pair', undefined, { code: 'x'.repeat(24) })).status).toBe(404);
  expect((await call('POST', '/api/pair', undefined, 'not json')).status).toBe(400);
  expect((await call('POST', '/api/pair', undefined, { code: 'x'.repeat(2000) })).status).toBe(413);

  // A desk account may add a device; a kiosk, an anonymous caller or a wrong token may not.
  const byDesk = await pairingFor('desk', undefined, DESK);
  expect(byDesk.status, byDesk.text).toBe(201);
  expect(byDesk.body).toMatchObject({ role: 'desk', number: 2, label: 'desk 2' });
  expect(byDesk.body.link).toBe(`${shop.url}/desk#pair=${byDesk.body.code}`);
  expect((await pairingFor('kiosk', undefined, KIOSK)).status).toBe(403);
  expect((await call('POST', '/api/pairings', undefined, { role: 'kiosk' })).status).toBe(401);
  const wrongToken = await fetch(`${shop.url}/api/pairings`, {
    method: 'POST',
    headers: { Authorization: 'Bearer not-the-token', 'Content-Type': 'application/json' },
    body: JSON.stringify({ role: 'kiosk' }),
  });
  expect(wrongToken.status).toBe(401);
  expect((await call('GET', '/api/devices', KIOSK)).status).toBe(403);
});

test('a ticket letter: the next free one, or the one asked for when it is free', async () => {
  // B is paired (the test before), A too: C is next; asking for A is refused plainly.
  const taken = await pairingFor('kiosk', 'A');
  expect(taken.status).toBe(409);
  expect(taken.body.reason).toContain('Kiosk A is paired already');
  expect((await pairingFor('kiosk', 'AB')).status).toBe(400);
  expect((await pairingFor('printer')).status).toBe(400);
  const q = await pairingFor('kiosk', 'q');
  expect(q.status, q.text).toBe(201);
  expect(q.body.letter).toBe('Q');
  // While its link waits, Q is not given to another.
  expect((await pairingFor('kiosk', 'Q')).status).toBe(409);
  // The desk sees it waiting (by its digest, never its code) and may cancel it; a kiosk may not.
  const listed = await call('GET', '/api/devices', DESK);
  const waiting = listed.body.waiting.find((w: { label: string }) => w.label === 'kiosk Q');
  expect(waiting.id).toBe(q.body.id);
  expect(listed.text).not.toContain(q.body.code);
  expect((await call('DELETE', `/api/pairings/${waiting.id}`, KIOSK)).status).toBe(403);
  expect((await call('DELETE', `/api/pairings/${waiting.id}`, DESK)).status).toBe(200);
  expect((await call('POST', '/api/pair', undefined, { code: q.body.code })).status).toBe(404);
  expect((await call('DELETE', `/api/pairings/${waiting.id}`, DESK)).status).toBe(404);
  // Q is free again.
  const q2 = await pairingFor('kiosk', 'Q');
  expect(q2.status).toBe(201);
  expect((await call('DELETE', `/api/pairings/${q2.body.id}`, OWNER)).status).toBe(200);
});

test("a kiosk files into its own inbox, and the server moves it into the shop's database", async () => {
  const id = await fileThroughTheDoor();
  const doc = await reachesTheDesk(id);
  expect(doc.intake.id).toBe(id);
  // A retry of the same check-in is refused (409, or 403 from the rules: a kiosk
  // only creates) and read back, as the kiosk does; the inbox keeps one.
  expect([403, 409]).toContain((await call('PUT', `/db/${KIOSK.db}/${id}`, KIOSK, intakeDoc(id))).status);
  expect((await call('GET', `/db/${KIOSK.db}/${id}?conflicts=true`, KIOSK)).status).toBe(200);
  const changes = await call('GET', '/db/lobby/_changes?include_docs=true&conflicts=true&limit=200&since=0', DESK);
  expect(changes.status).toBe(200);
  expect(changes.body.results.filter((r: { id: string }) => r.id === id)).toHaveLength(1);
  // The desk changes it, on the revision the kiosk made; the kiosk may not change it.
  const served = { ...doc, intake: { ...doc.intake, status: 'serving' } };
  expect((await call('PUT', `/db/lobby/${id}`, DESK, served)).status).toBe(201);
  expect((await call('PUT', `/db/${KIOSK.db}/${id}`, KIOSK, { ...doc, intake: { ...doc.intake, status: 'done' } })).status).toBe(403);
  // The desk's change stands: the mover, moving what the kiosk files next, does not bring the kiosk's revision back over it.
  await reachesTheDesk(await fileThroughTheDoor());
  expect((await call('GET', `/db/lobby/${id}`, DESK)).body.intake.status).toBe('serving');
});

test("what a kiosk files under an id the shop's database has (a deleted check-in) is set aside, not written over it", async () => {
  const id = `intake-${randomUUID()}`;
  const made = await call('PUT', `/db/lobby/${id}`, DESK, intakeDoc(id));
  expect(made.status, made.text).toBe(201);
  // Deleted in the database itself: the door lets a desk delete only a revision that lost a conflict.
  expect((await call('DELETE', `/db/lobby/${id}?rev=${made.body.rev}`, DESK)).status).toBe(403);
  expect((await call('DELETE', `/lobby/${id}?rev=${made.body.rev}`, shop.database.admin, undefined, shop.database.url)).status).toBe(200);
  // Another body than the desk's (the same would be the same revision, which the mover knows it has).
  const theirs = { ...intakeDoc(id), intake: { ...intakeDoc(id).intake, reason: 'tyres' } };
  expect((await call('PUT', `/db/${KIOSK.db}/${id}`, KIOSK, theirs)).status).toBe(201);
  // What the kiosk files after it still arrives; the deleted one stays deleted.
  await reachesTheDesk(await fileThroughTheDoor());
  expect((await call('GET', `/db/lobby/${id}`, DESK)).status).toBe(404);
  expect(setupLog.some((l) => l.includes(`${id} set aside`))).toBe(true);
  // Attachments, or any other special field, are refused at the door.
  const other = `intake-${randomUUID()}`;
  const attached = { ...intakeDoc(other), _attachments: { 'x.html': { content_type: 'text/html', data: Buffer.from('<h1>x</h1>').toString('base64') } } };
  expect((await call('PUT', `/db/${KIOSK.db}/${other}`, KIOSK, attached)).status).toBe(400);
  expect((await call('PUT', `/db/${KIOSK.db}/${other}`, KIOSK, 'not json')).status).toBe(400);
});

test("a kiosk's account reaches its own inbox only: not the shop's database, not another kiosk's", async () => {
  const other = await pair('kiosk');
  const theirs = await fileThroughTheDoor(other);
  for (const db of ['lobby', other.db]) {
    for (const [method, path] of [['GET', `/${db}`], ['GET', `/${db}/${theirs}`], ['GET', `/${db}/_changes?since=0`]]) {
      // Through the door,
      const door = await call(method, `/db${path}`, KIOSK);
      expect(door.status, `door ${method} ${path}: ${door.text}`).toBe(403);
      // and at the database itself, by its own _security.
      const direct = await call(method, path, KIOSK, undefined, shop.database.url);
      expect([401, 403], `database ${method} ${path}: ${direct.status} ${direct.text}`).toContain(direct.status);
    }
  }
  expect((await call('PUT', `/db/lobby/intake-${randomUUID()}`, KIOSK, intakeDoc('x'))).status).toBe(403);
  // A desk does not file into a kiosk's inbox.
  expect((await call('GET', `/db/${KIOSK.db}`, DESK)).status).toBe(403);
});

test('the desk lists the paired devices with when each was last seen, and unpairs one at once', async () => {
  const kiosk = await pair('kiosk');
  const id = await fileThroughTheDoor(kiosk);
  const listed = await call('GET', '/api/devices', DESK);
  expect(listed.status).toBe(200);
  const labels = listed.body.devices.map((d: { label: string }) => d.label);
  expect(labels).toEqual(expect.arrayContaining(['kiosk A', 'kiosk B', `kiosk ${kiosk.letter}`, 'desk 1']));
  // Kiosks first by letter, then desks by number.
  expect(labels.indexOf('kiosk A')).toBeLessThan(labels.indexOf('kiosk B'));
  expect(labels.indexOf(`kiosk ${kiosk.letter}`)).toBeLessThan(labels.indexOf('desk 1'));
  const entry = listed.body.devices.find((d: { account: string }) => d.account === kiosk.name);
  expect(entry.last_seen_ms).toBeGreaterThan(Date.now() - 60_000);
  expect(JSON.stringify(listed.body)).not.toContain(kiosk.password);

  expect((await call('DELETE', `/api/devices/${kiosk.name}`, KIOSK)).status).toBe(403);
  expect((await call('DELETE', `/api/devices/${kiosk.name}`, DESK)).status).toBe(200);
  // Revoked at once: the door forgets it, and the database has no such account.
  expect((await call('GET', `/db/${kiosk.db}`, kiosk)).status).toBe(401);
  expect((await call('GET', `/${kiosk.db}`, kiosk, undefined, shop.database.url)).status).toBe(401);
  expect((await call('GET', '/api/devices', DESK)).body.devices.map((d: { account: string }) => d.account)).not.toContain(kiosk.name);
  // What it filed before is kept.
  await reachesTheDesk(id);
  expect((await call('DELETE', `/api/devices/${kiosk.name}`, DESK)).status).toBe(404);
  // A kiosk may unpair itself, behind the desk's PIN typed on the tablet, which
  // the server checks (the tablet holds no hash of it) and counts.
  const self = await pair('kiosk');
  expect((await call('DELETE', `/api/devices/${self.name}`, self)).status).toBe(400);
  expect((await call('DELETE', `/api/devices/${self.name}`, self, { pin: '1357' })).body.error).toBe('wrong_pin');
  expect((await call('GET', `/db/${self.db}`, self)).status).toBe(200);
  for (let n = 0; n < 4; n++) expect((await call('DELETE', `/api/devices/${self.name}`, self, { pin: '0000' })).status).toBe(403);
  // Five wrong in a row: it waits, the right PIN too.
  const waiting = await call('DELETE', `/api/devices/${self.name}`, self, { pin: DESK_PIN });
  expect(waiting.status).toBe(429);
  expect(waiting.body.wait_s).toBeGreaterThan(0);
  // Tries sent together are counted each, one at a time: never more than the
  // free ones are worked out before the account waits.
  const rushed = await pair('kiosk');
  const together = await Promise.all(
    Array.from({ length: 20 }, (_, n) => call('DELETE', `/api/devices/${rushed.name}`, rushed, { pin: String(1000 + n) })),
  );
  const statuses = together.map((r) => r.status);
  expect(statuses.filter((s) => s === 403).length).toBeGreaterThanOrEqual(1);
  expect(statuses.filter((s) => s === 403).length).toBeLessThanOrEqual(5);
  expect(statuses.filter((s) => s === 403 || s === 429).length).toBe(20);
  expect((await call('DELETE', `/api/devices/${rushed.name}`, DESK)).status).toBe(200);
  const other = await pair('kiosk');
  expect((await call('DELETE', `/api/devices/${other.name}`, other, { pin: DESK_PIN })).status).toBe(200);
  expect((await call('GET', `/db/${other.db}`, other)).status).toBe(401);
  expect((await call('DELETE', `/api/devices/${self.name}`, DESK)).status).toBe(200);
});

test('no credentials, a wrong password: refused with 401', async () => {
  expect((await call('GET', '/db/lobby')).status).toBe(401);
  expect((await call('GET', `/db/${KIOSK.db}`, { name: KIOSK.name, password: 'wrong' })).status).toBe(401);
  expect((await call('GET', '/db/lobby', DESK)).status).toBe(200);
  expect((await call('GET', `/db/${KIOSK.db}`, KIOSK)).status).toBe(200);
});

test("the database's own administration is never passed on, to a kiosk or to a desk", async () => {
  const own = `org.couchdb.user:${KIOSK.name}`;
  const attacks = (db: string): [string, string, unknown?][] => [
    // A kiosk giving itself the desk role: pouchdb-server would take it.
    ['PUT', `/db/_users/${encodeURIComponent(own)}`, { _id: own, name: KIOSK.name, type: 'user', roles: ['desk'], password: 'x' }],
    ['GET', '/db/_users/_all_docs'],
    ['GET', '/db/lobby-devices/_all_docs'],
    // Rewriting the rules through _index: pouchdb-server would take that too.
    ['POST', `/db/${db}/_index`, { index: { fields: ['type'] }, ddoc: 'lobby', name: 'x' }],
    ['PUT', `/db/${db}/_design/lobby`, { validate_doc_update: 'function () {}' }],
    ['DELETE', `/db/${db}/_design/lobby`],
    ['GET', `/db/${db}/_security`],
    ['PUT', `/db/${db}/_security`, { members: { names: [], roles: [] } }],
    ['GET', '/db/_all_dbs'],
    ['GET', '/db/_config'],
    ['GET', '/db/_node/_local/_config'],
    ['PUT', '/db/other', {}],
    ['DELETE', `/db/${db}`],
    ['POST', `/db/${db}/_bulk_docs`, { docs: [], new_edits: false }],
    ['GET', `/db/${db}/_all_docs?include_docs=true`],
    ['PUT', `/db/${db}/some-intake/page.html`, '<h1>hi</h1>'],
    ['PUT', `/db/${db}/_local/x`, {}],
    ['PUT', `/db/${db}/intake-${randomUUID()}?new_edits=false`, { type: 'intake' }],
  ];
  for (const who of [KIOSK, DESK]) {
    for (const [method, path, body] of attacks(who.db)) {
      const res = await call(method, path, who, body);
      expect(res.status, `${who.name} ${method} ${path}: ${res.text}`).toBe(403);
      expect(res.body.error).toBe('forbidden');
    }
  }
  // Still a kiosk: the attempt changed nothing.
  const account = await call('GET', `/_users/${encodeURIComponent(own)}`, shop.database.admin, undefined, shop.database.url);
  expect(account.body.roles).toEqual(['kiosk', `letter:${KIOSK.letter}`]);
  // A kiosk does not read the changes of its inbox through the door.
  expect((await call('GET', `/db/${KIOSK.db}/_changes?since=0`, KIOSK)).status).toBe(403);
});

test('a body larger than a check-in can be is refused with 413', async () => {
  const id = `intake-${randomUUID()}`;
  const big = { ...intakeDoc(id), filler: 'x'.repeat(70 * 1024) };
  const res = await call('PUT', `/db/${KIOSK.db}/${id}`, KIOSK, big);
  expect(res.status).toBe(413);
  expect((await call('GET', `/db/${KIOSK.db}/${id}`, KIOSK)).status).toBe(404);
});

test('the database killed outright is started again, and nothing filed is lost', async () => {
  const id = await fileThroughTheDoor();
  await reachesTheDesk(id);
  const before = shop.database.pid;
  process.kill(before, 'SIGKILL');
  await expect
    .poll(async () => (await call('GET', `/db/lobby/${id}`, DESK)).status, { timeout: 30_000 })
    .toBe(200);
  expect(shop.database.pid).not.toBe(before);
  // The mover carries on once the database is back.
  await reachesTheDesk(await fileThroughTheDoor(), 30_000);
});

test('stopped and started again on the same data folder: everything is there, and the setup finds it done', async () => {
  const id = await fileThroughTheDoor();
  await shop.close();
  setupLog.length = 0;
  await start();
  expect(setupLog).toContain('setup: database lobby: present');
  expect(setupLog.some((l) => l.includes('_design/lobby: up to date'))).toBe(true);
  // The paired devices still are, and what was filed just before the stop arrives.
  const doc = await reachesTheDesk(id);
  expect(doc.intake.id).toBe(id);
  expect((await call('GET', `/db/${KIOSK.db}`, KIOSK)).status).toBe(200);
  const kept = JSON.parse(readFileSync(join(data, 'shop.json'), 'utf8'));
  expect(kept.owner_token).toBe(shop.ownerToken);
});

test('a tablet opens its pairing link: it says which kiosk it is, forgets the link, and its check-ins reach a paired desk', async ({ browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  const open = () => newDevice(browser, errors);
  const tablet = await open();
  const counter = await open();
  try {
    const kioskLink = (await pairingFor('kiosk')).body;
    await tablet.page.goto(kioskLink.link);
    const heading = tablet.page.getByRole('heading', { level: 1 });
    await expect(heading).toHaveText(`This tablet is now kiosk ${kioskLink.letter} of Northside Auto Care`);
    // The secret is gone from the address bar and from this history entry.
    expect(tablet.page.url()).toBe(`${shop.url}/`);
    expect(await tablet.page.evaluate(() => location.hash)).toBe('');
    const kept = JSON.parse((await tablet.page.evaluate(() => localStorage.getItem('lobby.paired.kiosk'))) ?? '{}');
    // Kept as a sync section, with the database's path on this server (not its address, which may change).
    expect(kept).toMatchObject({ role: 'kiosk', letter: kioskLink.letter, url: `/db/lobby-kiosk-${kioskLink.letter.toLowerCase()}` });
    kept.db = kept.url.slice('/db/'.length);
    await expectNoAxeViolations(tablet.page, 'the pairing screen');
    await tablet.page.getByRole('button', { name: 'Start the check-in screen' }).click();
    const kiosk = new Kiosk(tablet.page);
    await kiosk.expectScreen(T.welcome);

    // The same link a second time, on another device: refused, in words.
    const late = await open();
    await late.page.goto(kioskLink.link);
    await expect(late.page.getByRole('heading', { level: 1 })).toHaveText('This device is not paired');
    await expect(late.page.getByRole('status')).toHaveText('This pairing link has been used or has expired. Ask for a new one at the desk.');
    // It carries on as it was: an unpaired kiosk, on its own.
    await late.page.getByRole('button', { name: 'Start the check-in screen' }).click();
    await new Kiosk(late.page).expectScreen(T.welcome);
    expect(await late.page.evaluate(() => localStorage.getItem('lobby.paired.kiosk'))).toBeNull();
    // An unpaired desk has no PIN to check against, and says how to pair it.
    await late.page.goto(`${shop.url}/desk`);
    await expect(late.page.getByTestId('no-pin')).toContainText('make pair ROLE=desk');
    await late.context.close();

    const deskLink = (await pairingFor('desk', undefined, DESK)).body;
    await counter.page.goto(deskLink.link);
    await expect(counter.page.getByRole('heading', { level: 1 })).toHaveText(`This computer is now desk ${deskLink.number} of Northside Auto Care`);
    expect(counter.page.url()).toBe(`${shop.url}/desk`);
    await counter.page.getByRole('button', { name: 'Open the desk' }).click();
    const desk = new Desk(counter.page);
    await expect(counter.page.getByLabel('Desk PIN')).toBeVisible();
    // With the PIN's hash from the shop's server (kiosk.json came without it), kept for when it is away.
    await desk.unlock(DESK_PIN);
    expect(await counter.page.evaluate(() => localStorage.getItem('lobby.desk.pin_hash'))).toMatch(/^\$pbkdf2-sha256\$i=600000,/);
    await expect(counter.page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });

    await kiosk.talkToSomeone();
    const ticket = (await kiosk.ticket.textContent()) ?? '';
    expect(ticket).toBe(`${kioskLink.letter}-1`);
    // On the desk within 3 s, as the issue asks (about a quarter of a second here alone).
    await expect(desk.row(ticket)).toBeVisible({ timeout: 3_000 });

    // The desk's Devices: who is paired and when last seen; a new link with its QR code; unpairing.
    await openDevices(counter.page);
    const devices = counter.page.getByTestId('devices');
    const tabletRow = devices.locator(`li[data-account="${kept.user}"]`);
    await expect(tabletRow).toContainText(`Kiosk ${kioskLink.letter}`);
    await expect(tabletRow).toContainText('Last seen');
    await expect(devices).toContainText(`Desk ${deskLink.number} (this desk)`);
    await devices.getByRole('button', { name: 'Add a kiosk' }).click();
    const shown = counter.page.getByTestId('pairing-link');
    await expect(shown.getByRole('img', { name: /^QR code of the pairing link for Kiosk [A-Z]$/ })).toBeVisible();
    await expect(shown.getByRole('heading', { level: 3 })).toBeFocused();
    const link = (await shown.locator('code').textContent()) ?? '';
    expect(link).toMatch(new RegExp(`^${shop.url}/#pair=[A-Za-z0-9_-]{24}$`));
    await expectNoAxeViolations(counter.page, "the desk's devices with a pairing link");
    // The link the desk made works (once).
    expect((await call('POST', '/api/pair', undefined, { code: link.split('#pair=')[1] })).status).toBe(200);
    await shown.getByRole('button', { name: 'Done' }).click();
    await expect(shown).toHaveCount(0);
    await expect(devices.getByRole('button', { name: 'Add a kiosk' })).toBeFocused();
    // A link made and not used is listed, and cancelled from the desk: it no longer works.
    await devices.getByRole('button', { name: 'Add a desk' }).click();
    const deskLinkShown = (await shown.locator('code').textContent()) ?? '';
    const forWhom = ((await shown.getByRole('heading', { level: 3 }).textContent()) ?? '').replace('Pairing link for ', '');
    expect(forWhom).toMatch(/^Desk \d+$/);
    const cancel = counter.page.getByTestId('links-waiting').getByRole('button', { name: `Cancel the link for ${forWhom}`, exact: true });
    await cancel.click();
    await expect(cancel).toHaveCount(0);
    await expect(shown).toHaveCount(0);
    expect((await call('POST', '/api/pair', undefined, { code: deskLinkShown.split('#pair=')[1] })).status).toBe(404);
    await tabletRow.getByRole('button', { name: `Unpair Kiosk ${kioskLink.letter}` }).click();
    const dialog = counter.page.getByRole('alertdialog');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: `Unpair Kiosk ${kioskLink.letter}` }).click();
    await expect(tabletRow).toHaveCount(0);
    // Revoked at once.
    expect((await call('GET', `/db/${kept.db}`, { name: kept.user, password: kept.password })).status).toBe(401);
    // The tablet, unpaired, still checks customers in. Its next request is refused,
    // and from then on each customer is told to show their number at the desk.
    const notSent = tablet.page.getByText('Please show this number at the desk: this screen cannot reach the desk just now.');
    await expect
      .poll(
        async () => {
          await kiosk.finish();
          await kiosk.talkToSomeone();
          return notSent.isVisible();
        },
        { timeout: 20_000, message: 'a customer is told to show their number' },
      )
      .toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await tablet.context.close();
    await counter.context.close();
  }
});

test("a kiosk's numbers of the day follow on from the shop's database: after its storage is wiped, and on a new tablet paired with its letter", async ({ browser }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  const open = () => newDevice(browser, errors);
  /** A tablet paired as kiosk T, on its Welcome once it has asked the server for its day's tickets. */
  const tabletT = async () => {
    const tablet = await open();
    const link = (await pairingFor('kiosk', 'T')).body;
    await tablet.page.goto(link.link);
    const asked = tablet.page.waitForResponse((r) => r.url().includes('/api/tickets?day=') && r.status() === 200);
    await tablet.page.getByRole('button', { name: 'Start the check-in screen' }).click();
    await asked;
    return { ...tablet, kiosk: new Kiosk(tablet.page) };
  };
  const checkIn = async (kiosk: Kiosk) => {
    await kiosk.talkToSomeone();
    const ticket = await kiosk.ticket.textContent();
    await kiosk.finish();
    return ticket;
  };
  const first = await tabletT();
  expect([await checkIn(first.kiosk), await checkIn(first.kiosk)]).toEqual(['T-1', 'T-2']);
  const kept = JSON.parse((await first.page.evaluate(() => localStorage.getItem('lobby.paired.kiosk'))) ?? '{}');
  const account = { name: kept.user, password: kept.password };
  const day = await first.page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  // What the server answers: the highest of the kiosk's own letter, that day.
  await expect.poll(async () => (await call('GET', `/api/tickets?day=${day}`, account)).body).toEqual({ day, letter: 'T', highest: 2 });
  expect((await call('GET', '/api/tickets?day=2020-01-01', account)).body.highest).toBe(0);
  expect((await call('GET', '/api/tickets?day=today', account)).status).toBe(400);
  expect((await call('GET', `/api/tickets?day=${day}`, DESK)).status).toBe(403);
  expect((await call('GET', `/api/tickets?day=${day}`)).status).toBe(401);
  expect((await call('POST', `/api/tickets?day=${day}`, account, {})).status).toBe(405);

  // Its storage wiped but for its pairing: it asks as it starts, and goes on from T-2.
  await first.page.evaluate(() => {
    const pairing = localStorage.getItem('lobby.paired.kiosk')!;
    localStorage.clear();
    localStorage.setItem('lobby.paired.kiosk', pairing);
  });
  const asked = first.page.waitForResponse((r) => r.url().includes('/api/tickets?day=') && r.status() === 200);
  await first.page.goto(`${shop.url}/`);
  await asked;
  await first.kiosk.expectScreen(T.welcome);
  expect(await checkIn(first.kiosk)).toBe('T-3');

  // The tablet replaced, once what it filed has gone (what a tablet never sent
  // is in no database): unpaired, and a new one paired with its letter.
  await expect.poll(async () => (await call('GET', `/api/tickets?day=${day}`, account)).body?.highest).toBe(3);
  expect((await call('DELETE', `/api/devices/${encodeURIComponent(kept.user)}`, OWNER)).status).toBe(200);
  await first.context.close();
  const second = await tabletT();
  expect(await checkIn(second.kiosk)).toBe('T-4');
  await second.context.close();
  expect(errors).toEqual([]);
});

test('over https (TLS_CERT, TLS_KEY) make pair prints an https link and the page is a secure context; over plain http the desk says what is off', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const dir = join(data, 'tls');
  mkdirSync(dir, { recursive: true });
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'pipe' });
  const shopData = join(dir, 'data');
  const secure = await startShop({ dist: process.env.E2E_DIST, port: 8094, data: shopData, env: { TLS_CERT: cert, TLS_KEY: key } });
  try {
    expect(secure.url).toBe('https://127.0.0.1:8094');
    // make pair, as the owner runs it on the shop's computer (not blocking this
    // process, which is the shop's server too).
    const { stdout: out } = await promisify(execFile)('make', ['-s', '--no-print-directory', 'pair', 'ROLE=desk', `DATA=${shopData}`, 'SETUP_DONE=1'], {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
    });
    const link = out.match(/https:\/\/127\.0\.0\.1:8094\/desk#pair=[A-Za-z0-9_-]{24}/)?.[0];
    expect(link, out).toBeTruthy();
    expect(out).toContain('Pairing desk 1.');
    expect(out).toContain('listens on 127.0.0.1 only');
    expect(readFileSync(join(shopData, 'pair-desk-1.png')).subarray(1, 4).toString()).toBe('PNG');
    const context = await browser.newContext({ ignoreHTTPSErrors: true, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(link!);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('This computer is now desk 1 of Northside Auto Care');
      expect(await page.evaluate(() => isSecureContext)).toBe(true);
      await page.getByRole('button', { name: 'Open the desk' }).click();
      await new Desk(page).unlock(DESK_PIN);
      await expect(page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });
      await expect(page.getByTestId('plain-http')).toHaveCount(0);
    } finally {
      await context.close();
    }
  } finally {
    await secure.close();
  }

  // Plain http at a name other than this computer's loopback, as a tablet reaches the server.
  const launch = testInfo.project.use.launchOptions ?? {};
  const other = await chromium.launch({ ...launch, args: [...(launch.args ?? []), '--host-resolver-rules=MAP shop.test 127.0.0.1'] });
  try {
    const page = await (await other.newContext({ serviceWorkers: 'block' })).newPage();
    const made = (await pairingFor('desk')).body;
    await page.goto(made.link.replace('127.0.0.1', 'shop.test'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`This computer is now desk ${made.number} of Northside Auto Care`);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    await page.getByRole('button', { name: 'Open the desk' }).click();
    // No WebCrypto here: the PIN's 600,000 iterations run in the desk's own wasm.
    expect(await page.evaluate(() => typeof crypto.subtle)).toBe('undefined');
    const unlocking = Date.now();
    await new Desk(page).unlock(DESK_PIN);
    const took = `unlocked on plain http in ${Date.now() - unlocking} ms (PBKDF2 in wasm)`;
    console.log(took);
    testInfo.annotations.push({ type: 'figure', description: took });
    await expect(page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });
    await expect(page.getByTestId('plain-http')).toContainText('plain http, not https');

    // The desk unpairs itself: it forgets its account and the PIN's hash, and says how to pair it again.
    const own = JSON.parse((await page.evaluate(() => localStorage.getItem('lobby.paired.desk'))) ?? '{}');
    await openDevices(page);
    const row = page.getByTestId('devices').locator(`li[data-account="${own.user}"]`);
    await expect(row).toContainText(`Desk ${made.number} (this desk)`);
    await row.getByRole('button', { name: `Unpair Desk ${made.number} (this desk)` }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('forgets its sign-in');
    await dialog.getByRole('button', { name: /^Unpair / }).click();
    await expect(page.getByTestId('no-pin')).toContainText('make pair ROLE=desk');
    expect(await page.evaluate(() => [localStorage.getItem('lobby.paired.desk'), localStorage.getItem('lobby.desk.pin_hash')])).toEqual([null, null]);
    expect((await call('GET', '/db/lobby', { name: own.user, password: own.password })).status).toBe(401);
  } finally {
    await other.close();
  }
});

test('with COUCH_URL and COUCH_ADMIN it uses that CouchDB instead, behind the same door', async () => {
  const { startCouch, ADMIN, DESK_1 } = await import('../couch.mjs');
  const couch = await startCouch({ port: 5998 });
  const log: string[] = [];
  let external;
  try {
    external = await startShop({
      dist: process.env.E2E_DIST,
      port: 8099,
      data: join(data, 'external'),
      env: { COUCH_URL: couch.url, COUCH_ADMIN: `${ADMIN.name}:${ADMIN.password}` },
      log: (l: string) => log.push(l),
    });
    expect(log).toContain('setup: database lobby: present');
    expect(external.database.pid).toBeUndefined();
    // A kiosk paired with this server files into its inbox on that CouchDB; a desk reads it from lobby.
    const made = await call('POST', '/api/pairings', undefined, { role: 'kiosk' }, external.url);
    expect(made.status).toBe(401);
    const link = await fetch(`${external.url}/api/pairings`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${external.ownerToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'kiosk' }),
    });
    const { code } = await link.json();
    const kiosk = (await call('POST', '/api/pair', undefined, { code }, external.url)).body;
    const id = `intake-${randomUUID()}`;
    const filed = await call('PUT', `/db/${kiosk.db}/${id}`, { name: kiosk.user, password: kiosk.password }, intakeDoc(id), external.url);
    expect(filed.status, filed.text).toBe(201);
    await expect
      .poll(async () => (await call('GET', `/db/lobby/${id}`, DESK_1, undefined, external.url)).status, { timeout: 10_000 })
      .toBe(200);
    expect((await call('GET', '/db/_users/_all_docs', DESK_1, undefined, external.url)).status).toBe(403);
  } finally {
    await external?.close();
    await couch.stop();
  }
});
