import { randomUUID } from 'node:crypto';
import { test, expect } from '@playwright/test';

// The shop's devices (scripts/devices.mjs) on their own, against a real
// pouchdb-server, with a clock of the test's own: a pairing link expires after
// an hour and its letter is free again; an inbox keeps what a kiosk filed for
// keep_days, and then only what the shop's database has, revision for
// revision, is deleted from it: never what was set aside.
// No browser.

test.describe.configure({ mode: 'serial' });

const PORT = 5994; // a pouchdb-server of this file's own
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

let lib, couchSetup, devicesLib, couch, c;
const clock = { ms: Date.parse('2026-11-22T09:30:00Z') };
const logged: string[] = [];
let devices;

test.beforeAll(async () => {
  lib = await import('../couch.mjs');
  couchSetup = await import('../../scripts/couch-setup.mjs');
  devicesLib = await import('../../scripts/devices.mjs');
  couch = await lib.startCouch({ port: PORT });
  c = couchSetup.client(couch.url, lib.ADMIN);
  devices = devicesLib.shopDevices({ c, db: 'lobby', keepDays: 2, now: () => clock.ms, log: (l: string) => logged.push(l) });
  await devices.start();
});

test.afterAll(async () => {
  await devices?.close();
  await couch?.stop();
});

const doc = (id: string, createdMs: number, reason = 'oil') => ({
  _id: id,
  type: 'intake',
  schema: 2,
  intake: { id, ticket: 'A-1', reason, created_ms: createdMs },
});

async function inShop(id: string): Promise<number> {
  return (await c.request('GET', `/lobby/${id}`)).status;
}

test('a pairing link works for an hour; after that it is refused and its letter is free again', async () => {
  const first = await devices.createPairing({ role: 'kiosk' });
  expect(first.letter).toBe('A');
  expect(first.expires_ms).toBe(clock.ms + devicesLib.PAIRING_MS);
  // While it waits, A is taken.
  expect((await devices.createPairing({ role: 'kiosk' })).letter).toBe('B');
  clock.ms += devicesLib.PAIRING_MS + 1;
  await expect(devices.redeem(first.code)).rejects.toMatchObject({ status: 404, error: 'unknown_pairing' });
  const again = await devices.createPairing({ role: 'kiosk' });
  expect(again.letter).toBe('A');
  const paired = await devices.redeem(again.code);
  expect(paired).toMatchObject({ role: 'kiosk', letter: 'A', db: 'lobby-kiosk-a' });
});

test('after keep_days an inbox keeps only what the shop database does not have as it is', async () => {
  const inbox = 'lobby-kiosk-a';
  const copied = `intake-${randomUUID()}`;
  const recent = `intake-${randomUUID()}`;
  const setAside = `intake-${randomUUID()}`;
  // One the shop's database has under another history (a desk made it, then deleted it).
  const theirs = await c.expect('PUT', `/lobby/${setAside}`, doc(setAside, clock.ms - 3 * DAY, 'tyres'), [201]);
  await c.expect('DELETE', `/lobby/${setAside}?rev=${theirs.rev}`, undefined, [200]);
  for (const d of [doc(copied, clock.ms - 3 * DAY), doc(recent, clock.ms), doc(setAside, clock.ms - 3 * DAY)]) {
    await c.expect('PUT', `/${inbox}/${d._id}`, d, [201]);
  }
  await expect.poll(() => inShop(copied), { message: 'the mover copies it' }).toBe(200);
  await expect.poll(() => inShop(recent)).toBe(200);
  await expect.poll(() => logged.some((l) => l.includes(`${setAside} set aside`))).toBe(true);
  expect(await inShop(setAside)).toBe(404);

  await devices.prune();
  const left = await c.expect('GET', `/${inbox}/_all_docs`);
  const ids = left.rows.map((r: { id: string }) => r.id);
  expect(ids).not.toContain(copied);
  expect(ids).toContain(recent);
  expect(ids).toContain(setAside);
  // What was copied is in the shop's database still.
  expect(await inShop(copied)).toBe(200);
  expect(logged).toContain(`inbox ${inbox}: 1 older than 2 days deleted`);
});
