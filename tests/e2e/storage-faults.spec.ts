import { test, expect, T, intakeKeys, type BrowserContext } from './pages';
import { anIntake } from '../fixtures/records.mjs';

// The browser's storage is not always kind: it fills up, and it may hold records
// that are damaged, cut short, written by a newer Lobby, or not ours at all. A
// customer still gets a ticket the desk can see, nothing readable is lost, and
// nothing unreadable is deleted.

/**
 * From the next page load on, every page of the context refuses to store intakes
 * the way a full storage does (a QuotaExceededError from setItem for
 * lobby.intake.* keys) until its `__storageFull` is set to false.
 */
async function fillUpStorage(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __storageFull: boolean };
    w.__storageFull = true;
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (w.__storageFull && String(key).startsWith('lobby.intake.')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
}

test('storage full: the customer gets a ticket to show, the desk gets the brief, and it is stored once there is room', async ({ context, kiosk, openDesk }) => {
  const { page } = kiosk;
  await kiosk.open();
  const first = await kiosk.quickCheckIn(T.reasons.service, 'Ana');
  await kiosk.finish();
  const [earlierKey] = await intakeKeys(page);
  const earlierRecord = await page.evaluate((k) => localStorage.getItem(k), earlierKey);

  await fillUpStorage(context);
  await page.reload();
  await kiosk.expectScreen(T.welcome);
  const desk = await openDesk();
  await expect((await desk.show(first))).toBeVisible();

  await kiosk.toReview({ name: 'Bea', note: 'Brakes squeal', help: ['Coffee or water'] });
  const ticket = await kiosk.confirm();
  expect(ticket).toBe(first + 1);
  await expect(page.getByRole('alert')).toHaveText(
    'Please show this number at the desk: this screen could not save your check-in.',
  );
  await expect(kiosk.ticket).toBeVisible();
  // One message: show the number, not also "we'll call your number".
  await expect(page.locator('.done .lead')).toHaveText('Thank you, Bea.');
  await expect(page.getByText('call your number')).toHaveCount(0);

  // The open desk has it, says so, and still has the earlier one.
  const warning = desk.page.getByRole('alert').filter({ hasText: 'could not be saved' });
  await expect(warning).toHaveText(
    "1 check-in could not be saved: this browser's storage is full. It is shown here while this desk stays open; please free up storage.",
  );
  await expect((await desk.show(ticket)).getByRole('heading', { name: 'Bea' })).toBeVisible();
  await expect((await desk.show(ticket)).locator('.note p')).toHaveText('Brakes squeal');
  await expect((await desk.show(first)).getByRole('heading', { name: 'Ana' })).toBeVisible();
  // It can be worked on meanwhile.
  await (await desk.show(ticket)).getByRole('checkbox', { name: 'Coffee or water' }).check();
  await expect((await desk.show(ticket)).getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
  expect(await intakeKeys(desk.page)).toEqual([earlierKey]);
  expect(await desk.page.evaluate((k) => localStorage.getItem(k), earlierKey)).toBe(earlierRecord);

  // Room again (on the desk's page): at its next refresh the desk stores it.
  await desk.page.evaluate(() => {
    (window as unknown as { __storageFull: boolean }).__storageFull = false;
  });
  await desk.page.clock.fastForward(15_000);
  await expect(warning).toHaveCount(0);
  const keys = await intakeKeys(desk.page);
  expect(keys).toHaveLength(2);
  expect(keys).toContain(earlierKey);
  const saved = await desk.page.evaluate(
    (ks) => ks.map((k) => JSON.parse(localStorage.getItem(k)!).intake as { name: string; ticket: number; done_help: string[] }),
    keys.filter((k) => k !== earlierKey),
  );
  expect(saved).toEqual([expect.objectContaining({ name: 'Bea', ticket, done_help: ['coffee'] })]);
  await expect((await desk.show(ticket)).getByRole('heading', { name: 'Bea' })).toBeVisible();
  await expect((await desk.show(ticket)).getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
  // And now any desk window sees it.
  const other = await openDesk();
  await expect((await other.show(ticket)).getByRole('heading', { name: 'Bea' })).toBeVisible();
});

test('storage full for two customers in a row: two different ticket numbers, two briefs', async ({ context, kiosk, openDesk }) => {
  const { page } = kiosk;
  await fillUpStorage(context);
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  const first = await kiosk.talkToSomeone();
  await kiosk.finish();
  await kiosk.checkIn();
  const second = await kiosk.talkToSomeone();
  expect(second, 'the next customer gets the next number, not the same one again').not.toBe(first);
  await expect(desk.page.getByRole('alert').filter({ hasText: 'could not be saved' })).toContainText('2 check-ins could not be saved');
  await expect(desk.queue).toHaveCount(2);
});

test('storage that refuses every write: two customers in a row still get different numbers', async ({ context, kiosk, openDesk }) => {
  // Guards the kiosk's own count of the tickets it gave: without it, a counter
  // (lobby.ticket) that cannot be written gives every customer the same number.
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (String(key).startsWith('lobby.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  const first = await kiosk.talkToSomeone();
  await kiosk.finish();
  await kiosk.checkIn();
  const second = await kiosk.talkToSomeone();
  await expect(desk.queue).toHaveCount(2);
  expect(second, 'the next customer gets another number').not.toBe(first);
});

// A check-in the kiosk could not store is received by the desk page whether it
// is locked or not, and kept across a lock (the Lock button, or the lock after
// five idle minutes, the desk's usual state).

test('storage full: a check-in the desk received is still there after the desk is locked and unlocked', async ({ context, kiosk, openDesk }) => {
  await fillUpStorage(context);
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Bea');
  const ticket = await kiosk.talkToSomeone();
  await expect((await desk.show(ticket)).getByRole('heading', { name: 'Bea' })).toBeVisible();
  await desk.page.getByRole('button', { name: 'Lock' }).click();
  await desk.unlock();
  await expect((await desk.show(ticket, { timeout: 2_000 })).getByRole('heading', { name: 'Bea' })).toBeVisible();
});

test('storage full: a check-in filed while the desk shows its PIN screen reaches the desk once unlocked', async ({ context, kiosk, openDesk }) => {
  await fillUpStorage(context);
  const desk = await openDesk({ unlock: false });
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Cy');
  const ticket = await kiosk.talkToSomeone();
  await desk.unlock();
  await expect((await desk.show(ticket, { timeout: 2_000 })).getByRole('heading', { name: 'Cy' })).toBeVisible();
});

/** The version-1 record of the codec's tests (src/store/codec.rs), dated today. */
const V1_RECORD =
  '{"schema":1,"intake":{"id":"k7-00ff","device":"k7","created_ms":1795338000000,"day":"2026-11-22","ticket":3,"name":"Ana","reason":"repair","recovery":false,"wants_person":false,"priority":"time","deadline":{"choice":"by_noon","at_ms":1795348800000},"estimate_first":null,"limit":null,"help":["coffee","wifi"],"detail":"brief","note":"","status":"serving","done_help":["wifi"],"status_ms":1795338600000}}';

/** A current record, as this version writes it. */
const GOOD_RECORD = JSON.stringify({
  schema: 2,
  intake: anIntake({
    id: 'k7-0aaa',
    device: 'k7',
    created_ms: 1795338300000,
    day: '2026-11-22',
    ticket: 4,
    name: 'Bo',
    reason: 'tyres',
    note: 'Left front tyre',
  }),
});

const BAD = {
  'lobby.intake.k7-bad-json': '{not json',
  'lobby.intake.k7-cut-short': GOOD_RECORD.slice(0, Math.floor(GOOD_RECORD.length / 2)),
  'lobby.intake.k7-newer': GOOD_RECORD.replace('"schema":2', '"schema":9').replace('k7-0aaa', 'k7-0bbb'),
  'lobby.intake.k7-foreign': JSON.stringify({ schema: 2, intake: { theme: 'dark', volume: 3 } }),
};

test('damaged, cut-short, newer and foreign records are set aside with reasons, never deleted; a version-1 record is read', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await page.evaluate(
    (records) => {
      for (const [key, value] of Object.entries(records)) localStorage.setItem(key, value);
    },
    { 'lobby.intake.k7-00ff': V1_RECORD, 'lobby.intake.k7-0aaa': GOOD_RECORD, ...BAD },
  );

  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(1);
  await expect(desk.withUs).toHaveCount(1);
  await expect((await desk.show(4)).getByRole('heading', { name: 'Bo' })).toBeVisible();
  await expect((await desk.show(4)).locator('.note p')).toHaveText('Left front tyre');
  // The version-1 record, migrated: Ana, being served, with Wi-Fi already given.
  await expect((await desk.show(3)).getByRole('heading', { name: 'Ana' })).toBeVisible();
  await expect((await desk.show(3)).getByText('Being served')).toBeVisible();
  await expect((await desk.show(3)).getByRole('checkbox', { name: 'Wi-Fi' })).toBeChecked();
  await expect((await desk.show(3)).getByRole('checkbox', { name: 'Coffee or water' })).not.toBeChecked();
  await expect(desk.page.getByRole('alert').filter({ hasText: 'set aside' })).toHaveText(
    '4 stored records could not be read and were set aside, not deleted: ' +
      '2 damaged or cut short, 1 not a check-in, 1 from a newer version of Lobby.',
  );

  // Working on the readable ones leaves the others exactly as they were.
  await (await desk.show(3)).getByRole('button', { name: 'Done' }).click();
  await expect(desk.withUs).toHaveCount(0);
  await expect(desk.queue).toHaveCount(1);
  const v1Now = await desk.page.evaluate(() => JSON.parse(localStorage.getItem('lobby.intake.k7-00ff')!));
  expect(v1Now).toMatchObject({ schema: 2, intake: { name: 'Ana', status: 'done', language: 'en' } });
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.page.getByRole('alert').filter({ hasText: 'set aside' })).toContainText('4 stored records');
  const left = await desk.page.evaluate((keys) => keys.map((k) => localStorage.getItem(k)), Object.keys(BAD));
  expect(left).toEqual(Object.values(BAD));
});

test('a plain JSON object of another program under a lobby.intake. key is set aside, not deleted', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  await kiosk.open();
  // Valid JSON, not cut short, just not ours: "not a check-in", and kept.
  const foreign = JSON.stringify({ theme: 'dark', volume: 3 });
  await page.evaluate((v) => localStorage.setItem('lobby.intake.settings', v), foreign);
  const desk = await openDesk();
  await expect(desk.page.getByRole('alert').filter({ hasText: 'set aside' })).toHaveText(
    '1 stored record could not be read and was set aside, not deleted: 1 not a check-in.',
  );
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();
  expect(await desk.page.evaluate(() => localStorage.getItem('lobby.intake.settings'))).toBe(foreign);
});

test('storage full on the way out: the customer is thanked, and the open desk still gets the follow-up', async ({ context, kiosk, openDesk }) => {
  await context.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
      if (String(key).startsWith('lobby.feedback.')) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await kiosk.open();
  const desk = await openDesk();
  await kiosk.page.bringToFront();
  await kiosk.leave();
  await kiosk.enterTicket();
  await kiosk.rate('Below what I expected', false);
  await kiosk.addComment('Too slow');
  await expect(desk.followUps).toHaveCount(1);
  await expect(desk.followUps.first().locator('.comment')).toHaveText('Too slow');
  // Handled here, on the desk's page, while storage still refuses it.
  await desk.followUps.first().getByLabel('What did you do?').fill('Called back');
  await desk.followUps.first().getByRole('button', { name: 'Mark handled' }).click();
  await expect(desk.followUps).toHaveCount(0);
});

test('damaged feedback is set aside and counted, never deleted', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.page.evaluate(() => localStorage.setItem('lobby.feedback.feedback-x', '{"schema":1,"feedback":{"id":'));
  const desk = await openDesk();
  await expect(desk.page.getByRole('alert').filter({ hasText: 'set aside' })).toContainText('1 damaged or cut short');
  expect(await desk.page.evaluate(() => localStorage.getItem('lobby.feedback.feedback-x'))).toBe('{"schema":1,"feedback":{"id":');
});
