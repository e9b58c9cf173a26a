import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, expectNoAxeViolations, everyTicket, T, DESK_PIN, Kiosk, Desk } from './pages';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { fourWeeks } from '../fixtures/four-weeks.mjs';

// Two kiosks and two desks, each in its own browser (context), sharing one real
// CouchDB-compatible server (pouchdb-server, set up like production by
// scripts/couch-setup.mjs). 50 check-ins; kiosk B loses its network for a while;
// the server is restarted in the middle; two desks change the same intake at the
// same moment. At the end every check-in is on both desks exactly once, in the
// same order, and the simultaneous changes are both kept.
// Real time, no fake clock: sync waits on the network.

// Several browsers and a server on one machine, in real time: on a busy machine
// (the whole suite runs two files at once) a test here takes two or three times
// as long as it does alone, so each has two minutes, not the suite's 30 seconds.
test.describe.configure({ timeout: 120_000 });

const PORT = 5995; // the origin the e2e build's Content-Security-Policy names (Makefile)
const ORIGIN = `http://127.0.0.1:${PORT}`;

type Account = { name: string; password: string; role: string; letter?: string };
let lib: {
  startCouch(o: { port?: number; persist?: boolean }): Promise<Couch>;
  syncConfig(u: Account, port?: number): Record<string, string>;
  basicAuth(u: { name: string; password: string }): string;
  ADMIN: Account;
  KIOSK_A: Account;
  KIOSK_B: Account;
  DESK_1: Account;
  DESK_2: Account;
};
type Couch = { url: string; dbUrl: string; stop(): Promise<void>; restart(): Promise<unknown> };
let couch: Couch | undefined;

test.beforeAll(async () => {
  // The build under test must be allowed to connect to the test server.
  expect(
    (process.env.LOBBY_SYNC_ORIGIN ?? '').split(/\s+/),
    `build with LOBBY_SYNC_ORIGIN=${ORIGIN} (make build-e2e) and run with it set (make test-e2e)`,
  ).toContain(ORIGIN);
  lib = await import('../couch.mjs');
  // Kept on disk in a temporary folder, so the restart is a restart, not a wipe.
  couch = await lib.startCouch({ port: PORT, persist: true });
});

test.afterAll(async () => {
  await couch?.stop();
});

/** One device: its own browser context, with its own kiosk.json (its sync account). */
async function device(
  browser: Browser,
  account: Account,
  errors: string[],
  port = PORT,
  timezoneId = 'UTC',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, timezoneId, locale: 'en-US' });
  // The build's kiosk.json, read from its file rather than fetched from the
  // test server at each request: devices ask for it again every minute of a
  // run of several minutes, and a fetch can meet the server closing an idle
  // kept-alive connection (ECONNRESET), which a browser retries and
  // Playwright's route.fetch does not.
  const built = readFileSync(join(process.env.E2E_DIST ?? '', 'kiosk.json'), 'utf8');
  await context.route('**/kiosk.json', async (route) => {
    const json = JSON.parse(built);
    json.sync = lib.syncConfig(account, port);
    // Staff stay at these desks for the whole run (real time, several minutes
    // on a busy machine): they must not lock themselves meanwhile.
    if (account.role === 'desk') json.desk_lock_seconds = 3600;
    await route.fulfill({ json, headers: { 'Cache-Control': 'no-store' } });
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => errors.push(`${account.name}: page error: ${err.message}`));
  page.on('console', (msg) => {
    // Requests refused while offline or while the server restarts are reported
    // as "Failed to load resource"; the app handles them (that is the test).
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
      errors.push(`${account.name}: console: ${msg.text()}`);
    }
  });
  return { context, page };
}

/** Every document on the test server, with its conflicts, read as the admin. */
async function serverDocs(): Promise<any[]> {
  const headers = { Authorization: lib.basicAuth(lib.ADMIN), Accept: 'application/json' };
  const all = await (await fetch(`${couch!.dbUrl}/_all_docs?include_docs=true&conflicts=true`, { headers })).json();
  return all.rows.map((r: any) => r.doc);
}

/** One check-in: mostly "I'd rather talk to someone" (quick), every fifth the whole way. */
async function checkIn(kiosk: Kiosk, n: number): Promise<string> {
  if (n % 5 === 0) await kiosk.quickCheckIn(T.reasons.repair, `Guest ${n}`);
  else await kiosk.talkToSomeone();
  const label = (await kiosk.ticket.textContent()) ?? '';
  await kiosk.finish();
  return label;
}

test('two kiosks and two desks share one queue through CouchDB: offline, a restart and simultaneous changes lose nothing', async ({ browser }) => {
  test.setTimeout(600_000);
  const errors: string[] = [];
  const a = await device(browser, lib.KIOSK_A, errors);
  const b = await device(browser, lib.KIOSK_B, errors);
  const d1 = await device(browser, lib.DESK_1, errors);
  const d2 = await device(browser, lib.DESK_2, errors);
  const kioskA = new Kiosk(a.page);
  const kioskB = new Kiosk(b.page);
  const desk1 = new Desk(d1.page);
  const desk2 = new Desk(d2.page);
  await Promise.all([kioskA.open(), kioskB.open(), desk1.open(), desk2.open()]);
  await desk1.unlock(DESK_PIN);
  await desk2.unlock(DESK_PIN);
  for (const desk of [desk1, desk2]) {
    await expect(desk.page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });
    // Up to 40 wait at once here, more than the desk draws at first.
    await desk.keepShowingAll();
  }

  const filed: string[] = [];
  const run = async (kiosk: Kiosk, from: number, count: number) => {
    for (let n = from; n < from + count; n++) filed.push(await checkIn(kiosk, n));
  };

  // 1. Both kiosks on line: 20 check-ins, tickets lettered by kiosk.
  await Promise.all([run(kioskA, 1, 10), run(kioskB, 1, 10)]);
  expect(filed.filter((t) => t.startsWith('A-')).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `A-${i + 1}`).sort());
  await desk1.show('B-10', { timeout: 15_000 });
  // Staff serve the first one on desk 1; desk 2 sees it.
  await (await desk1.show('A-1')).getByRole('button', { name: 'Start serving' }).click();
  await expect(desk2.row('A-1')).toHaveClass(/serving/, { timeout: 15_000 });

  // 2. Kiosk B loses its network and keeps checking people in; meanwhile the
  //    server is restarted under everyone, between two runs of kiosk A.
  await kioskB.partsHere();
  await b.context.setOffline(true);
  await Promise.all([
    (async () => {
      await run(kioskA, 11, 5);
      await couch!.restart();
      await run(kioskA, 16, 5);
    })(),
    (async () => {
      for (let n = 11; n <= 18; n++) {
        if (n % 5 === 0) await kioskB.quickCheckIn(T.reasons.repair, `Guest ${n}`);
        else await kioskB.talkToSomeone();
        filed.push((await kioskB.ticket.textContent()) ?? '');
        // Once it knows it is offline, the customer is told to show the number at the desk.
        if (n >= 13) await expect(kioskB.page.getByText('cannot reach the desk just now')).toBeVisible();
        await kioskB.finish();
      }
    })(),
  ]);
  await desk1.show('A-20', { timeout: 30_000 });
  await expect(desk1.row('B-18')).toHaveCount(0);
  await expect(desk1.page.getByTestId('sync')).toContainText('Shared queue connected');

  // 3. Kiosk B is back: what it kept arrives. Two customers with help to offer.
  await b.context.setOffline(false);
  await kioskA.toReview({ name: 'Xena', help: ['Coffee or water', 'Wi-Fi'] });
  const x = await kioskA.confirm().then(async () => (await kioskA.ticket.textContent())!);
  await kioskA.finish();
  await kioskA.toReview({ name: 'Yusuf', help: ['Coffee or water', 'Wi-Fi'] });
  const y = await kioskA.confirm().then(async () => (await kioskA.ticket.textContent())!);
  await kioskA.finish();
  filed.push(x, y);
  for (const desk of [desk1, desk2]) {
    await desk.show(y, { timeout: 15_000 });
    await desk.show('B-18', { timeout: 30_000 });
  }

  // The same moment on two desks: Done on one and a tick on the other, and
  // Serving on one and a tick on the other. Both changes must survive.
  // (Plain clicks: the ticked card may already have moved to "Done today" by the
  // time a check() would look at it again; the end result is checked below. And
  // desk 2's history is open: should desk 1's Done reach it first, the card it
  // ticks is there, not hidden in a closed list.)
  await desk2.openHistory();
  // Both briefs open first, so that the two presses go together.
  let [on1, on2] = [await desk1.show(x), await desk2.show(x)];
  await Promise.all([
    on1.getByRole('button', { name: 'Done', exact: true }).click(),
    on2.getByLabel('Coffee or water').click(),
  ]);
  [on1, on2] = [await desk1.show(y), await desk2.show(y)];
  await Promise.all([
    on1.getByLabel('Wi-Fi').click(),
    on2.getByRole('button', { name: 'Start serving' }).click(),
  ]);

  // 4. The rest of the day: 10 more, 5 from each kiosk.
  await Promise.all([run(kioskA, 23, 5), run(kioskB, 19, 5)]);
  expect(filed).toHaveLength(50);
  expect(new Set(filed).size, 'no ticket given twice').toBe(50);

  // Every check-in on both desks exactly once, in the same order.
  const expected = [...filed].sort();
  for (const desk of [desk1, desk2]) {
    await expect
      .poll(async () => {
        const { open, done } = await everyTicket(desk);
        return [...open, ...done].sort();
      }, { timeout: 60_000, message: 'every check-in, once, on each desk' })
      .toEqual(expected);
  }
  await expect.poll(async () => JSON.stringify(await everyTicket(desk2)), { timeout: 30_000 }).toBe(JSON.stringify(await everyTicket(desk1)));

  // The simultaneous changes converged, on both desks.
  for (const desk of [desk1, desk2]) {
    const { done } = await everyTicket(desk);
    expect(done).toContain(x);
    await expect((await desk.show(x)).getByLabel('Coffee or water')).toBeChecked();
    await expect(desk.row(y)).toHaveClass(/serving/);
    await expect((await desk.show(y)).getByLabel('Wi-Fi')).toBeChecked();
    await expect((await desk.show(y)).getByLabel('Coffee or water')).not.toBeChecked();
    await expect(desk.page.getByTestId('sync')).not.toContainText('waiting to be sent');
  }

  // And the database holds each check-in once, with no conflict left over.
  const intakes = (await serverDocs()).filter((d: any) => d.type === 'intake');
  expect(intakes).toHaveLength(50);
  expect(intakes.filter((d: any) => d._conflicts?.length)).toEqual([]);
  const xDoc = intakes.find((d: any) => `${d.intake.letter}-${d.intake.ticket}` === x);
  expect(xDoc.intake.status).toBe('done');
  expect(xDoc.intake.done_help).toEqual(['coffee']);

  expect(errors).toEqual([]);
  for (const d of [a, b, d1, d2]) await d.context.close();
});

test('sync says plainly when it cannot work: a wrong password, a database the build may not reach', async ({ browser }) => {
  const errors: string[] = [];
  const wrong = await device(browser, { ...lib.DESK_1, password: 'not-the-password' }, errors);
  const desk = new Desk(wrong.page);
  await desk.open();
  await desk.unlock(DESK_PIN);
  await expect(desk.page.getByTestId('sync')).toHaveText(
    "Sync stopped: the database refused this device's name or password. Check sync.user and sync.password in kiosk.json.",
    { timeout: 15_000 },
  );
  await expect(desk.page.getByTestId('sync')).toHaveAttribute('role', 'alert');
  await expectNoAxeViolations(desk.page, 'desk with a sync failure');
  await wrong.context.close();

  // A database on an origin the build's Content-Security-Policy does not name.
  const elsewhere = await device(browser, lib.DESK_2, errors, 5997);
  const other = new Desk(elsewhere.page);
  await other.open();
  await other.unlock(DESK_PIN);
  await expect(other.page.getByTestId('sync')).toHaveText(
    'Sync stopped: this build of Lobby may not connect to http://127.0.0.1:5997. Rebuild it with LOBBY_SYNC_ORIGIN=http://127.0.0.1:5997.',
  );
  await elsewhere.context.close();
  expect(errors).toEqual([]);
});

test('a kiosk that cannot reach the desk tells the customer to show the number; the desk view passes axe with sync on', async ({ browser }) => {
  const errors: string[] = [];
  const k = await device(browser, lib.KIOSK_A, errors);
  const d = await device(browser, lib.DESK_2, errors);
  const kiosk = new Kiosk(k.page);
  const desk = new Desk(d.page);
  await kiosk.open();
  await desk.open();
  await desk.unlock(DESK_PIN);
  await expect(desk.page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });
  // The shared database holds the earlier tests' day too: more than a page waiting.
  await desk.keepShowingAll();
  await expectNoAxeViolations(desk.page, 'desk with sync');
  // A kiosk that has been up a moment: all of it is here when the network goes.
  await kiosk.partsHere();
  await k.context.setOffline(true);
  // The first check-in finds the network gone; the next customer is told at once.
  await kiosk.talkToSomeone();
  await kiosk.finish();
  await kiosk.toReview({ name: 'Olga' });
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  const olga = (await kiosk.ticket.textContent())!;
  expect(olga).toMatch(/^A-\d+$/);
  await expect(kiosk.page.getByText('Please show this number at the desk: this screen cannot reach the desk just now.')).toBeVisible();
  await expect(kiosk.page.locator('.done .lead')).toHaveText('Thank you, Olga.');
  await expectNoAxeViolations(kiosk.page, 'Done, not sent');
  await kiosk.finish();
  await k.context.setOffline(false);
  const olgasCard = desk.queue.filter({ hasText: 'Olga' });
  await expect(olgasCard).toHaveCount(1, { timeout: 30_000 });
  // She came after the desk had read the database: news, and her card says so.
  // (The earlier tests' kiosk A, with its own storage, gave out the same numbers.)
  await expect(olgasCard).toHaveAttribute('data-ticket', olga);
  await expect(olgasCard).toHaveClass(/arrived/);
  for (const c of [k, d]) await c.context.close();
  expect(errors).toEqual([]);
});

test('feedback left at a kiosk reaches both desks; a follow-up handled on one is handled on the other', async ({ browser }) => {
  const errors: string[] = [];
  const k = await device(browser, lib.KIOSK_B, errors);
  const d1 = await device(browser, lib.DESK_1, errors);
  const d2 = await device(browser, lib.DESK_2, errors);
  const kiosk = new Kiosk(k.page);
  const [one, two] = [new Desk(d1.page), new Desk(d2.page)];
  await kiosk.open();
  await kiosk.toReview({ name: 'Fay' });
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  const label = (await kiosk.ticket.textContent())!;
  expect(label).toMatch(/^B-\d+$/);
  await kiosk.finish();
  // On the way out she types the number only: this kiosk knows its own tickets.
  await kiosk.leave();
  await kiosk.enterTicket(label.slice(2));
  await kiosk.rate('Below what I expected', false);
  await kiosk.addComment('Nobody told me about the delay.');
  // The desks open once both are on the server, so that what follows is what a
  // desk does with what it finds there. (A busy machine can take longer to send
  // them than the test takes to reach this line.)
  await expect
    .poll(
      async () => {
        const docs = await serverDocs();
        return {
          checkIn: docs.some((d: any) => d.type === 'intake' && `${d.intake.letter}-${d.intake.ticket}` === label),
          feedback: docs.some((d: any) => d.type === 'feedback' && d.feedback?.comment === 'Nobody told me about the delay.'),
        };
      },
      { timeout: 30_000 },
    )
    .toEqual({ checkIn: true, feedback: true });

  // Desk two reads the database only once its queue is on screen (its requests
  // are held until then), so what it finds there arrives in front of the staff:
  // still not news.
  let unlockedTwo!: () => void;
  const heldBack = new Promise<void>((resolve) => (unlockedTwo = resolve));
  await d2.context.route(/\/_changes\?/, async (route) => {
    await heldBack;
    await route.continue();
  });
  for (const desk of [one, two]) {
    await desk.open();
    await desk.unlock(DESK_PIN);
    // The shared database holds the earlier tests' day too: more than a page waiting.
    await desk.keepShowingAll();
  }
  unlockedTwo();
  const followUp = (desk: Desk) => desk.page.locator(`article.follow-up[data-ticket="${label}"]`);
  for (const desk of [one, two]) {
    await expect(followUp(desk)).toHaveCount(1, { timeout: 30_000 });
    await expect(followUp(desk).locator('h3 .who')).toHaveText('Fay');
    await expect(followUp(desk).locator('.comment')).toHaveText('Nobody told me about the delay.');
    // What the database held when the desk opened is not announced as new.
    await expect(desk.page.getByTestId('arrival')).toBeEmpty();
  }
  await followUp(one).getByLabel('What did you do?').fill('Apologised; free wash.');
  await followUp(one).getByRole('button', { name: 'Mark handled' }).click();
  await expect(followUp(one)).toHaveCount(0);
  // The other desk hears of it, and shows it with her check-in.
  await expect(followUp(two)).toHaveCount(0, { timeout: 30_000 });
  // (The shared day holds other tickets of that number: hers is the one with her name.)
  await two.openHistory();
  await two.row(label).filter({ hasText: 'Fay' }).click();
  await expect(two.brief(label).getByTestId('feedback').locator('.handled')).toContainText('Apologised; free wash.');
  for (const c of [k, d1, d2]) await c.context.close();
  expect(errors).toEqual([]);
});

test('a kiosk and a desk that lost their storage, and a new desk, take up the day from the database: the next number, the queue with its follow-up, staff note and ticks', async ({ browser }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  const k = await device(browser, lib.KIOSK_A, errors);
  const d1 = await device(browser, lib.DESK_1, errors);
  const kiosk = new Kiosk(k.page);
  const desk = new Desk(d1.page);
  await kiosk.open();
  await kiosk.toReview({ name: 'Ines', help: ['Coffee or water'] });
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  const ines = (await kiosk.ticket.textContent())!;
  await kiosk.finish();
  await kiosk.toReview({ name: 'Omar' });
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  const omar = (await kiosk.ticket.textContent())!;
  await kiosk.finish();
  await kiosk.leave();
  await kiosk.enterTicket(omar.slice(2));
  await kiosk.rate('Below what I expected', false);
  await kiosk.addComment('The coffee machine was empty.');

  // The staff tick the coffee off, write a note, and start serving her.
  await desk.open();
  await desk.unlock(DESK_PIN);
  await desk.keepShowingAll();
  let brief = await desk.show(ines, { timeout: 30_000 });
  await brief.getByRole('checkbox', { name: 'Coffee or water' }).check();
  await brief.getByLabel('Staff note').fill('Loaner booked for 3 PM');
  await brief.getByRole('button', { name: 'Save note' }).click();
  await brief.getByRole('button', { name: 'Start serving' }).click();
  const followUp = () => desk.page.locator(`article.follow-up[data-ticket="${omar}"]`);
  await expect(followUp()).toHaveCount(1, { timeout: 30_000 });
  await expect
    .poll(async () => {
      const doc = (await serverDocs()).find((d: any) => d.type === 'intake' && `${d.intake.letter}-${d.intake.ticket}` === ines && d.intake.name === 'Ines');
      return [doc?.intake.status, doc?.intake.staff_note, doc?.intake.done_help];
    }, { timeout: 30_000, message: "the desk's changes reach the database" })
    .toEqual(['serving', 'Loaner booked for 3 PM', ['coffee']]);

  /** The day as a desk shows it: her brief as the staff left it, and the follow-up. */
  const expectTheDay = async (d: Desk) => {
    await expect(d.row(ines).filter({ hasText: 'Ines' })).toHaveCount(1, { timeout: 30_000 });
    await expect(d.row(ines).filter({ hasText: 'Ines' })).toHaveClass(/serving/);
    await d.row(ines).filter({ hasText: 'Ines' }).click();
    const b = d.brief(ines);
    await expect(b.getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');
    await expect(b.getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
    const f = d.page.locator(`article.follow-up[data-ticket="${omar}"]`);
    await expect(f).toHaveCount(1);
    await expect(f.locator('.comment')).toHaveText('The coffee machine was empty.');
  };

  // The desk's storage wiped (a cleared browser), away from the desk's page
  // (which would write again what it holds), then the desk opened again.
  await d1.page.goto('/kiosk.json');
  await d1.page.evaluate(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  expect(await d1.page.evaluate(() => localStorage.length)).toBe(0);
  await desk.open();
  await desk.unlock(DESK_PIN);
  await expectTheDay(desk);
  // A desk device never used before.
  const d2 = await device(browser, lib.DESK_2, errors);
  const fresh = new Desk(d2.page);
  await fresh.open();
  await fresh.unlock(DESK_PIN);
  await fresh.keepShowingAll();
  await expectTheDay(fresh);

  // The kiosk's storage wiped: its next number follows on from the database's,
  // which it asks as it starts.
  await k.page.goto('/kiosk.json');
  await k.page.evaluate(() => localStorage.clear());
  const asked = k.page.waitForResponse((r) => r.url().includes('/_design/lobby/_view/tickets') && r.status() === 200);
  await kiosk.open();
  await asked;
  await kiosk.talkToSomeone();
  const next = Number(omar.slice(2)) + 1;
  await expect(kiosk.ticket).toHaveText(`A-${next}`);
  await expect(fresh.row(`A-${next}`)).toHaveCount(1, { timeout: 30_000 });

  for (const c of [k, d1, d2]) await c.context.close();
  expect(errors).toEqual([]);
});

// Last in the file: the four weeks stay in the database, their open follow-up too.
test("weeks of figures are summed by the database's view: a desk keeps two days and shows four weeks", async ({ browser }) => {
  const { intakes, feedback } = fourWeeks();
  const docs = [
    ...intakes.map((intake: any) => ({ _id: intake.id, type: 'intake', schema: 2, intake })),
    ...feedback.map((f: any) => ({ _id: f.id, type: 'feedback', schema: 1, feedback: f })),
  ];
  const put = await fetch(`${couch!.dbUrl}/_bulk_docs`, {
    method: 'POST',
    headers: { Authorization: lib.basicAuth(lib.ADMIN), 'Content-Type': 'application/json' },
    body: JSON.stringify({ docs }),
  });
  expect(put.status).toBe(201);
  expect((await put.json()).filter((r: any) => !r.ok)).toEqual([]);

  const errors: string[] = [];
  const d = await device(browser, lib.DESK_1, errors, PORT, 'America/New_York');
  const desk = new Desk(d.page);
  // What the view answers, as the desk asks it.
  const asked: string[] = [];
  d.page.on('request', (r) => {
    if (r.url().includes('/_design/lobby/_view/days')) asked.push(decodeURIComponent(r.url()));
  });
  await desk.open();
  await desk.unlock(DESK_PIN);
  await d.page.getByRole('button', { name: 'Figures', exact: true }).click();
  const screen = d.page.getByTestId('figures');
  await screen.getByRole('button', { name: 'Choose dates' }).click();
  await screen.getByLabel('From', { exact: true }).fill('2026-10-12');
  await screen.getByLabel('To', { exact: true }).fill('2026-11-08');
  await screen.getByRole('button', { name: 'Show' }).click();
  const value = (id: string) => screen.getByTestId(id).locator('dd');
  // The same figures as from a desk's own storage (figures.spec.ts).
  await expect(value('arrivals')).toHaveText('68');
  await expect(value('served')).toHaveText('60');
  await expect(value('left')).toHaveText('8');
  await expect(value('average-wait')).toHaveText('17 min');
  await expect(value('p90-wait')).toHaveText('30 min');
  await expect(value('deadlines')).toHaveText('20 of 20');
  await expect(value('promises')).toHaveText('0 of 20');
  await expect(value('quotes')).toHaveText('20 of 40');
  await expect(value('quoted')).toHaveText('17\u00a0min / 20\u00a0min');
  await expect(screen.getByTestId('respected-by').locator('figcaption')).toHaveText(['Time: 80% said yes', 'Cost: 60% said yes']);
  await expect(value('follow-ups')).toHaveText('12');
  // The open one was raised on 6 November, over 48 hours ago: late.
  await expect(value('follow-ups-in-time')).toHaveText('8 of 12 (67%)');
  await expect(value('handle-median')).toHaveText('30 h');
  await expect(value('follow-ups-open')).toHaveText('1');
  const row = (day: string) => screen.locator('table tbody tr', { has: d.page.getByRole('rowheader', { name: day }) }).locator('td');
  await expect(row('Monday')).toHaveText(['0', '8', '0', '0', '4', '0', '0', '0', '0', '0']);
  await expect(row('Tuesday')).toHaveText(['0', '12', '0', '0', '4', '0', '0', '0', '0', '0']);
  expect(asked.some((url) => url.includes('startkey=["2026-10-12"]') && url.includes('endkey=["2026-11-08",{}]'))).toBe(true);
  await expect(screen.getByTestId('figures-unreadable')).toHaveCount(0);
  await expectNoAxeViolations(d.page, 'figures from the database');

  // The export of the range reads its records from the database too: all 68.
  const [download] = await Promise.all([
    d.page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Export these days (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('lobby-2026-10-12-to-2026-11-08.csv');
  const exported = readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  expect(exported).toHaveLength(1 + 68);
  await expect(screen.getByTestId('export-partial')).toHaveCount(0);

  // The views out of reach: said plainly, and the figures and the file are what
  // this desk keeps.
  await d.page.route('**/_design/lobby/_view/**', (route) => route.abort('connectionrefused'));
  await screen.getByLabel('From', { exact: true }).fill('2026-10-13');
  await screen.getByRole('button', { name: 'Show' }).click();
  await expect(screen.getByTestId('figures-unreadable')).toContainText("The shop's database could not be read just now");
  const [partial] = await Promise.all([
    d.page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Export these days (CSV)' }).click(),
  ]);
  expect(partial.suggestedFilename()).toBe('lobby-2026-10-13-to-2026-11-08.csv');
  await expect(screen.getByTestId('export-partial')).toContainText('the file holds only the days this desk keeps');
  await d.context.close();
  expect(errors).toEqual([]);
});
