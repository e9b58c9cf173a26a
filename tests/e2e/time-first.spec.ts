import { test, expect, T, pauseSoon, startsWith } from './pages';

// A customer in a hurry: Time, then a deadline. The desk, open in another window
// of the same browser, gets a TIME FIRST brief with the deadline and the minutes
// left, the time approach, and help items it can tick off.

test('time first with a time they choose: deadline, minutes left, approach, help to tick', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();

  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Ana');
  await kiosk.choose(T.reasons.repair);
  await kiosk.expectScreen(T.priority);
  await kiosk.choose('Time');

  // The time picker: refused empty, refused in the past, taken in the future.
  await kiosk.expectScreen(T.deadline);
  await kiosk.tap('At a time I choose');
  const picker = kiosk.page.getByLabel('I need to leave by');
  await expect(picker).toBeVisible();
  await expect(picker).toHaveAttribute('type', 'time');
  await kiosk.tap('Continue');
  await expect(kiosk.page.getByRole('alert')).toHaveText('Please choose a time.');
  await picker.fill('09:00');
  await kiosk.tap('Continue');
  await expect(kiosk.page.getByRole('alert')).toHaveText('That time has already passed today. Please choose a later time.');
  await kiosk.expectScreen(T.deadline);
  await picker.fill('10:15');
  await kiosk.tap('Continue');

  await kiosk.chooseHelp('Coffee or water', 'Wi-Fi');
  await kiosk.expectScreen(T.detail);
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  await expect(kiosk.reviewRow('Leave by')).toContainText(/By 10:15\sAM/);
  const ticket = await kiosk.confirm();
  expect(ticket).toBe(1);

  // The desk shows it without a reload.
  const brief = await desk.show(ticket);
  await expect(brief).toBeVisible();
  await expect(brief.getByRole('heading', { name: 'Ana' })).toBeVisible();
  await expect(brief).toContainText(T.reasons.repair);
  const headline = brief.locator('.headline');
  await expect(headline.locator('strong')).toHaveText('TIME FIRST');
  await expect(headline).toContainText(/needs to leave by 10:15\sAM/);
  // 09:30 and a few seconds: 44 whole minutes left until 10:15.
  await expect(headline).toContainText('44 min left');
  await expect(brief.locator('.approach li').first()).toHaveText(T.approach.time);
  await expect(brief.locator('.approach')).toContainText(T.approach.keepBrief);
  await expect(brief).not.toHaveClass(/at-risk/);

  // Help items are checkboxes the desk ticks off as it goes.
  const coffee = brief.getByRole('checkbox', { name: 'Coffee or water' });
  const wifi = brief.getByRole('checkbox', { name: 'Wi-Fi' });
  await expect(coffee).not.toBeChecked();
  await expect(wifi).not.toBeChecked();
  await coffee.click();
  await expect(brief.getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
  await expect(brief.getByRole('checkbox', { name: 'Wi-Fi' })).not.toBeChecked();

  // Still ticked after the desk is reloaded (and unlocked again).
  await desk.page.reload();
  await desk.unlock();
  await expect((await desk.show(ticket)).getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
  await expect((await desk.show(ticket)).getByRole('checkbox', { name: 'Wi-Fi' })).not.toBeChecked();

  // As the deadline nears the brief warns: 20 minutes later, under half an hour left.
  await desk.passTime(20);
  await expect((await desk.show(ticket)).locator('.headline')).toContainText('24 min left');
  await expect((await desk.show(ticket))).toHaveClass(/at-risk/);
  // And once it has passed, says so.
  await desk.passTime(30);
  await expect((await desk.show(ticket)).locator('.headline')).toContainText(/deadline passed \d+ min ago/);
  await expect((await desk.show(ticket)).locator('.headline')).not.toContainText('min left');
  await expect((await desk.show(ticket))).toHaveClass(/at-risk/);
});

test('time first by noon: the desk counts the minutes to 12:00', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.tyres);
  await kiosk.choose('Time');
  await kiosk.expectScreen(T.deadline);
  // At 09:30 every choice is offered, end of day with the configured time.
  await expect(kiosk.page.getByRole('button', { name: /^By end of day \(5:30\sPM\)/ })).toBeVisible();
  await kiosk.choose('By noon');
  await kiosk.chooseHelp('A car to use meanwhile');
  await kiosk.choose('Walk me through it');
  await kiosk.enterNote();
  await expect(kiosk.reviewRow('Leave by')).toContainText('By noon');
  const ticket = await kiosk.confirm();

  const brief = await desk.show(ticket);
  const headline = brief.locator('.headline');
  await expect(headline.locator('strong')).toHaveText('TIME FIRST');
  await expect(headline).toContainText(/needs to leave by 12:00\sPM/);
  await expect(headline).toContainText('2 h 29 min left');
  await expect(brief.locator('.approach li')).toHaveText([T.approach.time, T.approach.walkThrough]);
  await expect(brief.getByRole('heading', { name: 'No name given' })).toBeVisible();
  const loaner = brief.getByRole('checkbox', { name: 'A car to use meanwhile' });
  await loaner.click();
  await expect((await desk.show(ticket)).getByRole('checkbox', { name: 'A car to use meanwhile' })).toBeChecked();
});

test('after noon the Deadline screen no longer offers "By noon"', async ({ page, kiosk }) => {
  await page.clock.setSystemTime(new Date('2026-11-22T12:05:00Z'));
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Time');
  await kiosk.expectScreen(T.deadline);
  await expect(page.getByRole('button', { name: startsWith('Within an hour') })).toBeVisible();
  await expect(page.getByRole('button', { name: /^By end of day/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /^By noon/ })).toHaveCount(0);
});

test('after the configured end of day (17:30) only "Within an hour" and a chosen time are offered', async ({ page, kiosk }) => {
  await page.clock.setSystemTime(new Date('2026-11-22T17:45:00Z'));
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Time');
  await kiosk.expectScreen(T.deadline);
  await expect(page.locator('main').getByRole('group').getByRole('button')).toHaveText(['Within an hour', 'At a time I choose']);
});

test('the desk shows a new check-in through the storage event, with no reload and no timer', async ({ page, kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Bo');
  await kiosk.choose(T.reasons.inspection);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  await kiosk.expectScreen(T.review);
  // The Review screen has settled; stop time so the desk's periodic refresh cannot run.
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await pauseSoon(page);
  await page.getByRole('button', { name: 'Confirm and check in' }).click();
  await kiosk.expectScreen(T.done);
  await expect((await desk.show(1)).getByRole('heading', { name: 'Bo' })).toBeVisible();
  await page.clock.resume();
});
