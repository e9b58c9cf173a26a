// The shop's server: the app and the shop's database on one origin, for
// `make run`.
//
//   node scripts/shop.mjs <dist> [--listen 127.0.0.1:8080] [--data data]
//
// - The release build in <dist> is served as scripts/serve.mjs serves it.
// - /db/ leads to the database through the door (scripts/door.mjs): same
//   origin, so no CORS to set, and the page's CSP keeps connect-src 'self'.
// - By default the database is pouchdb-server, started and stopped with this
//   server, listening on 127.0.0.1 only (a tablet reaches it through the door,
//   never directly), with its files in the data folder (git-ignored), which
//   survive restarts. Should it stop on its own, it is started again.
// - With COUCH_URL (e.g. http://127.0.0.1:5984) and COUCH_ADMIN (NAME:PASSWORD)
//   in the environment, an Apache CouchDB 3 is used instead: the
//   recommendation for production and for a chain.
// - On every start the database is set up (databases, design document,
//   _security) by scripts/couch-setup.mjs, which finds done what is done.
// - Devices are paired, not configured (scripts/devices.mjs, and /api/ in
//   scripts/pairing-api.mjs): `make pair` prints a one-time link that gives
//   the tablet that opens it an account of its own. A kiosk files into an
//   inbox of its own, which the server moves into the shop's database; the
//   shop's database is read by desks only. The lobby's status, which desks
//   keep there, is public at /api/lobby for a lobby board (no account), with
//   only the fields a board shows.
//
// - With TLS_CERT and TLS_KEY (PEM files) it serves https instead of http.
//
// Scripts and tests start it in their own process:
//   const shop = await startShop({ dist, host, port, data }); … await shop.close();
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ROOT, isMain } from './build-facts.mjs';
import { buildFiles, listen, noFraming, sendText } from './serve.mjs';
import { door, PREFIX } from './door.mjs';
import { freePort, portIsFree, startPouchdb } from './pouchdb.mjs';
import { client, parseCredentials, setup } from './couch-setup.mjs';
import { LOBBY_STATUS_ID, shopDevices } from './devices.mjs';
import { shopSettings } from './settings.mjs';
import { catalogues, prerender } from './prerender.mjs';
import { API, linkOrigin, pairingApi } from './pairing-api.mjs';

/** The shop's database. */
export const DB = 'lobby';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * What this shop's server keeps of its own in the data folder (mode 0600): the
 * owner's token (what `make pair` shows to be let make a pairing), where the
 * server listens (for `make pair`), and for the embedded database its admin,
 * made up on the first start, and its port.
 */
export const shopFilePath = (data) => join(data, 'shop.json');

async function shopFile(data, listen, embedded) {
  const file = shopFilePath(data);
  const shop = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  shop.owner_token ??= randomBytes(24).toString('base64url');
  shop.listen = listen;
  if (embedded) {
    shop.admin ??= { name: 'admin', password: randomBytes(24).toString('base64url') };
    shop.db_port ??= await freePort();
    if (!(await portIsFree(shop.db_port))) shop.db_port = await freePort();
  }
  writeFileSync(file, JSON.stringify(shop, null, 2) + '\n', { mode: 0o600 });
  return shop;
}

/** The embedded pouchdb-server, kept running: started again should it stop on its own. */
async function embeddedDatabase(data, shop, log) {
  const db = await startPouchdb({ dir: join(data, 'couch'), port: shop.db_port, admin: shop.admin });
  let closing = false;
  const watch = () =>
    db.exited.then(async ({ code, signal }) => {
      if (closing) return;
      log(`the database stopped (${signal ?? `exit ${code}`}): starting it again`);
      for (;;) {
        try {
          await db.start();
          log(`the database is back (pid ${db.pid})`);
          return watch();
        } catch (e) {
          log(`the database did not start: ${e.message}; trying again`);
          await sleep(1000);
        }
      }
    });
  watch();
  return {
    url: db.url,
    admin: shop.admin,
    get pid() {
      return db.pid;
    },
    kind: `pouchdb-server in ${join(data, 'couch')}`,
    async close() {
      closing = true;
      await db.stop();
    },
  };
}

/** An external CouchDB named by COUCH_URL and COUCH_ADMIN. */
function externalDatabase(env) {
  if (!env.COUCH_ADMIN) throw new Error('COUCH_URL is set but COUCH_ADMIN (NAME:PASSWORD) is not');
  const url = new URL(env.COUCH_URL);
  if (url.username || url.password) throw new Error('put no credentials in COUCH_URL: give them in COUCH_ADMIN');
  return {
    url: url.origin,
    admin: parseCredentials(env.COUCH_ADMIN, 'COUCH_ADMIN'),
    pid: undefined,
    kind: `CouchDB at ${url.origin}`,
    async close() {},
  };
}

/**
 * Starts the shop's server. Resolves to { url, database: { url, admin, pid,
 * kind }, devices, ownerToken, close() } once the database is set up and the
 * server listens.
 */
export async function startShop({ dist, host = '127.0.0.1', port = 8080, data = join(ROOT, 'data'), env = process.env, log = () => {} }) {
  const files = buildFiles(dist);
  const tls = tlsFiles(env);
  data = resolve(data);
  mkdirSync(data, { recursive: true, mode: 0o700 });
  const shop = await shopFile(data, { host, port, tls: !!tls }, !env.COUCH_URL);
  const database = env.COUCH_URL ? externalDatabase(env) : await embeddedDatabase(data, shop, log);
  let devices;
  let settings;
  try {
    // Kiosks file into inboxes of their own (scripts/devices.mjs): the shop's
    // database is the desks' alone.
    await setup({ server: database.url, db: DB, admin: database.admin, memberRoles: ['desk'] }, (line) => log(`setup: ${line}`));
    devices = shopDevices({ c: client(database.url, database.admin), db: DB, keepDays: () => settings?.served()?.keep_days ?? 2, forget: (a) => toDatabase.forget(a), log });
    await devices.start();
    settings = shopSettings({ c: client(database.url, database.admin), fileConfig: () => builtConfig(dist), log });
    await settings.start();
  } catch (e) {
    await devices?.close();
    await database.close();
    throw e;
  }
  const toDatabase = door({ couchUrl: database.url, db: DB, seen: devices.sawDevice });
  // A board waits a few seconds at most for the database, then is told it is not answering.
  const lobbyReader = client(database.url, database.admin, { timeoutMs: 5000 });
  const api = pairingApi({
    devices,
    whoIs: toDatabase.whoIs,
    ownerToken: shop.owner_token,
    listen: { host, port, tls: !!tls },
    settings,
    // The lobby's status for /api/lobby, read as the admin: a board has no account.
    readLobby: () => lobbyReader.request('GET', `/${DB}/${encodeURIComponent(LOBBY_STATUS_ID)}`),
    env,
  });
  const server = (tls ? (handler) => createTlsServer(tls, handler) : createServer)((req, res) => {
    noFraming(res);
    const path = (req.url ?? '/').split('?')[0];
    const config = namesConfig(req.url);
    if (config === undefined) return res.writeHead(400).end();
    if (config) return serveConfig(settings.served(), dist, req, res, log);
    if ((path === '/' || path === '/index.html') && (req.method === 'GET' || req.method === 'HEAD')) {
      return serveWelcome(settings.served(), dist, req, res);
    }
    const handler = path.startsWith(PREFIX) ? toDatabase : path.startsWith(API) ? api : undefined;
    if (!handler) return files(req, res);
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const stop = async () => {
    await devices.close();
    await database.close();
  };
  try {
    await listen(server, host, port);
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    database,
    devices,
    ownerToken: shop.owner_token,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await stop();
    },
  };
}

/**
 * HTTPS, when TLS_CERT and TLS_KEY name a certificate and its key (PEM files,
 * e.g. from mkcert or a local CA): tablets then get a secure context, which a
 * service worker (the offline copy) needs.
 */
function tlsFiles(env) {
  if (!env.TLS_CERT && !env.TLS_KEY) return undefined;
  if (!env.TLS_CERT || !env.TLS_KEY) throw new Error('for https set both TLS_CERT (the certificate) and TLS_KEY (its key), as PEM files');
  const read = (name) => {
    try {
      return readFileSync(env[name]);
    } catch (e) {
      throw new Error(`${name}=${env[name]} cannot be read (${e.code ?? e.message})`);
    }
  };
  return { cert: read('TLS_CERT'), key: read('TLS_KEY') };
}

/**
 * Whether a request's path names the build's kiosk.json however it is spelt
 * (`//kiosk.json`, `/kiosk.json/`, `/%6Biosk.json`, `/desk/../kiosk.json`), as
 * the static files would find it. Undefined when the path cannot be decoded.
 */
export function namesConfig(url) {
  let path;
  try {
    // By hand: a URL parser would take //kiosk.json for a host.
    path = decodeURIComponent((url ?? '/').split(/[?#]/)[0]);
  } catch {
    return undefined;
  }
  path = posix.normalize(path.replace(/\\/g, '/').replace(/\/+/g, '/')).replace(/\/+$/, '');
  return path.toLowerCase() === '/kiosk.json';
}

/** The build's kiosk.json, read now; undefined when it is not JSON (it is then served as it is, and the page says what is wrong). */
function builtConfig(dist) {
  try {
    return JSON.parse(readFileSync(join(dist, 'kiosk.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The kiosk's page with the Welcome of the configuration served now, saved at a
 * desk or the build's (scripts/prerender.mjs), so that a tablet's first paint
 * after new settings is already theirs. Without a configuration the page is
 * sent as built, and the program says what is wrong.
 */
let languages;
function serveWelcome(config, dist, req, res) {
  const built = readFileSync(join(dist, 'index.html'), 'utf8');
  languages ??= catalogues(join(dist, 'locales'));
  const html = config ? prerender(built, JSON.stringify(config), languages).html : built;
  sendText(req, res, html, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
}

/**
 * kiosk.json as this server serves it: the settings saved at a desk, else the
 * build's file (scripts/settings.mjs), without the desk PIN's hash, which a
 * signed-in desk gets from /api/desk. A tablet (and its service worker's
 * cache) holds no secret of any kind.
 */
function serveConfig(config, dist, req, res, log) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return res.end();
  }
  if (!config) {
    // Never the raw file: it may hold the hash. The page says it could not be
    // loaded; the reason is here, for whoever runs the server.
    log(`kiosk.json in ${dist} is not a JSON object: fix it and rebuild (make run)`);
    res.writeHead(500, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache' });
    return res.end('kiosk.json is not valid JSON: see the shop server\'s log.');
  }
  sendText(req, res, JSON.stringify(config), { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
}

if (isMain(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] ?? '' : fallback;
  };
  const [host, portText] = option('--listen', '127.0.0.1:8080').split(/:(?=\d+$)/);
  const port = Number(portText);
  if (!args[0] || args[0].startsWith('--') || !host || !Number.isInteger(port)) {
    console.error('usage: node scripts/shop.mjs <dist folder> [--listen HOST:PORT] [--data FOLDER]');
    process.exit(1);
  }
  const log = (line) => console.log(`shop: ${line}`);
  startShop({ dist: args[0], host, port, data: option('--data', join(ROOT, 'data')), log }).then(
    (shop) => {
      // Listening on every interface: the address tablets use.
      const at = linkOrigin(undefined, { host, port, tls: shop.url.startsWith('https:') });
      console.log(`Lobby is at ${at}/ (the desk at ${at}/desk, the lobby board at ${at}/board)`);
      console.log(`The shop's database: ${shop.database.kind}${shop.database.pid ? `, pid ${shop.database.pid}` : ''}, through ${shop.url}/db/`);
      console.log('Pair a device: make pair ROLE=desk (the counter PC first), then make pair ROLE=kiosk for each tablet');
      for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => shop.close().then(() => process.exit(0)));
      }
    },
    (e) => {
      console.error(`shop.mjs: ${e.message}`);
      process.exit(1);
    },
  );
}
