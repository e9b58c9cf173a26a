import { test, expect, T } from './pages';

// "I'd rather talk to someone" is on every screen. It files what was said so far,
// gives a ticket, and alerts the desk.

test('talk to someone from Welcome: a ticket, and the desk is told to talk first', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  const ticket = await kiosk.talkToSomeone();
  expect(ticket).toBe(1);
  await expect(kiosk.heading).toHaveText('Someone will be right with you');
  await expect(kiosk.page.getByRole('status')).toContainText('Your number');
  await expect(kiosk.ticket).toHaveText('1');
  // Someone is coming over: not also "we'll call your number".
  await expect(kiosk.page.locator('.done .lead')).toHaveText('Thank you.');
  await expect(kiosk.page.getByText('call your number')).toHaveCount(0);

  const brief = await desk.show(ticket);
  await expect(brief.locator('xpath=./*[1]')).toHaveText('WANTS TO TALK TO SOMEONE');
  await expect(brief.locator('.headline strong')).toHaveText('TALK FIRST');
  await expect(brief.locator('.approach li')).toHaveText([T.approach.talkFirst]);
  await expect(brief.getByRole('heading', { name: 'No name given' })).toBeVisible();
});

test('talk to someone in the middle of the flow: the brief keeps what was said', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Gil');
  await kiosk.choose(T.reasons.tyres);
  await kiosk.expectScreen(T.priority);
  const ticket = await kiosk.talkToSomeone();

  const brief = await desk.show(ticket);
  await expect(brief.locator('.flag')).toHaveText(['WANTS TO TALK TO SOMEONE']);
  await expect(brief.getByRole('heading', { name: 'Gil' })).toBeVisible();
  await expect(brief.locator('.reason')).toHaveText(T.reasons.tyres);
  await expect(brief.locator('.headline strong')).toHaveText('TALK FIRST');
  // Flagged: ahead of a customer who checked in earlier.
  await kiosk.finish();
  const later = await kiosk.quickCheckIn();
  await expect(desk.queue).toHaveCount(2);
  await expect.poll(() => desk.queueOrder()).toEqual([ticket, later]);
});

test('talk to someone after choosing Time keeps the priority and deadline', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Time');
  await kiosk.choose('By noon');
  await kiosk.expectScreen(T.help);
  const ticket = await kiosk.talkToSomeone();

  const brief = await desk.show(ticket);
  await expect(brief.locator('.flag')).toHaveText(['WANTS TO TALK TO SOMEONE']);
  await expect(brief.locator('.reason')).toHaveText(T.reasons.repair);
  await expect(brief.locator('.headline strong')).toHaveText('TIME FIRST');
  await expect(brief.locator('.headline')).toContainText(/needs to leave by 12:00\sPM/);
});
