import { test, expect, T, intakeKeys, type Locator } from './pages';

// Impatient fingers: a triple tap on an answer moves one step, not three, and a
// double tap on Confirm files one check-in, not two. Taps by the mouse (which the
// page stops for a moment after a new screen) and, harder, bursts of clicks fired
// in one go at the button itself, before the screen can change under them (which
// only the kiosk's own "settling" guard stops).

/** Clicks the element `times` times in one task of the page: no pause, no re-render between. */
async function burst(locator: Locator, times: number): Promise<void> {
  await locator.evaluate((el, n) => {
    for (let i = 0; i < n; i++) (el as HTMLElement).click();
  }, times);
}

test('triple taps on answers move one step each', async ({ kiosk }) => {
  const { page } = kiosk;
  const settled = () => expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Ana');

  await kiosk.expectScreen(T.reason);
  await settled();
  await page.getByRole('button', { name: T.reasons.tyres }).click({ clickCount: 3 });
  await kiosk.expectScreen(T.priority);
  await settled();
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);
  await expect(kiosk.progress).toHaveText('Step 3');

  // Three clicks in one go on "Neither": one answer, one step.
  await burst(page.getByRole('button', { name: /^Neither/ }), 3);
  await kiosk.expectScreen(T.help);
  await settled();
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);

  await kiosk.tap('Skip');
  await kiosk.expectScreen(T.detail);
  await settled();
  await burst(page.getByRole('button', { name: /^Keep it brief/ }), 3);
  await kiosk.expectScreen(T.note);
  await settled();
  await expect(kiosk.textField).toHaveValue('');

  // Back one step shows the answer given once.
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.detail);
  await expect(page.getByRole('button', { name: /^(✓ )?Keep it brief/ })).toHaveAttribute('aria-pressed', 'true');
});

test('a burst of taps on Confirm, or on "talk to someone", files exactly one check-in', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  const desk = await openDesk();
  await kiosk.open();
  // (A mouse double tap on Confirm is in double-tap.spec.ts.)
  await kiosk.toReview({ name: 'Bea' });
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await burst(page.getByRole('button', { name: 'Confirm and check in' }), 3);
  await kiosk.expectScreen(T.done);
  await expect(kiosk.ticket).toHaveText('1');
  expect(await intakeKeys(page)).toHaveLength(1);
  await kiosk.finish();

  // "I'd rather talk to someone", hammered: a triple tap, then a burst.
  await kiosk.checkIn();
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await page.getByRole('button', { name: T.talk }).click({ clickCount: 3 });
  await kiosk.expectScreen(T.talkDone);
  await expect(kiosk.ticket).toHaveText('2');
  expect(await intakeKeys(page)).toHaveLength(2);
  await kiosk.finish();
  await kiosk.checkIn();
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);
  await burst(page.getByRole('button', { name: T.talk }), 4);
  await kiosk.expectScreen(T.talkDone);
  await expect(kiosk.ticket).toHaveText('3');
  expect(await intakeKeys(page)).toHaveLength(3);

  await expect(desk.queue).toHaveCount(3);
  expect((await desk.queueOrder()).sort()).toEqual([1, 2, 3]);
});
