import { test, expect, T, DESK_PIN, serveConfig } from './pages';

// Settings at a desk with no shop's server: kept on the device, in place of
// kiosk.json, and taken up by a kiosk in the same browser at its next Welcome;
// kiosk.json again when asked. And the desk PIN's first form of hash, which
// still unlocks and is replaced by today's at the first unlock.

/** The first `make pin-hash PIN=2468`: ten thousand rounds of SHA-256. */
const FIRST_FORM = 'v1$e3617dfcc46c1b2da34413c171c34594$435e83ced2541f3274f02c05b0d0c9816f4e71baf63baf27c670b672a2aa8fcb';

test('with no shop\'s server, settings are kept on this device: the kiosk takes them up, and kiosk.json comes back when asked', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const desk = await openDesk();
  const page = desk.page;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByTestId('settings-where')).toHaveText(
    'This desk has no shop\'s server: settings are kept on this device only. Save them as a file to use them elsewhere.',
  );
  await page.getByLabel('Name', { exact: true }).fill('Corner Garage');
  await page.getByLabel('Seconds the ticket stays on screen').fill('20');
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await expect(page.getByTestId('settings-preview').locator('.changes li')).toHaveText([
    'Name: Northside Auto Care → Corner Garage',
    'Seconds the ticket stays on screen: 10 → 20',
  ]);
  await page.getByRole('button', { name: 'Save on this device' }).click();
  await expect(page.locator('#settings-saved')).toHaveText('Saved on this device.');
  await expect(page.getByText('Settings saved on this device are in use here, in place of kiosk.json.')).toBeVisible();

  // The kiosk, left on Welcome, takes them up within a minute.
  await kiosk.page.clock.runFor(61_000);
  await kiosk.expectScreen('Welcome to Corner Garage');
  // They last a reload, and a desk opened later has them too.
  await kiosk.page.reload();
  await kiosk.expectScreen('Welcome to Corner Garage');

  await page.getByRole('button', { name: 'Use kiosk.json again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  await expect(page.locator('.brandbar .business')).toHaveText(T.business);
  await kiosk.page.clock.runFor(61_000);
  await kiosk.expectScreen(T.welcome);
});

test('a PIN hash of the first form still unlocks, and is replaced by today\'s at the first unlock', async ({ context, openDesk }) => {
  await serveConfig(context, (json) => {
    json.desk_pin_hash = FIRST_FORM;
  });
  const desk = await openDesk({ unlock: false });
  await desk.pin.fill('1357');
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.locator('#pin-error')).toHaveText(T.pinWrong);
  await desk.unlock(DESK_PIN);
  // Kept on this device in today's form, naming the hash it replaces.
  await expect
    .poll(() => desk.page.evaluate(() => JSON.parse(localStorage.getItem('lobby.desk.pin_local') ?? 'null')))
    .toEqual({ replaces: FIRST_FORM, pin_hash: expect.stringMatching(/^\$pbkdf2-sha256\$i=600000,l=32\$/) });
  // The same PIN opens the desk again, checked against the new hash.
  await desk.page.reload();
  await desk.pin.fill('1357');
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.locator('#pin-error')).toHaveText(T.pinWrong);
  await desk.unlock(DESK_PIN);
  // A PIN changed here is kept the same way, and asked for from the next unlock.
  await desk.page.getByTestId('sample-pin').click();
  await desk.page.getByLabel('New PIN (4 to 8 digits)').fill('97531');
  await desk.page.getByLabel('The new PIN again').fill('97531');
  await desk.page.getByRole('button', { name: 'Change the PIN' }).click();
  await desk.page.getByRole('alertdialog').getByRole('button', { name: 'Change it' }).click();
  await expect(desk.page.locator('#pin-said')).toHaveText('The PIN is changed. Every desk asks for the new one from its next unlock.');
  await desk.page.getByRole('button', { name: 'Lock' }).click();
  await desk.pin.fill(DESK_PIN);
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.locator('#pin-error')).toHaveText(T.pinWrong);
  await desk.unlock('97531');
  await expect(desk.page.getByTestId('sample-pin')).toHaveCount(0);
});
