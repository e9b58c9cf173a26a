import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect, T, expectNoAxeViolations, storageText } from './pages';

// Texts and calls: a customer who asks for updates by text (or a call) is asked
// for a number on a number pad, optional, checked as numbers are written in the
// business's country (the sample: US). The desk gets *Text* links with a message
// in the customer's language and a *Call* link; the number is shown to copy. It
// is kept with the check-in only and goes with it; the export has it only when
// the business says so.

const NUMBER = '+15551234567';

test('the number is asked only after texts are chosen, on a pad, refused in plain words when malformed', async ({ kiosk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp('Coffee or water');
  // Coffee alone: no number asked.
  await kiosk.expectScreen(T.detail);
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.help);
  const progress = await kiosk.progress.textContent();
  await kiosk.tap('Updates by text');
  await kiosk.tap('Continue');
  await kiosk.expectScreen('What number should we text?');
  // Part of the help question: the count does not move, nor its total.
  await expect(kiosk.progress).toHaveText(progress!);
  await expect(kiosk.page.getByText('Optional. Used for this visit only, and deleted with your check-in.')).toBeVisible();
  const field = kiosk.page.getByLabel('Phone number');
  await expect(field).toHaveAttribute('type', 'tel');
  const pad = kiosk.page.getByRole('group', { name: 'Number pad' });
  for (const d of '55512') await pad.getByRole('button', { name: d, exact: true }).click();
  await expect(field).toHaveValue('55512');
  await kiosk.tap('Continue');
  await expect(kiosk.page.getByRole('alert')).toHaveText(
    "That doesn't look like a number here, such as (555) 123-4567. Please check it, or skip.",
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(kiosk.page, 'the phone number refused');
  await field.fill('(555) 123-4567');
  await expect(kiosk.page.getByRole('alert')).toHaveText('');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.detail);
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  await expect(kiosk.reviewRow('Phone')).toContainText(NUMBER);
  // Skipped, it is not given.
  await kiosk.reviewRow('Phone').click();
  await field.fill('');
  await kiosk.tap('Skip');
  await expect(kiosk.reviewRow('Phone')).toContainText('Not given');
});

test('Text and Call on the brief, the message in the customer\'s language; the number goes with the check-in, and into the export only when the business says so', async ({ kiosk, openDesk, page }) => {
  await kiosk.open();
  // In Spanish from Welcome: the desk texts them in Spanish.
  await kiosk.page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await kiosk.page.locator('.welcome .primary').click();
  await kiosk.textField.fill('Zoë');
  await kiosk.page.locator('.answers .primary').click();
  await kiosk.page.locator('.choice').nth(1).click();
  await kiosk.page.locator('.choice').nth(3).click(); // Ninguna de las dos
  await kiosk.page.getByRole('button', { name: /^(✓ )?Avisos por mensaje de texto/ }).click();
  await kiosk.page.locator('.answers .primary').click();
  await expect(kiosk.heading).toHaveText('¿A qué número le enviamos los mensajes?');
  await kiosk.page.getByLabel('Número de teléfono').fill('555 123 4567');
  await kiosk.page.locator('.pad-entry .primary').click();
  await kiosk.page.locator('.choice').first().click();
  await kiosk.page.locator('.answers .primary').click();
  await kiosk.page.locator('main .primary.big').click();
  await expect(kiosk.page.getByTestId('ticket')).toHaveText('1');

  const desk = await openDesk();
  const brief = await desk.show(1);
  const contact = brief.getByTestId('contact');
  await expect(contact.getByTestId('phone')).toHaveText(NUMBER);
  const sms = (body: string) => `sms:${NUMBER}?body=${encodeURIComponent(body)}`;
  await expect(contact.getByTestId('sms-ready')).toHaveAttribute('href', sms('Northside Auto Care: buenas noticias, ya está listo. Su número: 1.'));
  await expect(contact.getByTestId('sms-ready')).toHaveText("Text: it's ready");
  await expect(contact.getByTestId('sms-estimate')).toHaveAttribute('href', sms('Northside Auto Care: ya tenemos el presupuesto. Por favor, llámenos. Su número: 1.'));
  await expect(contact.getByTestId('call')).toHaveAttribute('href', `tel:${NUMBER}`);
  // Running late says the new time: there is one once the desk has promised.
  await expect(contact.getByTestId('sms-late')).toHaveCount(0);
  await brief.getByRole('button', { name: 'Start serving' }).click();
  await brief.getByTestId('promise').getByRole('button', { name: '+60 min' }).click();
  await expect(contact.getByTestId('sms-late')).toHaveAttribute('href', sms('Northside Auto Care: vamos con retraso. La nueva hora es 10:30 a.m. Su número: 1.'));
  await expectNoAxeViolations(desk.page, 'a brief with texts and a call');

  // Not in the export unless the business says so, in its Settings.
  const exported = async (): Promise<string> => {
    const download = await desk.exportToday();
    return readFileSync((await download.path())!, 'utf8');
  };
  expect(await exported()).not.toContain('5551234567');
  await desk.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await desk.page.getByLabel("Put customers' phone numbers in the export").check();
  await desk.page.getByRole('button', { name: 'Preview and save' }).click();
  await desk.page.getByRole('button', { name: 'Save on this device' }).click();
  await expect(desk.page.locator('#settings-saved')).toHaveText('Saved on this device.');
  await desk.page.getByRole('button', { name: 'Back to the queue' }).click();
  const rows: Record<string, string>[] = parse(await exported(), { bom: true, columns: true });
  expect(rows[0].Phone).toBe(`'${NUMBER}`);

  // Deleted with the check-in.
  expect(await storageText(page)).toContain(NUMBER);
  await desk.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await desk.page.getByRole('button', { name: 'Clear today…' }).click();
  await desk.page.getByRole('button', { name: 'Delete them' }).click();
  await expect.poll(() => storageText(page)).not.toContain('5551234567');
});
