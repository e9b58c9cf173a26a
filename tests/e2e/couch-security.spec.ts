import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';

// What each account may write, against real servers, and every attack of
// issue 18 refused with a reason a device can show:
//
// - straight at the database (pouchdb-server, set up by scripts/couch-setup.mjs
//   as a production CouchDB is, with the codes of the build's kiosk.json): the
//   rules of couchdb/validate_doc_update.js alone, as a device meets them when
//   it talks to CouchDB directly, and as they would be met were the door in
//   front of them to let something through;
// - through the shop's server (scripts/shop.mjs, as `make run` starts it): the
//   door, the rules of each kiosk's inbox, and the mover, which holds what a
//   kiosk filed to the rules before it copies it into the shop's database.
//
// And every legitimate path still passes: a kiosk filing the largest check-in
// it can, a desk moving it on, Undo, a desk merging a conflict.
// No browser: these are the servers' answers to the requests devices make.

type Account = { name: string; password: string };
type Device = Account & { db: string; letter?: string };
type Answer = { status: number; body: any; text: string };
type Doc = Record<string, any>;

const PORT = 5996; // 5995 is tests/couch.mjs's default, for the sync specs
const SHOP_PORT = 8096;
const HELP_ITEMS = ['shuttle', 'loaner', 'coffee', 'wifi', 'quiet_place', 'text_updates', 'call', 'essentials'];

// From tests/couch.mjs and the scripts, loaded in beforeAll: a spec's static
// imports are compiled to CommonJS, which an .mjs file cannot be, so they are
// imported dynamically and load as the ES modules they are.
let startCouch, basicAuth, ADMIN, APP_ORIGIN, DB, DESK_1, DESK_2, KIOSK_A, KIOSK_B;
let setup, ensureUser, ensureDatabase, setSecurity, putDesignDoc, client, codesOf;
let couch: { url: string; stop(): Promise<void> };
let shop: { url: string; ownerToken: string; database: { url: string; admin: Account }; close(): Promise<void> };
let shopData: string;
const shopLog: string[] = [];
let KIOSK: Device; // paired with the shop's server: roles kiosk and letter:A, inbox lobby-kiosk-a
let DESK: Device;
/** The codes of the build's kiosk.json, and a question of the business's own. */
let CODES: { reasons: string[]; questions: string[] };

test.beforeAll(async () => {
  test.setTimeout(90_000);
  ({ startCouch, basicAuth, ADMIN, APP_ORIGIN, DB, DESK_1, DESK_2, KIOSK_A, KIOSK_B } = await import('../couch.mjs'));
  ({ setup, ensureUser, ensureDatabase, setSecurity, putDesignDoc, client, codesOf } = await import('../../scripts/couch-setup.mjs'));
  const built = JSON.parse(readFileSync(join(process.env.E2E_DIST!, 'kiosk.json'), 'utf8'));
  CODES = { reasons: codesOf(built).reasons, questions: ['first_visit', 'plate', 'stylist'] };
  couch = await startCouch({ port: PORT, codes: CODES });
  const { startShop } = await import('../../scripts/shop.mjs');
  shopData = mkdtempSync(join(tmpdir(), 'lobby-security-'));
  shop = await startShop({ dist: process.env.E2E_DIST, port: SHOP_PORT, data: shopData, env: {}, log: (l: string) => shopLog.push(l) });
  KIOSK = await pair('kiosk');
  DESK = await pair('desk');
});

// Runs after failures too; each stop is safe if beforeAll never got that far.
test.afterAll(async () => {
  await shop?.close();
  await couch?.stop();
  if (shopData) rmSync(shopData, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Requests

async function call(method: string, path: string, as?: Account, body?: unknown, base = couch.url): Promise<Answer> {
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
  return { status: res.status, body: parsed, text };
}

/** Through the shop's server, as a paired device calls it. */
const door = (method: string, path: string, as: Account, body?: unknown) => call(method, `/db/${path}`, as, body, shop.url);
/** Straight into the shop's database, as its administrator (what the door never lets a device do). */
const asShopAdmin = (method: string, path: string, body?: unknown) => call(method, path, shop.database.admin, body, shop.database.url);

/** A device paired as a tablet or a desk is: a pairing link made by the owner, then redeemed. */
async function pair(role: string): Promise<Device> {
  const made = await fetch(`${shop.url}/api/pairings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${shop.ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  expect(made.status).toBe(201);
  const redeemed = await call('POST', '/api/pair', undefined, { code: (await made.json()).code }, shop.url);
  expect(redeemed.status, redeemed.text).toBe(200);
  const { user, password, ...rest } = redeemed.body;
  return { name: user, password, ...rest };
}

/**
 * A refusal a device can show as it is: the status, and a reason that is one
 * plain English sentence (a capital first, a full stop last, no markup or
 * code) saying `words`.
 */
function refused(answer: Answer | { error?: string; reason?: string }, words: string | RegExp, status = 403) {
  const body = 'status' in answer ? answer.body : answer;
  if ('status' in answer) expect(answer.status, answer.text).toBe(status);
  expect(body?.error, JSON.stringify(body)).toBe(status === 403 ? 'forbidden' : status === 413 ? 'too_large' : 'bad_request');
  const reason: string = body.reason;
  expect(reason).toMatch(/^[A-Z][^<>{}\n]{10,240}[.…]$/);
  if (typeof words === 'string') expect(reason).toContain(words);
  else expect(reason).toMatch(words);
}

// ---------------------------------------------------------------------------
// Documents as the app writes them (src/sync/doc.rs's to_doc of
// src/domain/intake.rs and feedback.rs)

const today = () => new Date().toISOString().slice(0, 10);
const hex = () => randomBytes(8).toString('hex');

/** A device's id, as a browser gives itself one. */
const newDevice = () => hex();

/** A check-in as a kiosk files it: waiting, every desk field empty. */
function checkIn(device: string, over: Doc = {}): Doc {
  const id = `${device}-${hex()}`;
  const intake = {
    id,
    device,
    created_ms: Date.now(),
    day: today(),
    ticket: 7,
    letter: 'A',
    name: 'Zoë',
    reason: 'service',
    recovery: false,
    wants_person: false,
    priority: 'time',
    deadline: { choice: 'within_hour', at_ms: Date.now() + 3_600_000 },
    estimate_first: null,
    limit: null,
    help: ['coffee', 'wifi'],
    detail: 'brief',
    note: 'A rattle at speed',
    status: 'waiting',
    done_help: [],
    status_ms: null,
    language: 'en',
    ...over,
  };
  return { _id: id, type: 'intake', schema: 2, intake };
}

/** Feedback as a kiosk sends it, once, whole: no follow-up. */
function feedbackFrom(device: string, over: Doc = {}): Doc {
  const id = `feedback-${device}-${hex()}`;
  const feedback = {
    id,
    device,
    created_ms: Date.now(),
    day: today(),
    ticket: 'A-7',
    intake_id: null,
    priority: 'time',
    expectations: 'below',
    respected: false,
    comment: 'Waited too long',
    language: 'en',
    follow_up: null,
    ...over,
  };
  return { _id: id, type: 'feedback', schema: 1, feedback };
}

/** `doc` with its record changed by `over` (and its revision, when given). */
function changed(doc: Doc, over: Doc, rev?: string): Doc {
  const key = doc.type as string;
  const next: Doc = { ...doc, [key]: { ...doc[key], ...over } };
  if (rev) next._rev = rev;
  return next;
}

/** Files `doc` straight at the database as `as`; its new revision. */
async function filed(doc: Doc, as: Account = KIOSK_A): Promise<string> {
  const res = await call('PUT', `/${DB}/${doc._id}`, as, doc);
  expect(res.status, res.text).toBe(201);
  return res.body.rev;
}

/** Waits until the shop's database has `id`, as a desk reads it through the door. */
async function reachesTheDesk(id: string): Promise<Doc> {
  await expect
    .poll(async () => (await door('GET', `lobby/${id}`, DESK)).status, { timeout: 10_000, message: `${id} is moved into the shop's database` })
    .toBe(200);
  return (await door('GET', `lobby/${id}`, DESK)).body;
}

// ---------------------------------------------------------------------------
// A kiosk's writes, straight at the database

test('the accounts: a kiosk has its ticket letter as a role; a desk has the desk role', async () => {
  for (const [account, roles] of [[KIOSK_A, ['kiosk', 'letter:A']], [KIOSK_B, ['kiosk', 'letter:B']], [DESK_1, ['desk']]] as const) {
    const who = await call('GET', '/_session', account);
    expect(who.body.userCtx).toMatchObject({ name: account.name, roles });
  }
});

test('a kiosk files a check-in and feedback as the app writes them, the largest a customer can make included, and the desk reads them', async () => {
  const device = newDevice();
  const plain = checkIn(device);
  await filed(plain);
  expect((await call('GET', `/${DB}/${plain._id}`, DESK_1)).body.intake).toMatchObject({ name: 'Zoë', status: 'waiting' });

  // Every field at the longest the app writes, in characters that take the
  // most room (a family emoji is one character a person sees and 11 code
  // units): 40 for the name, 280 for the note, three answers of 40, every help
  // item, a spending limit, a deadline. Then the desk's fields at theirs too.
  const family = '👨‍👩‍👧‍👦';
  const longest = (chars: number) => family.repeat(Math.floor((chars * 8) / family.length));
  const largest = checkIn(device, {
    name: longest(40),
    note: longest(280),
    help: HELP_ITEMS,
    limit: { amount: 1_000_000 },
    estimate_first: true,
    wants_person: true,
    recovery: true,
    reason: 'came_back',
    answers: CODES.questions.map((question) => ({ question, value: longest(40) })),
  });
  const rev = await filed(largest);
  const kioskSize = JSON.stringify(largest).length;
  // The desk's fields at their longest as well, and a revision of many generations.
  const served = changed(largest, { status: 'done', status_ms: Date.now(), served_ms: Date.now(), done_help: HELP_ITEMS, staff_note: longest(280), reopened: 999 }, rev);
  const deskRev = await call('PUT', `/${DB}/${largest._id}`, DESK_1, served);
  expect(deskRev.status, deskRev.text).toBe(201);
  const deskSize = JSON.stringify({ ...served, _rev: `999-${'0'.repeat(32)}` }).length;
  const figure = `the largest check-in a kiosk can file is ${kioskSize} characters of JSON, ${deskSize} with the desk's fields: the rules allow 16384`;
  console.log(figure);
  test.info().annotations.push({ type: 'figure', description: figure });
  expect(deskSize).toBeLessThan(16384 / 2);

  const feedback = feedbackFrom(device, { intake_id: plain._id, comment: longest(280), wants_talk: true });
  await filed(feedback);
  expect((await call('GET', `/${DB}/${feedback._id}`, DESK_1)).body.feedback.intake_id).toBe(plain._id);
});

test('a kiosk cannot file what only the desk writes: a check-in served or done, a time served, help ticked, a staff note', async () => {
  const device = newDevice();
  for (const [over, words] of [
    [{ status: 'done' }, 'A new check-in is waiting: only the desk moves it on.'],
    [{ status: 'serving' }, 'A new check-in is waiting: only the desk moves it on.'],
    [{ served_ms: Date.now() }, 'A new check-in leaves the time it was served to the desk.'],
    [{ status_ms: Date.now() }, 'A new check-in leaves the time of its status to the desk.'],
    [{ done_help: ['coffee'] }, 'A new check-in leaves the help ticked off to the desk.'],
    [{ staff_note: 'Refund approved by manager' }, 'A new check-in leaves the staff note to the desk.'],
    [{ reopened: 2 }, 'A new check-in leaves the count of steps back to the desk.'],
    [{ closed_by_feedback: true }, 'A new check-in leaves closing it by feedback to the desk.'],
    [{ promised_ms: Date.now() + 3_600_000 }, 'A new check-in leaves the time promised to the desk.'],
  ] as const) {
    const doc = checkIn(device, over);
    refused(await call('PUT', `/${DB}/${doc._id}`, KIOSK_A, doc), words);
    expect((await call('GET', `/${DB}/${doc._id}`, DESK_1)).status).toBe(404);
  }
});

test("a kiosk files under its own ticket letter and its own device's ids only", async () => {
  const mine = newDevice();
  const theirs = newDevice();
  // Kiosk B's letter and device: the letter is kiosk A's own (its role letter:A).
  const asB = checkIn(theirs, { letter: 'B' });
  refused(await call('PUT', `/${DB}/${asB._id}`, KIOSK_A, asB), 'This kiosk hands out tickets with the letter A, not B.');
  // Kiosk B itself may.
  await filed(asB, KIOSK_B);
  // An id that is not made of the device it names (another's, or none).
  const stolen = checkIn(mine);
  stolen.intake.device = theirs;
  refused(await call('PUT', `/${DB}/${stolen._id}`, KIOSK_A, stolen), `The id of a check-in must start with its device ("${theirs}-").`);
  const odd = checkIn(mine, { device: 'not a device!' });
  refused(await call('PUT', `/${DB}/${odd._id}`, KIOSK_A, odd), 'The device must be 1 to 64 letters, digits, _ or -.');
});

test("a kiosk's feedback cannot name another device's check-in, nor come with its follow-up handled", async () => {
  const device = newDevice();
  const someoneElses = checkIn(newDevice(), { letter: 'B' });
  await filed(someoneElses, KIOSK_B);
  const naming = feedbackFrom(device, { intake_id: someoneElses._id });
  refused(await call('PUT', `/${DB}/${naming._id}`, KIOSK_A, naming), 'Feedback may name only a check-in filed on the same device');
  const handled = feedbackFrom(device, { follow_up: { at_ms: Date.now(), note: 'Called back, all sorted' } });
  refused(await call('PUT', `/${DB}/${handled._id}`, KIOSK_A, handled), 'New feedback leaves the follow-up to the desk.');
  // Both at once, as the review tried it.
  const both = feedbackFrom(device, { intake_id: someoneElses._id, follow_up: { at_ms: Date.now(), note: 'Handled' } });
  refused(await call('PUT', `/${DB}/${both._id}`, KIOSK_A, both), /follow-up|same device/);
  // By its ticket a customer may name any check-in: that is what the ticket is for.
  await filed(feedbackFrom(device, { ticket: 'B-7' }));
});

test("a document's id and type never disagree, and every record carries its schema", async () => {
  const device = newDevice();
  const asIntake = checkIn(device);
  const wrongIntake = `feedback-${device}-${hex()}`;
  refused(
    await call('PUT', `/${DB}/${wrongIntake}`, KIOSK_A, { ...asIntake, _id: wrongIntake, intake: { ...asIntake.intake, id: wrongIntake } }),
    'Feedback ids, and only they, start with "feedback-".',
  );
  const plain = feedbackFrom(device);
  const wrongFeedback = `${device}-${hex()}`;
  refused(await call('PUT', `/${DB}/${wrongFeedback}`, KIOSK_A, { ...plain, _id: wrongFeedback, feedback: { ...plain.feedback, id: wrongFeedback } }), 'Feedback ids, and only they');
  const noSchema = feedbackFrom(device);
  delete noSchema.schema;
  refused(await call('PUT', `/${DB}/${noSchema._id}`, KIOSK_A, noSchema), 'A document needs a whole-number "schema" version.');
  const noRecord = feedbackFrom(device);
  refused(await call('PUT', `/${DB}/${noRecord._id}`, KIOSK_A, { _id: noRecord._id, type: 'feedback', schema: 1 }), 'A feedback document needs a "feedback" object.');
  const elsewhere = feedbackFrom(device);
  refused(await call('PUT', `/${DB}/${elsewhere._id}`, KIOSK_A, { ...elsewhere, feedback: { ...elsewhere.feedback, id: `feedback-${device}-${hex()}` } }), "A document's _id must equal its feedback.id.");
  // A desk is held to the same.
  refused(await call('PUT', `/${DB}/${wrongIntake}`, DESK_1, { ...asIntake, _id: wrongIntake, intake: { ...asIntake.intake, id: wrongIntake } }), 'Feedback ids');
});

test('a kiosk cannot file more than a check-in can hold: 100,000 help items, long text, a broken character, deep nesting, fields of its own', async () => {
  const device = newDevice();
  for (const [over, words] of [
    [{ help: Array.from({ length: 100_000 }, () => 'coffee') }, /The document is too long: \d+ characters, at most 16384\./],
    [{ help: ['coffee', 'coffee'] }, 'What would help lists coffee twice.'],
    [{ help: ['free_money'] }, 'What would help may list only shuttle, loaner'],
    [{ name: 'n'.repeat(400) }, 'The name is too long: at most 40 characters.'],
    [{ note: 'n'.repeat(3000) }, 'The note is too long: at most 280 characters.'],
    [{ name: '\ud800' }, 'The name holds a broken character.'],
    [{ answers: [1, 2, 3, 4].map((n) => ({ question: 'plate', value: `${n}` })) }, 'The answers must be a list of at most 3.'],
    [{ answers: [{ question: 'plate', value: 'v'.repeat(400) }] }, 'An answer is too long: at most 40 characters.'],
    [{ answers: [{ question: 'plate', value: 'x' }, { question: 'plate', value: 'y' }] }, 'Each question is answered once.'],
    [{ x: JSON.parse(`${'['.repeat(200)}${']'.repeat(200)}`) }, 'A check-in has a field the rules do not know: "x".'],
    [{ ticket: '=HYPERLINK("http://example.test")' }, 'The ticket must be a number from 1 to 999999.'],
    [{ language: '<script>' }, 'The language must be a language code such as en or es.'],
    [{ day: 'tomorrow' }, 'The day must be a date, YYYY-MM-DD.'],
    [{ priority: 'free' }, 'What matters most must be one of time, cost, both, quality.'],
    [{ detail: 'everything' }, 'The detail wanted must be one of brief, walk_through.'],
    [{ deadline: { choice: 'never', at_ms: 1 } }, 'The deadline must be one of within_hour, by_noon, end_of_day, at.'],
    [{ limit: { amount: -5 } }, 'The spending limit must be an amount from 1 to 1000000, or no_limit.'],
    [{ letter: 'AA' }, 'The ticket letter must be one letter, A to Z.'],
  ] as [Doc, string | RegExp][]) {
    const doc = checkIn(device, over);
    refused(await call('PUT', `/${DB}/${doc._id}`, KIOSK_A, doc), words);
  }
  // A field beside the record, too.
  const beside = { ...checkIn(device), filler: 'x' };
  refused(await call('PUT', `/${DB}/${beside._id}`, KIOSK_A, beside), 'A document has no field "filler" here.');
});

test('a kiosk files the wait it quoted and a phone number, each checked as the rest of what the customer said', async () => {
  const device = newDevice();
  const told = { quote: { position: 3, low_min: 15, high_min: 25 }, phone: '+15551234567' };
  const doc = checkIn(device, told);
  await filed(doc);
  expect((await call('GET', `/${DB}/${doc._id}`, DESK_1)).body.intake).toMatchObject(told);
  // Next in line, told so; a number without its +; neither at all (Rust leaves them out).
  await filed(checkIn(device, { quote: { position: 1, low_min: 0, high_min: 0 }, phone: '0612345678' }));
  await filed(checkIn(device, { quote: { position: 100_000, low_min: 1440, high_min: 1440 }, phone: `+${'9'.repeat(15)}` }));
  await filed(checkIn(device));
  for (const [over, words] of [
    [{ phone: '555-1234' }, 'The phone number must be 4 to 15 digits, with a + first or not.'],
    [{ phone: '123' }, 'The phone number must be 4 to 15 digits'],
    [{ phone: `+${'1'.repeat(16)}` }, 'The phone number must be 4 to 15 digits'],
    [{ phone: '+1 555 1234' }, 'The phone number must be 4 to 15 digits'],
    [{ phone: 15551234567 }, 'The phone number must be 4 to 15 digits'],
    // The app reads no null for it: left out when there is none.
    [{ phone: null }, 'The phone number must be 4 to 15 digits'],
    [{ quote: { position: 3, low_min: 30, high_min: 15 } }, "The quote's low_min must not be more than its high_min."],
    [{ quote: { position: 3, low_min: 15, high_min: 25, exact: true } }, 'The quote has a field the rules do not know: "exact".'],
    [{ quote: { low_min: 15, high_min: 25 } }, "The quote's position must be a whole number from 1 to 100000."],
    [{ quote: { position: 0, low_min: 15, high_min: 25 } }, "The quote's position must be a whole number from 1 to 100000."],
    [{ quote: { position: 3, low_min: 15, high_min: 1441 } }, "The quote's minutes must be whole numbers from 0 to 1440."],
    [{ quote: { position: 3, low_min: 1.5, high_min: 25 } }, "The quote's minutes must be whole numbers from 0 to 1440."],
    [{ quote: '15 to 25 minutes' }, 'The quote must be an object.'],
  ] as [Doc, string][]) {
    const bad = checkIn(device, over);
    refused(await call('PUT', `/${DB}/${bad._id}`, KIOSK_A, bad), words);
  }
});

test('a kiosk files only the codes the business has configured', async () => {
  const device = newDevice();
  for (const reason of CODES.reasons) await filed(checkIn(device, { reason }));
  await filed(checkIn(device, { reason: null }));
  const unknown = checkIn(device, { reason: 'refund_approved' });
  refused(await call('PUT', `/${DB}/${unknown._id}`, KIOSK_A, unknown), 'The reason "refund_approved" is not one the business has configured.');
  const shapeless = checkIn(device, { reason: 'Refund approved!' });
  refused(await call('PUT', `/${DB}/${shapeless._id}`, KIOSK_A, shapeless), 'The reason must be a code of 1 to 32 lowercase letters, digits or _.');
  const question = checkIn(device, { answers: [{ question: 'manager_says', value: 'refund' }] });
  refused(await call('PUT', `/${DB}/${question._id}`, KIOSK_A, question), `An answer's question "manager_says" is not one the business has configured.`);
});

test('the codes the rules take: by shape alone until a list is installed; then those ever configured, a list that only grows', async () => {
  const c = client(couch.url, ADMIN);
  const db = 'lobby-codes';
  const log: string[] = [];
  await ensureDatabase(c, db, () => {});
  await setSecurity(c, db, () => {});
  const fileWith = async (reason: string) => {
    const doc = checkIn(newDevice(), { reason });
    return call('PUT', `/${db}/${doc._id}`, KIOSK_A, doc);
  };
  await putDesignDoc(c, db, (l: string) => log.push(l));
  expect((await fileWith('anything_shaped')).status).toBe(201);
  refused(await fileWith('Not A Code'), 'must be a code of 1 to 32 lowercase letters');

  await putDesignDoc(c, db, (l: string) => log.push(l), { codes: { reasons: ['service'], questions: [] } });
  expect((await fileWith('service')).status).toBe(201);
  refused(await fileWith('anything_shaped'), 'is not one the business has configured');
  // A reason removed from the settings and another added: both taken.
  await putDesignDoc(c, db, (l: string) => log.push(l), { codes: { reasons: ['tyres'], questions: [] } });
  expect((await fileWith('service')).status).toBe(201);
  expect((await fileWith('tyres')).status).toBe(201);
  // Set up again with no codes given: the list stays as it is.
  await putDesignDoc(c, db, (l: string) => log.push(l));
  expect(log.at(-1)).toBe(`${db}/_design/lobby: up to date`);
  expect((await fileWith('service')).status).toBe(201);
  refused(await fileWith('anything_shaped'), 'is not one the business has configured');
  expect((await call('GET', `/${db}/_design/lobby`, ADMIN)).body.lobby_codes).toEqual({ reasons: ['service', 'tyres'], questions: [] });
});

test('a kiosk cannot attach files, nor slip documents that break the rules into a request of many', async () => {
  const device = newDevice();
  const attached = {
    ...checkIn(device),
    _attachments: { 'refund.html': { content_type: 'text/html', data: Buffer.from('<h1>Refund approved</h1>').toString('base64') } },
  };
  refused(await call('PUT', `/${DB}/${attached._id}`, KIOSK_A, attached), 'Only an administrator may attach files to a document.');
  expect((await call('GET', `/${DB}/${attached._id}/refund.html`, DESK_1)).status).toBe(404);
  // A desk may not either.
  refused(await call('PUT', `/${DB}/${attached._id}`, DESK_1, attached), 'Only an administrator may attach files');

  // The rules judge each document on its own: filler check-ins that break
  // them are refused one by one, however many come at once. How many come in
  // one request is the door's to refuse (2,000 of them, below); straight at
  // CouchDB, its max_http_request_size.
  const docs = Array.from({ length: 200 }, () => checkIn(device, { status: 'done', note: 'x'.repeat(200) }));
  const bulk = await call('POST', `/${DB}/_bulk_docs`, KIOSK_A, { docs });
  expect(bulk.body).toHaveLength(200);
  for (const result of bulk.body) refused(result, 'A new check-in is waiting');
});

test('a kiosk cannot change, delete or overwrite a check-in, nor write another type', async () => {
  const doc = checkIn(newDevice());
  const rev = await filed(doc);
  refused(await call('PUT', `/${DB}/${doc._id}`, KIOSK_A, changed(doc, { name: 'Changed' }, rev)), 'A kiosk may only create documents, not change them.');
  // Another kiosk is no different.
  refused(await call('PUT', `/${DB}/${doc._id}`, KIOSK_B, { ...doc, _rev: rev }), 'A kiosk may only create documents');
  refused(await call('DELETE', `/${DB}/${doc._id}?rev=${rev}`, KIOSK_A), 'A kiosk may not delete documents.');
  // Through _bulk_docs as well: the refusal is per document.
  const bulk = await call('POST', `/${DB}/_bulk_docs`, KIOSK_A, { docs: [{ _id: doc._id, _rev: rev, _deleted: true }] });
  refused(bulk.body[0], 'A kiosk may not delete documents.');

  // Nor through replication (new_edits=false): a forged revision of the intake
  // would turn up at the desk as a conflict to merge; a revision of a new id is
  // refused the same way.
  const fresh = checkIn(newDevice());
  const forged = await call('POST', `/${DB}/_bulk_docs`, KIOSK_A, {
    new_edits: false,
    docs: [
      { ...changed(doc, { name: 'Forged' }), _rev: `1-${'0123456789abcdef'.repeat(2)}` },
      { ...fresh, _rev: `1-${'0123456789abcdef'.repeat(2)}` },
    ],
  });
  expect(forged.body.map((r: { error?: string }) => r.error)).toEqual(['forbidden', 'forbidden']);
  for (const result of forged.body) refused(result, /A kiosk may only create documents/);
  expect((await call('GET', `/${DB}/${doc._id}?conflicts=true`, DESK_1)).body._conflicts).toBeUndefined();

  const otherId = `note-${randomUUID()}`;
  refused(await call('PUT', `/${DB}/${otherId}`, KIOSK_A, { type: 'note', text: 'hello' }), 'The type must be "intake", "feedback" or "status", not "note".');

  const after = await call('GET', `/${DB}/${doc._id}`, DESK_1);
  expect(after.body._rev).toBe(rev);
  expect(after.body.intake.name).toBe('Zoë');
});

test('a kiosk retrying a create it already made leaves one document with one revision', async () => {
  const doc = checkIn(newDevice());
  const rev = await filed(doc);
  // What a kiosk does when the answer to its first PUT was lost: send it again.
  const retry = await call('PUT', `/${DB}/${doc._id}`, KIOSK_A, doc);
  // CouchDB answers 409 (conflict); pouchdb-server's validation answers first, 403.
  expect([403, 409]).toContain(retry.status);
  const read = await call('GET', `/${DB}/${doc._id}?revs=true&conflicts=true`, DESK_1);
  expect(read.body._rev).toBe(rev);
  expect(read.body._revisions.ids).toHaveLength(1);
  expect(read.body._conflicts).toBeUndefined();
});

// ---------------------------------------------------------------------------
// A desk's writes, straight at the database

test('the desk moves a check-in forward, steps it back with Undo, and ticks help and notes; it never rewrites what the customer said', async () => {
  const doc = checkIn(newDevice());
  let rev = await filed(doc);
  const put = async (over: Doc, as: Account = DESK_1) => call('PUT', `/${DB}/${doc._id}`, as, changed(doc, over, rev));
  const now = Date.now();
  let at: Doc = { status: 'serving', status_ms: now, served_ms: now };
  let res = await put(at);
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  res = await put((at = { ...at, done_help: ['coffee'], staff_note: 'Loaner booked for 3 PM' }));
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  res = await put((at = { ...at, status: 'done', status_ms: now + 1 }));
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;

  // The customer's words stay theirs.
  for (const [over, field] of [
    [{ name: 'Someone else' }, 'name'],
    [{ note: 'Refund approved' }, 'note'],
    [{ reason: 'repair' }, 'reason'],
    [{ priority: 'cost' }, 'priority'],
    [{ help: ['coffee', 'wifi', 'loaner'] }, 'help'],
    [{ ticket: 1 }, 'ticket'],
    [{ letter: 'B' }, 'letter'],
    [{ created_ms: 1 }, 'created_ms'],
    [{ answers: [{ question: 'plate', value: 'X' }] }, 'answers'],
    [{ wants_person: true }, 'wants_person'],
    [{ language: 'es' }, 'language'],
  ] as [Doc, string][]) {
    refused(await put({ ...at, ...over }), `The desk may not change what the customer said (${field}).`);
  }
  // Help ticked off is help the customer asked for.
  refused(await put({ ...at, done_help: ['loaner'] }), 'The help ticked off may list only the help the customer asked for.');

  // A status moves back only by a deliberate step back, which counts itself.
  refused(await put({ ...at, status: 'waiting', served_ms: null }), 'A status moves back only by a deliberate step back at the desk');
  refused(await put({ ...at, status: 'serving' }), 'A status moves back only by a deliberate step back');
  // Undo: back to being served, one step back counted.
  res = await put((at = { ...at, status: 'serving', status_ms: now + 2, reopened: 1 }));
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  // Back to waiting: another.
  res = await put((at = { ...at, status: 'waiting', status_ms: now + 3, served_ms: null, reopened: 2 }));
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  // The count never goes down.
  refused(await put({ ...at, reopened: 1 }), "A check-in's count of steps back (reopened) never goes down.");
  // Forward again, as often as the staff like.
  res = await put((at = { ...at, status: 'left', status_ms: now + 4 }));
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  const stored = (await call('GET', `/${DB}/${doc._id}`, DESK_2)).body.intake;
  expect(stored).toMatchObject({ name: 'Zoë', note: 'A rattle at speed', status: 'left', reopened: 2, staff_note: 'Loaner booked for 3 PM' });
});

test('the desk sets, changes and removes the time promised; the wait quoted and the phone number stay as they were filed', async () => {
  const told = { quote: { position: 2, low_min: 10, high_min: 20 }, phone: '+15551234567' };
  const doc = checkIn(newDevice(), told);
  let rev = await filed(doc);
  const put = (over: Doc) => call('PUT', `/${DB}/${doc._id}`, DESK_1, changed(doc, over, rev));
  const now = Date.now();
  // Set, changed, removed (null), set again, removed (left out, as Rust does).
  for (const promised_ms of [now + 3_600_000, now + 7_200_000, null, now + 1_800_000, undefined]) {
    const res = await put({ status: 'serving', status_ms: now, served_ms: now, promised_ms });
    expect(res.status, res.text).toBe(201);
    rev = res.body.rev;
    expect((await call('GET', `/${DB}/${doc._id}`, DESK_2)).body.intake.promised_ms).toBe(promised_ms);
  }
  const at = { status: 'serving', status_ms: now, served_ms: now };
  refused(await put({ ...at, promised_ms: 'by 3 PM' }), 'The time promised (promised_ms) must be a time in milliseconds.');
  refused(await put({ ...at, promised_ms: 1.5 }), 'The time promised (promised_ms) must be a time in milliseconds.');
  // What the customer was told and gave: changed, emptied or removed.
  for (const over of [
    { quote: { position: 2, low_min: 5, high_min: 10 } },
    { quote: { position: 1, low_min: 10, high_min: 20 } },
    { quote: null },
    { quote: undefined },
  ]) {
    refused(await put({ ...at, ...over }), 'The desk may not change what the customer said (quote).');
  }
  for (const over of [{ phone: '+15559999999' }, { phone: '' }, { phone: undefined }]) {
    refused(await put({ ...at, ...over }), 'The desk may not change what the customer said (phone).');
  }
  // Nor added to a check-in filed without them.
  const plain = checkIn(newDevice());
  const plainRev = await filed(plain);
  refused(await call('PUT', `/${DB}/${plain._id}`, DESK_1, changed(plain, { quote: told.quote }, plainRev)), 'The desk may not change what the customer said (quote).');
  refused(await call('PUT', `/${DB}/${plain._id}`, DESK_1, changed(plain, { phone: told.phone }, plainRev)), 'The desk may not change what the customer said (phone).');
  // A desk creating a check-in (its own kiosk window's) may include them, held to the same checks.
  await filed(checkIn(newDevice(), { ...told, promised_ms: now + 600_000 }), DESK_1);
  const bad = checkIn(newDevice(), { quote: { position: 2, low_min: 20, high_min: 10 } });
  refused(await call('PUT', `/${DB}/${bad._id}`, DESK_1, bad), "The quote's low_min must not be more than its high_min.");
});

test('the desk handles a follow-up once: it stays handled, and only an earlier one may take its place', async () => {
  const doc = feedbackFrom(newDevice(), { comment: '' });
  let rev = await filed(doc);
  const put = (over: Doc) => call('PUT', `/${DB}/${doc._id}`, DESK_1, changed(doc, over, rev));
  let res = await put({ follow_up: { at_ms: 5_000, note: 'Called back' } });
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  refused(await put({ follow_up: null }), 'A follow-up once handled stays handled.');
  refused(await put({ follow_up: { at_ms: 6_000, note: 'Called back' } }), 'A follow-up once handled stays as it was');
  refused(await put({ follow_up: { at_ms: 5_000, note: 'Different words' } }), 'A follow-up once handled stays as it was');
  // Two desks handled it apart: the merge keeps the earlier.
  res = await put({ follow_up: { at_ms: 4_000, note: 'Spoke at the door' } });
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  // The customer's words: a comment joins feedback sent without one (a merge), and then stays.
  res = await put({ follow_up: { at_ms: 4_000, note: 'Spoke at the door' }, comment: 'Slow' });
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  const handled = { follow_up: { at_ms: 4_000, note: 'Spoke at the door' }, comment: 'Slow' };
  refused(await put({ ...handled, comment: 'Great service' }), 'The desk may not change what the customer said (comment).');
  refused(await put({ ...handled, expectations: 'beyond' }), 'The desk may not change what the customer said (expectations).');
  refused(await put({ ...handled, respected: true }), 'The desk may not change what the customer said (respected).');
  refused(await put({ ...handled, intake_id: `${doc.feedback.device}-${hex()}` }), 'The desk may not change what the customer said (intake_id).');
  res = await put({ ...handled, wants_talk: true });
  expect(res.status, res.text).toBe(201);
  rev = res.body.rev;
  refused(await put({ ...handled, wants_talk: false }), 'A wish to talk to someone stays on the feedback.');
});

test('the desk deletes only a revision the database has, with nothing in it; never a tombstone of its own making', async () => {
  const never = checkIn(newDevice());
  // A tombstone with a body, for an id that never existed, in both ways a desk could send one.
  refused(
    await call('PUT', `/${DB}/${never._id}`, DESK_1, { ...never, _deleted: true }),
    'The desk may delete only a revision the database has, not one deleted already or never written.',
  );
  const bulk = await call('POST', `/${DB}/_bulk_docs`, DESK_1, { docs: [{ _id: never._id, _deleted: true, refund: 'approved' }] });
  refused(bulk.body[0], 'The desk may delete only a revision the database has');
  const nothing = await call('POST', `/${DB}/_all_docs`, ADMIN, { keys: [never._id] });
  expect(nothing.body.rows).toEqual([{ key: never._id, error: 'not_found' }]);

  // A tombstone carrying a body of its own over a real check-in: other words,
  // or no record at all. (The record's own body, as pouchdb-server sends a
  // DELETE, is a plain deletion.)
  const doc = checkIn(newDevice());
  const rev = await filed(doc);
  refused(await call('PUT', `/${DB}/${doc._id}`, DESK_1, { _id: doc._id, _rev: rev, _deleted: true, refund: 'approved' }), 'A deletion carries nothing but the id and the revision.');
  refused(await call('PUT', `/${DB}/${doc._id}`, DESK_1, { ...changed(doc, { name: 'Someone else' }, rev), _deleted: true }), 'A deletion carries nothing but the id and the revision.');
  // A revision of its own making, deleted: newer than any the database has.
  refused(
    (await call('POST', `/${DB}/_bulk_docs`, DESK_1, { new_edits: false, docs: [{ _id: doc._id, _rev: `2-${'d'.repeat(32)}`, _deleted: true }] })).body[0],
    'The desk must change the revision it read',
  );
  expect((await call('GET', `/${DB}/${doc._id}`, DESK_1)).body._rev).toBe(rev);
  // A plain deletion of a revision it has: straight at the database, the
  // rules cannot tell the winner from a loser (the shop's door does, below),
  // so this one is taken.
  const gone = await call('DELETE', `/${DB}/${doc._id}?rev=${rev}`, DESK_1);
  expect(gone.status, gone.text).toBe(200);
  // And the tombstone is not deleted again, nor given a body.
  refused(await call('PUT', `/${DB}/${doc._id}`, DESK_1, { _id: doc._id, _rev: gone.body.rev, _deleted: true, note: 'x' }), /^The desk may (change|delete) only/);
});

test('the desk cannot invent a history: five made-up revisions, a generation jump or a replicated write are refused', async () => {
  const fake = (n: number) => Array.from({ length: n }, (_, i) => `${i}`.repeat(32).slice(0, 32));
  // Five revisions of a check-in that never existed.
  const invented = checkIn(newDevice(), { status: 'done' });
  const five = await call('POST', `/${DB}/_bulk_docs`, DESK_1, {
    new_edits: false,
    docs: [{ ...invented, _rev: `5-${fake(5)[0]}`, _revisions: { start: 5, ids: fake(5) } }],
  });
  refused(five.body[0], `The desk may change only a document the database has, naming the revision it read: 5-${fake(5)[0]} is not one.`);
  expect((await call('GET', `/${DB}/${invented._id}`, ADMIN)).status).toBe(404);

  // On a real check-in: a jump of five generations over its revision, and a plain next one.
  const doc = checkIn(newDevice());
  const rev = await filed(doc);
  const [, hash] = rev.split('-');
  const jump = await call('POST', `/${DB}/_bulk_docs`, DESK_1, {
    new_edits: false,
    docs: [{ ...changed(doc, { status: 'done' }), _rev: `6-${fake(1)[0]}`, _revisions: { start: 6, ids: [...fake(5), hash] } }],
  });
  refused(jump.body[0], 'The desk must change the revision it read');
  const next = await call('POST', `/${DB}/_bulk_docs`, DESK_1, {
    new_edits: false,
    docs: [{ ...changed(doc, { status: 'done' }), _rev: `2-${fake(1)[0]}`, _revisions: { start: 2, ids: [fake(1)[0], hash] } }],
  });
  refused(next.body[0], 'The desk must change the revision it read');
  const read = await call('GET', `/${DB}/${doc._id}?revs=true&conflicts=true`, DESK_1);
  expect([read.body._rev, read.body._conflicts, read.body.intake.status]).toEqual([rev, undefined, 'waiting']);
});

test('a desk merges a conflict: the merged version over the winner, then the losing revision deleted', async () => {
  const doc = checkIn(newDevice(), { help: ['coffee', 'wifi'] });
  const rev = await filed(doc);
  const { winner, loser, merged } = await makeConflict(doc, rev, (method, path, body) => call(method, path, ADMIN, body), (path) => call('GET', `/${DB}/${path}`, DESK_1));
  const put = await call('PUT', `/${DB}/${doc._id}`, DESK_1, { ...merged, _rev: winner });
  expect(put.status, put.text).toBe(201);
  const removed = await call('DELETE', `/${DB}/${doc._id}?rev=${loser}`, DESK_1);
  expect(removed.status, removed.text).toBe(200);
  const after = await call('GET', `/${DB}/${doc._id}?conflicts=true`, DESK_2);
  expect(after.body._conflicts).toBeUndefined();
  expect(after.body.intake).toMatchObject({ status: 'done', done_help: ['coffee', 'wifi'], name: 'Zoë' });
});

/**
 * Two versions of `doc` made apart from revision `rev` (two desks cut off from
 * each other, brought together by replication): one done with coffee ticked,
 * one still waiting with wifi ticked. `admin(method, path, body)` calls the
 * database as its administrator, `read(path)` as a desk. Returns which won,
 * which lost, and the merge a desk makes of them.
 *
 * Written as the administrator, as only replication can; and with the rules
 * set aside for that moment: pouchdb-server, which the tests use, gives a
 * replicated write (new_edits=false) the history of the current winner
 * before it runs the rules, and the version is then quietly dropped.
 * (CouchDB takes it.)
 */
async function makeConflict(doc: Doc, rev: string, admin: (method: string, path: string, body?: unknown) => Promise<Answer>, read: (path: string) => Promise<Answer>) {
  const [, hash] = rev.split('-');
  const now = Date.now();
  const versions = [
    { ...changed(doc, { status: 'done', status_ms: now, served_ms: now, done_help: ['coffee'] }), _rev: `2-${'a'.repeat(32)}`, _revisions: { start: 2, ids: ['a'.repeat(32), hash] } },
    { ...changed(doc, { done_help: ['wifi'] }), _rev: `2-${'b'.repeat(32)}`, _revisions: { start: 2, ids: ['b'.repeat(32), hash] } },
  ];
  const rules = await admin('GET', `/${DB}/_design/lobby`);
  expect(rules.status, rules.text).toBe(200);
  expect((await admin('DELETE', `/${DB}/_design/lobby?rev=${rules.body._rev}`)).status).toBe(200);
  try {
    // One request each: pouchdb-server takes one version of a document a request.
    for (const version of versions) {
      const written = await admin('POST', `/${DB}/_bulk_docs`, { new_edits: false, docs: [version] });
      expect(written.status, written.text).toBe(201);
    }
  } finally {
    const { _rev, ...design } = rules.body;
    const back = await admin('PUT', `/${DB}/_design/lobby`, design);
    expect(back.status, back.text).toBe(201);
  }
  const current = await read(`${doc._id}?conflicts=true`);
  expect(current.body._conflicts, current.text).toHaveLength(1);
  const winner: string = current.body._rev;
  const loser: string = current.body._conflicts[0];
  // What src/sync/doc.rs's merge makes of the two: the further status, the ticks united.
  const merged = changed(doc, { status: 'done', status_ms: now, served_ms: now, done_help: ['coffee', 'wifi'] });
  return { winner, loser, merged };
}

// ---------------------------------------------------------------------------
// The lobby's status: one document, the desk's

/** Where the lobby's status is, straight at the database (DB is known once beforeAll has run). */
const statusPath = () => `/${DB}/status%3Alobby`;

/** The lobby's status as a desk writes it (src/domain/wait.rs's LobbyStatus). */
function lobbyStatus(over: Doc = {}): Doc {
  return {
    _id: 'status:lobby',
    type: 'status',
    schema: 1,
    at_ms: Date.now(),
    lobby: { day: today(), waiting: 4, serving: 2, staff: 2, recent_s: [600, 720, 840] },
    serving: [{ ticket: 'A-12', name: 'Zoë' }, { ticket: 'B-3' }],
    next: [{ ticket: 'A-13', name: 'Sam' }, { ticket: '14' }],
    ...over,
  };
}

test("the desk writes the lobby's status and keeps it current with its revision; a kiosk may not write it at all", async () => {
  const created = await call('PUT', statusPath(), DESK_1, lobbyStatus());
  expect(created.status, created.text).toBe(201);
  const next = lobbyStatus({ serving: [{ ticket: 'A-13', name: 'Sam' }], next: [] });
  const updated = await call('PUT', statusPath(), DESK_2, { ...next, _rev: created.body.rev });
  expect(updated.status, updated.text).toBe(201);
  expect((await call('GET', statusPath(), DESK_1)).body).toMatchObject({ serving: next.serving, next: [] });
  // Over a revision that is no longer the latest: refused, as for a check-in.
  const stale = await call('PUT', statusPath(), DESK_1, { ...lobbyStatus(), _rev: created.body.rev });
  expect([403, 409]).toContain(stale.status);

  // A kiosk: not created, changed nor deleted, nor under another id.
  refused(await call('PUT', statusPath(), KIOSK_A, { ...lobbyStatus(), _rev: updated.body.rev }), "A kiosk may not write the lobby's status.");
  refused(await call('DELETE', `${statusPath()}?rev=${updated.body.rev}`, KIOSK_A), "A kiosk may not write the lobby's status.");
  const elsewhere = `${newDevice()}-${hex()}`;
  refused(await call('PUT', `/${DB}/${elsewhere}`, KIOSK_A, { ...lobbyStatus(), _id: elsewhere }), "A kiosk may not write the lobby's status.");
  expect((await call('GET', statusPath(), DESK_1)).body._rev).toBe(updated.body.rev);

  // The desk deletes it (a revision that lost a conflict, behind the shop's
  // door) and writes it again.
  const gone = await call('DELETE', `${statusPath()}?rev=${updated.body.rev}`, DESK_1);
  expect(gone.status, gone.text).toBe(200);
  const again = await call('PUT', statusPath(), DESK_1, lobbyStatus());
  expect(again.status, again.text).toBe(201);
});

test("the lobby's status has one id and one shape: nothing else is taken", async () => {
  const put = (doc: Doc) => call('PUT', `/${DB}/${encodeURIComponent(doc._id)}`, DESK_1, doc);
  const calls = (n: number) => Array.from({ length: n }, (_, i) => ({ ticket: `A-${i + 1}` }));
  const base = lobbyStatus();
  for (const [doc, words] of [
    [lobbyStatus({ board: 'red' }), `The lobby's status has a field the rules do not know: "board".`],
    [lobbyStatus({ lobby: { ...base.lobby, names: ['Zoë'] } }), `The status's lobby has a field the rules do not know: "names".`],
    [lobbyStatus({ serving: [{ ticket: 'A-12', phone: '+15551234567' }] }), 'A ticket being served has a field the rules do not know: "phone".'],
    [lobbyStatus({ next: [{ ticket: 'A12' }] }), 'A ticket next up must read like A-12 or 12.'],
    [lobbyStatus({ next: [{ ticket: 'AB-12' }] }), 'A ticket next up must read like A-12 or 12.'],
    [lobbyStatus({ serving: [{ ticket: '1234567' }] }), 'A ticket being served must read like A-12 or 12.'],
    [lobbyStatus({ serving: [{ ticket: 12 }] }), 'A ticket being served must read like A-12 or 12.'],
    [lobbyStatus({ serving: calls(21) }), 'The tickets being served must be a list of at most 20.'],
    [lobbyStatus({ next: calls(21) }), 'The tickets next up must be a list of at most 20.'],
    [lobbyStatus({ lobby: { ...base.lobby, recent_s: Array.from({ length: 21 }, () => 600) } }), 'The recent service times must be a list of at most 20.'],
    [lobbyStatus({ lobby: { ...base.lobby, recent_s: [86_401] } }), 'A recent service time must be whole seconds from 0 to 86400.'],
    [lobbyStatus({ lobby: { ...base.lobby, staff: 0 } }), 'The staff count must be a whole number from 1 to 1000.'],
    [lobbyStatus({ lobby: { ...base.lobby, waiting: -1 } }), 'The counts waiting and serving must be whole numbers from 0 to 100000.'],
    [lobbyStatus({ lobby: { ...base.lobby, day: 'today' } }), 'The day must be a date, YYYY-MM-DD.'],
    [lobbyStatus({ next: [{ ticket: 'A-1', name: 'n'.repeat(400) }] }), 'The name of a ticket next up is too long: at most 40 characters.'],
    [lobbyStatus({ serving: [{ ticket: 'A-1', name: '\ud800' }] }), 'The name of a ticket being served holds a broken character.'],
    [lobbyStatus({ schema: 2 }), "The lobby's status is of schema 1."],
    [lobbyStatus({ at_ms: 'now' }), "The lobby's status's time (at_ms) must be a time in milliseconds."],
    [lobbyStatus({ lobby: undefined }), "The status's lobby must be an object."],
    // Its one id, and that id for nothing else.
    [lobbyStatus({ _id: 'status:board' }), 'The lobby\'s status has one id, "status:lobby".'],
    [lobbyStatus({ _id: `${newDevice()}-${hex()}` }), 'The lobby\'s status has one id, "status:lobby".'],
    [{ _id: 'status:lobby', type: 'intake', schema: 2, intake: { id: 'status:lobby' } }, 'The document "status:lobby" is the lobby\'s status: its type is "status".'],
  ] as [Doc, string][]) {
    refused(await put(doc), words);
  }
  const attached = { ...lobbyStatus(), _attachments: { 'board.html': { content_type: 'text/html', data: Buffer.from('<h1>x</h1>').toString('base64') } } };
  refused(await put(attached), 'Only an administrator may attach files');
  // At their fullest, it is taken.
  const family = '👨‍👩‍👧‍👦';
  const fullest = (n: number) => Array.from({ length: n }, (_, i) => ({ ticket: `Z-${999_999 - i}`, name: family.repeat(Math.floor(320 / family.length)) }));
  const current = await call('GET', statusPath(), DESK_1);
  const full = lobbyStatus({ serving: fullest(20), next: fullest(20), lobby: { ...base.lobby, recent_s: Array.from({ length: 20 }, () => 86_400) } });
  const res = await put({ ...full, ...(current.status === 200 ? { _rev: current.body._rev } : {}) });
  expect(res.status, res.text).toBe(201);
});

// ---------------------------------------------------------------------------
// Who may use the database at all

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
  const doc = checkIn(newDevice());
  expect((await call('PUT', `/${DB}/${doc._id}`, wrong, doc)).status).toBe(401);
  // Anonymous: reading the database or a document, or writing one. (Never an
  // anonymous PUT or DELETE of the database itself: that crashes pouchdb-server.)
  expect((await call('GET', `/${DB}`)).status).toBe(401);
  expect((await call('GET', `/${DB}/_all_docs`)).status).toBe(401);
  expect((await call('PUT', `/${DB}/${doc._id}`, undefined, doc)).status).toBe(401);
  expect((await call('GET', `/${DB}/${doc._id}`, DESK_1)).status).toBe(404);
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
  expect(await filedByAccount(stolen)).toBe(201);
  const lines: string[] = [];
  await setup({ server: couch.url, admin: ADMIN, revoke: [stolen.name] }, (line: string) => lines.push(line));
  expect(lines).toEqual([`user ${stolen.name}: revoked (account deleted)`]);
  expect(await filedByAccount(stolen)).toBe(401);
  expect((await call('GET', `/${DB}`, stolen)).status).toBe(401);
  // The other kiosks carry on.
  expect(await filedByAccount(KIOSK_B, 'B')).toBe(201);
});

async function filedByAccount(account: Account, letter = 'A'): Promise<number> {
  const doc = checkIn(newDevice(), { letter });
  return (await call('PUT', `/${DB}/${doc._id}`, account, doc)).status;
}

// ---------------------------------------------------------------------------
// Through the shop's server: the door, the inboxes' rules, the mover

test("through the shop's server, a paired kiosk files and a desk moves it on, Undoes it and merges a conflict", async () => {
  const doc = checkIn(newDevice(), { letter: KIOSK.letter });
  const filedThrough = await door('PUT', `${KIOSK.db}/${doc._id}`, KIOSK, doc);
  expect(filedThrough.status, filedThrough.text).toBe(201);
  const arrived = await reachesTheDesk(doc._id);
  const now = Date.now();
  let res = await door('PUT', `lobby/${doc._id}`, DESK, changed(doc, { status: 'done', status_ms: now, served_ms: now }, arrived._rev));
  expect(res.status, res.text).toBe(201);
  // Undo, within its ten seconds: back to being served, a step back counted.
  res = await door('PUT', `lobby/${doc._id}`, DESK, changed(doc, { status: 'serving', status_ms: now + 1, served_ms: now, reopened: 1 }, res.body.rev));
  expect(res.status, res.text).toBe(201);

  // A conflict in the shop's database, and the desk's way out of it.
  const other = checkIn(newDevice(), { letter: KIOSK.letter });
  expect((await door('PUT', `${KIOSK.db}/${other._id}`, KIOSK, other)).status).toBe(201);
  const first = await reachesTheDesk(other._id);
  const { winner, loser, merged } = await makeConflict(other, first._rev, asShopAdmin, (path) => door('GET', `lobby/${path}`, DESK));
  // The loser as the desk reads it, then the merge over the winner, then the loser deleted.
  expect((await door('GET', `lobby/${other._id}?rev=${loser}`, DESK)).status).toBe(200);
  res = await door('PUT', `lobby/${other._id}`, DESK, { ...merged, _rev: winner });
  expect(res.status, res.text).toBe(201);
  res = await door('DELETE', `lobby/${other._id}?rev=${loser}`, DESK);
  expect(res.status, res.text).toBe(200);
  expect((await door('GET', `lobby/${other._id}?conflicts=true`, DESK)).body._conflicts).toBeUndefined();
});

test("through the shop's server, the door refuses what the rules cannot see: the winning revision deleted, a request of 2,000 documents, a made-up history", async () => {
  const doc = checkIn(newDevice(), { letter: KIOSK.letter });
  expect((await door('PUT', `${KIOSK.db}/${doc._id}`, KIOSK, doc)).status).toBe(201);
  const arrived = await reachesTheDesk(doc._id);
  // Deleting the revision that wins would take the check-in off every desk.
  refused(await door('DELETE', `lobby/${doc._id}?rev=${arrived._rev}`, DESK), 'The desk deletes only a version that lost a conflict, never the current one');
  refused(await door('PUT', `lobby/${doc._id}`, DESK, { _id: doc._id, _rev: arrived._rev, _deleted: true }), 'delete a revision with DELETE', 400);
  refused(await door('DELETE', `lobby/${doc._id}`, DESK), 'Name the revision to delete', 400);
  expect((await door('GET', `lobby/${doc._id}`, DESK)).body._rev).toBe(arrived._rev);

  // 2,000 documents in one request, from a kiosk or a desk.
  const docs = Array.from({ length: 2000 }, () => checkIn(newDevice(), { letter: KIOSK.letter }));
  refused(await door('POST', `${KIOSK.db}/_bulk_docs`, KIOSK, { docs: docs.slice(0, 200) }), 'A kiosk may only create check-ins and feedback.');
  refused(await door('POST', `${KIOSK.db}/_bulk_docs`, KIOSK, { docs }), /A kiosk may only create check-ins and feedback\.|at most 64 KB/, 403);
  refused(await door('POST', 'lobby/_bulk_docs', DESK, { docs: docs.slice(0, 10) }), 'A desk may read the changes');
  // The figures view: a desk reads it by days, nothing else of it; a kiosk not at all.
  const days = `lobby/_design/lobby/_view/days?group_level=3&startkey=${encodeURIComponent('["2026-01-01"]')}&endkey=${encodeURIComponent('["2099-12-31",{}]')}`;
  const figures = await door('GET', days, DESK);
  expect(figures.status).toBe(200);
  expect(figures.body.rows.some((r: any) => r.key[1] === 'n' && r.value[0] > 0)).toBe(true);
  refused(await door('GET', `${days}&include_docs=true`, DESK), 'A desk may only read the figures view');
  refused(await door('GET', 'lobby/_design/lobby/_view/days?reduce=false', DESK), 'A desk may only read the figures view');
  refused(await door('PUT', 'lobby/_design/lobby/_view/days', DESK, {}), 'A desk may only read the figures view');
  refused(await door('GET', `${KIOSK.db}/_design/lobby/_view/days`, KIOSK), 'A kiosk may only create check-ins and feedback.');
  // The records of a range, for an export: by days, with their documents.
  const records = await door('GET', `lobby/_design/lobby/_view/records?include_docs=true&startkey=${encodeURIComponent('"2026-01-01"')}&endkey=${encodeURIComponent('"2099-12-31"')}`, DESK);
  expect(records.status).toBe(200);
  expect(records.body.rows.some((r: any) => r.doc?._id === arrived._id)).toBe(true);
  refused(await door('GET', 'lobby/_design/lobby/_view/records?limit=1', DESK), 'A desk may only read the records view');
  refused(await door('GET', `${KIOSK.db}/_design/lobby/_view/records`, KIOSK), 'A kiosk may only create check-ins and feedback.');
  // A history of the desk's own making, by either road.
  const invented = checkIn(newDevice(), { letter: KIOSK.letter, status: 'done' });
  refused(await door('PUT', `lobby/${invented._id}?new_edits=false`, DESK, { ...invented, _rev: `5-${'e'.repeat(32)}` }), 'The query parameter new_edits is not allowed for a desk.');
  refused(
    await door('PUT', `lobby/${invented._id}`, DESK, { ...invented, _revisions: { start: 5, ids: ['e', 'd', 'c', 'b', 'a'].map((c) => c.repeat(32)) } }),
    'delete a revision with DELETE',
    400,
  );
  expect((await door('GET', `lobby/${invented._id}`, DESK)).status).toBe(404);
});

test("through the shop's server, every attack on what a kiosk files is refused, by the door or by its inbox's rules", async () => {
  const device = newDevice();
  const file = (doc: Doc) => door('PUT', `${KIOSK.db}/${doc._id}`, KIOSK, doc);
  const theirLetter = KIOSK.letter === 'B' ? 'C' : 'B';
  for (const [doc, words] of [
    [checkIn(device, { letter: KIOSK.letter, status: 'done' }), 'A new check-in is waiting: only the desk moves it on.'],
    [checkIn(device, { letter: KIOSK.letter, status: 'serving', served_ms: Date.now() }), 'A new check-in is waiting'],
    [checkIn(device, { letter: KIOSK.letter, done_help: ['coffee'] }), 'A new check-in leaves the help ticked off to the desk.'],
    [checkIn(device, { letter: KIOSK.letter, staff_note: 'Refund approved by manager' }), 'A new check-in leaves the staff note to the desk.'],
    [checkIn(newDevice(), { letter: theirLetter }), `This kiosk hands out tickets with the letter ${KIOSK.letter}, not ${theirLetter}.`],
    [feedbackFrom(device, { intake_id: `${newDevice()}-${hex()}`, follow_up: { at_ms: 1, note: 'Handled' } }), 'New feedback leaves the follow-up to the desk.'],
    [checkIn(device, { letter: KIOSK.letter, reason: 'refund_approved' }), 'The reason "refund_approved" is not one the business has configured.'],
    [checkIn(device, { letter: KIOSK.letter, name: '\ud800' }), 'The name holds a broken character.'],
  ] as [Doc, string][]) {
    refused(await file(doc), words);
    expect((await door('GET', `${KIOSK.db}/${doc._id}`, KIOSK)).status).toBe(404);
  }
  const noSchema = feedbackFrom(device);
  delete noSchema.schema;
  refused(await file(noSchema), 'A document needs a whole-number "schema" version.');
  const wrongId = `feedback-${device}-${hex()}`;
  const asIntake = checkIn(device, { letter: KIOSK.letter });
  refused(await file({ ...asIntake, _id: wrongId, intake: { ...asIntake.intake, id: wrongId } }), 'Feedback ids, and only they, start with "feedback-".');
  // Larger than a check-in can be: refused before it reaches the database.
  refused(await file(checkIn(device, { letter: KIOSK.letter, help: Array.from({ length: 100_000 }, () => 'coffee') })), 'A kiosk may send at most 64 KB at once.', 413);
  // An inline text/html attachment, which the database would serve as a page.
  const attached = { ...checkIn(device, { letter: KIOSK.letter }), _attachments: { 'x.html': { content_type: 'text/html', data: Buffer.from('<h1>x</h1>').toString('base64') } } };
  refused(await file(attached), 'A check-in is a JSON object with no attachments or other special fields.', 400);
  // The desk, through the door, is held to the rules too.
  const mine = checkIn(device, { letter: KIOSK.letter });
  expect((await file(mine)).status).toBe(201);
  const arrived = await reachesTheDesk(mine._id);
  refused(await door('PUT', `lobby/${mine._id}`, DESK, changed(mine, { name: 'Someone else', note: 'Refund approved' }, arrived._rev)), 'The desk may not change what the customer said (name).');
  const done = await door('PUT', `lobby/${mine._id}`, DESK, changed(mine, { status: 'done', status_ms: 1 }, arrived._rev));
  expect(done.status, done.text).toBe(201);
  refused(await door('PUT', `lobby/${mine._id}`, DESK, changed(mine, { status: 'waiting', status_ms: 2 }, done.body.rev)), 'A status moves back only by a deliberate step back');
});

test("the mover holds what a kiosk's inbox holds to the shop's rules: what was put there past them is set aside, and what comes after still arrives", async () => {
  const device = newDevice();
  // Written into the inbox as its administrator, past the inbox's own rules:
  // the mover copies as the administrator too, and must not pass them on.
  const strays = [
    checkIn(device, { letter: KIOSK.letter, status: 'done', staff_note: 'Refund approved by manager' }),
    checkIn(newDevice(), { letter: KIOSK.letter === 'B' ? 'C' : 'B' }),
    feedbackFrom(device, { follow_up: { at_ms: 1, note: 'Handled' } }),
    checkIn(device, { letter: KIOSK.letter, help: Array.from({ length: 5000 }, () => 'coffee') }),
  ];
  for (const stray of strays) {
    const put = await asShopAdmin('PUT', `/${KIOSK.db}/${stray._id}`, stray);
    expect(put.status, put.text).toBe(201);
  }
  const after = checkIn(device, { letter: KIOSK.letter });
  expect((await door('PUT', `${KIOSK.db}/${after._id}`, KIOSK, after)).status).toBe(201);
  await reachesTheDesk(after._id);
  // The inbox's changes are read in order: each stray was judged before it.
  for (const stray of strays) {
    expect((await door('GET', `lobby/${stray._id}`, DESK)).status, stray._id).toBe(404);
    const line = shopLog.find((l) => l.includes(`${stray._id} set aside: `));
    expect(line, `the log says why ${stray._id} was set aside`).toBeTruthy();
    expect(line!.split(' set aside: ')[1]).toMatch(/^[A-Z][^<>{}\n]{10,240}[.…]$/);
  }
  expect(shopLog.find((l) => l.includes(`${strays[0]._id} set aside`))).toContain('A new check-in is waiting: only the desk moves it on.');
  expect(shopLog.find((l) => l.includes(`${strays[1]._id} set aside`))).toContain(`This kiosk hands out tickets with the letter ${KIOSK.letter}`);
  expect(shopLog.find((l) => l.includes(`${strays[2]._id} set aside`))).toContain('New feedback leaves the follow-up to the desk.');
  expect(shopLog.find((l) => l.includes(`${strays[3]._id} set aside`))).toContain('The document is too long');
});

test("a reason added at a desk's Settings is taken from the moment they are saved, and one removed is still taken", async () => {
  const current = await call('GET', '/api/settings', DESK, undefined, shop.url);
  expect(current.status, current.text).toBe(200);
  const config = current.body.config;
  const added = { code: 'windscreen', label: { [config.business.language]: 'A chipped windscreen' } };
  const removed = config.reasons.find((r: { recovery?: boolean }) => !r.recovery).code;
  const next = { ...config, reasons: [...config.reasons.filter((r: { code: string }) => r.code !== removed), added] };
  const before = checkIn(newDevice(), { letter: KIOSK.letter, reason: 'windscreen' });
  refused(await door('PUT', `${KIOSK.db}/${before._id}`, KIOSK, before), 'The reason "windscreen" is not one the business has configured.');
  const saved = await call('PUT', '/api/settings', DESK, { rev: current.body.rev, config: next }, shop.url);
  expect(saved.status, saved.text).toBe(200);
  // At once, in the kiosk's inbox and in the shop's database.
  for (const reason of ['windscreen', removed]) {
    const doc = checkIn(newDevice(), { letter: KIOSK.letter, reason });
    const res = await door('PUT', `${KIOSK.db}/${doc._id}`, KIOSK, doc);
    expect(res.status, res.text).toBe(201);
    await reachesTheDesk(doc._id);
  }
  const inbox = await asShopAdmin('GET', `/${KIOSK.db}/_design/lobby`);
  const shops = await asShopAdmin('GET', '/lobby/_design/lobby');
  expect(inbox.body.lobby_codes.reasons).toEqual(expect.arrayContaining(['windscreen', removed]));
  expect(inbox.body.validate_doc_update).toBe(shops.body.validate_doc_update);
});

test("through the shop's server, a kiosk files the wait it quoted and a phone number, and a desk promises a time", async () => {
  const told = { quote: { position: 4, low_min: 20, high_min: 35 }, phone: '+15551234567' };
  const doc = checkIn(newDevice(), { letter: KIOSK.letter, ...told });
  const res = await door('PUT', `${KIOSK.db}/${doc._id}`, KIOSK, doc);
  expect(res.status, res.text).toBe(201);
  const arrived = await reachesTheDesk(doc._id);
  expect(arrived.intake).toMatchObject(told);
  for (const [over, words] of [
    [{ promised_ms: Date.now() }, 'A new check-in leaves the time promised to the desk.'],
    [{ phone: '555-1234' }, 'The phone number must be 4 to 15 digits'],
    [{ quote: { position: 1, low_min: 40, high_min: 20 } }, "The quote's low_min must not be more than its high_min."],
  ] as [Doc, string][]) {
    const bad = checkIn(newDevice(), { letter: KIOSK.letter, ...over });
    refused(await door('PUT', `${KIOSK.db}/${bad._id}`, KIOSK, bad), words);
  }
  const promised = await door('PUT', `lobby/${doc._id}`, DESK, changed(doc, { promised_ms: Date.now() + 3_600_000 }, arrived._rev));
  expect(promised.status, promised.text).toBe(201);
  refused(await door('PUT', `lobby/${doc._id}`, DESK, changed(doc, { phone: '' }, promised.body.rev)), 'The desk may not change what the customer said (phone).');
});

test("through the shop's server, a desk publishes the lobby's status, anyone reads it at /api/lobby with nothing else in it, and no kiosk can write it", async () => {
  const board = (method = 'GET') => fetch(`${shop.url}/api/lobby`, { method });
  // Nothing published yet.
  let read = await board();
  expect(read.status).toBe(404);
  expect(await read.json()).toEqual({ error: 'not_found', reason: "No desk has published the lobby's status yet." });
  const wrong = await board('POST');
  expect(wrong.status).toBe(405);
  expect(wrong.headers.get('allow')).toBe('GET, HEAD');

  // A kiosk, through the door: refused by its inbox's rules, and the shop's database is not its to reach.
  refused(await door('PUT', `${KIOSK.db}/status%3Alobby`, KIOSK, lobbyStatus()), "A kiosk may not write the lobby's status.");
  refused(await door('PUT', 'lobby/status%3Alobby', KIOSK, lobbyStatus()), `This account reaches only the database ${KIOSK.db}`);
  // Put into its inbox past the inbox's rules: the mover sets it aside.
  const stray = await asShopAdmin('PUT', `/${KIOSK.db}/status%3Alobby`, lobbyStatus());
  expect(stray.status, stray.text).toBe(201);
  const after = checkIn(newDevice(), { letter: KIOSK.letter });
  expect((await door('PUT', `${KIOSK.db}/${after._id}`, KIOSK, after)).status).toBe(201);
  await reachesTheDesk(after._id);
  expect((await door('GET', 'lobby/status%3Alobby', DESK)).status).toBe(404);
  expect(shopLog.find((l) => l.includes('status:lobby set aside'))).toContain("A kiosk may not write the lobby's status.");
  expect((await board()).status).toBe(404);

  // A desk writes it: the board shows it, without its id, revision or type.
  const status = lobbyStatus();
  const created = await door('PUT', 'lobby/status%3Alobby', DESK, status);
  expect(created.status, created.text).toBe(201);
  // First names only while the business shows them on the board: not this
  // shop, so whatever a desk wrote, anyone reads tickets only.
  const ticketsOnly = (list: { ticket: string }[]) => list.map(({ ticket }) => ({ ticket }));
  const shown = { at_ms: status.at_ms, lobby: status.lobby, serving: ticketsOnly(status.serving), next: ticketsOnly(status.next) };
  await expect.poll(async () => (await board()).status, { timeout: 5_000 }).toBe(200);
  read = await board();
  expect(read.headers.get('cache-control')).toBe('no-store');
  expect(read.headers.get('content-type')).toMatch(/^application\/json/);
  const body = await read.json();
  expect(body).toEqual(shown);
  expect(Object.keys(body).sort()).toEqual(['at_ms', 'lobby', 'next', 'serving']);
  const head = await board('HEAD');
  expect(head.status).toBe(200);
  expect(await head.text()).toBe('');

  // Kept current with its revision; the board follows within a second.
  const read2 = await door('GET', 'lobby/status%3Alobby', DESK);
  expect(read2.body._rev).toBe(created.body.rev);
  const next = lobbyStatus({ at_ms: status.at_ms + 1000, serving: [{ ticket: 'A-13' }], next: [] });
  const updated = await door('PUT', 'lobby/status%3Alobby', DESK, { ...next, _rev: created.body.rev });
  expect(updated.status, updated.text).toBe(201);
  const stale = await door('PUT', 'lobby/status%3Alobby', DESK, { ...lobbyStatus(), _rev: created.body.rev });
  expect([403, 409]).toContain(stale.status);
  await expect.poll(async () => (await (await board()).json()).serving, { timeout: 5_000 }).toEqual([{ ticket: 'A-13' }]);

  // Whatever else the document holds (only the administrator could put it
  // there), the board shows only its own fields.
  const extra = { ...next, _rev: updated.body.rev, secret: 'staff only', lobby: { ...next.lobby, note: 'x' }, next: [{ ticket: 'A-14', phone: '+15551234567' }] };
  const forced = await asShopAdmin('PUT', '/lobby/status%3Alobby', extra);
  expect(forced.status, forced.text).toBe(201);
  await expect.poll(async () => (await (await board()).json()).next, { timeout: 5_000 }).toEqual([{ ticket: 'A-14' }]);
  const plain = await (await board()).json();
  expect(plain).toEqual({ at_ms: next.at_ms, lobby: status.lobby, serving: [{ ticket: 'A-13' }], next: [{ ticket: 'A-14' }] });
});

test("the board's answer is read from the database twice a second at most, and a database that does not answer is said so", async () => {
  const { LOBBY_CACHE_MS: kept, lobbyBoard, publicLobby } = await import('../../scripts/pairing-api.mjs');
  expect(kept).toBeLessThanOrEqual(500);
  let clock = 0;
  let reads = 0;
  let answer: () => Promise<{ status: number; body: unknown }> = async () => ({ status: 404, body: { error: 'not_found' } });
  const current = lobbyBoard({ read: () => (reads++, answer()), now: () => clock });
  expect((await current()).status).toBe(404);
  answer = async () => ({ status: 200, body: { _id: 'status:lobby', _rev: '2-a', ...lobbyStatus({ at_ms: 5 }) } });
  // Within the time it is kept: the answer kept, and many at once ask once.
  clock = kept - 1;
  expect((await Promise.all([current(), current()])).map((a) => a.status)).toEqual([404, 404]);
  expect(reads).toBe(1);
  clock = kept;
  const [a, b] = await Promise.all([current(), current()]);
  expect(reads).toBe(2);
  expect(a).toEqual(b);
  expect(a.status).toBe(200);
  expect(Object.keys(a.body).sort()).toEqual(['at_ms', 'lobby', 'next', 'serving']);
  // Deleted, or not answering: 404, then an error (the API's 502), asked again next time.
  clock = 2 * kept;
  answer = async () => ({ status: 404, body: { error: 'not_found', reason: 'deleted' } });
  expect((await current()).status).toBe(404);
  clock = 3 * kept;
  answer = async () => {
    throw new Error('cannot reach the database');
  };
  await expect(current()).rejects.toThrow('cannot reach');
  answer = async () => ({ status: 500, body: {} });
  await expect(current()).rejects.toThrow('answered 500');
  expect(reads).toBe(5);
  // The whitelist, field by field.
  const doc = { type: 'status', at_ms: 1, lobby: { day: '2026-01-01', waiting: '4', staff: 1, recent_s: [1, 'x', 2], x: 1 }, serving: [{ ticket: 'A-1', name: 'Zoë', phone: '1' }, 'B-2'], next: null };
  expect(publicLobby(doc, { names: true })).toEqual({
    at_ms: 1,
    lobby: { day: '2026-01-01', waiting: null, serving: null, staff: 1, recent_s: [1, 2] },
    serving: [{ ticket: 'A-1', name: 'Zoë' }],
    next: [],
  });
  // First names only where the business shows them, whatever a desk wrote.
  expect(publicLobby(doc).serving).toEqual([{ ticket: 'A-1' }]);
  const named = lobbyBoard({ read: async () => ({ status: 200, body: doc }), names: () => false, now: () => 0 });
  expect((await named()).body.serving).toEqual([{ ticket: 'A-1' }]);
});
