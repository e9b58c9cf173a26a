import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { Kiosk, Desk, DESK_PIN, T, expectNoAxeViolations, pairDevice, useShop, type ShopDevice } from './pages';

// Settings at the desk, with the shop's server: everything kiosk.json holds,
// checked as it is typed by kiosk.json's own rules, previewed, and saved for
// every device; a kiosk takes it up at its next Welcome; two desks saving at
// once never lose a change without being told; the PIN changed there; the
// settings saved as a file and opened again; and a tablet unpairing itself
// behind the desk PIN, which only the server can check.

const PORT = 8095;
const run = useShop(PORT, 'settings');
/** The desk PIN as it is now: a test below changes it. */
let pin = DESK_PIN;
const errors: string[] = [];

test.describe.configure({ mode: 'serial' });

test.afterEach(() => {
  expect(errors, 'no page threw').toEqual([]);
});

type Device = ShopDevice;

/** A device paired as a shop pairs one, the desk unlocked with the PIN as it is now. */
const paired = (browser: Browser, role: 'kiosk' | 'desk'): Promise<Device> =>
  pairDevice(browser, run.shop, role, { pin, errors, acceptDownloads: true });

/** The shop's settings as the server keeps them, read as a desk would. */
async function saved(): Promise<any> {
  const desk = JSON.parse(readFileSync(join(run.data, 'shop.json'), 'utf8'));
  const res = await fetch(`${run.shop.url}/kiosk.json`);
  expect(res.status).toBe(200);
  return { served: await res.json(), desk };
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
}

async function previewAndSave(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await expect(page.getByTestId('settings-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Save for every device' }).click();
  await expect(page.locator('#settings-saved')).toHaveText('Saved. Each kiosk takes the settings up at its next Welcome.');
}

test('a new name, a reason and a question of the shop\'s own, previewed and saved: the kiosk asks it from its next Welcome, and the brief shows the answer', async ({ browser }) => {
  test.setTimeout(90_000);
  const counter = await paired(browser, 'desk');
  const tablet = await paired(browser, 'kiosk');
  const kiosk = new Kiosk(tablet.page);
  const desk = new Desk(counter.page);
  try {
    await kiosk.expectScreen(T.welcome);
    // A customer in the middle of checking in when the settings change.
    await kiosk.checkIn();

    const page = counter.page;
    await openSettings(page);
    await expect(page.getByTestId('settings-where')).toContainText('kept by the shop\'s server for every device');
    await expectNoAxeViolations(page, 'the desk\'s Settings');
    await page.getByLabel('Name', { exact: true }).fill('Northside Tyres');
    // A reason, worded in English and Spanish.
    await page.getByRole('button', { name: 'Add a reason' }).click();
    await expect(page.locator('#field-reasons-5-label-en')).toBeFocused();
    await page.keyboard.type('A chipped windscreen');
    await page.locator('#field-reasons-5-label-es').fill('Un parabrisas astillado');
    // A question answered by typing, and one answered with a choice.
    await page.getByRole('button', { name: 'Add a question' }).click();
    await expect(page.locator('#field-questions-0-label-en')).toBeFocused();
    await page.keyboard.type("Your car's plate");
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.keyboard.type('Have you been here before?');
    await page.locator('input[name="question-1-kind"]').last().check();
    await page.locator('#field-questions-1-choices-0-label-en').fill('Yes, I have');
    await page.locator('#field-questions-1-choices-1-label-en').fill('No, first time');
    await expect(page.getByTestId('settings-fault')).toHaveCount(0);

    await page.getByRole('button', { name: 'Preview and save' }).click();
    const preview = page.getByTestId('settings-preview');
    await expect(preview.locator('.changes li')).toHaveText([
      'Name: Northside Auto Care → Northside Tyres',
      'What brings customers in: changed',
      'Questions of your own: changed',
    ]);
    await expect(preview.locator('.sample-bar')).toHaveText('Northside Tyres');
    await expect(preview.locator('.sample-reasons li').last()).toHaveText('A chipped windscreen');
    await expect(preview.locator('.sample-questions li')).toHaveText(["Your car's plate", 'Have you been here before?']);
    await expectNoAxeViolations(page, 'the settings\' preview');
    await page.getByRole('button', { name: 'Save for every device' }).click();
    await expect(page.locator('#settings-saved')).toHaveText('Saved. Each kiosk takes the settings up at its next Welcome.');
    // This desk takes them up at once.
    await expect(page.locator('.brandbar .business')).toHaveText('Northside Tyres');
    const { served } = await saved();
    expect(served.business.name).toBe('Northside Tyres');
    // The page a tablet loads next paints the new Welcome before its program comes.
    const written = await (await fetch(`${run.shop.url}/`)).text();
    expect(written).toContain('<span class="business">Northside Tyres</span>');
    expect(written).toContain('<h1 tabindex="-1">Welcome to Northside Tyres</h1>');
    expect(served.questions.map((q: { code: string }) => q.code)).toEqual(['your_cars_plate', 'have_you_been_here_before']);
    expect(served).not.toHaveProperty('desk_pin_hash');

    // The customer already checking in finishes on the settings they started with…
    await kiosk.enterName('Ana');
    await expect(tablet.page.getByRole('button', { name: 'A chipped windscreen' })).toHaveCount(0);
    await kiosk.choose(T.reasons.repair);
    await kiosk.expectScreen(T.priority);
    await kiosk.tap('Back');
    await kiosk.tap('Back');
    await kiosk.tap('Back');
    // …and the next Welcome is the new one.
    await kiosk.expectScreen('Welcome to Northside Tyres');
    await expect(tablet.page.locator('.brandbar .business')).toHaveText('Northside Tyres');
    await kiosk.checkIn();
    await kiosk.enterName('Ben');
    await kiosk.choose('A chipped windscreen');
    await kiosk.expectScreen("Your car's plate");
    await expect(kiosk.progress).toHaveText('Step 3');
    await expectNoAxeViolations(tablet.page, 'a question of the shop\'s own');
    await kiosk.textField.fill('KX12 ABC');
    await kiosk.tap('Continue');
    await kiosk.expectScreen('Have you been here before?');
    await kiosk.choose('No, first time');
    await kiosk.expectScreen(T.priority);
    await kiosk.choose('Neither');
    await kiosk.chooseHelp();
    await kiosk.choose('Keep it brief');
    await kiosk.enterNote();
    await expect(kiosk.reviewRow("Your car's plate")).toContainText('KX12 ABC');
    await expect(kiosk.reviewRow('Have you been here before?')).toContainText('No, first time');
    await tablet.page.getByRole('button', { name: 'Confirm and check in' }).click();
    await kiosk.expectScreen(T.done);
    const ticket = (await kiosk.ticket.textContent()) ?? '';

    await page.getByRole('button', { name: 'Back to the queue' }).click();
    const brief = await desk.show(ticket, { timeout: 15_000 });
    await expect(brief.getByTestId('own-answers').locator('dt')).toHaveText(["Your car's plate", 'Have you been here before?']);
    await expect(brief.getByTestId('own-answers').locator('dd')).toHaveText(['KX12 ABC', 'No, first time']);
    await expect(brief.locator('.reason')).toHaveText('A chipped windscreen');
  } finally {
    await tablet.context.close();
    await counter.context.close();
  }
});

test('a kiosk left on Welcome takes new settings up by itself, within a minute', async ({ browser }) => {
  const tablet = await paired(browser, 'kiosk');
  const counter = await paired(browser, 'desk');
  try {
    await tablet.page.clock.install();
    const kiosk = new Kiosk(tablet.page);
    await tablet.page.reload();
    await kiosk.expectScreen('Welcome to Northside Tyres');
    await openSettings(counter.page);
    await counter.page.getByLabel('Name', { exact: true }).fill('Northside Tyres & Brakes');
    await previewAndSave(counter.page);
    await tablet.page.clock.runFor(61_000);
    await kiosk.expectScreen('Welcome to Northside Tyres & Brakes');
  } finally {
    await tablet.context.close();
    await counter.context.close();
  }
});

test('two desks saving at once: the second is told, shown what differs, and keeps theirs or saves over them', async ({ browser }) => {
  const first = await paired(browser, 'desk');
  const second = await paired(browser, 'desk');
  try {
    await openSettings(first.page);
    await openSettings(second.page);
    await first.page.getByLabel('Currency symbol').fill('€');
    await previewAndSave(first.page);

    await second.page.getByLabel('Name', { exact: true }).fill('Northside Garage');
    await second.page.getByRole('button', { name: 'Preview and save' }).click();
    await second.page.getByRole('button', { name: 'Save for every device' }).click();
    const conflict = second.page.getByTestId('settings-conflict');
    await expect(conflict.getByRole('heading', { level: 2 })).toHaveText('Another desk saved the settings first');
    await expect(conflict).toContainText('saved the settings at');
    // What saving over theirs would change of theirs: only what this desk changed.
    await expect(conflict.locator('.changes li')).toHaveText(['Name: Northside Tyres & Brakes → Northside Garage']);
    expect((await saved()).served.currency).toBe('€');

    // Saving over theirs is a choice made knowingly, and keeps what this desk did not touch.
    await conflict.getByRole('button', { name: 'Save mine over theirs' }).click();
    await expect(second.page.locator('#settings-saved')).toHaveText('Saved. Each kiosk takes the settings up at its next Welcome.');
    let now = (await saved()).served;
    expect([now.business.name, now.currency]).toEqual(['Northside Garage', '€']);

    // The first desk, editing on, is told in its turn, and keeps what the second saved.
    await first.page.getByLabel('Currency symbol').fill('£');
    await first.page.getByRole('button', { name: 'Preview and save' }).click();
    await first.page.getByRole('button', { name: 'Save for every device' }).click();
    await expect(first.page.getByTestId('settings-conflict').locator('.changes li')).toHaveText(['Currency symbol: € → £']);
    await first.page.getByTestId('settings-conflict').getByRole('button', { name: 'Keep theirs (drop my changes)' }).click();
    await expect(first.page.getByLabel('Name', { exact: true })).toHaveValue('Northside Garage');
    await expect(first.page.getByLabel('Currency symbol')).toHaveValue('€');
    now = (await saved()).served;
    expect([now.business.name, now.currency]).toEqual(['Northside Garage', '€']);
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

test('a setting that cannot work is named, and its box takes the focus; removing asks first; nothing is saved meanwhile', async ({ browser }) => {
  const counter = await paired(browser, 'desk');
  const page = counter.page;
  try {
    await openSettings(page);
    const fault = page.getByTestId('settings-fault');
    await page.getByLabel('Name', { exact: true }).fill(' ');
    await expect(fault).toContainText('Not ready to save: business.name: must be 1 to 60 characters');
    await expect(page.getByRole('button', { name: 'Preview and save' })).toHaveCount(0);
    await fault.getByRole('button', { name: 'Go to it' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Name', { exact: true }).fill('Northside Garage');
    await expect(fault).toHaveCount(0);

    // A colour that text cannot be read on: said as it is picked.
    await page.locator('#field-business-color').fill('#808080');
    await expect(page.locator('#color-contrast')).toContainText('hard to read');
    await expect(fault).toContainText('business.color');
    await page.locator('#field-business-color').fill('#1d5c8c');
    await expect(page.locator('#color-contrast')).toContainText('White text on it: contrast 7.1:1');

    // A timing out of its range.
    await page.getByLabel('Seconds before the desk locks itself').fill('5');
    await expect(fault).toContainText('desk_lock_seconds: must be between 30 and 3600');
    await page.getByLabel('Seconds before the desk locks itself').fill('300');

    // Removing a reason asks first, the safe answer with the focus.
    await page.getByRole('button', { name: 'Remove Tires or brakes' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Remove Tires or brakes?' });
    await expect(dialog.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect(page.locator('#field-reasons-2-label-en')).toHaveValue('Tires or brakes');
    await page.getByRole('button', { name: 'Remove Tires or brakes' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
    await expect(page.locator('#field-reasons-2-label-en')).toHaveValue('Inspection or check-up');
    // Nothing of it was saved.
    expect((await saved()).served.reasons.map((r: { code: string }) => r.code)).toContain('tyres');
  } finally {
    await counter.context.close();
  }
});

test('the settings saved as kiosk.json and opened again: checked, put in the form, saved only when asked', async ({ browser }) => {
  const counter = await paired(browser, 'desk');
  const page = counter.page;
  try {
    await openSettings(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save as kiosk.json' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kiosk.json');
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file.business.name).toBe('Northside Garage');
    expect(file).not.toHaveProperty('desk_pin_hash');
    expect(file).not.toHaveProperty('sync');

    const chooser = page.getByTestId('settings-file-input');
    const dir = mkdtempSync(join(tmpdir(), 'lobby-file-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...file, reasons: [] }));
    await chooser.setInputFiles(broken);
    await expect(page.getByTestId('file-said')).toHaveText('That file cannot be used: reasons: list 1 to 12 reasons');

    const good = join(dir, 'kiosk.json');
    writeFileSync(good, JSON.stringify({ ...file, business: { ...file.business, name: 'Southside Garage' } }));
    await chooser.setInputFiles(good);
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Replace the form with this file?');
    await dialog.getByRole('button', { name: 'Replace the form' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Southside Garage');
    await expect(page.getByTestId('file-said')).toHaveText('kiosk.json is in the form: look it over, then preview and save.');
    expect((await saved()).served.business.name).toBe('Northside Garage');
    await page.getByRole('button', { name: 'Preview and save' }).click();
    await expect(page.getByTestId('settings-preview').locator('.changes li')).toHaveText(['Name: Northside Garage → Southside Garage']);
    await page.getByRole('button', { name: 'Keep editing' }).click();
    rmSync(dir, { recursive: true, force: true });
  } finally {
    await counter.context.close();
  }
});

test('the PIN changed at one desk: the sample PIN\'s warning goes, and every desk asks for the new one', async ({ browser }) => {
  const counter = await paired(browser, 'desk');
  const other = await paired(browser, 'desk');
  const page = counter.page;
  try {
    // Opened with the README's PIN: said in the desk's bar, a way to change it.
    await page.getByTestId('sample-pin').click();
    await expect(page.locator('#settings-pin-title')).toBeFocused();
    const change = page.getByRole('button', { name: 'Change the PIN' });
    await page.getByLabel('New PIN (4 to 8 digits)').fill('135');
    await page.getByLabel('The new PIN again').fill('135');
    await change.click();
    await expect(page.locator('#pin-said')).toHaveText('A PIN is 4 to 8 digits.');
    await page.getByLabel('New PIN (4 to 8 digits)').fill('135790');
    await page.getByLabel('The new PIN again').fill('135791');
    await change.click();
    await expect(page.locator('#pin-said')).toHaveText('The two PINs are not the same.');
    await page.getByLabel('The new PIN again').fill('135790');
    await change.click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText('Whoever does not know the new PIN will be locked out of every desk.');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Change it' }).click();
    await expect(page.locator('#pin-said')).toHaveText('The PIN is changed. Every desk asks for the new one from its next unlock.');
    pin = '135790';
    await expect(page.getByTestId('sample-pin-here')).toHaveCount(0);
    // Kept by the shop's server as a slow hash, never the PIN.
    const hash = await other.page.evaluate(async () => {
      const own = JSON.parse(localStorage.getItem('lobby.paired.desk')!);
      const res = await fetch('/api/desk', { headers: { Authorization: `Basic ${btoa(`${own.user}:${own.password}`)}` } });
      return (await res.json()).pin_hash;
    });
    expect(hash).toMatch(/^\$pbkdf2-sha256\$i=600000,l=32\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hash).not.toContain(pin);
    // The server takes no weaker hash in its place, nor one that does not replace the one in use.
    const refused = await other.page.evaluate(async (inUse) => {
      const own = JSON.parse(localStorage.getItem('lobby.paired.desk')!);
      const put = (body: unknown) =>
        fetch('/api/desk', {
          method: 'PUT',
          headers: { Authorization: `Basic ${btoa(`${own.user}:${own.password}`)}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.status);
      return [
        await put({ pin_hash: 'v1$e3617dfcc46c1b2da34413c171c34594$435e83ced2541f3274f02c05b0d0c9816f4e71baf63baf27c670b672a2aa8fcb', replaces: inUse }),
        await put({ pin_hash: inUse.replace('i=600000', 'i=1000'), replaces: inUse }),
        await put({ pin_hash: inUse, replaces: 'not the one in use' }),
      ];
    }, hash);
    expect(refused).toEqual([400, 400, 409]);

    // The other desk, at its next lock, asks for the new PIN; the old one no longer opens it.
    await other.page.getByRole('button', { name: 'Lock' }).click();
    const desk = new Desk(other.page);
    await desk.pin.fill(DESK_PIN);
    await other.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(other.page.locator('#pin-error')).toHaveText(T.pinWrong);
    await desk.unlock(pin);
    await expect(other.page.getByTestId('sample-pin')).toHaveCount(0);
  } finally {
    await counter.context.close();
    await other.context.close();
  }
});

test('a tablet unpairs itself behind the desk PIN, which the shop\'s server checks', async ({ browser }) => {
  const tablet = await paired(browser, 'kiosk');
  const page = tablet.page;
  const kiosk = new Kiosk(page);
  try {
    await kiosk.expectScreen('Welcome to Northside Garage');
    const own = JSON.parse((await page.evaluate(() => localStorage.getItem('lobby.paired.kiosk')))!);
    await page.getByRole('button', { name: 'Staff' }).click();
    await kiosk.expectScreen(`This tablet is kiosk ${own.letter} of Northside Garage`);
    await expectNoAxeViolations(page, 'the tablet\'s staff screen');
    // The tablet holds no hash of the PIN to try guesses against.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('pbkdf2');
    await page.getByLabel('Desk PIN').fill(DESK_PIN);
    await page.getByRole('button', { name: 'Unpair this tablet' }).click();
    await expect(page.locator('#staff-said')).toHaveText('That is not the desk PIN.');
    await expect(page.getByLabel('Desk PIN')).toHaveValue('');
    // Back is Welcome, with the tablet still paired.
    await kiosk.tap('Back');
    await kiosk.expectScreen('Welcome to Northside Garage');
    await page.getByRole('button', { name: 'Staff' }).click();
    await page.getByLabel('Desk PIN').fill(pin);
    await page.getByRole('button', { name: 'Unpair this tablet' }).click();
    await expect(page.getByRole('status')).toHaveText('This tablet is no longer paired. To pair it again, open a new pairing link on it.');
    expect(await page.evaluate(() => localStorage.getItem('lobby.paired.kiosk'))).toBeNull();
    const revoked = await fetch(`${run.shop.url}/db/${own.db}`, { headers: { Authorization: `Basic ${Buffer.from(`${own.user}:${own.password}`).toString('base64')}` } });
    expect(revoked.status).toBe(401);
    await page.getByRole('button', { name: 'Start the check-in screen' }).click();
    await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Staff' })).toHaveCount(0);
  } finally {
    await tablet.context.close();
  }
});
