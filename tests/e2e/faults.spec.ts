import { test, expect, T, intakeKeys, pageNow, storageText, type Page } from './pages';

// A fault never freezes a screen (src/web/fault.js, src/web/fault.rs). The
// program is made to fail for real, by a browser API that throws where the
// program never expects it to: the plural rules or the time format of Intl,
// which the release build calls without a guard. The exception leaves the
// program's cached formats borrowed, so the next call panics too: both an
// unhandled error and a Rust panic are met. No trigger of any kind is in the
// product.

/** From now on the browser's plural rules throw, in this page only. */
async function breakPluralRules(page: Page): Promise<void> {
  await page.evaluate(() => {
    Intl.PluralRules.prototype.select = () => {
      throw new Error('plural rules out of order');
    };
  });
}

/** The calm message that takes the screen's place. */
const fault = (page: Page) => page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 1 }) });

/** The faults the test caused, and only those, were reported: then forgotten, so the fixture's check still holds for anything else. */
function expectOnlyCausedFaults(pageErrors: string[], cause: string): void {
  expect(pageErrors.length, 'the fault was reported').toBeGreaterThan(0);
  const other = pageErrors.filter((e) => !e.includes(cause) && !/unreachable|panicked|already (mutably )?borrowed/.test(e));
  expect(other, 'no other error').toEqual([]);
  pageErrors.length = 0;
}

test('a fault as a check-in is confirmed: a calm message with the number, Welcome again within 10 s, and the desk has it exactly once', async ({ kiosk, openDesk, pageErrors }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.toReview({ name: 'Dmitri', note: 'Keys are in the car' });
  await breakPluralRules(page);
  await kiosk.tap('Confirm and check in');

  // The check-in was filed before Done could be drawn: the customer is told
  // their number, and nothing of their answers is left on screen.
  const message = fault(page);
  await expect(message).toBeVisible();
  await expect(message.getByRole('heading', { level: 1 })).toHaveText('Sorry, this screen needs a moment.');
  await expect(message).toContainText('Your number is 1. Please show it at the desk.');
  await expect(message).toContainText('It will start again by itself in a few seconds.');
  expect(await page.content()).not.toContain('Dmitri');
  expect(await page.content()).not.toContain('Keys are in the car');

  // Long enough to read the number, and then Welcome by itself within 10 s of
  // the page's clock (which runs on while the page loads again).
  const faulted = await pageNow(page);
  await page.clock.fastForward(5_000);
  await expect(message).toBeVisible();
  await page.clock.fastForward(1_000);
  await kiosk.expectScreen(T.welcome);
  expect(await pageNow(page) - faulted).toBeLessThanOrEqual(10_000);
  expect(page.url()).toMatch(/\/$/);
  expectOnlyCausedFaults(pageErrors, 'plural rules out of order');

  // Filed exactly once: one record here, one line on the desk.
  expect(await intakeKeys(page)).toHaveLength(1);
  const desk = await openDesk();
  await expect(desk.row(1)).toHaveCount(1);
  await expect(desk.queue).toHaveCount(1);
  // The page works again: the next customer gets the next number, which a
  // fault would name only until that customer is gone.
  expect(await kiosk.quickCheckIn()).toBe(2);
  const number = () => page.evaluate(() => document.documentElement.dataset.faultNumber);
  expect(await number()).toBe('2');
  await kiosk.finish();
  expect(await number()).toBeUndefined();
});

test('a fault mid-way, in Spanish: the message in Spanish with no number, the answers gone, Welcome in the business\'s language', async ({ kiosk, openDesk, pageErrors }) => {
  const { page } = kiosk;
  await kiosk.open();
  await page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await page.getByRole('button', { name: 'Registrarme' }).click();
  await page.locator('#answer').fill('Zanele');
  await breakPluralRules(page);
  // Counts the panics said to the watchdog (src/web/fault.rs's hook).
  await page.evaluate(() => {
    const fall = (window as any).lobbyFault;
    (window as any).panics = 0;
    (window as any).lobbyFault = () => {
      (window as any).panics += 1;
      fall();
    };
  });
  // Walked away: the "Are you still there?" countdown counts in the plural rules.
  await page.clock.fastForward(61_000);

  const message = fault(page);
  await expect(message.getByRole('heading', { level: 1 })).toHaveText('Disculpe, esta pantalla necesita un momento.');
  await expect(message).toContainText('Volverá a empezar sola en unos segundos.');
  await expect(message).not.toContainText('Su número');
  expect(await page.content()).not.toContain('Zanele');
  // The countdown's next second finds the plural rules still borrowed by the
  // call that threw: a Rust panic, which the hook says to the watchdog.
  const faulted = await pageNow(page);
  await page.clock.fastForward(1_000);
  await expect.poll(() => page.evaluate(() => (window as any).panics)).toBeGreaterThan(0);
  expect(pageErrors.some((e) => e.includes('panicked'))).toBe(true);
  await page.clock.fastForward(3_000);
  await kiosk.expectScreen(T.welcome);
  expect(await pageNow(page) - faulted).toBeLessThanOrEqual(10_000);
  expectOnlyCausedFaults(pageErrors, 'plural rules out of order');
  expect(await storageText(page)).not.toContain('Zanele');
  // Nothing half-answered was filed.
  expect(await intakeKeys(page)).toEqual([]);
  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(0);
});

test('a fault on the desk: the calm message, then the desk starts again locked, and nothing it held is lost', async ({ kiosk, openDesk, pageErrors }) => {
  await kiosk.open();
  await kiosk.toReview({ name: 'Amara', help: ['Coffee or water'] });
  const ticket = await kiosk.confirm();
  const desk = await openDesk();
  await expect(desk.row(ticket)).toBeVisible();
  await breakPluralRules(desk.page);
  // The brief counts what is left to offer, in the plural rules.
  await desk.row(ticket).click();

  const message = fault(desk.page);
  await expect(message.getByRole('heading', { level: 1 })).toHaveText('Sorry, this screen needs a moment.');
  await expect(desk.page.getByText('Amara')).toHaveCount(0);
  await desk.page.clock.fastForward(4_000);
  // Locked again: the PIN before anything of the queue.
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  expect(desk.page.url()).toMatch(/\/desk\/?$/);
  expectOnlyCausedFaults(pageErrors, 'plural rules out of order');
  await desk.unlock();
  await expect(desk.row(ticket)).toHaveCount(1);
  await desk.show(ticket);
  await expect(desk.page.getByText('Amara').first()).toBeVisible();
});

test("a fault while the server is away: the message stays, never the browser's error page, and the page comes once it can", async ({ kiosk, pageErrors }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  // The server away: the page itself cannot be fetched.
  let asked = 0;
  const away = (url: URL) => url.pathname === '/';
  await page.route(away, (route) => {
    asked += 1;
    return route.abort('connectionrefused');
  });
  await breakPluralRules(page);
  await page.clock.fastForward(61_000);
  const message = fault(page);
  await expect(message).toBeVisible();
  // It asks every few seconds whether the page would come, and stays meanwhile.
  await expect
    .poll(
      async () => {
        await page.clock.fastForward(1_000);
        return asked;
      },
      { timeout: 20_000 },
    )
    .toBeGreaterThanOrEqual(3);
  await expect(message).toBeVisible();
  await page.unroute(away);
  await expect
    .poll(
      async () => {
        await page.clock.fastForward(1_000);
        return kiosk.heading.textContent({ timeout: 1_000 }).catch(() => '');
      },
      { timeout: 20_000 },
    )
    .toBe(T.welcome);
  expectOnlyCausedFaults(pageErrors, 'plural rules out of order');
});

test('the words of the message follow the language on screen, in every language', async ({ kiosk }) => {
  const { page } = kiosk;
  await kiosk.open();
  const words = () => page.evaluate(() => ({ ...document.documentElement.dataset }));
  expect(await words()).toMatchObject({ faultTitle: 'Sorry, this screen needs a moment.' });
  await page.locator('.access-bar').getByRole('button', { name: 'العربية', exact: true }).click();
  await expect.poll(async () => (await words()).faultTitle).toBe('عذرًا، تحتاج هذه الشاشة إلى لحظة.');
  expect(await words()).toMatchObject({ faultTicket: 'رقمكم {ticket}. يُرجى إظهاره لموظفي الاستقبال.' });
  // No number until one is given.
  expect((await words()).faultNumber).toBeUndefined();
});
