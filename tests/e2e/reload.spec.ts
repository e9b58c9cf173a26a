import { test, expect, T, intakeKeys, storageText } from './pages';

// A reload (a member of staff, a crash, a curious customer) in the middle of a
// check-in: the kiosk starts again at Welcome with nothing of the half-answered
// check-in, and nothing half-answered ever reaches the desk: only Confirm (or
// "talk to someone") files.

test('a reload mid-way starts again at Welcome, and the open desk shows no check-in', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  const desk = await openDesk();
  await kiosk.open();
  // Every question answered, one tap short of Confirm.
  await kiosk.toReview({ name: 'Dmitri', note: 'Keys are in the car', help: ['Coffee or water'] });

  await page.reload();
  await kiosk.expectScreen(T.welcome);
  const html = await page.content();
  expect(html).not.toContain('Dmitri');
  expect(html).not.toContain('Keys are in the car');
  await kiosk.checkIn();
  await expect(kiosk.textField).toHaveValue('');

  await desk.passTime(1); // past a desk refresh
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.history.locator('summary')).toHaveText('Done today (0)');
  expect(await intakeKeys(desk.page)).toEqual([]);
  expect(await storageText(desk.page)).not.toContain('Dmitri');
  // A desk opened afterwards reads the same.
  const fresh = await openDesk();
  await expect(fresh.queue).toHaveCount(0);
});
