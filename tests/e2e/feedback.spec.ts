import { test, expect, T, storedFeedback, expectNoAxeViolations } from './pages';

// On the way out: "Leaving? Tell us how we did". Feedback is kept like intakes,
// linked to the check-in its ticket names, shown beside it on the desk, and a bad
// answer raises a follow-up that stays until staff say what they did.

test('with a ticket: the question names what mattered, and the desk shows the feedback beside the served check-in', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Ana');
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Time');
  await kiosk.choose('Within an hour');
  await kiosk.chooseHelp('Coffee or water');
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  const ticket = await kiosk.confirm();
  await kiosk.finish();

  const desk = await openDesk();
  await (await desk.show(ticket)).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(desk.queue).toHaveCount(0);

  await kiosk.page.bringToFront();
  await kiosk.leave();
  await expect(kiosk.progress).toHaveText('Step 1 of 4');
  // No "talk to someone" on the way out: that files a check-in.
  await expect(kiosk.page.getByRole('button', { name: T.talk })).toHaveCount(0);
  await kiosk.enterTicket(ticket);
  await kiosk.tap('Beyond what I expected');
  await kiosk.expectScreen(T.respected);
  await expect(kiosk.page.locator('.question > .hint')).toHaveText('You told us your time mattered most.');
  await kiosk.tap('Yes');
  await kiosk.addComment('Quick, and the coffee was good, thanks!');
  await kiosk.tap('Finish');
  await kiosk.expectScreen(T.welcome);

  const [kept] = await storedFeedback(kiosk.page);
  expect(kept).toMatchObject({
    ticket: String(ticket),
    priority: 'time',
    expectations: 'beyond',
    respected: true,
    comment: 'Quick, and the coffee was good, thanks!',
    language: 'en',
    day: '2026-11-22',
  });
  expect(kept.intake_id).toMatch(/./);

  // The desk hears of it from the other window, and shows it with the served brief.
  await desk.openHistory();
  const feedback = (await desk.show(ticket)).getByTestId('feedback');
  await expect(feedback.locator('.verdict')).toHaveText('Beyond expectations · Priority respected');
  await expect(feedback.locator('.comment')).toHaveText('Quick, and the coffee was good, thanks!');
  await expect(desk.followUps).toHaveCount(0);
});

test('the fastest way out is three taps after "Leaving?", and the feedback is kept before the comment', async ({ kiosk, page }) => {
  await kiosk.open();
  await kiosk.leave();
  kiosk.taps = 0;
  await kiosk.enterTicket();
  await kiosk.rate('Met what I expected', true);
  expect(kiosk.taps, 'Skip, an answer, an answer').toBe(3);
  // Without a ticket, the question does not guess what mattered.
  const feedback = await storedFeedback(page);
  expect(feedback).toHaveLength(1);
  expect(feedback[0]).toMatchObject({ ticket: '', expectations: 'met', respected: true, comment: '' });
  expect(feedback[0].intake_id ?? null).toBeNull();
  // Walking away from the comment loses nothing: the answers are already kept,
  // and the screen clears itself after "Are you still there?".
  await page.clock.fastForward(80_000);
  await kiosk.expectScreen(T.welcome);
  expect(await storedFeedback(page)).toHaveLength(1);
});

test('a number that names no check-in is kept as typed; a mistyped one is caught on the pad', async ({ kiosk, page }) => {
  await kiosk.open();
  await kiosk.leave();
  await page.getByRole('textbox', { name: 'Your number' }).fill('12x');
  await kiosk.tap('Continue');
  await expect(page.locator('#ticket-error')).toHaveText("That doesn't look like one of our numbers. Check it, or erase it and skip.");
  await kiosk.expectScreen(T.ticketQ);
  await kiosk.tap('Erase');
  await expect(page.getByRole('textbox', { name: 'Your number' })).toHaveValue('12');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.expectations);
  // Back keeps the number.
  await kiosk.tap('Back');
  await expect(page.getByRole('textbox', { name: 'Your number' })).toHaveValue('12');
  await kiosk.tap('Continue');
  await kiosk.tap('Below what I expected');
  await expect(page.locator('.question > .hint')).toHaveText('Your time, the cost, or getting it right: whatever mattered most to you.');
  await kiosk.tap('No');
  await kiosk.addComment();
  expect(await storedFeedback(page)).toMatchObject([{ ticket: '12', expectations: 'below', respected: false }]);
});

test('bad feedback raises a follow-up that stays, across a reload, until it is handled with a note', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn(T.reasons.service, 'Bea');
  await kiosk.finish();
  await kiosk.leave();
  await kiosk.enterTicket(ticket);
  await kiosk.rate('Met what I expected', false);
  await kiosk.addComment('Took "forever", and nobody said why.');
  // And someone who gave no number at all.
  await kiosk.tap('Finish');
  await kiosk.leave();
  await kiosk.enterTicket();
  await kiosk.rate('Below what I expected', true);

  const desk = await openDesk();
  await expect(desk.followUps).toHaveCount(2);
  await expect(desk.page.locator('section.follow-ups h2')).toHaveText('Follow up (2)');
  const named = desk.page.locator(`article.follow-up[data-ticket="${ticket}"]`);
  await expect(named.locator('h3')).toHaveText(`${ticket} Bea`);
  await expect(named.locator('.verdict')).toHaveText('Met expectations · Priority not respected');
  await expect(named.locator('.comment')).toHaveText('Took "forever", and nobody said why.');
  const anonymous = desk.page.locator('article.follow-up[data-ticket="No number given"]');
  await expect(anonymous.locator('.verdict')).toHaveText('Below expectations · Priority respected');
  await expectNoAxeViolations(desk.page, 'desk with follow-ups');

  // A note is required: "handled" says what was done.
  await named.getByRole('button', { name: 'Mark handled' }).click();
  await expect(named.getByRole('alert')).toHaveText('First write a few words on what you did.');
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.followUps).toHaveCount(2);

  await desk.page
    .locator(`article.follow-up[data-ticket="${ticket}"]`)
    .getByLabel('What did you do?')
    .fill('Called her back, apologised, 10% off next visit.');
  await desk.page.locator(`article.follow-up[data-ticket="${ticket}"]`).getByRole('button', { name: 'Mark handled' }).click();
  await expect(desk.followUps).toHaveCount(1);
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.followUps).toHaveCount(1);
  // Handled, it shows with the check-in it belongs to.
  const brief = await desk.show(ticket);
  await expect(brief.getByTestId('feedback').locator('.handled')).toHaveText(
    'Followed up at 9:30 AM: Called her back, apologised, 10% off next visit.',
  );
  await anonymous.getByLabel('What did you do?').fill('Spoke to them at the door.');
  await anonymous.getByRole('button', { name: 'Mark handled' }).click();
  await expect(desk.page.locator('section.follow-ups')).toHaveCount(0);
});

test('"I\'d like a word before I go" on the comment screen keeps the comment, files no check-in, and asks the desk to come', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn(T.reasons.service, 'Bea');
  await kiosk.finish();
  const desk = await openDesk();
  await expect(desk.queue).toHaveCount(1);

  await kiosk.page.bringToFront();
  await kiosk.leave();
  await kiosk.enterTicket(ticket);
  await kiosk.rate('Beyond what I expected', true);
  // Not the way in's "talk to someone", which filed a new check-in and dropped the comment.
  await expect(kiosk.page.getByRole('button', { name: T.talk })).toHaveCount(0);
  await kiosk.textField.fill('The new tyres feel great. One question about the bill.');
  await kiosk.tap("I'd like a word before I go");
  await kiosk.expectScreen('Someone will come to you');
  await expect(kiosk.page.locator('.done .lead')).toHaveText("We've told the desk you'd like a word. Please wait a moment near the desk.");
  await expect(kiosk.page.getByText(/call your number/)).toHaveCount(0);
  expect(await storedFeedback(kiosk.page)).toMatchObject([
    { ticket: String(ticket), expectations: 'beyond', respected: true, comment: 'The new tyres feel great. One question about the bill.', wants_talk: true },
  ]);

  // The desk: said aloud like someone asking for a person, on top as a follow-up,
  // and no new check-in in the queue.
  await expect(desk.page.getByTestId('arrival')).toHaveText(`${ticket} is leaving and would like a word`);
  await expect(desk.page.getByTestId('arrival')).toHaveClass(/person/);
  await expect(desk.followUps).toHaveCount(1);
  const followUp = desk.followUps.first();
  await expect(followUp.locator('h3')).toHaveText(`${ticket} Bea`);
  await expect(followUp.locator('.flag')).toHaveText('Wants a word before leaving');
  await expect(followUp.locator('.verdict')).toHaveText('Beyond expectations · Priority respected');
  await expect(followUp.locator('.verdict')).not.toHaveClass(/bad/);
  await expect(followUp.locator('.comment')).toHaveText('The new tyres feel great. One question about the bill.');
  // Their check-in is closed by the feedback, as on any way out, and none is filed.
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.withUs).toHaveCount(0);
});

test('staff notes and ticks: the brief shows what is still open', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.tyres);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp('Coffee or water', 'Wi-Fi');
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  const ticket = await kiosk.confirm();
  const desk = await openDesk();
  const brief = await desk.show(ticket);
  await expect(brief.locator('.offer h3')).toHaveText('To offer · 2 still to offer');
  await brief.getByRole('checkbox', { name: 'Wi-Fi' }).check();
  await expect(brief.locator('.offer h3')).toHaveText('To offer · 1 still to offer');
  await brief.getByRole('checkbox', { name: 'Coffee or water' }).check();
  await expect(brief.locator('.offer h3')).toHaveText('To offer · All offered');
  await brief.getByLabel('Staff note').fill('  Loaner booked for 3 PM  ');
  await brief.getByRole('button', { name: 'Save note' }).click();
  await expect(brief.getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');
  await desk.page.reload();
  await desk.unlock();
  await expect((await desk.show(ticket)).getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');
  await expect((await desk.show(ticket)).locator('.offer h3')).toHaveText('To offer · All offered');
});

test('a new check-in flashes on the desk with a chime; wants-a-person chimes differently; the chime can be turned off', async ({ kiosk, openDesk, context }) => {
  // Counts the notes played, in place of the browser's audio.
  await context.addInitScript(() => {
    const w = window as any;
    w.__notes = 0;
    const param = () => ({ value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} });
    w.AudioContext = class {
      currentTime = 0;
      destination = {};
      resume() { return Promise.resolve(); }
      createOscillator() { w.__notes += 1; return { type: '', frequency: param(), connect() {}, start() {}, stop() {} }; }
      createGain() { return { gain: param(), connect() {} }; }
    };
  });
  await kiosk.open();
  const desk = await openDesk();
  const notes = () => desk.page.evaluate(() => (window as any).__notes);
  const chime = desk.page.getByRole('button', { name: 'Chime' });
  await expect(chime).toHaveAttribute('aria-pressed', 'true');

  await kiosk.page.bringToFront();
  const first = await kiosk.quickCheckIn();
  await kiosk.finish();
  await expect(desk.row(first)).toHaveClass(/arrived/);
  await expect(desk.page.getByTestId('arrival')).toHaveText(`New check-in: ${first}`);
  expect(await notes()).toBe(2);
  // The flash goes after a few seconds.
  await desk.page.clock.fastForward(9_000);
  await expect(desk.row(first)).not.toHaveClass(/arrived/);
  await expect(desk.page.getByTestId('arrival')).toBeEmpty();

  const second = await kiosk.talkToSomeone();
  await expect(desk.page.getByTestId('arrival')).toHaveText(`${second} would like to talk to someone`);
  await expect(desk.page.getByTestId('arrival')).toHaveClass(/person/);
  expect(await notes()).toBe(5);

  // Off: a flash, no sound; and it stays off after a reload.
  await chime.click();
  await expect(chime).toHaveAttribute('aria-pressed', 'false');
  await kiosk.finish();
  const third = await kiosk.quickCheckIn();
  await expect(desk.row(third)).toHaveClass(/arrived/);
  expect(await notes()).toBe(5);
  await desk.page.reload();
  await desk.unlock();
  await expect(desk.page.getByRole('button', { name: 'Chime' })).toHaveAttribute('aria-pressed', 'false');
  // Turning it on plays it once, so staff know the sound.
  await desk.page.getByRole('button', { name: 'Chime' }).click();
  expect(await notes()).toBe(2);
  // What was there when the desk opened is not announced as new.
  await expect(desk.page.getByTestId('arrival')).toBeEmpty();
});

test('"Clear today" asks first, and deletes only today\'s check-ins and feedback from this device', async ({ kiosk, openDesk, page }) => {
  await kiosk.open();
  // Yesterday's check-in, still within the two days kept.
  await page.evaluate(() => {
    const intake = {
      id: 'old-1', device: 'old', created_ms: Date.parse('2026-11-21T10:00:00Z'), day: '2026-11-21', ticket: 1,
      name: 'Yesterday', reason: 'service', recovery: false, wants_person: false, priority: null, deadline: null,
      estimate_first: null, limit: null, help: [], detail: null, note: '', status: 'done', done_help: [],
      status_ms: null, language: 'en',
    };
    localStorage.setItem('lobby.intake.old-1', JSON.stringify({ schema: 2, intake }));
  });
  const ticket = await kiosk.quickCheckIn();
  await kiosk.finish();
  await kiosk.leave();
  await kiosk.enterTicket(ticket);
  await kiosk.rate('Below what I expected', false);

  const desk = await openDesk();
  // The feedback on the way out closed the check-in.
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.history.locator('summary')).toHaveText('Done today (1)');
  await expect(desk.followUps).toHaveCount(1);
  // In the desk's Settings, with what else concerns this device.
  await desk.page.getByRole('button', { name: 'Settings', exact: true }).click();
  const clear = desk.page.getByRole('button', { name: 'Clear today…' });
  await clear.click();
  const dialog = desk.page.getByRole('alertdialog', { name: "Delete today's check-ins from this device?" });
  await expect(dialog).toContainText('This deletes 1 check-in and its feedback from this device.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(desk.page, 'desk asking before clearing today');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await desk.page.getByRole('button', { name: 'Back to the queue' }).click();
  await expect(desk.history.locator('summary')).toHaveText('Done today (1)');

  await desk.page.getByRole('button', { name: 'Settings', exact: true }).click();
  await clear.click();
  await desk.page.getByRole('button', { name: 'Delete them' }).click();
  await desk.page.getByRole('button', { name: 'Back to the queue' }).click();
  await expect(desk.history.locator('summary')).toHaveText('Done today (0)');
  await expect(desk.followUps).toHaveCount(0);
  const keys = await desk.page.evaluate(() => Object.keys(localStorage).filter((k) => /^lobby\.(intake|feedback)\./.test(k)));
  expect(keys).toEqual(['lobby.intake.old-1']);
});

test('retention: a kiosk deletes records older than the day before by itself', async ({ kiosk, page, context }) => {
  await context.addInitScript(() => {
    if (location.protocol === 'about:' || localStorage.getItem('test.seeded')) return;
    localStorage.setItem('test.seeded', '1');
    const intake = (id: string, day: string) => ({
      schema: 2,
      intake: {
        id, device: 'old', created_ms: Date.parse(`${day}T10:00:00Z`), day, ticket: 1, name: '', reason: 'service',
        recovery: false, wants_person: false, priority: null, deadline: null, estimate_first: null, limit: null,
        help: [], detail: null, note: '', status: 'done', done_help: [], status_ms: null, language: 'en',
      },
    });
    const feedback = (id: string, day: string) => ({
      schema: 1,
      feedback: {
        id, device: 'old', created_ms: Date.parse(`${day}T11:00:00Z`), day, ticket: '1', expectations: 'met',
        respected: true, comment: 'fine', language: 'en',
      },
    });
    localStorage.setItem('lobby.intake.two-days-ago', JSON.stringify(intake('two-days-ago', '2026-11-20')));
    localStorage.setItem('lobby.feedback.feedback-two-days-ago', JSON.stringify(feedback('feedback-two-days-ago', '2026-11-20')));
    localStorage.setItem('lobby.intake.yesterday', JSON.stringify(intake('yesterday', '2026-11-21')));
    localStorage.setItem('lobby.feedback.feedback-yesterday', JSON.stringify(feedback('feedback-yesterday', '2026-11-21')));
  });
  const kept = (p = page) => p.evaluate(() => Object.keys(localStorage).filter((k) => /^lobby\.(intake|feedback)\./.test(k)).sort());
  // It keeps yesterday's and deletes the day before's (a desk with no database
  // keeps history_days: figures.spec.ts).
  await kiosk.open();
  await expect.poll(kept).toEqual(['lobby.feedback.feedback-yesterday', 'lobby.intake.yesterday']);
  // The next morning, yesterday's go too, without a reload: the kiosk runs for days.
  await page.clock.fastForward(24 * 3_600_000);
  await expect.poll(kept).toEqual([]);
});
