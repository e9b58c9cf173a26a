import { test, expect, expectNoAxeViolations, pairDevice, seedShop, serveConfig, storageText, useShop, Desk, Kiosk, START, T, type Page } from './pages';
import { knownMorning } from '../fixtures/records.mjs';

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

test.describe("through the shop's server", () => {
  const run = useShop(8090, 'print');

  test("a customer's phone that scans the code answers the way out, the desk gets it as a follow-up, and the phone keeps nothing", async ({ browser }) => {
    const errors: string[] = [];
    await seedShop(run.shop, knownMorning(), 'B');
    const deskDevice = await pairDevice(browser, run.shop, 'desk', { errors, clock: START });
    const desk = new Desk(deskDevice.page);
    await expect(desk.row('B-5')).toBeVisible({ timeout: 15_000 });

    // A phone: no pairing, no account, the shop's Wi-Fi.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block', locale: 'en-US' });
    await phone.clock.install({ time: START });
    const page = await phone.newPage();
    page.on('pageerror', (e) => errors.push(`phone: ${e.message}`));
    await page.goto(`${run.shop.url}/#leaving=B-5`);
    const customer = new Kiosk(page);
    await customer.expectScreen(T.ticketQ);
    await expect(page.getByLabel('Your number')).toHaveValue('B-5');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/feedback') && r.request().method() === 'POST');
    await customer.tap('Continue');
    await customer.rate('Below what I expected', false);
    await customer.addComment('Waited an hour past the quote');
    expect((await sent).status()).toBe(201);
    // Not in the lobby: nobody is sent over, and the page ends there, with no
    // way to a check-in screen that is not theirs.
    await expect(page.getByTestId('visitor-closing')).toHaveText('You can close this page now.');
    await expect(page.getByRole('button', { name: 'Finish' })).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(0);
    await expectNoAxeViolations(page, "the way out's end on a customer's phone");
    await page.clock.fastForward('05:00');
    await expect(page.getByTestId('visitor-closing')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check in' })).toHaveCount(0);
    await expect.poll(() => storageText(page), { message: 'the phone keeps no answer once the shop has it' }).not.toContain('Waited an hour');

    // The desk has it, linked by the ticket, and follows it up.
    await expect(desk.followUps).toHaveCount(1, { timeout: 15_000 });
    await expect(desk.followUps.first()).toHaveAttribute('data-ticket', 'B-5');
    await expect(desk.followUps.first()).toContainText('Waited an hour past the quote');

    // What a visitor may send is a kiosk's first feedback, and a few an hour.
    const post = (body: unknown) => fetch(`${run.shop.url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await post({ _id: 'status:lobby', type: 'status', schema: 1 });
    expect(bad.status).toBe(400);
    const kioskLike = await post({ _id: 'feedback-abc-1', type: 'feedback', schema: 2, feedback: { id: 'feedback-abc-1', device: 'abc' } });
    expect(kioskLike.status).toBe(400);
    expect((await kioskLike.json()).reason).toContain('visitor');
    let refused = 0;
    for (let n = 0; n < 6; n++) if ((await post({})).status === 429) refused++;
    expect(refused, "five an hour from one address, the phone's one included").toBeGreaterThan(0);
    expect((await fetch(`${run.shop.url}/api/feedback`)).status).toBe(405);

    await phone.close();
    await deskDevice.context.close();
    expect(errors).toEqual([]);
  });
});
