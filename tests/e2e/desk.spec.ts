import { test, expect, T, DESK_PIN, expectNoAxeViolations } from './pages';

// The desk: a PIN in front of the queue, and each customer moved from waiting to
// being served to done.

test('the desk PIN: a wrong one is refused, the right one unlocks, and it never shows', async ({ request, openDesk }) => {
  const desk = await openDesk({ unlock: false });
  await expect(desk.pin).toHaveAttribute('type', 'password');
  await expect(desk.pin).toHaveAccessibleDescription(/Enter the desk PIN to see the queue\./);

  await desk.pin.fill('1357');
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.getByRole('alert')).toHaveText(T.pinWrong);
  await expect(desk.pin).toHaveValue('');
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);

  // Typed, it is masked and never written into the document.
  await desk.pin.fill(DESK_PIN);
  expect(await desk.page.content()).not.toContain(DESK_PIN);
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();
  await expect(desk.page.getByRole('alert')).toHaveCount(0);

  // Neither the page, its storage nor the configuration it reads holds the PIN.
  expect(await desk.page.content()).not.toContain(DESK_PIN);
  const stored = await desk.page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  expect(stored).not.toContain(DESK_PIN);
  const config = await (await request.get('/kiosk.json')).text();
  expect(config).not.toContain(DESK_PIN);
  expect(config).toContain('desk_pin_hash');

  // Lock: back to the PIN, with an empty field.
  await desk.page.getByRole('button', { name: 'Lock' }).click();
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  await expect(desk.pin).toHaveValue('');
  await expect(desk.page.getByRole('alert')).toHaveText('');
});

test('Start serving, then Done: the brief leaves the queue for "Done today"', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const first = await kiosk.quickCheckIn(T.reasons.service, 'Ana');
  await kiosk.finish();
  const second = await kiosk.quickCheckIn(T.reasons.repair, 'Ben');

  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(2);
  await expect(desk.page.locator('.desk-bar .count')).toHaveText('2');
  await expect(desk.history.locator('summary')).toHaveText('Done today (0)');
  await expect.poll(() => desk.queueOrder()).toEqual([first, second]);

  // Start serving: out of the waiting queue, into "With us now" at the top, Done at hand.
  let brief = await desk.show(first);
  await brief.getByRole('button', { name: 'Start serving' }).click();
  await expect(brief).toHaveClass(/serving/);
  await expect(brief.getByTestId('where-now')).toContainText('Being served since');
  await expect(brief.getByRole('button', { name: 'Start serving' })).toHaveCount(0);
  await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
  await expect(desk.withUs).toHaveCount(1);
  await expect.poll(() => desk.queueOrder()).toEqual([second]);
  await expect(desk.page.locator('.desk-bar .count')).toHaveText('1');

  // Done: out of the queue, into the day's history.
  await brief.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(desk.withUs).toHaveCount(0);
  await expect(desk.queue).toHaveCount(1);
  await expect(desk.page.locator('.desk-bar .count')).toHaveText('1');
  await expect(desk.history.locator('summary')).toHaveText('Done today (1)');
  const doneRow = desk.history.locator(`button.row[data-ticket="${first}"]`);
  await expect(doneRow).toBeHidden();
  await desk.history.locator('summary').click();
  await expect(doneRow).toBeVisible();
  brief = await desk.show(first);
  await expect(brief.getByRole('heading', { name: 'Ana' })).toBeVisible();
  // From the history: no Start serving or Done but Back to waiting, and a staff note can still be added.
  await expect(brief.getByRole('button', { name: /^(Start serving|Done)$/ })).toHaveCount(0);
  await expect(brief.getByRole('button', { name: 'Back to waiting' })).toBeVisible();
  await expect(brief.getByRole('button', { name: 'Save note' })).toBeVisible();
  await desk.closeBrief();

  // Done straight from waiting works too, and the queue says it is empty.
  await (await desk.show(second)).getByRole('button', { name: 'Done' }).click();
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();
  await expect(desk.history.locator('summary')).toHaveText('Done today (2)');

  // Kept across a reload of the desk.
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.history.locator('summary')).toHaveText('Done today (2)');
});

test('a second desk window sees the first one\'s changes', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn();
  const deskA = await openDesk();
  const deskB = await openDesk();
  await (await deskA.show(ticket)).getByRole('button', { name: 'Start serving' }).click();
  await expect((await deskB.show(ticket)).getByText('Being served')).toBeVisible();
  // Desk B saves a note while desk A has the brief open with its box untouched:
  // A's Done does not write its empty box over B's note.
  const onB = await deskB.show(ticket);
  await onB.getByLabel('Staff note').fill('Loaner from B');
  await onB.getByRole('button', { name: 'Save note' }).click();
  await (await deskA.show(ticket)).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(deskA.withUs).toHaveCount(0);
  await expect(deskA.history.locator('summary')).toHaveText('Done today (1)');
  await expect(deskB.history.locator('summary')).toHaveText('Done today (1)');
  const notes = await deskA.page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith('lobby.intake.'))
      .map(([, v]) => JSON.parse(v).intake.staff_note),
  );
  expect(notes).toEqual(['Loaner from B']);
});

test('a long queue is drawn a page at a time, the most urgent first, and Done still works', async ({ context, page, openDesk }) => {
  const start = Date.parse('2026-11-22T09:00:00Z');
  await context.clock.setSystemTime(new Date(start + 70 * 60_000));
  await page.goto('/');
  await page.evaluate((start) => {
    for (let t = 1; t <= 65; t++) {
      const intake = {
        id: `long-${t}`, device: 'long', created_ms: start + t * 60_000, day: '2026-11-22', ticket: t, name: `Customer ${t}`,
        reason: 'service', recovery: false, wants_person: t === 65, priority: t === 65 ? null : 'quality', deadline: null,
        estimate_first: null, limit: null, help: [], detail: null, note: '', status: 'waiting', done_help: [], status_ms: null, language: 'en',
      };
      localStorage.setItem(`lobby.intake.${intake.id}`, JSON.stringify({ schema: 2, intake }));
    }
  }, start);
  const desk = await openDesk();
  const more = desk.page.getByRole('button', { name: /^Show \d+ more/ });
  await expect(desk.queue).toHaveCount(15);
  await expect(desk.page.locator('.desk-bar .count')).toHaveText('65');
  // The last to arrive asked for a person: first in line, on the first page.
  await expect(desk.queue.first()).toHaveAttribute('data-ticket', '65');
  await expect(more).toHaveText('Show 15 more (50 not shown)');
  await expectNoAxeViolations(desk.page, 'desk with more waiting than a page');
  for (const [shown, words] of [[30, 'Show 15 more (35 not shown)'], [45, 'Show 15 more (20 not shown)'], [60, 'Show 5 more (5 not shown)']] as const) {
    await more.click();
    await expect(desk.queue).toHaveCount(shown);
    await expect(more).toHaveText(words);
  }
  await more.click();
  await expect(desk.queue).toHaveCount(65);
  await expect(more).toHaveCount(0);
  // Done takes a brief out of the queue, whichever page it was on.
  await (await desk.show(64)).getByRole('button', { name: 'Done' }).click();
  await expect(desk.brief(64)).toHaveCount(0);
  await expect(desk.queue).toHaveCount(64);
  await expect(desk.page.locator('.desk-bar .count')).toHaveText('64');
});
