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
/** Wrong PINs in a row before an account waits, and how long it waits at first. */
const FREE_TRIES = 5;
const FIRST_WAIT_MS = 30_000;

const fromBase64 = (text) => (/^[A-Za-z0-9+/]+$/.test(text) ? Buffer.from(text, 'base64') : undefined);
const fromHex = (text) => (/^([0-9a-f]{2})+$/.test(text) ? Buffer.from(text, 'hex') : undefined);

function v1Digest(salt, pin) {
  let d = createHash('sha256').update(salt).update(pin).digest();
  for (let round = 1; round < 10_000; round++) d = createHash('sha256').update(salt).update(d).digest();
  return d;
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
 * Tries of the PIN by account: after FREE_TRIES wrong ones in a row an
 * account waits, twice as long after each further wrong one, as the desk's
 * own PIN screen does. `now` is a clock, for tests.
 */
export function pinTries({ now = Date.now } = {}) {
  const by = new Map(); // account -> { wrong, until }
  return {
    /** Milliseconds this account must still wait before another try, 0 if none. */
    wait(account) {
      const t = by.get(account);
      return t ? Math.max(0, t.until - now()) : 0;
    },
    failed(account) {
      const t = by.get(account) ?? { wrong: 0, until: 0 };
      t.wrong += 1;
      if (t.wrong >= FREE_TRIES) t.until = now() + FIRST_WAIT_MS * 2 ** (t.wrong - FREE_TRIES);
      by.set(account, t);
    },
    succeeded(account) {
      by.delete(account);
    },
  };
}
