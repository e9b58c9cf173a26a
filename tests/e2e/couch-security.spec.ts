import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';

// The sync database's rules, checked against a real server (pouchdb-server, set
// up by scripts/couch-setup.mjs as a production CouchDB is): a kiosk may only
// file new intakes; the desk may update them; nobody but an admin may change
// the rules themselves; strangers and wrong passwords get nothing; the app's
// origin may send credentials; a revoked account is locked out at once.
// No browser: these are the server's answers to the requests the app makes.

type Account = { name: string; password: string };
type Answer = { status: number; body: any; headers: Headers };

const PORT = 5996; // 5995 is tests/couch.mjs's default, for the sync specs

// From tests/couch.mjs and scripts/couch-setup.mjs, loaded in beforeAll: a spec's
// static imports are compiled to CommonJS, which an .mjs file cannot be, so
// they are imported dynamically and load as the ES modules they are.
let startCouch, basicAuth, ADMIN, APP_ORIGIN, DB, DESK_1, KIOSK_A, KIOSK_B;
let setup, ensureUser, client;
let couch: { url: string; stop(): Promise<void> };

test.beforeAll(async () => {
  ({ startCouch, basicAuth, ADMIN, APP_ORIGIN, DB, DESK_1, KIOSK_A, KIOSK_B } = await import('../couch.mjs'));
  ({ setup, ensureUser, client } = await import('../../scripts/couch-setup.mjs'));
  couch = await startCouch({ port: PORT });
});

// Runs after failures too; stop() is safe if beforeAll never got a server.
test.afterAll(async () => {
  await couch?.stop();
});

async function call(method: string, path: string, as?: Account, body?: unknown): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (as) headers.Authorization = basicAuth(as);
  const res = await fetch(`${couch.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

/** An intake document as the app writes it: the id is the intake's own. */
function intakeDoc(id: string, answers: Record<string, unknown> = {}) {
  return { _id: id, type: 'intake', schema: 2, intake: { id, ticket: 'A-1', reason: 'oil', ...answers } };
}

/** A fresh id, and the intake filed under it by kiosk A. */
async function filedByKiosk(): Promise<{ id: string; rev: string }> {
  const id = `intake-${randomUUID()}`;
  const res = await call('PUT', `/${DB}/${id}`, KIOSK_A, intakeDoc(id));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id, rev: res.body.rev };
}

test('a kiosk files an intake, and the desk can read it', async () => {
  const { id, rev } = await filedByKiosk();
  expect(rev).toMatch(/^1-/);
  const read = await call('GET', `/${DB}/${id}`, DESK_1);
  expect(read.status).toBe(200);
  expect(read.body.intake).toMatchObject({ id, ticket: 'A-1' });

  // Feedback documents are the kiosk's other kind.
  const feedbackId = `feedback-${randomUUID()}`;
  const feedback = await call('PUT', `/${DB}/${feedbackId}`, KIOSK_A, { type: 'feedback', schema: 1, feedback: { id: feedbackId } });
  expect(feedback.status).toBe(201);
});

test('a document\'s id and type never disagree, and every record carries its schema', async () => {
  const wrongIntake = `feedback-${randomUUID()}`;
  const asIntake = await call('PUT', `/${DB}/${wrongIntake}`, KIOSK_A, intakeDoc(wrongIntake));
  expect([asIntake.status, asIntake.body.reason]).toEqual([403, 'Feedback ids, and only they, start with "feedback-".']);
  const wrongFeedback = `intake-${randomUUID()}`;
  const asFeedback = await call('PUT', `/${DB}/${wrongFeedback}`, KIOSK_A, { type: 'feedback', schema: 1, feedback: { id: wrongFeedback } });
  expect(asFeedback.status).toBe(403);
  const bare = `feedback-${randomUUID()}`;
  for (const body of [
    { type: 'feedback', schema: 1 },
    { type: 'feedback', feedback: { id: bare } },
    { type: 'feedback', schema: 1, feedback: { id: `feedback-${randomUUID()}` } },
  ]) {
    const res = await call('PUT', `/${DB}/${bare}`, KIOSK_A, body);
    expect(res.status, JSON.stringify(body)).toBe(403);
  }
  // A desk is held to the same.
  const deskWrong = `feedback-${randomUUID()}`;
  expect((await call('PUT', `/${DB}/${deskWrong}`, DESK_1, intakeDoc(deskWrong))).status).toBe(403);
});

test('a kiosk cannot change, delete or overwrite an intake, nor write another type', async () => {
  const { id, rev } = await filedByKiosk();

  const update = await call('PUT', `/${DB}/${id}`, KIOSK_A, { ...intakeDoc(id, { reason: 'changed' }), _rev: rev });
  expect(update.status).toBe(403);
  expect(update.body.error).toBe('forbidden');

  // Another kiosk is no different.
  expect((await call('PUT', `/${DB}/${id}`, KIOSK_B, { ...intakeDoc(id), _rev: rev })).status).toBe(403);

  const remove = await call('DELETE', `/${DB}/${id}?rev=${rev}`, KIOSK_A);
  expect(remove.status).toBe(403);
  expect(remove.body.error).toBe('forbidden');

  // Through _bulk_docs as well: the refusal is per document.
  const bulk = await call('POST', `/${DB}/_bulk_docs`, KIOSK_A, { docs: [{ _id: id, _rev: rev, _deleted: true }] });
  expect(bulk.body[0].error).toBe('forbidden');

  // Nor through replication (new_edits=false): a forged revision of the intake
  // would turn up at the desk as a conflict to merge; a revision of a new id is
  // refused the same way.
  const forged = await call('POST', `/${DB}/_bulk_docs`, KIOSK_A, {
    new_edits: false,
    docs: [
      { ...intakeDoc(id, { reason: 'forged' }), _rev: '1-0123456789abcdef0123456789abcdef' },
      { ...intakeDoc(`intake-${randomUUID()}`), _rev: '1-0123456789abcdef0123456789abcdef' },
    ],
  });
  expect(forged.body.map((r: { error?: string }) => r.error)).toEqual(['forbidden', 'forbidden']);
  expect((await call('GET', `/${DB}/${id}?conflicts=true`, DESK_1)).body._conflicts).toBeUndefined();

  const otherId = `note-${randomUUID()}`;
  const other = await call('PUT', `/${DB}/${otherId}`, KIOSK_A, { type: 'note', text: 'hello' });
  expect(other.status).toBe(403);
  expect(other.body.reason).toContain('intake');

  // The id and the intake inside must agree, or the desk would file it twice.
  const strayId = `intake-${randomUUID()}`;
  const stray = intakeDoc(strayId);
  const mismatched = await call('PUT', `/${DB}/${strayId}`, KIOSK_A, { ...stray, intake: { ...stray.intake, id: 'someone-else' } });
  expect(mismatched.status).toBe(403);

  const after = await call('GET', `/${DB}/${id}`, DESK_1);
  expect(after.body._rev).toBe(rev);
  expect(after.body.intake.reason).toBe('oil');
});

test('a kiosk retrying a create it already made leaves one document with one revision', async () => {
  const { id, rev } = await filedByKiosk();
  // What a kiosk does when the answer to its first PUT was lost: send it again.
  const retry = await call('PUT', `/${DB}/${id}`, KIOSK_A, intakeDoc(id));
  // CouchDB answers 409 (conflict); pouchdb-server's validation answers first, 403.
  expect([403, 409]).toContain(retry.status);

  const read = await call('GET', `/${DB}/${id}?revs=true&conflicts=true`, DESK_1);
  expect(read.body._rev).toBe(rev);
  expect(read.body._revisions.ids).toHaveLength(1);
  expect(read.body._conflicts).toBeUndefined();
  const all = await call('GET', `/${DB}/_all_docs?key=${encodeURIComponent(JSON.stringify(id))}`, DESK_1);
  expect(all.body.rows).toHaveLength(1);
});

test('the desk updates an intake, and may delete one, but not write other types', async () => {
  const { id, rev } = await filedByKiosk();
  const served = await call('PUT', `/${DB}/${id}`, DESK_1, { ...intakeDoc(id, { status: 'serving' }), _rev: rev });
  expect(served.status, JSON.stringify(served.body)).toBe(201);
  expect(served.body.rev).toMatch(/^2-/);
  expect((await call('GET', `/${DB}/${id}`, DESK_1)).body.intake.status).toBe('serving');

  // How the desk ends a conflict: it deletes the revision that lost.
  const removed = await call('DELETE', `/${DB}/${id}?rev=${served.body.rev}`, DESK_1);
  expect(removed.status).toBe(200);

  const other = await call('PUT', `/${DB}/note-${randomUUID()}`, DESK_1, { type: 'note' });
  expect(other.status).toBe(403);
});

test('the desk cannot write design documents, so it cannot change the rules', async () => {
  // Refused before validation runs: CouchDB answers 403, pouchdb-server 401.
  const created = await call('PUT', `/${DB}/_design/desk`, DESK_1, { validate_doc_update: 'function () {}' });
  expect([401, 403]).toContain(created.status);

  const rules = await call('GET', `/${DB}/_design/lobby`, DESK_1);
  expect(rules.status).toBe(200);
  const replaced = await call('PUT', `/${DB}/_design/lobby`, DESK_1, { ...rules.body, validate_doc_update: 'function () {}' });
  expect([401, 403]).toContain(replaced.status);
  const removed = await call('DELETE', `/${DB}/_design/lobby?rev=${rules.body._rev}`, DESK_1);
  expect([401, 403]).toContain(removed.status);

  expect((await call('GET', `/${DB}/_design/lobby`, ADMIN)).body._rev).toBe(rules.body._rev);
  expect((await call('GET', `/${DB}/_design/desk`, ADMIN)).status).toBe(404);
});

test('a wrong password or no credentials get nothing', async () => {
  const wrong = { name: KIOSK_A.name, password: `${KIOSK_A.password}-wrong` };
  expect((await call('GET', `/${DB}`, wrong)).status).toBe(401);
  const id = `intake-${randomUUID()}`;
  expect((await call('PUT', `/${DB}/${id}`, wrong, intakeDoc(id))).status).toBe(401);

  // Anonymous: reading the database or a document, or writing one. (Never an
  // anonymous PUT or DELETE of the database itself: that crashes pouchdb-server.)
  expect((await call('GET', `/${DB}`)).status).toBe(401);
  expect((await call('GET', `/${DB}/_all_docs`)).status).toBe(401);
  expect((await call('PUT', `/${DB}/${id}`, undefined, intakeDoc(id))).status).toBe(401);
  expect((await call('GET', `/${DB}/${id}`, DESK_1)).status).toBe(404);
});

test('an account without the kiosk or desk role is refused', async () => {
  const visitor = { name: 'visitor', password: 'visitor-test' };
  await ensureUser(client(couch.url, ADMIN), { ...visitor, roles: [] }, () => {});
  // CouchDB answers 403 to an account that is not a member, pouchdb-server 401.
  expect([401, 403]).toContain((await call('GET', `/${DB}`, visitor)).status);
  expect([401, 403]).toContain(await filedByAccount(visitor));
});

test("the app's origin may send credentials across origins; another origin may not", async () => {
  const preflight = (origin: string) =>
    fetch(`${couch.url}/${DB}/intake-1`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, content-type',
      },
    });

  const ours = await preflight(APP_ORIGIN);
  expect(ours.status).toBeLessThan(300);
  expect(ours.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
  expect(ours.headers.get('access-control-allow-credentials')).toBe('true');
  const allowed = (ours.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
  expect(allowed).toEqual(expect.arrayContaining(['authorization', 'content-type']));
  expect((ours.headers.get('access-control-allow-methods') ?? '').toUpperCase()).toContain('PUT');

  // The actual request carries the header too, or the browser withholds the answer.
  const res = await fetch(`${couch.url}/${DB}`, { headers: { Origin: APP_ORIGIN, Authorization: basicAuth(DESK_1) } });
  expect(res.status).toBe(200);
  expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);

  const theirs = await preflight('http://kiosk.example.net');
  expect(theirs.headers.get('access-control-allow-origin')).toBeNull();
});

test('an account revoked with the setup script is refused from then on', async () => {
  // A tablet of its own, so the shared accounts stay as they are.
  const stolen = { name: 'kiosk-stolen', password: 'stolen-tablet-test' };
  await ensureUser(client(couch.url, ADMIN), { ...stolen, roles: ['kiosk'] }, () => {});
  const before = await filedByAccount(stolen);
  expect(before).toBe(201);

  const lines: string[] = [];
  await setup({ server: couch.url, admin: ADMIN, revoke: [stolen.name] }, (line: string) => lines.push(line));
  expect(lines).toEqual([`user ${stolen.name}: revoked (account deleted)`]);

  expect(await filedByAccount(stolen)).toBe(401);
  expect((await call('GET', `/${DB}`, stolen)).status).toBe(401);
  // The other kiosks carry on.
  expect(await filedByAccount(KIOSK_B)).toBe(201);
});

async function filedByAccount(account: Account): Promise<number> {
  const id = `intake-${randomUUID()}`;
  return (await call('PUT', `/${DB}/${id}`, account, intakeDoc(id))).status;
}
