import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect, T } from './pages';

// The desk's export of the day, read back as a spreadsheet reads it and compared
// field by field with what the customers filed and the staff did: quotes, commas
// and line breaks inside a field, accents and other scripts, and a customer's
// text that a spreadsheet would run as a formula, shown as typed instead. The
// feedback goes beside the check-in it belongs to; feedback without a number
// gets a row of its own.

test("the day's CSV export comes back field by field as filed", async ({ kiosk, openDesk }) => {
  await kiosk.open();
  // A cost-first customer with every kind of awkward text.
  await kiosk.checkIn();
  await kiosk.enterName('Zoë "Z" Ōkubo, Jr.');
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Cost');
  await kiosk.choose('Yes, estimate first');
  await kiosk.choose('$250');
  await kiosk.chooseHelp('Coffee or water', 'Wi-Fi');
  await kiosk.choose('Walk me through it');
  await kiosk.enterNote('Brakes squeal, mostly when cold.\nCall "before" 3, please.');
  const first = await kiosk.confirm();
  await kiosk.finish();
  // Someone who would rather talk, with a name a spreadsheet would take for a formula.
  await kiosk.checkIn();
  await kiosk.enterName('=1+2');
  await kiosk.talkToSomeone();
  const second = Number(await kiosk.ticket.textContent());
  await kiosk.finish();

  const desk = await openDesk();
  await desk.brief(first).getByRole('checkbox', { name: 'Wi-Fi' }).click();
  await expect(desk.brief(first).getByRole('checkbox', { name: 'Wi-Fi' })).toBeChecked();
  await desk.brief(first).getByLabel('Staff note').fill('Quote: $180, "approved"');
  await desk.brief(first).getByRole('button', { name: 'Save note' }).click();
  await desk.brief(second).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(desk.queue).toHaveCount(1);

  // On their way out: the second customer, unhappy, with a comment full of
  // awkward characters; then someone without a number, in Arabic.
  await kiosk.page.bringToFront();
  await kiosk.leave();
  await kiosk.enterTicket(second);
  await kiosk.rate('Below what I expected', false);
  await kiosk.addComment('Slow, "very" slow;\nbut Zoë was kind 👍');
  await kiosk.finish();
  await kiosk.page.getByRole('button', { name: 'العربية' }).click();
  await kiosk.page.locator('.welcome .leaving').click();
  await kiosk.page.locator('.ticket-pad .primary').click();
  await kiosk.page.locator('.choice').nth(2).click();
  await kiosk.page.locator('.choice').nth(0).click();
  await kiosk.page.locator('#answer').fill('خدمة ممتازة');
  await kiosk.page.locator('.text-answer .primary').click();
  await expect(kiosk.page.locator('h1')).toHaveText('شكرًا لأنك أخبرتنا');

  const followUp = desk.page.locator(`article.follow-up[data-ticket="${second}"]`);
  await followUp.getByLabel('What did you do?').fill('=Called back; "sorry"');
  await followUp.getByRole('button', { name: 'Mark handled' }).click();
  await expect(desk.followUps).toHaveCount(0);

  const [download] = await Promise.all([
    desk.page.waitForEvent('download'),
    desk.page.getByRole('button', { name: 'Export today (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('lobby-2026-11-22.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0), 'a byte-order mark, so spreadsheets read UTF-8').toBe(0xfeff);
  expect(text).toContain('\r\n');
  const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
  expect(rows).toHaveLength(3);

  const [a, b, c] = rows;
  expect(a).toEqual({
    ticket: String(first),
    checked_in: expect.stringMatching(/^2026-11-22 09:3\d$/),
    name: 'Zoë "Z" Ōkubo, Jr.',
    language: 'en',
    reason: T.reasons.repair,
    reason_code: 'repair',
    came_back: 'no',
    wants_person: 'no',
    priority: 'cost',
    deadline: '',
    estimate_first: 'yes',
    limit: '250',
    help: 'coffee; wifi',
    help_done: 'wifi',
    detail: 'walk_through',
    note: 'Brakes squeal, mostly when cold.\nCall "before" 3, please.',
    status: 'waiting',
    status_changed: '',
    served_at: '',
    staff_note: 'Quote: $180, "approved"',
    feedback_at: '',
    expectations: '',
    respected: '',
    comment: '',
    follow_up_at: '',
    follow_up_note: '',
  });
  expect(b).toEqual({
    ticket: String(second),
    checked_in: expect.stringMatching(/^2026-11-22 09:3\d$/),
    name: "'=1+2",
    language: 'en',
    reason: '',
    reason_code: '',
    came_back: 'no',
    wants_person: 'yes',
    priority: '',
    deadline: '',
    estimate_first: '',
    limit: '',
    help: '',
    help_done: '',
    detail: '',
    note: '',
    status: 'done',
    status_changed: expect.stringMatching(/^09:3\d$/),
    served_at: b.status_changed,
    staff_note: '',
    feedback_at: expect.stringMatching(/^09:3\d$/),
    expectations: 'below',
    respected: 'no',
    comment: 'Slow, "very" slow;\nbut Zoë was kind 👍',
    follow_up_at: expect.stringMatching(/^09:3\d$/),
    follow_up_note: `'=Called back; "sorry"`,
  });
  // Feedback without a number: a row of its own, with no check-in.
  expect(c).toEqual({
    ticket: '',
    checked_in: '',
    name: '',
    language: 'ar',
    reason: '',
    reason_code: '',
    came_back: '',
    wants_person: '',
    priority: '',
    deadline: '',
    estimate_first: '',
    limit: '',
    help: '',
    help_done: '',
    detail: '',
    note: '',
    status: '',
    status_changed: '',
    served_at: '',
    staff_note: '',
    feedback_at: expect.stringMatching(/^09:3\d$/),
    expectations: 'beyond',
    respected: 'yes',
    comment: 'خدمة ممتازة',
    follow_up_at: '',
    follow_up_note: '',
  });
});
