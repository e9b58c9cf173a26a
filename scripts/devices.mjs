// The shop's devices: pairing by a one-time link, each device's own account,
// each kiosk's inbox, and the mover that brings what kiosks file into the
// shop's database. Used by the shop's server (scripts/shop.mjs).
//
// - A pairing is a one-time code for one role (and, for a kiosk, one ticket
//   letter), made for the owner (`make pair`) or a signed-in desk. Only a
//   digest of the code is kept, in the database `lobby-devices`, which only
//   the server's admin may read; it expires after PAIRING_MS.
// - Redeeming the code makes the device's account (a random password, roles
//   `kiosk` and `letter:B`, or `desk`) and forgets the code.
// - A kiosk files into an inbox database of its own, `lobby-kiosk-b`, which
//   only its account (and the admin) may read: a stolen tablet's account
//   reads what that tablet filed within keep_days, and nothing else. The
//   mover copies each new document of every inbox into `lobby` (the same
//   revision, so a desk's changes build on it) and, after keep_days, deletes
//   it from the inbox. It copies as the admin, whom the database's rules let
//   through, so it first holds each document to those very rules itself, as
//   the kiosk's own write to `lobby` would be held: what they refuse is set
//   aside, and said in the log.
// - `lobby` itself is read by desk accounts only.
import { createHash, randomBytes } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { DESIGN_ID, putDesignDoc } from './couch-setup.mjs';
import { basicAuth } from './pouchdb.mjs';

/** The lobby's status, which desks keep in the shop's database and kiosks never write. */
export const LOBBY_STATUS_ID = 'status:lobby';
/** The registry of devices and pending pairings. */
export const DEVICES_DB = 'lobby-devices';
/** How long a pairing link can be used. */
export const PAIRING_MS = 60 * 60 * 1000;
/** A device's last-seen time is written at most this often. */
const SEEN_EVERY_MS = 60 * 1000;
/** How often the inboxes are cleared of what is older than keep_days. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

const enc = encodeURIComponent;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const digest = (code) => createHash('sha256').update(code).digest('hex');
/** The schema of a feedback document (src/store/codec.rs FEEDBACK_SCHEMA). */
const FEEDBACK_SCHEMA = 1;
/** The local date of `ms` on this computer, the shop's: YYYY-MM-DD. */
const localDay = (ms) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** A kiosk's inbox database, by its ticket letter. */
export const inboxOf = (letter) => `lobby-kiosk-${letter.toLowerCase()}`;

/** The ticket letter an account's roles give it (`letter:B`), if any. */
export const letterOf = (roles) => {
  const role = roles.find((r) => /^letter:[A-Z]$/.test(r));
  return role ? role.slice('letter:'.length) : undefined;
};

/** How a device is called on screen and in the terminal. */
export const deviceLabel = (device) => (device.role === 'kiosk' ? `kiosk ${device.letter}` : `desk ${device.number}`);

/**
 * A database's validate_doc_update source as a function, evaluated as CouchDB
 * and pouchdb-server do (one function expression), in a context of its own.
 */
export function compileRules(source) {
  const validate = runInNewContext(`(${source})`, {}, { timeout: 1000 });
  if (typeof validate !== 'function') throw new Error('the rules are not a function');
  return validate;
}

/**
 * What the rules say of `doc` written by `userCtx` with nothing there before:
 * undefined when they take it, else the reason they give. The document is
 * judged as it was written, without the revision the database gave it.
 */
export function judge(validate, doc, userCtx) {
  const { _rev, _revisions, ...written } = doc;
  try {
    validate(written, null, userCtx, {});
    return undefined;
  } catch (e) {
    const reason = e?.forbidden ?? e?.unauthorized ?? e?.message ?? String(e);
    return typeof reason === 'string' ? reason : JSON.stringify(reason);
  }
}

export class PairingError extends Error {
  constructor(status, error, message) {
    super(message);
    this.status = status;
    this.error = error;
  }
}

/** Only the server's admin reads or writes this database. */
const ADMIN_ONLY = { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } };

/**
 * The shop's devices on one database server. `c` is an admin client
 * (couch-setup's `client`), `db` the shop's database, `keepDays` how long an
 * inbox keeps what was filed (a number, or a function that tells it now: the
 * settings may change it). `forget(account)` is told of every account
 * revoked (the door forgets it at once).
 */
export function shopDevices({ c, db, keepDays = 2, forget = () => {}, log = () => {}, now = Date.now }) {
  const movers = new Map();
  /** Each inbox's account, as the rules are told whose write they judge. */
  const owners = new Map();
  /** The shop's database's rules, compiled once for each revision of its design document. */
  let rules = { rev: undefined, validate: undefined };
  const seen = new Map();
  let closed = false;
  let pruner;
  // Pairings are made and redeemed one at a time: two at once could otherwise
  // both take the same free letter.
  let turn = Promise.resolve();
  const oneAtATime = (work) => {
    const mine = turn.then(work, work);
    turn = mine.catch(() => {});
    return mine;
  };

  async function get(path) {
    const res = await c.request('GET', path);
    return res.status === 200 ? res.body : undefined;
  }

  async function registry() {
    const all = await c.expect('GET', `/${DEVICES_DB}/_all_docs?include_docs=true`);
    const docs = all.rows.map((r) => r.doc).filter(Boolean);
    return {
      devices: docs.filter((d) => d.type === 'device'),
      pairings: docs.filter((d) => d.type === 'pairing' && d.expires_ms > now()),
      expired: docs.filter((d) => d.type === 'pairing' && d.expires_ms <= now()),
    };
  }

  /** An inbox: its database, only `account` (when given) and the admin may read it, the shop's rules. */
  async function ensureInbox(letter, account) {
    const inbox = inboxOf(letter);
    const there = await c.request('GET', `/${inbox}`);
    if (there.status === 404) {
      await c.expect('PUT', `/${inbox}`, undefined, [201, 202, 412]);
      log(`inbox ${inbox}: created`);
    }
    const security = { admins: { names: [], roles: [] }, members: { names: account ? [account] : [], roles: ['_admin'] } };
    await c.expect('PUT', `/${inbox}/_security`, security);
    // The shop's database's rules, with the codes it takes.
    await putDesignDoc(c, inbox, () => {}, { codesFrom: db });
    if (account) owners.set(inbox, account);
    startMover(inbox);
    return inbox;
  }

  // --- The mover -------------------------------------------------------------

  /** Copies one inbox's new documents into the shop's database, for as long as the server runs. */
  function startMover(inbox) {
    if (movers.has(inbox) || closed) return;
    // The long poll under way, stopped by close(): one controller a request,
    // aborted by close or after 60 s (the poll answers within 25 s; a server
    // that never does is asked again).
    const state = { poll: undefined };
    movers.set(inbox, state);
    state.done = (async () => {
      let since = (await get(`/${inbox}/_local/lobby-mover`).catch(() => undefined))?.since ?? 0;
      while (!closed) {
        const poll = new AbortController();
        state.poll = poll;
        const overdue = setTimeout(() => poll.abort(), 60_000);
        try {
          const res = await fetch(
            `${c.root}/${inbox}/_changes?feed=longpoll&include_docs=true&timeout=25000&since=${enc(since)}`,
            {
              headers: { Authorization: basicAuth(c.admin), Accept: 'application/json' },
              signal: poll.signal,
            },
          );
          if (!res.ok) throw new Error(`changes answered ${res.status}`);
          const page = await res.json();
          const docs = page.results
            .filter((r) => !r.deleted && r.doc && !r.id.startsWith('_design/'))
            .map((r) => r.doc);
          if (docs.length > 0) await copyNew(inbox, docs);
          if (page.last_seq !== since) {
            since = page.last_seq;
            const mark = await get(`/${inbox}/_local/lobby-mover`);
            await c.request('PUT', `/${inbox}/_local/lobby-mover`, { ...(mark ?? {}), since });
          }
        } catch (e) {
          if (closed) return;
          log(`mover ${inbox}: ${e.cause?.code ?? e.message}; trying again`);
          await sleep(1000);
        } finally {
          clearTimeout(overdue);
        }
      }
    })();
  }

  /** The rules of the shop's database, as its design document holds them now. */
  async function shopRules() {
    const design = await c.expect('GET', `/${db}/${DESIGN_ID}`);
    if (rules.rev !== design._rev) rules = { rev: design._rev, validate: compileRules(design.validate_doc_update) };
    return rules.validate;
  }

  /**
   * Copies an inbox's new documents into the shop's database as they are (the
   * same revision). As the admin copies them, the database's rules do not run:
   * so the mover holds each to them itself, with the inbox's kiosk as the
   * author (its account, roles `kiosk` and its `letter:`), as they would hold
   * the kiosk's own write; a document whose id the shop's database already
   * has with another history (a deleted check-in, another's) is set aside,
   * never written over it, and so is one the rules refuse, the lobby's
   * status, or one that is not a first revision (all a kiosk writes). What
   * is set aside is said in the log and does not hold up what comes after it.
   */
  async function copyNew(inbox, docs) {
    const revs = Object.fromEntries(docs.map((d) => [d._id, [d._rev]]));
    const missing = await c.expect('POST', `/${db}/_revs_diff`, revs);
    const there = await c.expect('POST', `/${db}/_all_docs`, { keys: docs.map((d) => d._id) });
    const known = new Set(there.rows.filter((r) => r.value).map((r) => r.id));
    const letter = inbox.slice(-1).toUpperCase();
    const author = { db, name: owners.get(inbox) ?? `kiosk ${letter}`, roles: ['kiosk', `letter:${letter}`] };
    const validate = await shopRules();
    const fresh = [];
    for (const d of docs) {
      if (!missing?.[d._id]) continue; // copied before
      let refused;
      if (known.has(d._id)) {
        refused = "the shop's database has it already, with another history";
      } else if (Object.keys(d).some((k) => k.startsWith('_') && k !== '_id' && k !== '_rev')) {
        refused = `it carries ${Object.keys(d).filter((k) => k.startsWith('_')).join(', ')}`;
      } else if (!/^1-/.test(d._rev)) {
        refused = `it is revision ${d._rev}, and a kiosk only creates`;
      } else if (d._id === LOBBY_STATUS_ID || d.type === 'status') {
        // The rules say so too; this holds whatever rules are installed, as
        // the lobby's status is what a lobby board shows to everyone.
        refused = "A kiosk may not write the lobby's status.";
      } else {
        refused = judge(validate, d, author);
      }
      if (refused) log(`mover ${inbox}: ${d._id} set aside: ${refused}`);
      else fresh.push(d);
    }
    if (fresh.length === 0) return;
    const written = await c.expect('POST', `/${db}/_bulk_docs`, { docs: fresh, new_edits: false }, [201, 202]);
    for (const w of (written ?? []).filter((w) => w.error)) {
      log(`mover ${inbox}: ${w.id} set aside: ${w.error} ${w.reason ?? ''}`.trim());
    }
  }

  /** Deletes from the inboxes what was filed more than keep_days ago and is in the shop's database, as it is. */
  async function pruneInboxes() {
    const days = typeof keepDays === 'function' ? keepDays() : keepDays;
    const oldest = now() - days * 24 * 60 * 60 * 1000;
    for (const inbox of movers.keys()) {
      const all = await c.expect('GET', `/${inbox}/_all_docs?include_docs=true`);
      const old = all.rows
        .map((r) => r.doc)
        .filter((d) => d && !d._id.startsWith('_design/') && (d[d.type]?.created_ms ?? 0) < oldest);
      if (old.length === 0) continue;
      // Only what the shop's database has, this very revision: not what was set aside.
      const missing = await c.expect('POST', `/${db}/_revs_diff`, Object.fromEntries(old.map((d) => [d._id, [d._rev]])));
      const gone = old.filter((d) => !missing?.[d._id]).map((d) => ({ _id: d._id, _rev: d._rev, _deleted: true }));
      if (gone.length > 0) {
        await c.expect('POST', `/${inbox}/_bulk_docs`, { docs: gone }, [201, 202]);
        log(`inbox ${inbox}: ${gone.length} older than ${days} days deleted`);
      }
    }
  }

  // --- Pairing ---------------------------------------------------------------

  /**
   * A one-time pairing for `role` ('kiosk' or 'desk'). A kiosk takes `letter`
   * when it is free, or the next free letter. Resolves to { code, role,
   * letter?, number?, expires_ms }.
   */
  async function createPairing({ role, letter, by }) {
    if (role !== 'kiosk' && role !== 'desk') {
      throw new PairingError(400, 'bad_role', 'The role must be kiosk or desk.');
    }
    const { devices, pairings } = await registry();
    const taken = [...devices, ...pairings].filter((d) => d.role === role);
    const pairing = { type: 'pairing', role, by, made_ms: now(), expires_ms: now() + PAIRING_MS };
    if (role === 'kiosk') {
      if (letter !== undefined && letter !== '') {
        letter = String(letter).toUpperCase();
        if (!/^[A-Z]$/.test(letter)) throw new PairingError(400, 'bad_letter', 'A ticket letter is one of A to Z.');
        if (taken.some((d) => d.letter === letter)) {
          throw new PairingError(409, 'letter_taken', `Kiosk ${letter} is paired already (or has a pairing link waiting): unpair it first, or leave the letter out to get the next free one.`);
        }
      } else {
        letter = [...LETTERS].find((l) => !taken.some((d) => d.letter === l));
        if (!letter) throw new PairingError(409, 'no_letter', 'All 26 ticket letters are in use: unpair a kiosk first.');
      }
      pairing.letter = letter;
    } else {
      let number = 1;
      while (taken.some((d) => d.number === number)) number += 1;
      pairing.number = number;
    }
    const code = randomBytes(18).toString('base64url');
    await c.expect('PUT', `/${DEVICES_DB}/${enc(`pairing:${digest(code)}`)}`, pairing, [201, 202]);
    log(`pairing for ${deviceLabel(pairing)} made${by ? ` by ${by}` : ''}; it can be used until ${new Date(pairing.expires_ms).toISOString()}`);
    return { code, id: digest(code), role, letter: pairing.letter, number: pairing.number, expires_ms: pairing.expires_ms };
  }

  /**
   * Redeems a pairing code once: makes the device's account and, for a kiosk,
   * its inbox. Resolves to what the device keeps: { role, letter?, number?,
   * user, password, db }.
   */
  async function redeem(code) {
    const unknown = new PairingError(404, 'unknown_pairing', 'This pairing link has been used or has expired. Ask for a new one at the desk.');
    if (typeof code !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(code)) throw unknown;
    const path = `/${DEVICES_DB}/${enc(`pairing:${digest(code)}`)}`;
    const pairing = await get(path);
    if (!pairing || pairing.expires_ms <= now()) throw unknown;
    // Used once: whoever deletes it first pairs; the other is told it was used.
    const gone = await c.request('DELETE', `${path}?rev=${enc(pairing._rev)}`);
    if (gone.status !== 200 && gone.status !== 202) throw unknown;
    const account = `${pairing.role}-${(pairing.letter ?? pairing.number).toString().toLowerCase()}-${randomBytes(3).toString('hex')}`;
    const password = randomBytes(24).toString('base64url');
    const roles = pairing.role === 'kiosk' ? ['kiosk', `letter:${pairing.letter}`] : ['desk'];
    const userPath = `/_users/${enc(`org.couchdb.user:${account}`)}`;
    let device;
    try {
      await c.expect('PUT', userPath, { _id: `org.couchdb.user:${account}`, name: account, type: 'user', roles, password }, [201, 202]);
      const target = pairing.role === 'kiosk' ? await ensureInbox(pairing.letter, account) : db;
      device = {
        type: 'device',
        account,
        role: pairing.role,
        letter: pairing.letter,
        number: pairing.number,
        db: target,
        paired_ms: now(),
        last_seen_ms: now(),
        by: pairing.by,
      };
      await c.expect('PUT', `/${DEVICES_DB}/${enc(`device:${account}`)}`, device, [201, 202]);
    } catch (e) {
      // All or nothing: no account left that no desk could see to revoke, and
      // the link works again (the device may try again).
      const user = await get(userPath).catch(() => undefined);
      if (user) await c.request('DELETE', `${userPath}?rev=${enc(user._rev)}`).catch(() => {});
      const { _id, _rev, ...again } = pairing;
      await c.request('PUT', path, again).catch(() => {});
      log(`pairing for ${deviceLabel(pairing)} did not complete (${e.message}); its link still works`);
      throw e;
    }
    log(`${deviceLabel(device)} paired (account ${account})`);
    return { role: device.role, letter: device.letter, number: device.number, user: account, password, db: device.db };
  }

  /**
   * The paired devices, kiosks by letter then desks by number, with when each
   * was last seen; and the pairing links not used yet, each by its digest
   * (never its code), with until when it works. One read of the registry.
   */
  async function list() {
    const { devices, pairings } = await registry();
    const paired = devices
      .map((d) => ({
        account: d.account,
        role: d.role,
        letter: d.letter,
        number: d.number,
        label: deviceLabel(d),
        paired_ms: d.paired_ms,
        last_seen_ms: Math.max(d.last_seen_ms ?? 0, seen.get(d.account)?.at ?? 0) || null,
      }))
      .sort((a, b) => a.role.localeCompare(b.role) === 0 ? String(a.letter ?? a.number).localeCompare(String(b.letter ?? b.number), undefined, { numeric: true }) : b.role.localeCompare(a.role));
    const waiting = pairings
      .map((p) => ({ id: p._id.slice('pairing:'.length), role: p.role, letter: p.letter, number: p.number, label: deviceLabel(p), expires_ms: p.expires_ms, by: p.by }))
      .sort((a, b) => a.expires_ms - b.expires_ms);
    return { devices: paired, waiting };
  }

  /** Cancels a pairing link not used yet: it no longer works, and its letter is free. */
  async function cancelPairing(id) {
    if (!/^[0-9a-f]{64}$/.test(String(id))) throw new PairingError(404, 'unknown_pairing', 'No such pairing link is waiting.');
    const path = `/${DEVICES_DB}/${enc(`pairing:${id}`)}`;
    const pairing = await get(path);
    if (!pairing) throw new PairingError(404, 'unknown_pairing', 'No such pairing link is waiting.');
    await c.expect('DELETE', `${path}?rev=${enc(pairing._rev)}`, undefined, [200, 202]);
    log(`pairing for ${deviceLabel(pairing)} cancelled`);
  }

  /** Revokes a device's account at once, takes it off its inbox, and forgets it. */
  async function unpair(account) {
    const doc = await get(`/${DEVICES_DB}/${enc(`device:${account}`)}`);
    if (!doc) throw new PairingError(404, 'unknown_device', 'No such device is paired.');
    const user = await get(`/_users/${enc(`org.couchdb.user:${account}`)}`);
    if (user) await c.expect('DELETE', `/_users/${enc(user._id)}?rev=${enc(user._rev)}`, undefined, [200, 202]);
    forget(account);
    if (doc.role === 'kiosk') {
      const security = await get(`/${doc.db}/_security`);
      if (security?.members?.names?.includes(account)) {
        security.members.names = security.members.names.filter((n) => n !== account);
        await c.expect('PUT', `/${doc.db}/_security`, security);
      }
    }
    // Its last-seen time may have been written meanwhile: delete what is there now.
    for (let at = doc; at; at = await get(`/${DEVICES_DB}/${enc(doc._id)}`)) {
      const gone = await c.request('DELETE', `/${DEVICES_DB}/${enc(at._id)}?rev=${enc(at._rev)}`);
      if (gone.status !== 409) break;
    }
    seen.delete(account);
    log(`${deviceLabel(doc)} unpaired (account ${account} revoked)`);
  }

  /**
   * Feedback from a visitor: a customer's phone, opened from the QR code of a
   * printed number, with no account. The code carries the check-in's id,
   * which only the slip, the kiosk that filed it and the desks know: the
   * answers are taken only for a check-in the shop's database has, under its
   * ticket. The document is made here, never taken as sent: the kiosk's
   * device, the check-in's id and what mattered most from the check-in, the
   * time and day from this server's clock, no follow-up; then it is held to
   * the shop's rules with that kiosk as its author and written as the admin.
   * One feedback a check-in: its id comes from the check-in's, so sending
   * again finds it there (deleted too: never filed again). Only today's
   * check-ins: an old slip's number is someone else's today. No wish for a
   * word before leaving: nobody can come over to a phone. `{ status, reason }`:
   * 201 filed, 200 had already, 400 refused.
   */
  async function fileVisitorFeedback(sent) {
    const refuse = (reason) => ({ status: 400, reason });
    if (!sent || typeof sent !== 'object' || Array.isArray(sent)) return refuse('Send the answers as JSON.');
    const { intake_id: intakeId, ticket, expectations, respected, comment = '', language } = sent;
    if (typeof intakeId !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(intakeId) || intakeId.startsWith('feedback-')) {
      return refuse('The answers need the check-in the printed number came with.');
    }
    const there = await c.request('GET', `/${db}/${enc(intakeId)}`);
    const intake = there.status === 200 && there.body?.type === 'intake' ? there.body.intake : undefined;
    const label = intake && (intake.letter ? `${intake.letter}-${intake.ticket}` : String(intake.ticket));
    const plain = (t) => String(t).replace(/[\s-]/g, '').toUpperCase();
    if (!intake || typeof ticket !== 'string' || plain(ticket) !== plain(label)) return refuse('There is no such check-in with that number.');
    const at = now();
    const day = localDay(at);
    if (intake.day !== day) return refuse('That number was another day\'s: please tell the desk.');
    const id = `feedback-${intake.device}-visitor-${digest(intakeId).slice(0, 16)}`;
    const doc = {
      _id: id,
      type: 'feedback',
      schema: FEEDBACK_SCHEMA,
      feedback: {
        id,
        device: intake.device,
        created_ms: at,
        day,
        ticket: label,
        intake_id: intakeId,
        priority: intake.priority ?? null,
        expectations,
        respected,
        comment,
        language,
        follow_up: null,
      },
    };
    const validate = await shopRules();
    const letter = intake.letter ? [`letter:${intake.letter}`] : [];
    const refused = judge(validate, doc, { db, name: 'visitor', roles: ['kiosk', ...letter] });
    if (refused) return refuse(refused);
    // Sent again, or deleted since: one a check-in, never brought back.
    const had = await c.expect('POST', `/${db}/_all_docs`, { keys: [id] });
    if (had.rows?.[0]?.value) return { status: 200 };
    const res = await c.request('PUT', `/${db}/${enc(id)}`, doc);
    if (res.status === 201 || res.status === 202) {
      log(`visitor feedback on ${label} filed`);
      return { status: 201 };
    }
    if (res.status === 409) return { status: 200 };
    throw new Error(`the database answered ${res.status}`);
  }

  /** A device was heard from: kept in memory, and written now and then. */
  function sawDevice(account) {
    const at = now();
    const last = seen.get(account);
    seen.set(account, { at, written: last?.written ?? 0 });
    if (at - (last?.written ?? 0) < SEEN_EVERY_MS) return;
    seen.get(account).written = at;
    (async () => {
      const doc = await get(`/${DEVICES_DB}/${enc(`device:${account}`)}`);
      if (doc) await c.request('PUT', `/${DEVICES_DB}/${enc(doc._id)}`, { ...doc, last_seen_ms: at });
    })().catch(() => {});
  }

  /**
   * The highest ticket given on `day` under `letter`, in the shop's database
   * and in that kiosk's inbox (filed, not yet moved): 0 for none. Read from
   * the view `tickets` of _design/lobby (scripts/couch-setup.mjs VIEWS).
   */
  async function highestTicket(letter, day) {
    const key = enc(JSON.stringify([day, letter]));
    let highest = 0;
    for (const name of [db, inboxOf(letter)]) {
      const res = await c.request('GET', `/${enc(name)}/${DESIGN_ID}/_view/tickets?group=true&key=${key}`);
      // An inbox not made yet has filed nothing; the shop's database must answer.
      if (res.status === 404 && name !== db) continue;
      if (res.status !== 200) throw new Error(`the tickets of ${name} were answered ${res.status}`);
      highest = Math.max(highest, res.body?.rows?.[0]?.value?.max ?? 0);
    }
    return highest;
  }

  return {
    /** The registry and every inbox there is, set up; their movers and the pruner started. */
    async start() {
      const there = await c.request('GET', `/${DEVICES_DB}`);
      if (there.status === 404) {
        await c.expect('PUT', `/${DEVICES_DB}`, undefined, [201, 202, 412]);
        log(`database ${DEVICES_DB}: created`);
      }
      await c.expect('PUT', `/${DEVICES_DB}/_security`, ADMIN_ONLY);
      const { devices, expired } = await registry();
      for (const p of expired) await c.request('DELETE', `/${DEVICES_DB}/${enc(p._id)}?rev=${enc(p._rev)}`);
      const dbs = await c.expect('GET', '/_all_dbs');
      for (const inbox of dbs.filter((name) => /^lobby-kiosk-[a-z]$/.test(name))) {
        const letter = inbox.slice(-1).toUpperCase();
        const device = devices.find((d) => d.role === 'kiosk' && d.letter === letter);
        await ensureInbox(letter, device?.account);
      }
      // The view of the day's tickets built now, not at a kiosk's first question
      // (over a database of months, longer than a kiosk waits for an answer).
      c.request('GET', `/${db}/${DESIGN_ID}/_view/tickets?limit=0`).catch((e) => log(`tickets view not built yet: ${e.message}`));
      const prune = () => pruneInboxes().catch((e) => log(`inboxes not pruned: ${e.message}`));
      prune();
      pruner = setInterval(prune, PRUNE_EVERY_MS);
    },
    /** Run every hour by start(); the tests run it when their clock says. */
    prune: pruneInboxes,
    createPairing: (request) => oneAtATime(() => createPairing(request)),
    redeem: (code) => oneAtATime(() => redeem(code)),
    list,
    cancelPairing: (id) => oneAtATime(() => cancelPairing(id)),
    unpair: (account) => oneAtATime(() => unpair(account)),
    sawDevice,
    fileVisitorFeedback,
    highestTicket,
    async close() {
      closed = true;
      clearInterval(pruner);
      for (const m of movers.values()) m.poll?.abort();
      // A mover in the middle of a copy finishes it, for a few seconds at most:
      // what it has not marked done is copied again on the next start (the same
      // revision, so nothing twice).
      let timer;
      const enough = new Promise((done) => (timer = setTimeout(done, 5000)));
      await Promise.race([Promise.all([...movers.values()].map((m) => m.done)), enough]);
      clearTimeout(timer);
    },
  };
}

