import { test, expect, T } from './pages';

// What customers type: limits refused with a message (never cut silently), and
// text that looks like HTML shown as text, never run.

test('a 41-character name shows the limit and does not advance', async ({ kiosk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  const name = 'Maximiliana-Josefina Wilhelmina-Augustaa';
  expect(name).toHaveLength(40);

  await kiosk.textField.fill(`${name}x`);
  await expect(page.getByRole('alert')).toHaveText('That is 41 characters; the limit is 40. Please shorten it.');
  await expect(page.locator('#answer-count')).toHaveText('41 of 40 characters');
  await expect(kiosk.textField).toHaveAttribute('aria-invalid', 'true');
  await expect(kiosk.textField).toHaveAccessibleDescription(/That is 41 characters; the limit is 40/);
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.name);
  await expect(page.getByRole('alert')).toContainText('the limit is 40');
  await expect(kiosk.textField).toHaveValue(`${name}x`);

  // Forty is fine.
  await kiosk.textField.press('End');
  await kiosk.textField.press('Backspace');
  await expect(page.getByRole('alert')).toHaveText('');
  await expect(kiosk.textField).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('#answer-count')).toHaveText('40 of 40 characters');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.reason);
});

test('a note longer than 280 characters is refused too', async ({ kiosk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName();
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
  await kiosk.textField.fill('n'.repeat(281));
  await expect(kiosk.page.getByRole('alert')).toHaveText('That is 281 characters; the limit is 280. Please shorten it.');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.note);
});

test('HTML typed as a name or note is shown as text on the desk, never run', async ({ context, kiosk, openDesk }) => {
  const dialogs: string[] = [];
  context.on('page', (p) => p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); }));
  kiosk.page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const note = '<img src=x onerror=alert(1)>';
  const name = '<b>Bo</b>';

  const desk = await openDesk();
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName(name);
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote(note);
  await expect(kiosk.reviewRow('Note').locator('.review-a')).toHaveText(note);
  await expect(kiosk.reviewRow('Name').locator('.review-a')).toHaveText(name);
  await expect(kiosk.page.locator('main img, main b')).toHaveCount(0);
  const ticket = await kiosk.confirm();

  const brief = await desk.show(ticket);
  await expect(brief.locator('.note p')).toHaveText(note);
  await expect(brief.getByRole('heading', { level: 2 })).toHaveText(name);
  await expect(brief.locator('img')).toHaveCount(0);
  await expect(brief.locator('b')).toHaveCount(0);
  await expect(desk.page.locator('img')).toHaveCount(0);
  // Give an injected handler every chance to fire, then check nothing did.
  await desk.page.clock.runFor(1000);
  await desk.page.reload();
  await desk.unlock();
  await expect((await desk.show(ticket)).locator('.note p')).toHaveText(note);
  expect(dialogs).toEqual([]);
});
