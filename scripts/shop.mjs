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
//
// Scripts and tests start it in their own process:
//   const shop = await startShop({ dist, host, port, data }); … await shop.close();
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ROOT, isMain } from './build-facts.mjs';
import { buildFiles, listen } from './serve.mjs';
import { door, PREFIX } from './door.mjs';
import { freePort, portIsFree, startPouchdb } from './pouchdb.mjs';
import { parseCredentials, setup } from './couch-setup.mjs';

/** The shop's database. */
export const DB = 'lobby';

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/**
 * What this shop's server keeps of its own in the data folder (mode 0600): the
 * embedded database's admin, made up on the first start, and its port.
 */
async function shopFile(data) {
  const file = join(data, 'shop.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const shop = {
    admin: { name: 'admin', password: randomBytes(24).toString('base64url') },
    db_port: await freePort(),
  };
  writeFileSync(file, JSON.stringify(shop, null, 2) + '\n', { mode: 0o600 });
  return shop;
}

/** The embedded pouchdb-server, kept running: started again should it stop on its own. */
async function embeddedDatabase(data, log) {
  const shop = await shopFile(data);
  if (!(await portIsFree(shop.db_port))) {
    shop.db_port = await freePort();
    writeFileSync(join(data, 'shop.json'), JSON.stringify(shop, null, 2) + '\n', { mode: 0o600 });
  }
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
 * kind }, close() } once the database is set up and the server listens.
 */
export async function startShop({ dist, host = '127.0.0.1', port = 8080, data = join(ROOT, 'data'), env = process.env, log = () => {} }) {
  const files = buildFiles(dist);
  let database;
  if (env.COUCH_URL) {
    database = externalDatabase(env);
  } else {
    data = resolve(data);
    mkdirSync(data, { recursive: true, mode: 0o700 });
    database = await embeddedDatabase(data, log);
  }
  try {
    await setup({ server: database.url, db: DB, admin: database.admin }, (line) => log(`setup: ${line}`));
  } catch (e) {
    await database.close();
    throw e;
  }
  const toDatabase = door({ couchUrl: database.url, db: DB });
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith(PREFIX)) {
      toDatabase(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
    } else {
      files(req, res);
    }
  });
  try {
    await listen(server, host, port);
  } catch (e) {
    await database.close();
    throw e;
  }
  return {
    url: `http://${host}:${port}`,
    database,
    async close() {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
      await database.close();
    },
  };
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
      console.log(`Lobby is at ${shop.url}/ (the desk at ${shop.url}/desk)`);
      console.log(`The shop's database: ${shop.database.kind}${shop.database.pid ? `, pid ${shop.database.pid}` : ''}, through ${shop.url}/db/`);
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
