import { test, expect, T } from './pages';

// The shortest honest check-in takes at most 8 taps from Welcome to Done:
// Check in, Skip name, reason, Neither, Skip help, Keep it brief, Skip note, Confirm.

test('fastest path: 8 taps from Welcome to Done, and a QUALITY FIRST brief', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  kiosk.taps = 0;
  await kiosk.tap('Check in');
  await kiosk.tap('Skip');
  await kiosk.tap(T.reasons.inspection);
  await kiosk.tap('Neither');
  await kiosk.tap('Skip');
  await kiosk.tap('Keep it brief');
  await kiosk.tap('Skip');
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  expect(kiosk.taps).toBeLessThanOrEqual(8);
  expect(kiosk.taps).toBe(8);
  await expect(kiosk.ticket).toHaveText('1');

  const brief = await desk.show(1);
  await expect(brief.locator('.headline strong')).toHaveText('QUALITY FIRST');
  await expect(brief.locator('.headline')).toHaveText('QUALITY FIRST');
  await expect(brief.locator('.approach li')).toHaveText([T.approach.quality, T.approach.keepBrief]);
  await expect(brief.locator('.reason')).toHaveText(T.reasons.inspection);
  await expect(brief.getByRole('heading', { name: 'No name given' })).toBeVisible();
  await expect(brief.locator('.flag')).toHaveCount(0);
  await expect(brief.getByRole('checkbox')).toHaveCount(0);
});
