import { test, expect, T, expectNoAxeViolations as axe, serveConfig, type Page } from './pages';

/**
 * A screen as a person meets it: its heading has focus (a screen reader starts
 * there), and axe finds nothing.
 */
async function expectNoAxeViolations(page: Page, screen: string, focused = true): Promise<void> {
  if (focused) await expect(page.getByRole('heading', { level: 1 }), `${screen}: heading focused`).toBeFocused();
  await axe(page, screen);
}

// axe-core (WCAG 2.0/2.1 A and AA, WCAG 2.2 AA) on every screen of the kiosk and
// the desk, in the states a person meets them: with answers chosen, with error
// messages showing, with flagged and served briefs. Zero violations allowed.
// Each test walks many screens and runs axe on each: give them room on a busy machine.
test.describe.configure({ timeout: 120_000 });

test('every kiosk screen has no axe violations', async ({ kiosk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await expectNoAxeViolations(page, 'welcome');

  await kiosk.checkIn();
  await expectNoAxeViolations(page, 'name');
  await kiosk.textField.fill('x'.repeat(41));
  await expect(page.getByRole('alert')).toContainText('the limit is 40');
  await expectNoAxeViolations(page, 'name, too long', false);
  await kiosk.textField.fill('Ana');
  await kiosk.tap('Continue');

  await kiosk.expectScreen(T.reason);
  await expectNoAxeViolations(page, 'reason');
  await kiosk.choose(T.reasons.repair);

  await kiosk.expectScreen(T.priority);
  await expectNoAxeViolations(page, 'priority');
  await kiosk.choose('Both');

  await kiosk.expectScreen(T.deadline);
  await expectNoAxeViolations(page, 'deadline');
  await kiosk.tap('At a time I choose');
  await expect(page.getByLabel('I need to leave by')).toBeVisible();
  await expectNoAxeViolations(page, 'deadline with the time picker', false);
  await kiosk.tap('Continue');
  await expect(page.getByRole('alert')).toHaveText('Please choose a time.');
  await expectNoAxeViolations(page, 'deadline with the time picker and an error', false);
  await page.getByLabel('I need to leave by').fill('11:45');
  await kiosk.tap('Continue');

  await kiosk.expectScreen(T.estimate);
  await expectNoAxeViolations(page, 'estimate');
  await kiosk.choose('Yes, estimate first');

  await kiosk.expectScreen(T.limit);
  await expectNoAxeViolations(page, 'limit');
  await kiosk.choose('$1,000');

  await kiosk.expectScreen(T.help);
  await expectNoAxeViolations(page, 'help');
  await kiosk.tap('Coffee or water');
  await kiosk.tap('A quiet place to work');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await expectNoAxeViolations(page, 'help with items chosen', false);
  await kiosk.tap('Continue');

  await kiosk.expectScreen(T.detail);
  await expectNoAxeViolations(page, 'detail');
  await kiosk.choose('Walk me through it');

  await kiosk.expectScreen(T.note);
  await expectNoAxeViolations(page, 'note');
  await kiosk.enterNote('Please call my partner when it is ready.');

  await kiosk.expectScreen(T.review);
  await expectNoAxeViolations(page, 'review');
  await kiosk.confirm();
  await expectNoAxeViolations(page, 'done');
  await kiosk.finish();

  await kiosk.talkToSomeone();
  await expectNoAxeViolations(page, 'talk-to-someone done');
});

test('the configuration problem screen has no axe violations', async ({ page }) => {
  await serveConfig(page, (json) => {
    json.reset_seconds = 'ten';
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.configProblem);
  await expectNoAxeViolations(page, 'config problem');
});

test('the page-not-found screen has no axe violations', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page does not exist.');
  await axe(page, 'not found');
});

test('every desk screen has no axe violations', async ({ kiosk, openDesk }) => {
  const desk = await openDesk({ unlock: false });
  const { page } = desk;
  await expectNoAxeViolations(page, 'desk lock');
  await desk.pin.fill('0000');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText(T.pinWrong);
  await expectNoAxeViolations(page, 'desk lock with a wrong PIN', false);

  await desk.unlock();
  await expect(page.getByText(T.queueEmpty)).toBeVisible();
  await expectNoAxeViolations(page, 'desk with an empty queue');

  // A queue with every kind of brief: came back, wants to talk to someone, time with a
  // deadline at risk, cost, and one being served.
  await kiosk.open();
  const cameBack = await kiosk.quickCheckIn(T.reasons.cameBack, 'Fay');
  await kiosk.finish();
  const talk = await kiosk.talkToSomeone();
  await kiosk.finish();
  await kiosk.checkIn();
  await kiosk.enterName('Tim');
  await kiosk.choose(T.reasons.tyres);
  await kiosk.choose('Time');
  await kiosk.choose('Within an hour');
  await kiosk.chooseHelp('Coffee or water', 'Wi-Fi');
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote('Flight at 11.');
  const time = await kiosk.confirm();
  await kiosk.finish();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Cost');
  await kiosk.choose('Yes, estimate first');
  await kiosk.choose('$100');
  await kiosk.chooseHelp('Nothing extra, thanks');
  await kiosk.choose('Walk me through it');
  await kiosk.enterNote();
  const cost = await kiosk.confirm();

  await expect(desk.queue).toHaveCount(4);
  await (await desk.show(time)).getByRole('checkbox', { name: 'Coffee or water' }).click();
  await expect((await desk.show(time)).getByRole('checkbox', { name: 'Coffee or water' })).toBeChecked();
  await (await desk.show(cost)).getByRole('button', { name: 'Start serving' }).click();
  await expect((await desk.show(cost)).getByText('Being served')).toBeVisible();
  // Forty minutes on: the time-first customer's deadline is at risk.
  await desk.passTime(40);
  await expect(desk.row(time)).toHaveClass(/at-risk/);
  await expect(desk.row(cameBack).locator('.row-flag')).toBeVisible();
  await expect(desk.row(talk).locator('.row-flag')).toBeVisible();
  await expectNoAxeViolations(page, 'desk queue with flagged, at-risk and served briefs', false);

  await (await desk.show(cameBack)).getByRole('button', { name: 'Done' }).click();
  await (await desk.show(talk)).getByRole('button', { name: 'Done' }).click();
  await expect(desk.history.locator('summary')).toHaveText('Done today (2)');
  await desk.history.locator('summary').click();
  await expect(desk.history.locator('button.row')).toHaveCount(2);
  await expect(desk.history.locator('button.row').first()).toBeVisible();
  await desk.history.locator('button.row').first().click();
  await expect(desk.page.locator('#brief-pane article.brief')).toBeVisible();
  await expectNoAxeViolations(page, 'desk with the history open', false);
});
