import { test, expect, T } from './pages';

// A new screen ignores taps for a moment: the second tap of a double tap must not
// answer the next question, which has its own buttons under the same finger.

test('a double tap answers one question, not two', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  // Enter in the name field answers it, like the button.
  await kiosk.textField.fill('Ana');
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await kiosk.textField.press('Enter');

  await kiosk.expectScreen(T.reason);
  // Low on the reason's button: where "Time" will be on the next screen.
  await page.getByRole('button', { name: T.reasons.service }).dblclick({ position: { x: 100, y: 60 } });
  await kiosk.expectScreen(T.priority);
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);

  // "Neither" sits where "Updates by text" will be.
  await page.getByRole('button', { name: /^Neither/ }).dblclick();
  await kiosk.expectScreen(T.help);
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Skip' })).toBeVisible();

  await kiosk.tap('Skip');
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
  await kiosk.textField.fill('Quick one');
  // In the note, Enter is a new line; the note is trimmed when filed.
  await kiosk.textField.press('Enter');
  await expect(kiosk.textField).toHaveValue('Quick one\n');
  await kiosk.expectScreen(T.note);
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);

  // Double-tapping Confirm files one check-in.
  const desk = await openDesk();
  await page.getByRole('button', { name: 'Confirm and check in' }).dblclick();
  await kiosk.expectScreen(T.done);
  await expect(kiosk.ticket).toHaveText('1');
  await expect(desk.queue).toHaveCount(1);
  await expect((await desk.show(1)).locator('.note p')).toHaveText('Quick one');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lobby.intake.')).length)).toBe(1);
});
