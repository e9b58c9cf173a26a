// The shop's server is the door to the database, not a pipe: it passes on only
// what each role's work needs, by an allow-list of paths and methods, and never
// the database's own administration (_users, _index, _all_dbs, _config, design
// documents, _security, _bulk_docs, attachments). pouchdb-server lets a kiosk
// account rewrite its own _users document (roles included) and the design
// document through _index, so this is not optional there; Apache CouchDB 3
// behind the same door gets the same list.
//
// `decide` is the list itself, a plain function; `door` is the request handler
// that finds out who is asking (the database's own _session, with the caller's
// credentials) and forwards what is allowed with those same credentials, so the
// database's own rules (_security, validate_doc_update) still apply on top.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { inboxOf, letterOf } from './devices.mjs';

/** Where the database is reached through the shop's server. */
export const PREFIX = '/db/';

/** The largest body each role may send in one request (a check-in is a few KB). */
export const MAX_BODY = { kiosk: 64 * 1024, desk: 256 * 1024 };

const KIOSK_QUERY = new Set(['conflicts', 'rev']);
const DESK_QUERY = new Set(['conflicts', 'rev', 'revs', 'include_docs', 'limit', 'since', 'feed', 'timeout', 'heartbeat', 'style']);

const DESK_VIEWS = {
  '_design/lobby/_view/days': { name: 'figures', query: new Set(['group_level', 'startkey', 'endkey']) },
  '_design/lobby/_view/records': { name: 'records', query: new Set(['include_docs', 'startkey', 'endkey']) },
};

const refuse = (reason) => ({ status: 403, error: 'forbidden', reason });

/**
 * Whether a role may make this request. `path` is what follows /db/ (still
 * percent-encoded), `query` its URLSearchParams, `db` the one database this
 * account works in (a desk: the shop's; a kiosk: its inbox).
 * Returns { ok: true } or { status, error, reason }.
 */
export function decide(role, method, path, query, db) {
  const parts = path.split('/');
  const [name, ...rest] = parts;
  if (name !== db) return refuse(`This account reaches only the database ${db} through the shop's server.`);
  const doc = rest.length === 1 ? decodeURIComponent(rest[0]) : undefined;
  const ordinaryDoc = doc !== undefined && doc !== '' && !doc.startsWith('_');
  // A desk's figures of earlier days, summed by the database, and the records
  // of a range it exports (views of couch-setup.mjs).
  const view = role === 'desk' ? DESK_VIEWS[rest.join('/')] : undefined;
  if (view) {
    const fine = [...query.keys()].every((key) => view.query.has(key));
    if (fine && (method === 'GET' || method === 'HEAD')) return { ok: true };
    return refuse(`A desk may only read the ${view.name} view, by ${[...view.query].join(', ')}.`);
  }
  const allowedQuery = role === 'desk' ? DESK_QUERY : KIOSK_QUERY;
  for (const key of query.keys()) {
    if (!allowedQuery.has(key)) return refuse(`The query parameter ${key} is not allowed for a ${role}.`);
  }
  const read = method === 'GET' || method === 'HEAD';
  if (role === 'kiosk') {
    // Is the database there, create a check-in or feedback, read one back after
    // a lost answer (a 409 on a retry). Anything else it files there (the
    // lobby's status, say) the inbox's rules refuse, and the mover too.
    if (rest.length === 0 && read) return { ok: true };
    if (ordinaryDoc && (read || method === 'PUT')) return { ok: true };
    return refuse('A kiosk may only create check-ins and feedback.');
  }
  if (role === 'desk') {
    if (rest.length === 0 && read) return { ok: true };
    if (doc === '_changes' && method === 'GET') return { ok: true };
    // Check-ins, feedback and the lobby's status (status:lobby, sent as
    // status%3Alobby): the database's rules tell them apart.
    if (ordinaryDoc && (read || method === 'PUT' || method === 'DELETE')) return { ok: true };
    return refuse("A desk may read the changes and the figures, and read, change or delete check-ins, feedback and the lobby's status only.");
  }
  return refuse('This account has neither the kiosk nor the desk role.');
}

const json = (res, status, body) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
};

/** Forwards one request to the database and its answer back. */
function forward(couchUrl, req, res, target, body) {
  const url = new URL(target, couchUrl);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { accept: 'application/json' };
  for (const h of ['authorization', 'content-type', 'if-match']) if (req.headers[h]) headers[h] = req.headers[h];
  if (body) headers['content-length'] = String(body.length);
  const upstream = send(url, { method: req.method, headers }, (answer) => {
    const out = { 'Cache-Control': 'no-store' };
    for (const h of ['content-type', 'etag']) if (answer.headers[h]) out[h] = answer.headers[h];
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) json(res, 502, { error: 'unavailable', reason: "The shop's database is not answering." });
    else res.destroy();
  });
  // A long poll ends when the device goes away.
  res.on('close', () => upstream.destroy());
  upstream.end(body);
}

/**
 * Reads a request's body, up to `limit` bytes; undefined when it is longer (the
 * rest is read and dropped, so the refusal still reaches the device).
 */
export function readBody(req, limit) {
  return new Promise((done, fail) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => done(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

/**
 * A document as a kiosk files it or a desk changes it: a JSON object whose
 * only fields starting with `_` are `_id` and `_rev` (no `_attachments`,
 * `_deleted`, `_revisions`: the mover could not copy them as they are, or
 * should not; and a desk deletes with DELETE, where the door sees which
 * revision it deletes).
 */
function plainDocument(body) {
  let doc;
  try {
    doc = JSON.parse(body.toString('utf8'));
  } catch {
    return false;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  return Object.keys(doc).every((k) => !k.startsWith('_') || k === '_id' || k === '_rev');
}

/**
 * Whether a desk's DELETE would delete the winning revision of a document.
 * A desk deletes a revision only to end a conflict: it merges the versions
 * into the winner, then deletes each one that lost. Deleting the winner would
 * take a check-in off every desk, and the database's rules cannot tell the
 * two apart (CouchDB shows validate_doc_update the revision deleted, not
 * whether it is the one that wins): so the door asks the database, with the
 * desk's own credentials, which revision wins now. Straight at CouchDB,
 * without this door, nothing refuses it. (A winner that changes between this
 * question and the delete, another desk resolving the same conflict at that
 * moment, is not seen.)
 */
async function deletesTheWinner(couchUrl, path, rev, authorization) {
  const answer = await fetch(new URL(`${path}?conflicts=true`, couchUrl), {
    headers: { authorization, accept: 'application/json' },
    signal: AbortSignal.timeout(10_000),
  });
  // Not there, or deleted already: the database answers the delete itself.
  if (answer.status !== 200) return false;
  const doc = await answer.json();
  return doc?._rev === rev;
}

/**
 * The role an account has here and the one database it works in: a desk, the
 * shop's database; a kiosk, its own inbox (by its `letter:` role). A kiosk
 * that has somehow gained the desk role is still treated as a kiosk.
 */
export function placeOf(user, db) {
  if (user.roles.includes('kiosk')) {
    const letter = letterOf(user.roles);
    return { role: 'kiosk', db: letter ? inboxOf(letter) : undefined };
  }
  if (user.roles.includes('desk')) return { role: 'desk', db };
  return { role: undefined, db: undefined };
}

/**
 * The door's request handler for paths under /db/. `couchUrl` is the
 * database server, `db` the shop's database. Who asks is looked up with the
 * caller's own credentials and kept for `cacheMs`; `seen(account)` is told of
 * every request let through. The handler has `whoIs(authorization)` for the
 * server's own API and `forget(account)` for an account revoked.
 */
export function door({ couchUrl, db, cacheMs = 30_000, seen = () => {} }) {
  const known = new Map();
  /** Accounts revoked, until the lookups made before could have ended. */
  const revoked = new Map();

  async function whoIs(authorization) {
    const hit = known.get(authorization);
    if (hit && Date.now() - hit.at < cacheMs) return hit.user;
    const answer = await fetch(new URL('/_session', couchUrl), {
      headers: { authorization, accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    const ctx = answer.ok ? (await answer.json()).userCtx : undefined;
    const user = ctx?.name ? { name: ctx.name, roles: ctx.roles ?? [] } : undefined;
    // A lookup under way when the account was revoked is not kept.
    if (user && !(revoked.get(user.name) > Date.now())) known.set(authorization, { user, at: Date.now() });
    return user;
  }

  async function handle(req, res) {
    const url = new URL(req.url ?? '/', 'http://door');
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith('Basic ')) {
      return json(res, 401, { error: 'unauthorized', reason: "Sign in with this device's kiosk or desk account." });
    }
    let user;
    try {
      user = await whoIs(authorization);
    } catch {
      return json(res, 502, { error: 'unavailable', reason: "The shop's database is not answering." });
    }
    if (!user) return json(res, 401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    const place = placeOf(user, db);
    if (place.role === 'kiosk' && !place.db) {
      return json(res, 403, { error: 'forbidden', reason: 'This kiosk account has no ticket letter: pair the kiosk (make pair ROLE=kiosk).' });
    }
    const role = place.role;
    const verdict = decide(role, req.method ?? 'GET', url.pathname.slice(PREFIX.length), url.searchParams, place.db);
    if (!verdict.ok) return json(res, verdict.status, { error: verdict.error, reason: verdict.reason });
    seen(user.name);
    const target = url.pathname.slice(PREFIX.length - 1);
    let body;
    if (req.method === 'PUT') {
      body = await readBody(req, MAX_BODY[role]);
      if (body === undefined) {
        return json(res, 413, { error: 'too_large', reason: `A ${role} may send at most ${MAX_BODY[role] / 1024} KB at once.` });
      }
      if (!plainDocument(body)) {
        return json(res, 400, {
          error: 'bad_request',
          reason: role === 'kiosk'
            ? 'A check-in is a JSON object with no attachments or other special fields.'
            : 'A check-in is a JSON object with no attachments or other special fields; delete a revision with DELETE.',
        });
      }
    }
    if (role === 'desk' && req.method === 'DELETE') {
      const rev = url.searchParams.get('rev') ?? req.headers['if-match']?.replace(/"/g, '');
      if (!rev) return json(res, 400, { error: 'bad_request', reason: 'Name the revision to delete: ?rev=…' });
      let winner;
      try {
        winner = await deletesTheWinner(couchUrl, target, rev, authorization);
      } catch {
        return json(res, 502, { error: 'unavailable', reason: "The shop's database is not answering." });
      }
      if (winner) {
        return json(res, 403, {
          error: 'forbidden',
          reason: 'The desk deletes only a version that lost a conflict, never the current one: a check-in stays on every desk.',
        });
      }
    }
    forward(couchUrl, req, res, target + url.search, body);
  }

  handle.whoIs = whoIs;
  handle.forget = (account) => {
    revoked.set(account, Date.now() + cacheMs);
    for (const [key, hit] of known) if (hit.user.name === account) known.delete(key);
  };
  return handle;
}
