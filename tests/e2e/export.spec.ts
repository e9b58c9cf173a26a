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
  await (await desk.show(first)).getByRole('checkbox', { name: 'Wi-Fi' }).click();
  await expect((await desk.show(first)).getByRole('checkbox', { name: 'Wi-Fi' })).toBeChecked();
  await (await desk.show(first)).getByLabel('Staff note').fill('Quote: $180, "approved"');
  await (await desk.show(first)).getByRole('button', { name: 'Save note' }).click();
  await (await desk.show(second)).getByRole('button', { name: 'Done', exact: true }).click();
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
  await expect(kiosk.page.locator('h1')).toHaveText('شكرًا لأنكم أخبرتمونا');

  const followUp = desk.page.locator(`article.follow-up[data-ticket="${second}"]`);
  await followUp.getByLabel('What did you do?').fill('=Called back; "sorry"');
  await followUp.getByRole('button', { name: 'Mark handled' }).click();
  await expect(desk.followUps).toHaveCount(0);

  const download = await desk.exportToday();
  expect(download.suggestedFilename()).toBe('lobby-2026-11-22.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0), 'a byte-order mark, so spreadsheets read UTF-8').toBe(0xfeff);
  expect(text).toContain('\r\n');
  const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
  expect(rows).toHaveLength(3);

  const [a, b, c] = rows;
  // The columns people read, in the staff's words; then the same answers as codes.
  expect(a).toEqual({
    Ticket: String(first),
    'Checked in': expect.stringMatching(/^2026-11-22 09:3\d$/),
    Name: 'Zoë "Z" Ōkubo, Jr.',
    Language: 'English',
    Reason: T.reasons.repair,
    'Came back': 'No',
    'Wants to talk to someone': 'No',
    'What mattered most': 'Cost',
    'Needs to leave by': '',
    'Estimate first': 'Yes',
    'Call before exceeding': '$250',
    'To offer': 'Coffee or water; Wi-Fi',
    Offered: 'Wi-Fi',
    'Detail wanted': 'Walk me through it',
    "Customer's note": 'Brakes squeal, mostly when cold.\nCall "before" 3, please.',
    Status: 'Waiting',
    'Status changed at': '',
    'Served at': '',
    'Staff note': 'Quote: $180, "approved"',
    'Feedback at': '',
    Expectations: '',
    'Priority respected': '',
    Comment: '',
    'Asked for a word on leaving': '',
    'Followed up at': '',
    'Follow-up note': '',
    id: expect.any(String),
    language_code: 'en',
    reason_code: 'repair',
    came_back_code: 'no',
    wants_person_code: 'no',
    priority_code: 'cost',
    estimate_first_code: 'yes',
    limit_code: '250',
    help_codes: 'coffee; wifi',
    help_done_codes: 'wifi',
    detail_code: 'walk_through',
    status_code: 'waiting',
    expectations_code: '',
  });
  expect(b).toEqual({
    Ticket: String(second),
    'Checked in': expect.stringMatching(/^2026-11-22 09:3\d$/),
    Name: "'=1+2",
    Language: 'English',
    Reason: '',
    'Came back': 'No',
    'Wants to talk to someone': 'Yes',
    'What mattered most': '',
    'Needs to leave by': '',
    'Estimate first': '',
    'Call before exceeding': '',
    'To offer': '',
    Offered: '',
    'Detail wanted': '',
    "Customer's note": '',
    Status: 'Done',
    'Status changed at': expect.stringMatching(/^09:3\d$/),
    'Served at': b['Status changed at'],
    'Staff note': '',
    'Feedback at': expect.stringMatching(/^09:3\d$/),
    Expectations: 'Below expectations',
    'Priority respected': 'No',
    Comment: 'Slow, "very" slow;\nbut Zoë was kind 👍',
    'Asked for a word on leaving': 'No',
    'Followed up at': expect.stringMatching(/^09:3\d$/),
    'Follow-up note': `'=Called back; "sorry"`,
    id: expect.any(String),
    language_code: 'en',
    reason_code: '',
    came_back_code: 'no',
    wants_person_code: 'yes',
    priority_code: '',
    estimate_first_code: '',
    limit_code: '',
    help_codes: '',
    help_done_codes: '',
    detail_code: '',
    status_code: 'done',
    expectations_code: 'below',
  });
  // Feedback without a number: a row of its own, with no check-in.
  const blank = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, '']));
  expect(c).toEqual({
    ...blank(Object.keys(a)),
    Language: 'العربية',
    'Feedback at': expect.stringMatching(/^09:3\d$/),
    Expectations: 'Beyond expectations',
    'Priority respected': 'Yes',
    Comment: 'خدمة ممتازة',
    'Asked for a word on leaving': 'No',
    id: expect.any(String),
    language_code: 'ar',
    expectations_code: 'beyond',
  });
});
