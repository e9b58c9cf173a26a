// The shop's settings, kept in the shop's database server beside the devices
// (database lobby-devices, which only the admin reads), changed at a desk
// through the shop's server's API (scripts/pairing-api.mjs):
//
// - `settings:kiosk`: the configuration every device runs on, kiosk.json's
//   fields without any secret. Until a desk saves one, the build's kiosk.json
//   is it. /kiosk.json is served from it, so every kiosk takes it up at its
//   next Welcome. Saved against the revision the desk read: a second desk
//   saving over a change it has not seen is refused with what is there now.
// - `settings:desk`: the desk PIN's hash, which no kiosk is given. Changed
//   only by a desk that names the hash it replaces.
// - The database's rules take only the reasons and questions ever configured
//   (couchdb/validate_doc_update.js): on every start, and before each save,
//   the codes of the settings are added to those the rules of the shop's
//   database and of every kiosk's inbox hold, so a kiosk never files under a
//   code the rules do not know yet, and one filed under a code just removed
//   is still taken.
import { DEVICES_DB } from './devices.mjs';
import { codesOf, putDesignDoc, unionCodes } from './couch-setup.mjs';
import { isCurrentHash } from './pin.mjs';

const KIOSK = 'settings:kiosk';
const DESK = 'settings:desk';
/** A configuration is a few kilobytes; anything near this is not one. */
export const MAX_CONFIG_BYTES = 64 * 1024;
/** What never goes into the shared configuration: the device's own account, the PIN. */
const SECRETS = ['sync', 'desk_pin_hash'];

const enc = encodeURIComponent;

export class SettingsError extends Error {
  constructor(status, error, message, extra = {}) {
    super(message);
    this.status = status;
    this.error = error;
    this.extra = extra;
  }
}

/** kiosk.json's fields as shared: an object without the secrets. */
export function withoutSecrets(config) {
  const copy = { ...config };
  for (const key of SECRETS) delete copy[key];
  return copy;
}

const isObject = (v) => v && typeof v === 'object' && !Array.isArray(v);

/**
 * What is wrong with the shape of a configuration, or undefined. The desk checks
 * every rule of kiosk.json (src/domain/config.rs) before it saves; this is the
 * server's guard against a body that is no configuration at all, which would
 * leave a newly paired kiosk with nothing to run on. (A kiosk that ran before
 * keeps the last configuration it could use.)
 */
export function shapeProblem(config) {
  if (!isObject(config)) return 'the configuration is not a JSON object';
  const b = config.business;
  if (!isObject(b) || typeof b.name !== 'string' || typeof b.color !== 'string' || typeof b.language !== 'string') {
    return 'business needs a name, a color and a language';
  }
  for (const list of ['reasons', 'help_items', 'spending_limits', 'deadlines']) {
    if (!Array.isArray(config[list])) return `${list} must be a list`;
  }
  if (config.reasons.length === 0 || !config.reasons.every((r) => isObject(r) && typeof r.code === 'string' && isObject(r.label))) {
    return 'reasons must list at least one reason, each with a code and a label';
  }
  if (typeof config.currency !== 'string' || typeof config.end_of_day !== 'string' || typeof config.reset_seconds !== 'number') {
    return 'currency, end_of_day and reset_seconds are needed';
  }
  return undefined;
}

/** The codes of the configurations given that have any reasons at all, as one (or undefined). */
function codesOfConfigs(...configs) {
  return unionCodes(...configs.filter(isObject).map(codesOf).filter((codes) => codes.reasons.length > 0));
}

/**
 * `c` is an admin client (couch-setup's), `fileConfig()` the build's kiosk.json
 * as an object (or undefined), `db` the shop's database. The configuration in
 * use is kept in memory, so serving /kiosk.json asks nothing of the database;
 * `start()` reads it.
 */
export function shopSettings({ c, fileConfig, db = 'lobby', log = () => {} }) {
  let kiosk; // { rev, config, by, at } once read, `rev` '' while none is saved
  let turn = Promise.resolve();
  const oneAtATime = (work) => {
    const mine = turn.then(work, work);
    turn = mine.catch(() => {});
    return mine;
  };

  async function read(id) {
    const res = await c.request('GET', `/${DEVICES_DB}/${enc(id)}`);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new SettingsError(502, 'unavailable', "The shop's database is not answering.");
    return res.body;
  }

  async function readKiosk() {
    const doc = await read(KIOSK);
    kiosk = doc && isObject(doc.config)
      ? { rev: doc._rev, config: doc.config, by: doc.by, at: doc.at_ms }
      : { rev: '', config: undefined };
    return kiosk;
  }

  /**
   * Adds `codes` to those the rules take, in the shop's database first, then
   * in every kiosk's inbox (which also take the shop's database's).
   */
  async function installCodes(codes) {
    if (!codes) return;
    const said = (line) => {
      if (!line.endsWith('up to date')) log(`rules: ${line}`);
    };
    await putDesignDoc(c, db, said, { codes });
    const dbs = await c.expect('GET', '/_all_dbs');
    for (const inbox of dbs.filter((name) => /^lobby-kiosk-[a-z]$/.test(name))) {
      await putDesignDoc(c, inbox, said, { codes, codesFrom: db });
    }
  }

  /** The configuration as served: the one saved, else the build's kiosk.json; never a secret. */
  function served() {
    const config = kiosk?.config ?? fileConfig();
    return isObject(config) ? withoutSecrets(config) : undefined;
  }

  /** What a desk edits: the configuration, and the revision it must name to save. */
  async function current() {
    const k = await readKiosk();
    return { rev: k.rev, config: served(), saved_by: k.by ?? null, saved_ms: k.at ?? null };
  }

  /** Saves `config` over revision `rev` ('' for the first save); refused when another came first. */
  function save({ rev, config, by, now = Date.now() }) {
    if (!isObject(config)) throw new SettingsError(400, 'bad_request', 'Send {"rev": "…", "config": {…}} as JSON.');
    if (typeof rev !== 'string') throw new SettingsError(400, 'bad_request', 'Name the revision you edited: "rev".');
    const problem = shapeProblem(config);
    if (problem) throw new SettingsError(400, 'bad_config', `These settings cannot be used: ${problem}.`);
    return oneAtATime(async () => {
      // The rules first: a kiosk may file under a new code as soon as it reads these settings.
      try {
        await installCodes(codesOfConfigs(config));
      } catch (e) {
        log(`settings not saved: the rules did not take their codes (${e.message})`);
        throw new SettingsError(502, 'unavailable', "The shop's database did not take the settings' codes.");
      }
      const doc = { _id: KIOSK, type: 'settings', config: withoutSecrets(config), by, at_ms: now };
      if (rev) doc._rev = rev;
      const res = await c.request('PUT', `/${DEVICES_DB}/${enc(KIOSK)}`, doc);
      if (res.status === 409) {
        const there = await current();
        throw new SettingsError(409, 'conflict', 'Another desk saved the settings since you opened them.', there);
      }
      if (res.status !== 201 && res.status !== 202) throw new SettingsError(502, 'unavailable', "The shop's database did not keep the settings.");
      kiosk = { rev: res.body.rev, config: doc.config, by, at: now };
      log(`settings saved by ${by}`);
      return { rev: res.body.rev };
    });
  }

  /** The desk PIN's hash: the one set at a desk, else the build's kiosk.json's. */
  async function pinHash() {
    const doc = await read(DESK);
    return typeof doc?.pin_hash === 'string' && doc.pin_hash ? doc.pin_hash : fileConfig()?.desk_pin_hash ?? '';
  }

  /** Sets the PIN's hash; `replaces` must be the hash in use, so two desks never undo each other. */
  function setPinHash({ pin_hash, replaces, by, now = Date.now() }) {
    if (!isCurrentHash(pin_hash) || typeof replaces !== 'string') {
      throw new SettingsError(400, 'bad_request', 'Send {"pin_hash": "$pbkdf2-sha256$i=600000,l=32$…", "replaces": "…"} as JSON: a hash of today\'s form, never a weaker one.');
    }
    return oneAtATime(async () => {
      const doc = await read(DESK);
      const inUse = typeof doc?.pin_hash === 'string' && doc.pin_hash ? doc.pin_hash : fileConfig()?.desk_pin_hash ?? '';
      if (inUse !== replaces) throw new SettingsError(409, 'conflict', 'The PIN was changed at another desk meanwhile.', { pin_hash: inUse });
      const next = { _id: DESK, type: 'settings', pin_hash, by, at_ms: now };
      if (doc) next._rev = doc._rev;
      const res = await c.request('PUT', `/${DEVICES_DB}/${enc(DESK)}`, next);
      if (res.status === 409) throw new SettingsError(409, 'conflict', 'The PIN was changed at another desk meanwhile.', { pin_hash: await pinHash() });
      if (res.status !== 201 && res.status !== 202) throw new SettingsError(502, 'unavailable', "The shop's database did not keep the PIN.");
      log(`desk PIN changed by ${by}`);
      return { ok: true };
    });
  }

  return {
    /** Reads the settings, and has the rules take their codes and the build's kiosk.json's. */
    async start() {
      const k = await readKiosk();
      await installCodes(codesOfConfigs(fileConfig(), k.config));
      return k;
    },
    served,
    current,
    save,
    pinHash,
    setPinHash,
  };
}
