import { test, expect, T } from './pages';

// A cost-minded customer: an estimate first and a limit. The desk reads COST
// FIRST with both, and the cost approach.

test('cost first with a limit: estimate before any work, call before exceeding $250', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Chris');
  await kiosk.choose(T.reasons.service);
  await kiosk.expectScreen(T.priority);
  await kiosk.choose('Cost');
  // Cost asks no deadline: straight to the estimate, then the limit.
  await kiosk.expectScreen(T.estimate);
  await kiosk.choose('Yes, estimate first');
  await kiosk.expectScreen(T.limit);
  await expect(kiosk.page.locator('main').getByRole('group').getByRole('button')).toHaveText(['$100', '$250', '$500', '$1,000', 'No set limit']);
  await kiosk.choose('$250');
  await kiosk.chooseHelp('Updates by text');
  // Texts asked for: a number, which they may skip.
  await kiosk.expectScreen('What number should we text?');
  await kiosk.tap('Skip');
  await kiosk.choose('Walk me through it');
  await kiosk.enterNote();
  // Said once: "Estimate first: Yes", not "Estimate first: Yes, estimate first".
  await expect(kiosk.reviewRow('Estimate first').locator('.review-a')).toHaveText('Yes');
  await expect(kiosk.reviewRow('Call me if over')).toContainText('$250');
  await expect(kiosk.reviewRow('Leave by')).toHaveCount(0);
  const ticket = await kiosk.confirm();

  const brief = await desk.show(ticket);
  await expect(brief.getByRole('heading', { name: 'Chris' })).toBeVisible();
  const headline = brief.locator('.headline');
  await expect(headline.locator('strong')).toHaveText('COST FIRST');
  await expect(headline).toContainText('estimate before any work');
  await expect(headline).toContainText('call before exceeding $250');
  await expect(headline).not.toContainText('min left');
  await expect(brief.locator('.approach li')).toHaveText([T.approach.cost, T.approach.walkThrough]);
  await expect(brief.getByRole('checkbox', { name: 'Updates by text' })).not.toBeChecked();
});

test('both time and cost: deadline, estimate and limit on one headline', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Both');
  await kiosk.choose('Within an hour');
  await kiosk.expectScreen(T.estimate);
  await kiosk.choose('No need, go ahead');
  await kiosk.choose('No set limit');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  const ticket = await kiosk.confirm();

  const headline = (await desk.show(ticket)).locator('.headline');
  await expect(headline.locator('strong')).toHaveText('TIME AND COST');
  await expect(headline).toContainText(/\b(59 min|1 h) left/);
  await expect(headline).toContainText('no estimate needed');
  await expect(headline).toContainText('no set limit');
  await expect((await desk.show(ticket)).locator('.approach li')).toHaveText([T.approach.both, T.approach.keepBrief]);
  // Nothing chosen to help: no list to tick.
  await expect(desk.brief(ticket).getByRole('checkbox')).toHaveCount(0);
});
