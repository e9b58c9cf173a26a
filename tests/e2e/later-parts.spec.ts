import { test, expect, T, expectNoAxeViolations, SCREENS_PART as REST } from './pages';

// Welcome is the only screen in the first download; the rest of the kiosk is
// fetched as Welcome comes up (scripts/split.mjs). Should it not come (a tablet
// offline before it was ever cached), the customer is told what to do, and it is
// tried again: when the customer asks, and by itself every little while.

/** What the page logs when the part cannot be fetched: expected here, and only here. */
const EXPECTED = /could not be fetched|Failed to fetch|split_screens/;

test('the rest of the kiosk comes by itself, and a customer who taps before it arrives waits a moment, not longer', async ({ page, kiosk }) => {
  // Held back until the customer has tapped, then let through.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(REST, async (route) => {
    await held;
    await route.continue();
  });
  await kiosk.open();
  await kiosk.tap('Check in');
  await expect(page.getByRole('status')).toHaveText('Getting ready…');
  release();
  await kiosk.expectScreen(T.name);
});

test('when the rest of the kiosk cannot be fetched, the customer is told, and Try again works once it can', async ({ page, kiosk, pageErrors }) => {
  await page.route(REST, (route) => route.abort('internetdisconnected'));
  await kiosk.open();
  await kiosk.tap('Check in');
  await kiosk.expectScreen('This screen could not be loaded');
  await expect(page.getByText('Please ask at the desk. You can also try again.')).toBeVisible();
  await expectNoAxeViolations(page, 'a part that could not be fetched');
  // Still not there: the same message.
  await kiosk.tap('Try again');
  await kiosk.expectScreen('This screen could not be loaded');
  // "Talk to someone" on Welcome needs the same part: the same plain message.
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.welcome);
  await kiosk.tap(T.talk);
  await kiosk.expectScreen('This screen could not be loaded');

  // Back: Try again brings the question on screen.
  await page.unroute(REST);
  await kiosk.tap('Try again');
  await kiosk.expectScreen(T.name);
  // Nothing of the failure is left: the rest of the journey works.
  await kiosk.tap('Skip');
  await kiosk.expectScreen(T.reason);

  const unexpected = pageErrors.filter((e) => !EXPECTED.test(e));
  expect(pageErrors.length, 'the failed fetch was reported').toBeGreaterThan(0);
  pageErrors.splice(0, pageErrors.length, ...unexpected);
});

test('a kiosk that could not fetch the rest of itself asks again on its own, so the next customer finds it', async ({ page, kiosk, pageErrors }) => {
  test.setTimeout(60_000);
  let refused = 0;
  await page.route(REST, (route) => {
    refused++;
    return route.abort('internetdisconnected');
  });
  await kiosk.open();
  await expect.poll(() => refused).toBeGreaterThan(0);
  // The network comes back; nobody taps.
  const arrived: string[] = [];
  page.on('requestfinished', (r) => REST.test(r.url()) && arrived.push(r.url()));
  await page.unroute(REST);
  await expect.poll(() => arrived.length, { timeout: 20_000, message: 'asked for again without a tap' }).toBe(1);
  // Here before the customer: the first tap shows the question itself.
  await kiosk.tap('Check in');
  await kiosk.expectScreen(T.name);

  const unexpected = pageErrors.filter((e) => !EXPECTED.test(e));
  pageErrors.splice(0, pageErrors.length, ...unexpected);
});
