import { test, expect, type Browser } from '@playwright/test';
import { Kiosk, Desk, DESK_PIN, expectNoAxeViolations, pairDevice, useShop, type ShopDevice } from './pages';

// A desk reading the shop's database through the shop's server, fed what no
// Lobby device writes: documents put straight into the database (as its
// administrator, past the door and the rules), each of which once stopped
// every desk's sync for good. A desk reads on past each, says so, and shows
// every check-in filed before and after them; a reload and a new desk do the
// same. And a desk whose storage is full does not move on past a check-in it
// could not keep: it says so, and the check-in arrives once there is room.

const PORT = 8089; // each spec file that starts a shop has a port of its own
const run = useShop(PORT, 'feed');
const errors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.afterEach(() => {
  expect(errors, 'no page threw').toEqual([]);
});

type Device = ShopDevice;
const paired = (browser: Browser, role: 'kiosk' | 'desk'): Promise<Device> => pairDevice(browser, run.shop, role, { errors });

/** Writes a document's JSON text, exactly as given, straight into the shop's database. */
async function putRaw(id: string, text: string): Promise<void> {
  const { url, admin } = run.shop.database;
  const res = await fetch(`${url}/lobby/${encodeURIComponent(id)}`, {
    method: 'PUT',
    headers: {
      Authorization: `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`,
      'Content-Type': 'application/json',
    },
    body: text,
  });
  expect(res.status, `${id}: ${await res.text()}`).toBe(201);
}

/** An intake document as a kiosk writes it, its name given as JSON text (escapes and all). */
function intakeText(id: string, nameJson: string, extra = ''): string {
  return (
    `{"_id":"${id}","type":"intake","schema":2,"intake":{"id":"${id}","device":"stray","created_ms":${Date.now()},` +
    `"day":"${new Date().toISOString().slice(0, 10)}","ticket":90,"letter":"Z","name":${nameJson},"language":"en"${extra}}}`
  );
}

async function checkIn(kiosk: Kiosk, name: string): Promise<string> {
  await kiosk.quickCheckIn(undefined, name);
  const ticket = (await kiosk.ticket.textContent()) ?? '';
  await kiosk.finish();
  return ticket;
}

test('a desk reads on past every document it cannot read, says so, and shows every check-in before and after', async ({ browser }) => {
  test.setTimeout(150_000);
  const counter = await paired(browser, 'desk');
  const tablet = await paired(browser, 'kiosk');
  const kiosk = new Kiosk(tablet.page);
  const desk = new Desk(counter.page);
  let second: Device | undefined;
  try {
    const before = await checkIn(kiosk, 'Before');
    await expect(desk.row(before)).toBeVisible({ timeout: 20_000 });

    // A lone surrogate in a name: stored by the database, refused by every strict JSON reader.
    await putRaw('stray-surrogate', intakeText('stray-surrogate', '"\\ud800"'));
    // Nesting 200 deep, past the 128 a JSON reader allows.
    await putRaw('stray-deep', intakeText('stray-deep', '"Deep"', `,"x":${'['.repeat(200)}${']'.repeat(200)}`));
    // 20 MB in one document.
    await putRaw('stray-large', intakeText('stray-large', JSON.stringify('L'.repeat(20 * 1024 * 1024))));
    // Another type, and an id that disagrees with its record.
    await putRaw('stray-note', '{"_id":"stray-note","type":"note","text":"hello"}');
    await putRaw('stray-id', intakeText('stray-id', '"Wrong id"').replace('"intake":{"id":"stray-id"', '"intake":{"id":"someone-else"'));

    const after = await checkIn(kiosk, 'After');
    await expect(desk.row(after)).toBeVisible({ timeout: 30_000 });
    await expect(desk.row(before)).toBeVisible();
    const said = counter.page.getByTestId('read-past');
    await expect(said).toHaveText(
      '5 documents in the shared database could not be read here, so this desk read on past them; they are still in the database: ' +
        '2 damaged or cut short, 2 not a check-in, 1 far too large. Every other check-in is shown.',
    );
    await expect(counter.page.getByTestId('sync')).toContainText('Shared queue connected');
    await expectNoAxeViolations(counter.page, 'the desk saying what it read past');

    // After a reload the desk reads on from where it was, and still says so.
    await counter.page.reload();
    await desk.unlock(DESK_PIN);
    await expect(desk.row(after)).toBeVisible();
    await expect(said).toContainText('5 documents');
    const later = await checkIn(kiosk, 'Later');
    await expect(desk.row(later)).toBeVisible({ timeout: 30_000 });

    // A new desk reads the database from its start, past the same five.
    second = await paired(browser, 'desk');
    const fresh = new Desk(second.page);
    for (const ticket of [before, after, later]) await expect(fresh.row(ticket)).toBeVisible({ timeout: 30_000 });
    await expect(second.page.getByTestId('read-past')).toContainText('5 documents');
    await expect(second.page.getByTestId('sync')).toContainText('Shared queue connected');
  } finally {
    await Promise.all([counter.context.close(), tablet.context.close(), second?.context.close()]);
  }
});

test('a desk whose storage is full does not read past a check-in it could not keep: it says so, and the check-in arrives once there is room', async ({ browser }) => {
  test.setTimeout(90_000);
  const counter = await paired(browser, 'desk');
  const tablet = await paired(browser, 'kiosk');
  const kiosk = new Kiosk(tablet.page);
  const desk = new Desk(counter.page);
  try {
    const first = await checkIn(kiosk, 'First');
    await expect(desk.row(first)).toBeVisible({ timeout: 20_000 });

    // Fill this browser's storage for the desk's origin to the last character.
    const filled = await counter.page.evaluate(() => {
      let n = 0;
      for (let size = 1 << 20; size >= 1; size >>= 1) {
        for (;;) {
          try {
            localStorage.setItem(`filler-${n}`, 'f'.repeat(size));
            n += 1;
          } catch {
            break;
          }
        }
      }
      return n;
    });
    expect(filled).toBeGreaterThan(0);

    const second = await checkIn(kiosk, 'Second');
    await expect(counter.page.getByTestId('sync')).toContainText("Sync paused: this device's storage is full", { timeout: 30_000 });
    await expect(desk.row(second)).toHaveCount(0);

    // Room again: the same check-in arrives, as the desk had not moved on past it.
    await counter.page.evaluate(() => {
      for (const key of Object.keys(localStorage)) if (key.startsWith('filler-')) localStorage.removeItem(key);
    });
    await expect(desk.row(second)).toBeVisible({ timeout: 30_000 });
    await expect(counter.page.getByTestId('sync')).toContainText('Shared queue connected');
    // It arrived late, and is still news: the desk announces it as it does any new check-in.
    await expect(counter.page.getByText(`New check-in: ${second}`)).toBeVisible();
  } finally {
    await Promise.all([counter.context.close(), tablet.context.close()]);
  }
});
