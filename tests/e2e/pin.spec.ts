import { test, expect, T, DESK_PIN, storageText, type Desk } from './pages';

// The desk PIN stands between the lobby and every customer's name and note.
// Guessing is slowed down: five wrong PINs lock the desk for 30 s, each further
// wrong PIN doubles that (up to 15 min), the lock-out survives a reload, and while
// it lasts even the right PIN is refused. The PIN itself is never kept anywhere
// readable. A desk left alone locks itself after five minutes.

/**
 * A round moment a little after the start, to stop the clock at: every time the
 * desk stores (the lock-out's end) is then a known number, which cannot happen to
 * contain the PIN's digits by chance.
 */
const PAUSE_AT = new Date('2026-11-22T09:32:00Z');

async function tryPin(desk: Desk, pin: string): Promise<void> {
  await desk.pin.fill(pin);
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.pin).toHaveValue('');
}

function locked(seconds: number | string): string | RegExp {
  if (typeof seconds === 'string') return new RegExp(`^Too many wrong tries\\. Try again in ${seconds} seconds?\\.$`);
  return `Too many wrong tries. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

/** The PIN is in no stored value, nowhere in the page, and not in the field's attribute. */
async function expectPinNowhere(desk: Desk, when: string): Promise<void> {
  expect(await storageText(desk.page), `${when}: storage`).not.toContain(DESK_PIN);
  expect(await desk.page.content(), `${when}: page`).not.toContain(DESK_PIN);
}

test('five wrong PINs lock the desk for 30 s, counting down; the right PIN is refused meanwhile; a reload keeps the lock', async ({ openDesk }) => {
  const desk = await openDesk({ unlock: false });
  const { page } = desk;
  const error = page.locator('#pin-error');
  await page.clock.pauseAt(PAUSE_AT);

  // Four wrong tries are free: a message, no lock.
  for (const wrong of ['1111', '2222', '1234', '8642']) {
    await tryPin(desk, wrong);
    await expect(error).toHaveText(T.pinWrong);
  }
  // The fifth locks.
  await tryPin(desk, '0000');
  await expect(error).toHaveText(locked(30));
  await expect(error).toHaveAttribute('role', 'alert');
  await expectPinNowhere(desk, 'locked');

  // Counting down.
  await page.clock.runFor(10_000);
  await expect(error).toHaveText(locked('2[01]'));

  // The right PIN is refused while locked (and the field is cleared).
  await desk.pin.fill(DESK_PIN);
  await expectPinNowhere(desk, 'right PIN typed while locked');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(error).toHaveText(locked(20));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(page.locator('article.brief, button.row')).toHaveCount(0);

  // A reload does not start the count afresh, nor does another desk window.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(error).toHaveText(locked(20));
  const other = await openDesk({ unlock: false });
  await expect(other.page.locator('#pin-error')).toHaveText(locked(20));
  await other.page.close();
  await tryPin(desk, DESK_PIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(error).toHaveText(locked(20));

  // Once the 30 s are over the right PIN works, and the count starts again.
  await page.clock.runFor(19_000);
  await expect(error).toHaveText(locked(1));
  await page.clock.runFor(1_000);
  await expect(error).toHaveText('');
  await desk.unlock();
  await expect(page.getByText(T.queueEmpty)).toBeVisible();
  const tries = await page.evaluate(() => JSON.parse(localStorage.getItem('lobby.desk_pin_tries') ?? 'null'));
  expect(tries).toMatchObject({ failures: 0 });
  await expectPinNowhere(desk, 'unlocked');
});

test('after the first lock-out, each wrong PIN locks twice as long, said in minutes beyond one', async ({ openDesk }) => {
  const desk = await openDesk({ unlock: false });
  const { page } = desk;
  const error = page.locator('#pin-error');
  await page.clock.pauseAt(PAUSE_AT);
  for (let n = 0; n < 5; n++) await tryPin(desk, '9999');
  await expect(error).toHaveText(locked(30));
  await page.clock.runFor(30_000);
  await expect(error).toHaveText(T.pinWrong);

  // The sixth wrong PIN: twice as long.
  await tryPin(desk, '9999');
  await expect(error).toHaveText(locked(60));
  await page.clock.runFor(59_000);
  await tryPin(desk, DESK_PIN);
  await expect(error).toHaveText(locked(1));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await page.clock.runFor(1_000);

  // The seventh: two minutes, said in minutes until a minute is left.
  await tryPin(desk, '9999');
  await expect(error).toHaveText('Too many wrong tries. Try again in 2 minutes.');
  await page.clock.runFor(61_000);
  await expect(error).toHaveText(locked(59));
  await page.clock.runFor(59_000);
  await desk.unlock();
  await expectPinNowhere(desk, 'unlocked');
});

test('a desk left alone for five minutes locks itself; a key now and then keeps it open', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn(T.reasons.repair, 'Oluwaseun');
  const desk = await openDesk();
  const { page } = desk;
  await expect((await desk.show(ticket))).toBeVisible();

  // Staff at the desk: a key every four minutes for twenty minutes.
  await desk.passTime(20);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  await expect((await desk.show(ticket))).toBeVisible();

  // Then nobody: open at 4:59, locked at 5:00, with the briefs gone from the page.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 2_000);
  await page.keyboard.press('Shift');
  await page.clock.fastForward(299_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  await page.clock.fastForward(1_000);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(desk.pin).toHaveValue('');
  expect(await page.content()).not.toContain('Oluwaseun');

  // The PIN opens it again.
  await page.clock.resume();
  await desk.unlock();
  await expect((await desk.show(ticket)).getByRole('heading', { name: 'Oluwaseun' })).toBeVisible();
});
