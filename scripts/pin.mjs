// The desk PIN, checked by the shop's server for a device that does not hold
// its hash: a kiosk unpairing itself sends the PIN typed on the tablet, and the
// server compares it with the hash it keeps (scripts/settings.mjs). Both forms
// of src/domain/pin.rs: the PHC string of PBKDF2-HMAC-SHA-256, and the first
// form, v1$<salt hex>$<digest hex> (10,000 rounds of SHA-256).
import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const derive = promisify(pbkdf2);
/** As src/domain/pin.rs: fewer iterations than this is not a hash Lobby takes. */
const MIN_ITERATIONS = 100_000;
/** Wrong PINs in a row before an account waits, how long it waits at first, and at most (as the desk's own PIN screen). */
const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
/** PIN checks worked out at once, across all accounts: each is 600,000 rounds of SHA-256. */
const AT_ONCE = 2;

const fromBase64 = (text) => (/^[A-Za-z0-9+/]+$/.test(text) ? Buffer.from(text, 'base64') : undefined);
const fromHex = (text) => (/^([0-9a-f]{2})+$/.test(text) ? Buffer.from(text, 'hex') : undefined);

function v1Digest(salt, pin) {
  let d = createHash('sha256').update(salt).update(pin).digest();
  for (let round = 1; round < 10_000; round++) d = createHash('sha256').update(salt).update(d).digest();
  return d;
}

/** Whether `stored` is a hash of today's form, as a desk makes it (no weaker one is taken in). */
export function isCurrentHash(stored) {
  if (typeof stored !== 'string' || stored.length > 200) return false;
  const phc = /^\$pbkdf2-sha256\$i=(\d+),l=(\d+)\$([A-Za-z0-9+/]{11,})\$([A-Za-z0-9+/]{22,86})$/.exec(stored);
  return !!phc && Number(phc[1]) >= 600_000 && Number(phc[1]) <= 10_000_000 && fromBase64(phc[4]).length === Number(phc[2]);
}

/** Whether `pin` is the PIN of the stored hash `stored`. */
export async function verifyPin(pin, stored) {
  if (typeof pin !== 'string' || !/^[0-9]{4,8}$/.test(pin) || typeof stored !== 'string') return false;
  let expected;
  let got;
  const phc = /^\$pbkdf2-sha256\$i=(\d+)(?:,l=(\d+))?\$([^$]+)\$([^$]+)$/.exec(stored);
  const v1 = /^v1\$([0-9a-f]+)\$([0-9a-f]+)$/.exec(stored);
  if (phc) {
    const iterations = Number(phc[1]);
    const salt = fromBase64(phc[3]);
    expected = fromBase64(phc[4]);
    if (!salt || !expected || iterations < MIN_ITERATIONS || iterations > 10_000_000) return false;
    if (phc[2] && Number(phc[2]) !== expected.length) return false;
    got = await derive(pin, salt, iterations, expected.length, 'sha256');
  } else if (v1) {
    const salt = fromHex(v1[1]);
    expected = fromHex(v1[2]);
    if (!salt || !expected || expected.length !== 32) return false;
    got = v1Digest(salt, pin);
  } else {
    return false;
  }
  return got.length === expected.length && timingSafeEqual(got, expected);
}

/**
 * Tries of the PIN by account: one at a time for an account, each counted as
 * wrong before it is worked out (so that tries sent together cannot slip past
 * the count), and at most AT_ONCE worked out across the server. After FREE_TRIES
 * wrong ones in a row an account waits, twice as long after each further wrong
 * one, up to 15 minutes, as the desk's own PIN screen does. `now` is a clock,
 * for tests.
 */
export function pinTries({ now = Date.now } = {}) {
  const by = new Map(); // account -> { wrong, until, busy }
  let working = 0;
  return {
    /**
     * Checks `pin` against `stored` for `account`: { ok }, or { wait } in
     * milliseconds when the account must wait (or a try of it is under way).
     */
    async check(account, pin, stored) {
      const t = by.get(account) ?? { wrong: 0, until: 0, busy: false };
      by.set(account, t);
      const wait = Math.max(0, t.until - now());
      if (t.busy || wait > 0 || working >= AT_ONCE) return { wait: Math.max(wait, 1000) };
      t.busy = true;
      working += 1;
      t.wrong += 1;
      if (t.wrong >= FREE_TRIES) t.until = now() + Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** (t.wrong - FREE_TRIES));
      try {
        const ok = await verifyPin(pin, stored);
        if (ok) by.delete(account);
        return { ok };
      } finally {
        t.busy = false;
        working -= 1;
      }
    },
  };
}
