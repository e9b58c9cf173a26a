import { test, expect, T, pauseSoon } from './pages';

// Tickets count 1, 2, 3 through the day; the Done screen counts down and returns
// to Welcome after reset_seconds (10 in the sample configuration), leaving nothing
// of the last customer behind. The clock is fast-forwarded, never waited for.

test('tickets count 1, 2, 3 and Done returns to Welcome after 10 seconds', async ({ page, kiosk, openDesk }) => {
  await kiosk.open();
  expect(await kiosk.quickCheckIn(T.reasons.service, 'Ana')).toBe(1);
  await expect(page.getByText('Thank you, Ana. We\'ll call your number shortly.')).toBeVisible();

  // Stop time, read the countdown, and step it a second at a time.
  await pauseSoon(page);
  const clears = page.getByText(/^This screen clears in \d+ seconds?\.$/);
  const left = Number((await clears.textContent())!.match(/\d+/)![0]);
  expect(left).toBeGreaterThanOrEqual(9);
  expect(left).toBeLessThanOrEqual(10);
  await page.clock.runFor(1000);
  await expect(clears).toHaveText(`This screen clears in ${left - 1} seconds.`);
  await page.clock.runFor((left - 2) * 1000);
  await expect(clears).toHaveText("This screen clears in 1 second.");
  await kiosk.expectScreen(T.done);
  await page.clock.runFor(1000);
  await kiosk.expectScreen(T.welcome);
  await page.clock.resume();

  // The next customer starts afresh: nothing of Ana is left.
  await kiosk.checkIn();
  await expect(kiosk.textField).toHaveValue('');
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.welcome);

  expect(await kiosk.quickCheckIn(T.reasons.repair)).toBe(2);
  await expect(page.getByText("Thank you. We'll call your number shortly.")).toBeVisible();
  await page.clock.runFor(10_000);
  await kiosk.expectScreen(T.welcome);

  // Asking for a person takes the next number too.
  expect(await kiosk.talkToSomeone()).toBe(3);
  await kiosk.finish();

  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(3);
  for (const ticket of [1, 2, 3]) await expect((await desk.show(ticket))).toHaveCount(1);
});

test('a new day starts again at ticket 1, and the desk shows only today', async ({ page, kiosk, openDesk }) => {
  await kiosk.open();
  expect(await kiosk.quickCheckIn()).toBe(1);
  await kiosk.finish();
  expect(await kiosk.quickCheckIn()).toBe(2);
  await kiosk.finish();

  await page.clock.setSystemTime(new Date('2026-11-23T08:00:00Z'));
  expect(await kiosk.quickCheckIn(T.reasons.tyres, 'Mo')).toBe(1);

  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(1);
  await expect((await desk.show(1)).getByRole('heading', { name: 'Mo' })).toBeVisible();
});
