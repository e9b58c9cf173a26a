#!/usr/bin/env node
// Sets up a CouchDB 3 server for Lobby's sync, or checks that it still is.
// Every step reads first and writes only what differs, so running it again
// changes nothing and says so. It also works against pouchdb-server, which the
// end-to-end tests use (see tests/couch.mjs).
//
//   node scripts/couch-setup.mjs --server https://couch.example.com --db lobby \
//     --origin https://kiosk.example.com --codes kiosk.json \
//     --user kiosk-a:PASSWORD:kiosk:A --user desk-1:PASSWORD:desk
//
// The admin credentials come from --admin NAME:PASSWORD or, to keep them out of
// the shell history, from the COUCH_ADMIN environment variable (same form).
// Run with --help for every option. docs/sync.md shows the same steps as
// curl commands.
//
// Needs Node.js 20 or newer and nothing else. The functions are exported for
// the tests, which set up their own server with them.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const ROLES = ['kiosk', 'desk'];
export const DESIGN_ID = '_design/lobby';
export const VALIDATE_FILE = fileURLToPath(new URL('../couchdb/validate_doc_update.js', import.meta.url));
// What the app sends across origins: Basic auth and JSON. The headers replace
// CouchDB's own default list, so everything a browser may ask for is named.
export const CORS_METHODS = 'GET, PUT, POST, HEAD, DELETE';
export const CORS_HEADERS = 'accept, authorization, content-type, if-match, origin, referer';
/**
 * The views of _design/lobby. `tickets`: the numbers given on each day under
 * each ticket letter (`[day, letter]`, "" for none), whose `_stats` max is the
 * day's highest. A kiosk starting with no memory of its own (storage wiped, a
 * new tablet taking an old one's letter) asks it, so no number repeats in a
 * day: straight at CouchDB, or through the shop's server (`GET /api/tickets`).
 */
/**
 * The view `days` sums each day's check-ins and feedback for the desk's figures,
 * as `domain::history::Tally` does on a desk (src/domain/history.rs): by key
 * [day, 'n'] the counts below, in this order (the Rust side checks it); by
 * [day, 'q', quarter] arrivals by UTC quarter-hour; by [day, 'w', bin] waits and
 * [day, 'h', bin] follow-up handling times, in the bins of `Histogram`. Every
 * day in it is taken as over: those still waiting left unserved.
 */
export const TALLY_FIELDS = 'arrivals served serving waiting left unserved wait_ms priorities*5 deadlines_met deadlines_decided promises_kept promises_decided quotes_held quotes_decided quoted quoted_min quoted_waited_ms expectations*3 respected*10 follow_ups follow_ups_open follow_ups_in_time follow_ups_decided';

const DAYS_MAP = `function (doc) {
  var STEPS = [[120, 1], [240, 5], [480, 15], [4320, 60]];
  function bin(ms) {
    var m = Math.floor(Math.max(ms, 0) / 60000), from = 0, b = 0;
    for (var s = 0; s < STEPS.length; s++) {
      var to = STEPS[s][0], step = STEPS[s][1];
      if (m < to) return b + Math.floor((Math.max(m, from) - from) / step);
      b += (to - from) / step;
      from = to;
    }
    return b;
  }
  function priority(p) { return p === 'time' ? 0 : p === 'cost' ? 1 : p === 'both' ? 2 : p === 'quality' ? 3 : 4; }
  var n = [];
  for (var k = 0; k < 38; k++) n.push(0);
  function decide(happened, by, met, decided) {
    n[decided] = 1;
    if (typeof happened === 'number' && happened <= by) n[met] = 1;
  }
  if (doc.type === 'intake' && doc.intake && typeof doc.intake.day === 'string' && typeof doc.intake.created_ms === 'number') {
    var i = doc.intake, status = i.status || 'waiting', day = i.day;
    var served = status === 'waiting' ? null : typeof i.served_ms === 'number' ? i.served_ms : i.status_ms;
    var done = status === 'done' && typeof i.status_ms === 'number' ? i.status_ms : null;
    var walked = status === 'left' || status === 'waiting';
    n[0] = 1;
    n[status === 'done' ? 1 : status === 'serving' ? 2 : status === 'left' ? 4 : 5] = 1;
    emit([day, 'q', ((Math.floor(i.created_ms / 900000) % 96) + 96) % 96], 1);
    if (!walked && typeof served === 'number') {
      n[6] = Math.max(served - i.created_ms, 0);
      emit([day, 'w', bin(n[6])], 1);
    }
    n[7 + priority(i.priority)] = 1;
    if (i.deadline && typeof i.deadline.at_ms === 'number') decide(done, i.deadline.at_ms, 12, 13);
    if (!walked && typeof i.promised_ms === 'number') decide(done, i.promised_ms, 14, 15);
    if (!walked && i.quote && typeof i.quote.high_min === 'number') {
      decide(served, i.created_ms + i.quote.high_min * 60000, 16, 17);
      if (typeof served === 'number') {
        n[18] = 1;
        n[19] = i.quote.high_min;
        n[20] = Math.max(served - i.created_ms, 0);
      }
    }
    emit([day, 'n'], n);
  } else if (doc.type === 'feedback' && doc.feedback && typeof doc.feedback.day === 'string') {
    var f = doc.feedback, e = ['below', 'met', 'beyond'].indexOf(f.expectations);
    if (e < 0) return;
    n[21 + e] = 1;
    n[24 + priority(f.priority) * 2 + (f.respected ? 0 : 1)] = 1;
    if (f.expectations === 'below' || !f.respected || f.wants_talk) {
      n[34] = 1;
      if (f.follow_up && typeof f.follow_up.at_ms === 'number') {
        emit([f.day, 'h', bin(f.follow_up.at_ms - f.created_ms)], 1);
        n[37] = 1;
        if (f.follow_up.at_ms <= f.created_ms + 48 * 3600000) n[36] = 1;
      } else {
        n[35] = 1;
      }
    }
    emit([f.day, 'n'], n);
  }
}`;

export const VIEWS = {
  days: { map: DAYS_MAP, reduce: '_sum' },
  // Each check-in and feedback by its day: a desk exports any range from it.
  records: {
    map: "function (doc) { var r = doc.type === 'intake' ? doc.intake : doc.type === 'feedback' ? doc.feedback : null; if (r && typeof r.day === 'string') { emit(r.day, null); } }",
  },
  tickets: {
    map: "function (doc) { var i = doc.intake; if (doc.type === 'intake' && i && typeof i.day === 'string' && typeof i.ticket === 'number') { emit([i.day, i.letter || ''], i.ticket); } }",
    reduce: '_stats',
  },
};

const USAGE = `usage: node scripts/couch-setup.mjs --server URL [options]

Sets up a CouchDB 3 database for Lobby: the database, the _users database if
missing, accounts with the kiosk or desk role, the database's _security (members:
roles kiosk and desk), the design document _design/lobby with the write rules of
couchdb/validate_doc_update.js, and CORS for the app's origins. Safe to run again.

  --server URL            the CouchDB server, e.g. https://couch.example.com:6984
  --db NAME               the database (default: lobby)
  --admin NAME:PASSWORD   a server admin; or set COUCH_ADMIN=NAME:PASSWORD instead
  --origin URL            where the app is served, e.g. https://kiosk.example.com;
                          repeat for several; replaces the allowed origins
                          (without --origin, CORS is left as it is)
  --user NAME:PASSWORD:ROLE
                          create or update an account; ROLE is desk, or kiosk:L
                          for a kiosk with the ticket letter L (A to Z: the
                          rules then refuse its check-ins under another letter;
                          plain kiosk binds none); repeat for several.
                          NAME:ROLE without a password keeps an existing
                          account's password, or gives a new account a random
                          one, printed once
  --codes FILE            a kiosk.json: from then on the rules take only the
                          reasons and questions it configures, and those of
                          every --codes given before (the list only grows).
                          Repeatable. Without it, codes are checked by their
                          shape alone, or against the list installed before
  --revoke NAME           delete that account (its device is refused from then
                          on); repeatable; given without --user or --origin,
                          nothing else is touched
  --help                  this text`;

/** An error whose message is meant for the person running the script. */
export class SetupError extends Error {}

// ---------------------------------------------------------------------------
// Command line

/** `name:secret` → { name, password }; the password may itself contain colons. */
export function parseCredentials(text, what) {
  const at = text.indexOf(':');
  if (at <= 0 || at === text.length - 1) {
    throw new SetupError(`${what} must be NAME:PASSWORD`);
  }
  return { name: text.slice(0, at), password: text.slice(at + 1) };
}

/**
 * `name:password:role` or `name:role` → { name, password?, roles }. The role
 * `kiosk:B` is a kiosk with the ticket letter B: roles `kiosk` and `letter:B`,
 * which the rules bind its check-ins to.
 */
export function parseUser(text) {
  const lettered = /:kiosk:([A-Za-z])$/.exec(text);
  const body = lettered ? text.slice(0, lettered.index) + ':kiosk' : text;
  const first = body.indexOf(':');
  const last = body.lastIndexOf(':');
  if (first <= 0 || last === body.length - 1) {
    throw new SetupError(`--user ${text}: expected NAME:PASSWORD:ROLE or NAME:ROLE`);
  }
  const name = body.slice(0, first);
  const role = body.slice(last + 1);
  const password = first === last ? undefined : body.slice(first + 1, last);
  if (!ROLES.includes(role)) {
    throw new SetupError(`--user ${name}: the role must be ${ROLES.join(' or ')} (or kiosk:A for a kiosk with its letter), not "${role}"`);
  }
  if (password === '') {
    throw new SetupError(`--user ${name}: the password is empty (leave it out to keep or generate one)`);
  }
  const roles = lettered ? [role, `letter:${lettered[1].toUpperCase()}`] : [role];
  return { name, password, roles };
}

/** An origin as browsers send it: scheme, host and port only, no path or trailing slash. */
export function checkOrigin(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new SetupError(`--origin ${text} is not a URL (expected e.g. https://kiosk.example.com)`);
  }
  if (url.origin !== text) {
    // CORS compares origins as exact strings: "https://kiosk.example.com/" would never match.
    throw new SetupError(`--origin ${text}: give the origin alone, e.g. ${url.origin}`);
  }
  return text;
}

/** Parses the command line (and COUCH_ADMIN) into the options of `setup`. */
export function parseArgs(argv, env = process.env) {
  const options = { db: 'lobby', origins: [], users: [], revoke: [], codes: undefined, help: false };
  let admin;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      options.help = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) {
      throw new SetupError(`${flag} needs a value (see --help)`);
    }
    i++;
    switch (flag) {
      case '--server': options.server = value; break;
      case '--db': options.db = value; break;
      case '--admin': admin = value; break;
      case '--origin': options.origins.push(checkOrigin(value)); break;
      case '--user': options.users.push(parseUser(value)); break;
      case '--revoke': options.revoke.push(value); break;
      case '--codes': options.codes = unionCodes(options.codes, configCodes(value)); break;
      default: throw new SetupError(`unknown option ${flag} (see --help)`);
    }
  }
  if (options.help) return options;
  if (!options.server) throw new SetupError('--server is required (see --help)');
  checkDatabaseName(options.db);
  admin ??= env.COUCH_ADMIN;
  if (!admin) throw new SetupError('no admin credentials: give --admin NAME:PASSWORD or set COUCH_ADMIN');
  options.admin = parseCredentials(admin, admin === env.COUCH_ADMIN ? 'COUCH_ADMIN' : '--admin');
  return options;
}

// ---------------------------------------------------------------------------
// HTTP

/**
 * A client for one server with admin credentials. Every request carries them:
 * besides needing them, pouchdb-server crashes on an anonymous PUT or DELETE
 * of a database once it has admins (pouchdb-server issue 374).
 */
export function client(server, admin, { timeoutMs = 15000 } = {}) {
  let base;
  try {
    base = new URL(server);
  } catch {
    throw new SetupError(`--server ${server} is not a URL (expected e.g. https://couch.example.com)`);
  }
  if (base.username || base.password) {
    throw new SetupError('put no credentials in --server: give them with --admin or COUCH_ADMIN');
  }
  const root = base.href.replace(/\/+$/, '');
  const authorization = 'Basic ' + Buffer.from(`${admin.name}:${admin.password}`).toString('base64');

  async function request(method, path, body) {
    let res;
    try {
      res = await fetch(root + path, {
        method,
        headers: { Authorization: authorization, Accept: 'application/json', 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const cause = err.cause?.code ?? err.cause?.message ?? err.message;
      throw new SetupError(`cannot reach ${root} (${method} ${path}): ${cause}`);
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = { error: 'not_json', reason: text.slice(0, 200) };
    }
    return { status: res.status, body: json };
  }

  /** Like request, but any status outside `ok` is an error that names the step. */
  async function expect(method, path, body, ok = [200, 201, 202]) {
    const res = await request(method, path, body);
    if (!ok.includes(res.status)) {
      const reason = res.body ? [res.body.error, res.body.reason].filter(Boolean).join(': ') : '';
      throw new SetupError(`${method} ${path} was answered ${res.status}${reason ? ` (${reason})` : ''}`);
    }
    return res.body;
  }

  return { root, admin, request, expect };
}

const enc = encodeURIComponent;
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

// ---------------------------------------------------------------------------
// The steps. Each takes the client, does one thing idempotently and reports
// through `log`.

/** Fails early and clearly when the credentials are not a server admin's. */
export async function checkAdmin(c) {
  const res = await c.request('GET', '/_session');
  if (res.status === 401 || !res.body?.userCtx?.roles?.includes('_admin')) {
    throw new SetupError(`${c.root} did not accept ${c.admin.name} as a server admin`);
  }
}

/** CouchDB's rule for database names (system databases aside). */
export function checkDatabaseName(db) {
  if (!/^[a-z][a-z0-9_$()+/-]*$/.test(db)) {
    throw new SetupError(`--db ${db}: a database name starts with a-z and has only a-z, 0-9 and _$()+-/`);
  }
  return db;
}

export async function ensureDatabase(c, db, log) {
  return createIfAbsent(c, checkDatabaseName(db), log);
}

/**
 * A single-node CouchDB 3 set up without its setup wizard may lack the _users
 * database, and then no account can log in.
 */
export async function ensureUsersDatabase(c, log) {
  return createIfAbsent(c, '_users', log);
}

async function createIfAbsent(c, db, log) {
  const res = await c.request('GET', `/${enc(db)}`);
  if (res.status === 200) {
    log(`database ${db}: present`);
    return false;
  }
  if (res.status !== 404) {
    throw new SetupError(`GET /${db} was answered ${res.status} (${res.body?.reason ?? res.body?.error})`);
  }
  await c.expect('PUT', `/${enc(db)}`, undefined, [201, 202]);
  log(`database ${db}: created`);
  return true;
}

/** Creates or updates an account; returns the password when one was generated. */
export async function ensureUser(c, user, log) {
  if (!user.name || user.name.includes(':')) {
    throw new SetupError(`user name "${user.name}" is empty or has a colon`);
  }
  const path = `/_users/${enc(`org.couchdb.user:${user.name}`)}`;
  const res = await c.request('GET', path);
  if (res.status !== 200 && res.status !== 404) {
    throw new SetupError(`GET ${path} was answered ${res.status} (${res.body?.reason ?? res.body?.error})`);
  }
  const existing = res.status === 200 ? res.body : null;
  let password = user.password;
  let generated;
  if (!existing && password === undefined) {
    password = generated = randomBytes(18).toString('base64url');
  }
  if (existing && password === undefined && same(existing.roles, user.roles)) {
    log(`user ${user.name}: present, roles ${user.roles.join(', ')}`);
    return undefined;
  }
  const doc = {
    ...(existing ?? {}),
    _id: `org.couchdb.user:${user.name}`,
    name: user.name,
    type: 'user',
    roles: user.roles,
  };
  // Without a new password the stored hash (in the existing document) is kept.
  if (password !== undefined) doc.password = password;
  await c.expect('PUT', path, doc, [201, 202]);
  const what = existing ? (password !== undefined ? 'updated, new password' : 'updated') : 'created';
  log(`user ${user.name}: ${what}, roles ${user.roles.join(', ')}`);
  if (generated) log(`user ${user.name}: password ${generated}  (shown once: put it in that device's kiosk.json)`);
  return generated;
}

/** Deletes an account. Requests with its credentials are refused (401) from then on. */
export async function revokeUser(c, name, log) {
  const path = `/_users/${enc(`org.couchdb.user:${name}`)}`;
  const res = await c.request('GET', path);
  if (res.status === 404) {
    log(`user ${name}: not present, nothing to revoke`);
    return false;
  }
  if (res.status !== 200) {
    throw new SetupError(`GET ${path} was answered ${res.status} (${res.body?.reason ?? res.body?.error})`);
  }
  await c.expect('DELETE', `${path}?rev=${enc(res.body._rev)}`, undefined, [200, 202]);
  log(`user ${name}: revoked (account deleted)`);
  return true;
}

/**
 * Only accounts with these roles may use the database (by default the kiosk
 * and the desk; behind the shop's server, whose kiosks file into inboxes of
 * their own, the desk alone); no database admins.
 */
export function securityObject(roles = ROLES) {
  return {
    admins: { names: [], roles: [] },
    members: { names: [], roles: [...roles] },
  };
}

export async function setSecurity(c, db, log, roles = ROLES) {
  const path = `/${enc(db)}/_security`;
  const wanted = securityObject(roles);
  const current = await c.expect('GET', path);
  const normalized = {
    admins: { names: current?.admins?.names ?? [], roles: current?.admins?.roles ?? [] },
    members: { names: current?.members?.names ?? [], roles: current?.members?.roles ?? [] },
  };
  if (same(normalized, wanted)) {
    log(`${db}/_security: members are roles ${roles.join(', ')}; unchanged`);
    return false;
  }
  await c.expect('PUT', path, wanted);
  log(`${db}/_security: set (members: roles ${roles.join(', ')}; no database admins)`);
  return true;
}

// ---------------------------------------------------------------------------
// The codes of a business's configuration, which the rules check

/** The line of the rules' source that the codes ever configured replace. */
export const CODES_LINE = 'var CONFIGURED = null;';

/** A kiosk.json, read for --codes. */
function readConfig(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new SetupError(`--codes ${file} cannot be read (${e.code ?? e.message})`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new SetupError(`--codes ${file} is not JSON (expected a kiosk.json)`);
  }
}

/** The codes of the kiosk.json in `file`, which must configure reasons. */
function configCodes(file) {
  const codes = codesOf(readConfig(file));
  if (codes.reasons.length === 0) throw new SetupError(`--codes ${file} configures no reasons: give a kiosk.json`);
  return codes;
}

const isCode = (code) => typeof code === 'string' && /^[a-z0-9_]{1,32}$/.test(code);

/**
 * The codes a configuration (kiosk.json's form) gives customers to answer
 * with: its reasons' and its questions' codes, as { reasons, questions },
 * each sorted. Anything that is not a code is left out.
 */
export function codesOf(config) {
  const list = (items) => (Array.isArray(items) ? items.map((item) => item?.code).filter(isCode) : []);
  return { reasons: [...new Set(list(config?.reasons))].sort(), questions: [...new Set(list(config?.questions))].sort() };
}

/** Sets of codes ({ reasons, questions }) as one; undefined (no list) when none is given. */
export function unionCodes(...sets) {
  const given = sets.filter(Boolean);
  if (given.length === 0) return undefined;
  const merged = (key) => [...new Set(given.flatMap((set) => (Array.isArray(set[key]) ? set[key] : [])))].filter(isCode).sort();
  return { reasons: merged('reasons'), questions: merged('questions') };
}

/** Whether the design document holds a list of codes (`lobby_codes`) that can be read. */
function installedCodes(design) {
  const codes = design?.lobby_codes;
  if (!codes || !Array.isArray(codes.reasons) || !Array.isArray(codes.questions)) return undefined;
  return unionCodes(codes);
}

/**
 * The validate function as CouchDB stores it: the file's text, trimmed, with
 * `codes` (or none: null) in place of its CODES_LINE.
 */
export function validateSource(codes, file = VALIDATE_FILE) {
  const text = readFileSync(file, 'utf8').trim();
  if (text.split(CODES_LINE).length !== 2) {
    throw new SetupError(`${file} must hold the line "${CODES_LINE}" exactly once`);
  }
  return codes ? text.replace(CODES_LINE, `var CONFIGURED = ${JSON.stringify(codes)};`) : text;
}

/**
 * Installs the rules as _design/lobby of `db`. The codes they take are those
 * installed before (the design document keeps them as `lobby_codes`), those
 * of `codes`, and those of the database `codesFrom`'s design document (an
 * inbox takes the shop's database's): a union that never shrinks, so a
 * check-in filed under a code the business has just removed is still taken.
 * With no codes anywhere, codes are checked by their shape alone.
 */
export async function putDesignDoc(c, db, log, { codes, codesFrom } = {}) {
  const path = `/${enc(db)}/${DESIGN_ID}`;
  const res = await c.request('GET', path);
  if (res.status !== 200 && res.status !== 404) {
    throw new SetupError(`GET ${path} was answered ${res.status} (${res.body?.reason ?? res.body?.error})`);
  }
  const existing = res.status === 200 ? res.body : null;
  let wanted = unionCodes(installedCodes(existing), codes);
  if (codesFrom) {
    const from = await c.request('GET', `/${enc(codesFrom)}/${DESIGN_ID}`);
    if (from.status === 200) wanted = unionCodes(wanted, installedCodes(from.body));
  }
  const source = validateSource(wanted);
  // Lobby's own views, beside any a shop added of its own, which stay.
  const views = { ...(existing?.views ?? {}), ...VIEWS };
  const viewsThere = Object.keys(VIEWS).every((name) => JSON.stringify(existing?.views?.[name]) === JSON.stringify(VIEWS[name]));
  if (existing && existing.validate_doc_update === source && existing.language === 'javascript' && viewsThere) {
    log(`${db}/${DESIGN_ID}: up to date`);
    return false;
  }
  const doc = { ...(existing ?? {}), _id: DESIGN_ID, language: 'javascript', validate_doc_update: source, views };
  if (wanted) doc.lobby_codes = wanted;
  const put = await c.request('PUT', path, doc);
  if (put.status === 409) {
    // Installed by another at the same moment (the shop's server installs
    // into every inbox as settings are saved): once more, over theirs.
    return putDesignDoc(c, db, log, { codes: wanted });
  }
  if (put.status !== 201 && put.status !== 202) {
    const reason = put.body ? [put.body.error, put.body.reason].filter(Boolean).join(': ') : '';
    throw new SetupError(`PUT ${path} was answered ${put.status}${reason ? ` (${reason})` : ''}`);
  }
  const counted = wanted ? `; codes: ${wanted.reasons.length} reasons, ${wanted.questions.length} questions` : '';
  log(`${db}/${DESIGN_ID}: ${existing ? 'updated' : 'created'} (validate_doc_update${counted}; views: ${Object.keys(VIEWS).join(', ')})`);
  return true;
}

/**
 * Where the server's configuration is. CouchDB 3 keeps it per node, under
 * /_node/{node}/_config, and /_membership lists the nodes (one on a single
 * node, every one of a cluster: each must allow the origin). pouchdb-server
 * answers /_membership with one pretend node that it maps to its /_config.
 */
export async function configBases(c) {
  const membership = await c.request('GET', '/_membership');
  const nodes = membership.status === 200 ? membership.body?.all_nodes ?? [] : [];
  // Node names such as couchdb@127.0.0.1 go into the path as they are:
  // pouchdb-server only recognises its node with a literal "@".
  const candidates = nodes.length
    ? nodes.map((node) => `/_node/${node}/_config`)
    : ['/_node/_local/_config', '/_config'];
  const bases = [];
  for (const base of candidates) {
    if ((await c.request('GET', `${base}/cors`)).status === 200) bases.push(base);
    if (!nodes.length && bases.length) break;
  }
  if (bases.length === 0) {
    throw new SetupError(`${c.root} offers no configuration API (tried ${candidates.join(', ')})`);
  }
  if (nodes.length && bases.length !== nodes.length) {
    throw new SetupError(`the configuration of some nodes could not be read (${candidates.join(', ')})`);
  }
  return bases;
}

/** The settings that let a browser at `origins` use the database with Basic auth. */
export function corsSettings(origins, flavour) {
  const settings = [
    // Separated by comma and space: pouchdb-server splits on exactly that.
    ['cors', 'origins', origins.join(', ')],
    ['cors', 'credentials', 'true'],
    ['cors', 'methods', CORS_METHODS],
    ['cors', 'headers', CORS_HEADERS],
    ['httpd', 'enable_cors', 'true'],
  ];
  // CouchDB 3.2 moved enable_cors to [chttpd]; 3.0 and 3.1 read it from [httpd].
  if (flavour === 'couchdb') settings.push(['chttpd', 'enable_cors', 'true']);
  return settings;
}

export async function setCors(c, origins, log) {
  if (origins.length === 0) {
    log('CORS: left as it is (no --origin given)');
    return false;
  }
  const welcome = await c.expect('GET', '/');
  const flavour = welcome?.couchdb ? 'couchdb' : 'pouchdb-server';
  let changed = false;
  for (const base of await configBases(c)) {
    const updates = [];
    for (const [section, key, value] of corsSettings(origins, flavour)) {
      const path = `${base}/${section}/${key}`;
      const current = await c.request('GET', path);
      if (current.status === 200 && String(current.body) === value) continue;
      await c.expect('PUT', path, value);
      updates.push(`${section}/${key}`);
    }
    const where = base === '/_config' ? '' : ` on ${base.replace(/\/_config$/, '')}`;
    log(updates.length
      ? `CORS${where}: set ${updates.join(', ')} (origins ${origins.join(', ')})`
      : `CORS${where}: origins ${origins.join(', ')}; unchanged`);
    changed ||= updates.length > 0;
  }
  return changed;
}

/**
 * The whole setup. Options as parseArgs returns them: { server, db, admin,
 * origins, users, revoke, codes }, and `memberRoles` (who may use the
 * database, by role; the kiosk and the desk unless given). With only `revoke`
 * given, only those accounts are deleted. Returns the passwords it generated,
 * by user name.
 */
export async function setup(options, log = console.log) {
  const { db = 'lobby', origins = [], users = [], revoke = [], memberRoles = ROLES, codes } = options;
  const c = client(options.server, options.admin);
  await checkAdmin(c);
  const generated = {};
  for (const name of revoke) await revokeUser(c, name, log);
  const revokeOnly = revoke.length > 0 && users.length === 0 && origins.length === 0 && !codes;
  if (revokeOnly) return generated;

  await ensureUsersDatabase(c, log);
  await ensureDatabase(c, db, log);
  await setSecurity(c, db, log, memberRoles);
  await putDesignDoc(c, db, log, { codes });
  for (const user of users) {
    const password = await ensureUser(c, user, log);
    if (password) generated[user.name] = password;
  }
  await setCors(c, origins, log);
  return generated;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    console.error(`couch-setup: ${err.message}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  try {
    await setup(options, (line) => console.log(`couch-setup: ${line}`));
    console.log('couch-setup: done');
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    console.error(`couch-setup: FAILED: ${err.message}`);
    process.exit(1);
  }
}

// Run as a script, not when imported. (No top-level await: the Playwright
// specs load this module through require.)
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
