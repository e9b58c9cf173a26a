import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startsWith } from './pages';

// The words each language reads in, where code joins and formats them: US Spanish
// on the 12-hour clock ("antes de la 1:30 p. m."), Arabic with the digits 0-9 of
// the tickets and signs and its own list comma, and a ticket typed in Arabic digits.

type Words = Record<string, string>;
/** A catalogue as the build serves it. */
const words = (lang: string): Words =>
  JSON.parse(readFileSync(join(process.env.E2E_DIST!, 'locales', `${lang}.json`), 'utf8'));
const es = words('es');
const ar = words('ar');

/** Taps the button whose name starts with `label` (a choice may have a hint after it). */
async function tap(page: Page, label: string): Promise<void> {
  await page.getByRole('button', { name: startsWith(label) }).first().click();
}

test('Spanish: the Review in US Spanish, its times on the 12-hour clock, one o\'clock singular', async ({ kiosk, page }) => {
  await kiosk.open();
  await page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await expect(kiosk.heading).toHaveText('Bienvenidos a Northside Auto Care');
  await tap(page, es['welcome.check_in']);
  await expect(kiosk.heading).toHaveText(es['name.title']);
  await tap(page, es['kiosk.skip']);
  await tap(page, 'Llantas o frenos');
  await expect(kiosk.heading).toHaveText(es['priority.title']);
  await expect(page.getByText(es['priority.hint'])).toBeVisible();
  await tap(page, es['priority.time']);
  await tap(page, es['deadline.at']);
  await page.getByLabel(es['deadline.pick_label']).fill('13:30');
  await page.locator('#pick-time-form .primary').click();
  await expect(kiosk.heading).toHaveText(es['help.title']);
  await tap(page, es['help.coffee']);
  await tap(page, es['help.wifi']);
  await tap(page, es['kiosk.continue']);
  await tap(page, es['detail.brief']);
  await expect(kiosk.heading).toHaveText(es['note.title']);
  await tap(page, es['kiosk.skip']);

  await expect(kiosk.heading).toHaveText(es['review.title']);
  await expect(kiosk.reviewRow(es['review.priority']).locator('.review-a')).toHaveText('El tiempo');
  // "la 1:30", not "las 1:30"; p. m. as US Spanish writes it.
  await expect(kiosk.reviewRow(es['review.deadline']).locator('.review-a')).toHaveText(/^Antes de la 1:30\sp\.\s?m\.$/);
  await expect(kiosk.reviewRow(es['review.help']).locator('.review-a')).toHaveText('Café o agua, Wifi');
  // Cost is *costo* wherever it is named.
  for (const [key, text] of Object.entries(es)) {
    if (!key.startsWith('desk.csv')) expect(text, key).not.toMatch(/\bprecio\b/i);
  }
});

test('Arabic: Western digits in times, the Arabic comma in lists, "Both" in words, a ticket typed in Arabic digits', async ({ kiosk, page }) => {
  await kiosk.open();
  await page.locator('.access-bar').getByRole('button', { name: 'العربية', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await tap(page, ar['welcome.check_in']);
  await tap(page, ar['kiosk.skip']);
  await tap(page, 'الإطارات أو المكابح');
  await tap(page, ar['priority.both']);
  await tap(page, ar['deadline.within_hour']);
  await tap(page, ar['estimate.no']);
  await tap(page, '$250');
  await tap(page, ar['help.coffee']);
  await tap(page, ar['help.wifi']);
  await tap(page, ar['kiosk.continue']);
  await tap(page, ar['detail.brief']);
  await tap(page, ar['kiosk.skip']);

  await expect(kiosk.heading).toHaveText(ar['review.title']);
  await expect(kiosk.reviewRow(ar['review.priority']).locator('.review-a')).toHaveText(ar['review.priority_both']);
  // The clock reads 9:30 AM: within the hour is by 10:30, in 0-9 whatever the browser's default.
  const by = kiosk.reviewRow(ar['review.deadline']).locator('.review-a');
  await expect(by).toContainText('10:30');
  await expect(by).not.toContainText(/[٠-٩]/);
  await expect(kiosk.reviewRow(ar['review.help']).locator('.review-a')).toHaveText(`${ar['help.coffee']}، ${ar['help.wifi']}`);
  await tap(page, ar['review.confirm']);
  const ticket = await kiosk.ticket.textContent();
  expect(ticket).toMatch(/^[0-9]+$/);
  await tap(page, ar['done.finish']);

  // On the way out, the same number typed with an Arabic keyboard's digits.
  await page.locator('.access-bar').getByRole('button', { name: 'العربية', exact: true }).click();
  await tap(page, ar['welcome.leaving']);
  await expect(kiosk.heading).toHaveText(ar['leaving.ticket_title']);
  const arabicDigits = ticket!.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]);
  await page.getByLabel(ar['leaving.ticket_label']).fill(arabicDigits);
  // Shown as the pad and the printed ticket write it.
  await expect(page.getByLabel(ar['leaving.ticket_label'])).toHaveValue(ticket!);
  await tap(page, ar['kiosk.continue']);
  await expect(kiosk.heading).toHaveText(ar['leaving.expectations_title']);
  await tap(page, ar['leaving.expectations_met']);
  // The kiosk knew the check-in by its number: it names what mattered most.
  await expect(kiosk.heading).toHaveText(ar['leaving.respected_title']);
  await expect(page.getByText(ar['leaving.respected_both'])).toBeVisible();
});
