import { test, expect, expectNoAxeViolations, pairDevice, seedShop, serveConfig, storageText, useShop, Desk, Kiosk, T, type Page } from './pages';
import { anIntake, knownMorning } from '../fixtures/records.mjs';

// A printed number: where the business turns printing on, Done offers *Print my
// number*, and the page prints a slip for a 58 or 80 mm receipt printer (the
// business's name, the number, the time, the wait quoted, and a QR code that
// opens the way-out questions with the number filled in). The layout is checked
// with print media emulated at both widths, and printed to PDF: one slip.

/** Printing on, and Done kept on screen while it is looked at. */
async function printingOn(page: Page): Promise<void> {
  await serveConfig(page, (json) => {
    json.printing = true;
    json.reset_seconds = 300;
  });
  // The browser's print dialog cannot be driven here: count the calls instead.
  await page.addInitScript(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
}

const mmToPx = (mm: number) => Math.floor((mm * 96) / 25.4);

/** The QR code's encoder: a download of its own, fetched only where printing is on. */
const PRINTED_PART = /\/split_printed-[0-9a-f]{16}\.wasm$/;
const PRINTED_CEILING = 16 * 1024;

/** The sizes, as they came over the wire, of the printed part's fetches so far. */
function printedPartFetches(page: Page): number[] {
  const sizes: number[] = [];
  page.on('requestfinished', async (request) => {
    if (!PRINTED_PART.test(request.url())) return;
    const s = await request.sizes();
    sizes.push(s.responseBodySize + s.responseHeadersSize);
  });
  return sizes;
}

test('printing is off unless the business turns it on, and then nothing of it is fetched', async ({ page, kiosk }) => {
  const fetched = printedPartFetches(page);
  await kiosk.open();
  await kiosk.quickCheckIn();
  await expect(kiosk.page.getByTestId('ticket')).toBeVisible();
  await expect(kiosk.page.getByRole('button', { name: 'Print my number' })).toHaveCount(0);
  await expect(kiosk.page.getByTestId('receipt')).toHaveCount(0);
  await page.waitForLoadState('networkidle');
  expect(fetched).toEqual([]);
});

test('Print my number prints a slip that fits 58 and 80 mm paper, and nothing else of the screen', async ({ page, kiosk }) => {
  await printingOn(page);
  const fetched = printedPartFetches(page);
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn();
  const wait = (await page.getByTestId('wait').innerText()).replace(/\s+/g, ' ').trim();
  const print = page.getByRole('button', { name: 'Print my number' });
  await expect(print).toBeVisible();
  await expect.poll(() => fetched.length, { message: 'the QR code encoder is fetched on Done' }).toBe(1);
  expect(fetched[0], `the printed part ${fetched[0]} B`).toBeLessThanOrEqual(PRINTED_CEILING);
  // On screen, the slip is not shown.
  await expect(page.getByTestId('receipt')).toBeHidden();
  await expectNoAxeViolations(page, 'Done with Print my number');
  await print.click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  for (const mm of [58, 80]) {
    await page.setViewportSize({ width: mmToPx(mm), height: 900 });
    const slip = page.getByTestId('receipt');
    await expect(slip).toBeVisible();
    await expect(slip.locator('.receipt-business')).toHaveText(T.business);
    await expect(slip.locator('.receipt-label')).toHaveText('Your number');
    await expect(slip.locator('.receipt-number')).toHaveText(String(ticket));
    await expect(slip.locator('.receipt-time')).toHaveText('Checked in at 9:30 AM');
    await expect(slip.locator('.receipt-wait')).toHaveText(wait);
    await expect(slip.locator('.receipt-feedback')).toHaveText('On your way out, scan this to tell us how it went.');
    await expect(slip.getByRole('img')).toHaveAccessibleName(`QR code: the way-out questions, with number ${ticket} filled in`);
    // Nothing of the screen but the slip: no heading, no buttons, no brand bar.
    await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
    await expect(print).toBeHidden();
    await expect(page.locator('.brandbar')).toBeHidden();
    // Within the paper, the number large, the QR code square and big enough to scan.
    const width = page.viewportSize()!.width;
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${mm} mm: nothing runs off the paper`).toBe(0);
    for (const box of await slip.locator('p, svg').evaluateAll((all) => all.map((e) => e.getBoundingClientRect().toJSON()))) {
      expect(box.left, `${mm} mm`).toBeGreaterThanOrEqual(0);
      expect(box.right, `${mm} mm`).toBeLessThanOrEqual(width);
    }
    const size = await slip.locator('.receipt-number').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(size, 'the number in 36 pt').toBeGreaterThanOrEqual(48);
    const qr = (await slip.getByRole('img').boundingBox())!;
    expect(Math.abs(qr.width - qr.height)).toBeLessThan(1);
    expect(qr.width, `${mm} mm: the QR code at least 25 mm across`).toBeGreaterThanOrEqual(mmToPx(25));
    // Printed for real: one slip, one page.
    const pdf = (await page.pdf({ width: `${mm}mm`, height: '160mm' })).toString('latin1');
    expect(pdf.match(/\/Type\s*\/Page[^s]/g), `${mm} mm: one page`).toHaveLength(1);
  }
});

test("the QR code's link opens the way out with the number filled in, and leaves the address bar", async ({ page, kiosk }) => {
  await page.goto('/#leaving=b12');
  await kiosk.expectScreen('What was your number?');
  await expect(page.getByLabel('Your number')).toHaveValue('B12');
  expect(new URL(page.url()).hash).toBe('');
  await kiosk.tap('Continue');
  await kiosk.expectScreen('Did we meet your expectations?');
  // Anything that is not a ticket opens Welcome as usual.
  await page.goto('about:blank');
  await page.goto('/#leaving=<b>');
  await kiosk.expectScreen(T.welcome);
});

/**
 * Check-ins of today on the real clock, as their kiosk filed them: the shop's
 * server dates a visitor's answers by its own clock, and takes them only for
 * one of today's check-ins.
 */
function todays(ticket: number, more: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Date.now();
  const d = new Date(now);
  const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return anIntake({ id: `seed-${ticket}`, device: 'seed', created_ms: now - 60 * 60_000, day, ticket, name: `Customer ${ticket}`, reason: 'service', ...more });
}

const done = (ticket: number) => todays(ticket, { status: 'done', served_ms: Date.now() - 50 * 60_000, status_ms: Date.now() - 40 * 60_000 });

test.describe("through the shop's server", () => {
  const run = useShop(8090, 'print');

  test("a customer's phone that scans the code answers the way out, the desk gets it as a follow-up, and the phone keeps nothing", async ({ browser }) => {
    const errors: string[] = [];
    // Two served and gone, one still waiting.
    await seedShop(run.shop, [done(5), done(6), todays(7)], 'B');
    const deskDevice = await pairDevice(browser, run.shop, 'desk', { errors });
    const desk = new Desk(deskDevice.page);
    await expect(deskDevice.page.getByRole('heading', { level: 1 })).toBeVisible();

    // A phone: no pairing, no account, the shop's Wi-Fi. The code carries the
    // ticket and its check-in's id (seed-5).
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block', locale: 'en-US' });
    const page = await phone.newPage();
    page.on('pageerror', (e) => errors.push(`phone: ${e.message}`));
    await page.goto(`${run.shop.url}/#leaving=B-5~seed-5`);
    const customer = new Kiosk(page);
    await customer.expectScreen(T.ticketQ);
    await expect(page.getByLabel('Your number')).toHaveValue('B-5');
    expect(new URL(page.url()).hash).toBe('');
    await customer.tap('Continue');
    await customer.rate('Below what I expected', false);
    // Not in the lobby: nobody can come over, so no such button.
    await expect(page.getByRole('button', { name: "I'd like a word before I go" })).toHaveCount(0);
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/feedback'));
    await customer.addComment('Waited an hour past the quote');
    expect((await sent).status()).toBe(201);
    // The page ends there, with no way to a check-in screen that is not theirs.
    await expect(page.getByTestId('visitor-closing')).toHaveText('You can close this page now.');
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
    await expectNoAxeViolations(page, "the way out's end on a customer's phone");
    expect(await storageText(page), 'the phone keeps none of the answers').not.toContain('Waited an hour');

    // The desk has it, on that check-in, and follows it up.
    await expect(desk.followUps).toHaveCount(1, { timeout: 15_000 });
    await expect(desk.followUps.first()).toHaveAttribute('data-ticket', 'B-5');
    await expect(desk.followUps.first()).toContainText('Waited an hour past the quote');

    // Another customer answers and closes the page before the comment: what
    // they said still goes, as the page goes.
    const second = await phone.newPage();
    await second.goto(`${run.shop.url}/#leaving=B-6~seed-6`);
    const other = new Kiosk(second);
    await other.tap('Continue');
    await other.rate('Met what I expected', false);
    await second.close({ runBeforeUnload: true });
    await expect(desk.followUps).toHaveCount(2, { timeout: 15_000 });
    await expect(desk.followUps.and(deskDevice.page.locator('[data-ticket="B-6"]'))).toHaveCount(1);

    // A code scanned while still waiting: the answers reach the desk, and the
    // customer stays in the queue (the desk closes nothing on a phone's word).
    const third = await phone.newPage();
    await third.goto(`${run.shop.url}/#leaving=B-7~seed-7`);
    const waiting = new Kiosk(third);
    await waiting.tap('Continue');
    await waiting.rate('Below what I expected', false);
    await waiting.addComment();
    await expect(desk.followUps).toHaveCount(3, { timeout: 15_000 });
    await expect(desk.row('B-7')).toBeVisible();
    await expect(desk.row('B-7')).not.toHaveClass(/\bdone\b/);
    // Back from the first question on a phone: the end, not a check-in screen.
    await third.goto('about:blank');
    await third.goto(`${run.shop.url}/#leaving=B-7~seed-7`);
    await waiting.tap('Back');
    await expect(third.getByTestId('visitor-closing')).toBeVisible();
    await expect(third.getByRole('button', { name: 'Check in' })).toHaveCount(0);

    await phone.close();
    await deskDevice.context.close();
    expect(errors).toEqual([]);
  });

  test('what a phone may send: answers for a check-in whose id it has, as JSON from this site, once', async () => {
    await seedShop(run.shop, [done(1), knownMorning()[0]].map((i) => ({ ...i, id: `seed-other-${i.day === knownMorning()[0].day ? 'old' : i.ticket}` })), 'C');
    const { url, admin } = run.shop.database;
    const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
    const answers = { intake_id: 'seed-other-1', ticket: 'C-1', expectations: 'met', respected: true, comment: '', language: 'en' };
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${run.shop.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    // No check-in, not its ticket, or another day's: nothing is taken.
    for (const wrong of [{ ...answers, intake_id: 'made-up' }, { ...answers, ticket: 'C-2' }, { ...answers, intake_id: undefined }, { ...answers, intake_id: 'seed-other-old' }]) {
      const res = await post(wrong);
      expect(res.status, JSON.stringify(wrong)).toBe(400);
    }
    // What the rules refuse is refused with their reason.
    const odd = await post({ ...answers, expectations: 'awful' });
    expect(odd.status).toBe(400);
    expect((await odd.json()).reason).toMatch(/expectations/i);
    // Another site's page, or a form's plain text: not taken.
    expect((await post(answers, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    const plain = await fetch(`${run.shop.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(answers) });
    expect(plain.status).toBe(415);
    expect((await fetch(`${run.shop.url}/api/feedback`)).status).toBe(405);
    // Taken once, made here: its time this server's, its ticket as the check-in
    // has it (typed as a person types it), no follow-up, no wish for a word,
    // whatever was sent.
    const before = Date.now();
    expect((await post({ ...answers, ticket: 'c 1', created_ms: 1, follow_up: { by: 'x' }, device: 'evil', wants_talk: true })).status).toBe(201);
    expect((await post(answers)).status, 'one feedback a check-in').toBe(200);
    const all = await (await fetch(`${url}/lobby/_all_docs?include_docs=true`, { headers: { Authorization: auth } })).json();
    const filed = all.rows.map((r: { doc: { feedback?: Record<string, unknown> } }) => r.doc.feedback).filter((f: Record<string, unknown> | undefined) => f?.intake_id === 'seed-other-1');
    expect(filed).toHaveLength(1);
    expect(filed[0].follow_up).toBeNull();
    expect(filed[0].device).toBe('seed');
    expect(filed[0].created_ms).toBeGreaterThanOrEqual(before);
    expect(filed[0].ticket).toBe('C-1');
    expect(filed[0].wants_talk).toBeUndefined();
    // Deleted since (a desk, the admin): never filed again.
    const doc = await (await fetch(`${url}/lobby/${encodeURIComponent(filed[0].id as string)}`, { headers: { Authorization: auth } })).json();
    const gone = await fetch(`${url}/lobby/${encodeURIComponent(doc._id)}?rev=${doc._rev}`, { method: 'DELETE', headers: { Authorization: auth } });
    expect(gone.status).toBe(200);
    expect((await post(answers)).status).toBe(200);
    expect((await fetch(`${url}/lobby/${encodeURIComponent(doc._id)}`, { headers: { Authorization: auth } })).status).toBe(404);
  });
});
