import { test, expect, T } from './pages';

// Service recovery: a customer who came back because something wasn't right is
// flagged above everything else and goes to the top of the queue.

test('came back: flagged on top and first in the queue though filed last', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  const first = await kiosk.quickCheckIn(T.reasons.service, 'Dana');
  await kiosk.finish();
  const second = await kiosk.quickCheckIn(T.reasons.tyres, 'Eli');
  await kiosk.finish();
  await expect(desk.queue).toHaveCount(2);
  await expect.poll(() => desk.queueOrder()).toEqual([first, second]);

  // A minute later, the third customer came back.
  await kiosk.page.clock.fastForward('01:00');
  const cameBack = await kiosk.quickCheckIn(T.reasons.cameBack, 'Fay');
  expect([first, second, cameBack]).toEqual([1, 2, 3]);

  await expect(desk.queue).toHaveCount(3);
  await expect(desk.queue.first()).toHaveAttribute('data-ticket', String(cameBack));
  await expect.poll(() => desk.queueOrder()).toEqual([cameBack, first, second]);

  const brief = await desk.show(cameBack);
  await expect(brief).toHaveClass(/flagged/);
  // The flag is the very first thing in the brief, above the name and the headline.
  await expect(brief.locator('xpath=./*[1]')).toHaveText("CAME BACK: something wasn't right");
  await expect(brief).toContainText(T.reasons.cameBack);
  await expect(brief.locator('.headline strong')).toHaveText('QUALITY FIRST');
  await expect(brief.locator('.approach li').first()).toHaveText(T.approach.cameBack);
  // The others carry no flag.
  await expect(desk.row(first).locator('.row-flag')).toHaveCount(0);
  await expect(desk.row(second).locator('.row-flag')).toHaveCount(0);
});
