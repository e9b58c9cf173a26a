// The shop's server's own API, under /api/: pairing devices and the list of
// those paired (scripts/devices.mjs does the work), and the lobby's status
// for a lobby board.
//
//   POST   /api/pairings          {role, letter?}  a one-time pairing link and its QR code
//                                                 (the owner's token, or a signed-in desk)
//   POST   /api/pair              {code}           redeems a link: the device's account (anyone
//                                                 holding the code; used once)
//   GET    /api/devices                            the paired devices, with when each was last seen,
//                                                 and the links waiting (the owner or a desk)
//   DELETE /api/pairings/<id>                      cancels a link waiting, by its digest (the owner
//                                                 or a desk)
//   DELETE /api/devices/<account>                  unpairs a device: its account is revoked at
//                                                 once (the owner, a desk, or the device itself;
//                                                 a kiosk sends {"pin": "…"}, the desk PIN)
//   GET    /api/desk                               the desk's own settings: the PIN's hash, which
//                                                 kiosk.json is served without (a desk only)
//   PUT    /api/desk      {pin_hash, replaces}     a new PIN's hash, in place of the one named
//                                                 (a desk only; 409 with the one in use)
//   GET    /api/settings                           the shop's configuration and its revision (a desk)
//   PUT    /api/settings  {rev, config}            saves it over that revision (a desk; 409 with
//                                                 what is there now when another desk came first)
//   GET    /api/lobby                              the lobby's status as a desk last wrote it
//                                                 (status:lobby): {at_ms, lobby, serving, next},
//                                                 nothing else; anyone, no account (a lobby
//                                                 board); 404 until a desk has written it.
//                                                 HEAD too
//   POST   /api/feedback  {feedback document}     a visitor's way-out answers (a customer's phone,
//                                                 opened from a printed number's QR code): anyone,
//                                                 no account, for the check-in whose id the
//                                                 code carried; JSON from this site only
//
// The owner's token is in the data folder's shop.json, which only the shop's
// computer can read: `make pair` sends it. No kiosk and no anonymous caller
// may make a pairing.
import { timingSafeEqual } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import QRCode from 'qrcode';
import { deviceLabel, letterOf, PairingError } from './devices.mjs';
import { readBody } from './door.mjs';
import { MAX_CONFIG_BYTES, SettingsError } from './settings.mjs';
import { pinTries } from './pin.mjs';

export const API = '/api/';
/** A pairing request is a few dozen bytes. */
const MAX_BODY = 1024;
/** The lobby's status is read from the database at most this often; a board asks every second. */
export const LOBBY_CACHE_MS = 500;
/** As many tickets as the rules let a desk list, and recent service times. */
const SHOWN = 20;

const json = (res, status, body, headers = {}) => {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
};

const problem = (res, status, error, reason) => json(res, status, { error, reason });

const loopback = (hostname) => hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';

/** This computer's address on the shop's network, if it has one. */
function lanAddress() {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/**
 * The origin a pairing link names: PAIR_ORIGIN when set; else the address the
 * asker reached this server by, unless that is this computer's own loopback;
 * else this computer's address on the network when the server listens on
 * every interface; else where it listens.
 */
export function linkOrigin(hostHeader, listen, env = process.env, lan = lanAddress) {
  if (env.PAIR_ORIGIN) return new URL(env.PAIR_ORIGIN).origin;
  const scheme = listen.tls ? 'https' : 'http';
  if (hostHeader) {
    let asked;
    try {
      asked = new URL(`${scheme}://${hostHeader}`);
    } catch {
      // Not a host: the addresses below.
    }
    if (asked && !loopback(asked.hostname)) return asked.origin;
  }
  if (listen.host === '0.0.0.0' || listen.host === '::') {
    const address = lan();
    if (address) return `${scheme}://${address}:${listen.port}`;
  }
  return `${scheme}://${listen.host}:${listen.port}`;
}

/** The QR code of `text` as rows of "1" (dark) and "0" (light), without the quiet zone. */
export function qrRows(text) {
  const { size, data } = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const rows = [];
  for (let y = 0; y < size; y++) {
    rows.push(Array.from(data.subarray(y * size, (y + 1) * size), (bit) => (bit ? '1' : '0')).join(''));
  }
  return { size, rows };
}

/** The page a pairing link opens, by role: the code rides in the fragment, which is never sent to a server. */
export const pairingLink = (origin, pairing) => `${origin}${pairing.role === 'desk' ? '/desk' : '/'}#pair=${pairing.code}`;

/**
 * The lobby's status as anyone may see it: the fields a lobby board shows,
 * taken one by one from the document (never its id, revision, type or a
 * field the rules do not know), each only when it has the shape the rules give
 * it; first names only with `names` (the business's board_names), whatever a
 * desk wrote (one may not have taken up the setting yet).
 */
export function publicLobby(doc, { names = false } = {}) {
  const whole = (v) => (Number.isSafeInteger(v) ? v : null);
  const text = (v) => (typeof v === 'string' ? v : null);
  const l = doc?.lobby && typeof doc.lobby === 'object' ? doc.lobby : {};
  const called = (list) =>
    (Array.isArray(list) ? list : [])
      .filter((c) => c && typeof c === 'object' && typeof c.ticket === 'string')
      .slice(0, SHOWN)
      .map((c) => (names && typeof c.name === 'string' ? { ticket: c.ticket, name: c.name } : { ticket: c.ticket }));
  return {
    at_ms: whole(doc?.at_ms),
    lobby: {
      day: text(l.day),
      waiting: whole(l.waiting),
      serving: whole(l.serving),
      staff: whole(l.staff),
      recent_s: (Array.isArray(l.recent_s) ? l.recent_s : []).filter(Number.isSafeInteger).slice(0, SHOWN),
    },
    serving: called(doc?.serving),
    next: called(doc?.next),
  };
}

/**
 * The answer to GET /api/lobby, { status, body }, from `read()` (the
 * database's answer to a GET of status:lobby, as the admin), kept for
 * LOBBY_CACHE_MS: however many boards ask, the database is asked twice a
 * second at most, and one question at a time. `names()`: whether the
 * business shows first names on the board. A database that does not
 * answer throws (a 502), and is asked again next time.
 */
export function lobbyBoard({ read, now = Date.now, cacheMs = LOBBY_CACHE_MS, names = () => false }) {
  let kept;
  let asking;
  async function ask() {
    const at = now();
    const res = await read();
    let answer;
    if (res.status === 200 && res.body?.type === 'status' && !res.body._deleted) {
      answer = { status: 200, body: publicLobby(res.body, { names: names() }) };
    } else if (res.status === 404 || res.status === 200) {
      answer = { status: 404, body: { error: 'not_found', reason: "No desk has published the lobby's status yet." } };
    } else {
      throw new Error(`the database answered ${res.status}`);
    }
    kept = { at, answer };
    return answer;
  }
  return function current() {
    if (kept && now() - kept.at < cacheMs) return Promise.resolve(kept.answer);
    asking ??= ask().finally(() => (asking = undefined));
    return asking;
  };
}

/** A visitor's feedback, its longest comment and all, is a few KB. */
const MAX_FEEDBACK_BODY = 16 * 1024;
/** Visitors' feedback filed in VISITOR_WINDOW_MS, at most: each needs a printed number's check-in. */
export const VISITOR_TOTAL = 500;
export const VISITOR_WINDOW_MS = 60 * 60 * 1000;

/**
 * How much visitors' feedback is filed: a ceiling for the hour, so that no
 * one fills the shop's database, counted as it is filed (a refused request
 * takes nothing from the customers who come after it).
 */
export function visitorLimit({ now = Date.now } = {}) {
  let filed = [];
  const recent = () => (filed = filed.filter((at) => now() - at < VISITOR_WINDOW_MS));
  return {
    allow: () => recent().length < VISITOR_TOTAL,
    filed: () => filed.push(now()),
  };
}

/** A request's JSON body: { value }, or { tooLarge } or { bad }. */
async function readJson(req, max = MAX_BODY) {
  let body;
  try {
    body = await readBody(req, max);
  } catch {
    return { bad: true };
  }
  if (body === undefined) return { tooLarge: true };
  try {
    const text = body.toString('utf8');
    return { value: text ? JSON.parse(text) : {} };
  } catch {
    return { bad: true };
  }
}

/**
 * The API's request handler. `devices` is scripts/devices.mjs's, `whoIs`
 * the door's (a Basic authorization to an account), `ownerToken` the data
 * folder's, `listen` {host, port, tls}, `settings` scripts/settings.mjs's,
 * `readLobby()` the database's answer { status, body } to a GET of the
 * lobby's status, as the admin.
 */
export function pairingApi({ devices, whoIs, ownerToken, listen, settings, readLobby, env = process.env, now = Date.now }) {
  const tries = pinTries({ now });
  const visitors = visitorLimit({ now });
  const board = lobbyBoard({ read: readLobby, now, names: () => settings?.served?.()?.board_names === true });
  /** Who asks: 'owner', a desk or kiosk account { name, role }, or undefined. */
  async function asker(req) {
    const authorization = req.headers.authorization ?? '';
    const [given, wanted] = [Buffer.from(authorization), Buffer.from(`Bearer ${ownerToken}`)];
    if (given.length === wanted.length && timingSafeEqual(given, wanted)) return { name: 'owner', role: 'owner' };
    if (!authorization.startsWith('Basic ')) return undefined;
    const user = await whoIs(authorization);
    if (!user) return undefined;
    if (user.roles.includes('kiosk')) return { name: user.name, role: 'kiosk', letter: letterOf(user.roles) };
    if (user.roles.includes('desk')) return { name: user.name, role: 'desk' };
    return undefined;
  }

  async function route(req, res) {
    const path = (req.url ?? '/').split('?')[0].slice(API.length);
    const method = req.method ?? 'GET';
    if (path === 'pair' && method === 'POST') {
      const body = await readJson(req);
      if (body.tooLarge) return problem(res, 413, 'too_large', 'A pairing request is a code, nothing more.');
      if (body.bad) return problem(res, 400, 'bad_request', 'Send {"code": "…"} as JSON.');
      return json(res, 200, await devices.redeem(body.value?.code));
    }
    // Public: a visitor's way-out answers, from a phone with no account, for a
    // check-in whose id its printed number carried (scripts/devices.mjs).
    if (path === 'feedback') {
      if (method !== 'POST') return json(res, 405, { error: 'method_not_allowed', reason: `${method} is not allowed here: feedback is only sent.` }, { Allow: 'POST' });
      // JSON only, from this site's own pages: another site's page cannot send
      // JSON here without asking first, which this server never answers.
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return problem(res, 415, 'unsupported_media_type', 'Send the answers as application/json.');
      if (!['same-origin', undefined].includes(req.headers['sec-fetch-site'])) return problem(res, 403, 'forbidden', 'Only this shop\'s own pages send feedback here.');
      if (!visitors.allow()) return problem(res, 429, 'too_many', 'Please tell the desk: too many answers have come this hour.');
      const body = await readJson(req, MAX_FEEDBACK_BODY);
      if (body.tooLarge) return problem(res, 413, 'too_large', 'That is more than feedback can be.');
      if (body.bad) return problem(res, 400, 'bad_request', 'Send the answers as JSON.');
      const filed = await devices.fileVisitorFeedback(body.value);
      if (filed.status === 400) return problem(res, 400, 'bad_request', filed.reason);
      if (filed.status === 201) visitors.filed();
      return json(res, filed.status, { ok: true });
    }
    // Public: what a lobby board shows, to whoever asks, without an account.
    if (path === 'lobby') {
      if (method !== 'GET' && method !== 'HEAD') {
        return json(res, 405, { error: 'method_not_allowed', reason: `${method} is not allowed here: the lobby's status is only read.` }, { Allow: 'GET, HEAD' });
      }
      const answer = await board();
      return json(res, answer.status, answer.body);
    }
    const known = ['pairings', 'devices', 'desk', 'settings', 'tickets'].includes(path) || path.startsWith('devices/') || path.startsWith('pairings/');
    if (!known) return problem(res, 404, 'not_found', 'No such API.');
    const who = await asker(req);
    if (!who) return problem(res, 401, 'unauthorized', 'Sign in with a desk account, or use make pair on the shop\'s computer.');
    const staff = who.role === 'owner' || who.role === 'desk';
    if (path === 'pairings' && method === 'POST') {
      if (!staff) return problem(res, 403, 'forbidden', 'Only a desk can add a device.');
      const body = await readJson(req);
      if (body.tooLarge || body.bad) return problem(res, 400, 'bad_request', 'Send {"role": "kiosk" or "desk", "letter": "B"} as JSON.');
      const { role, letter } = body.value ?? {};
      // Worked out before the pairing is made: nothing after it can fail.
      const origin = linkOrigin(req.headers.host, listen, env);
      const pairing = await devices.createPairing({ role, letter, by: who.name });
      const link = pairingLink(origin, pairing);
      return json(res, 201, {
        ...pairing,
        label: deviceLabel(pairing),
        link,
        qr: qrRows(link),
        reachable_from_other_devices: !loopback(new URL(origin).hostname),
      });
    }
    if (path.startsWith('pairings/') && method === 'DELETE') {
      if (!staff) return problem(res, 403, 'forbidden', 'Only a desk cancels a pairing link.');
      await devices.cancelPairing(path.slice('pairings/'.length));
      return json(res, 200, { ok: true });
    }
    // A kiosk starting with no memory of today's tickets takes up where its
    // letter left off: the day (the kiosk's own, YYYY-MM-DD) is in the query.
    if (path === 'tickets') {
      if (method !== 'GET') return problem(res, 405, 'method_not_allowed', `${method} is not allowed here: tickets are only read.`);
      if (who.role !== 'kiosk' || !who.letter) return problem(res, 403, 'forbidden', 'Only a paired kiosk asks for its tickets.');
      const day = new URL(req.url ?? '/', 'http://here').searchParams.get('day') ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return problem(res, 400, 'bad_request', 'Ask for a day: ?day=YYYY-MM-DD.');
      return json(res, 200, { day, letter: who.letter, highest: await devices.highestTicket(who.letter, day) });
    }
    if (path === 'desk' || path === 'settings') {
      if (who.role !== 'desk') return problem(res, 403, 'forbidden', "Only a desk account reads or changes the shop's settings.");
      if (method === 'GET') return json(res, 200, path === 'desk' ? { pin_hash: await settings.pinHash() } : await settings.current());
      if (method !== 'PUT') return problem(res, 405, 'method_not_allowed', `${method} is not allowed here.`);
      const body = await readJson(req, path === 'desk' ? MAX_BODY : MAX_CONFIG_BYTES);
      if (body.tooLarge) return problem(res, 413, 'too_large', 'That is more than settings can be.');
      if (body.bad) return problem(res, 400, 'bad_request', 'Send the settings as JSON.');
      // Only what each takes: nothing else of the body reaches the settings.
      const by = who.name;
      const { pin_hash, replaces, rev, config } = body.value ?? {};
      const saved = path === 'desk' ? await settings.setPinHash({ pin_hash, replaces, by }) : await settings.save({ rev, config, by });
      return json(res, 200, saved);
    }
    if (path === 'devices' && method === 'GET') {
      if (!staff) return problem(res, 403, 'forbidden', 'Only a desk sees the paired devices.');
      return json(res, 200, await devices.list());
    }
    if (path.startsWith('devices/') && method === 'DELETE') {
      let account;
      try {
        account = decodeURIComponent(path.slice('devices/'.length));
      } catch {
        return problem(res, 400, 'bad_request', 'That is not a device account.');
      }
      if (!staff && who.name !== account) return problem(res, 403, 'forbidden', 'A kiosk may unpair only itself.');
      if (!staff) {
        // On the tablet, behind the desk's PIN, which the tablet does not hold.
        const body = await readJson(req);
        if (body.tooLarge || body.bad || typeof body.value?.pin !== 'string') return problem(res, 400, 'bad_request', 'Send {"pin": "…"}, the desk PIN, as JSON.');
        const tried = await tries.check(account, body.value.pin, await settings.pinHash());
        if (tried.wait) return json(res, 429, { error: 'wait', reason: 'Too many wrong PINs: wait, then try again.', wait_s: Math.ceil(tried.wait / 1000) });
        if (!tried.ok) return problem(res, 403, 'wrong_pin', 'That is not the desk PIN.');
      }
      await devices.unpair(account);
      return json(res, 200, { ok: true });
    }
    return problem(res, 405, 'method_not_allowed', `${method} is not allowed here.`);
  }

  return async function handle(req, res) {
    try {
      await route(req, res);
    } catch (e) {
      if (res.headersSent) return res.destroy();
      if (e instanceof PairingError) return problem(res, e.status, e.error, e.message);
      if (e instanceof SettingsError) return json(res, e.status, { error: e.error, reason: e.message, ...e.extra });
      problem(res, 502, 'unavailable', "The shop's database is not answering.");
    }
  };
}
