import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { test, expect, T } from './pages';

// The desk's export of the day, read back as a spreadsheet reads it and compared
// field by field with what the customers filed and the staff did: quotes, commas
// and line breaks inside a field, accents and other scripts, and a customer's
// text that a spreadsheet would run as a formula, shown as typed instead.

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
  await desk.brief(second).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(desk.queue).toHaveCount(1);

  const [download] = await Promise.all([
    desk.page.waitForEvent('download'),
    desk.page.getByRole('button', { name: 'Export today (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('lobby-2026-11-22.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.charCodeAt(0), 'a byte-order mark, so spreadsheets read UTF-8').toBe(0xfeff);
  expect(text).toContain('\r\n');
  const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
  expect(rows).toHaveLength(2);

  const [a, b] = rows;
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
  });
});
