import { test, expect, T, expectNoAxeViolations, pageNow, serveConfig, type Page } from './pages';

// A customer who walks away mid-way: after idle_seconds (60) without a touch or a
// key on a question, "Are you still there?" counts down idle_countdown_seconds
// (15); a touch carries on where they were, and at zero everything they said is
// wiped and the kiosk is back at Welcome for the next person. Time is the fake
// clock's: fast-forwarded or stepped, never waited for.

/**
 * Records, from the first byte of every document, whether the idle overlay ever
 * appeared: "never shows" must hold between two looks too, not only at them.
 */
async function watchOverlay(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __overlaySeen: number };
    w.__overlaySeen = 0;
    new MutationObserver(() => {
      if (document.querySelector('[role="alertdialog"]')) w.__overlaySeen += 1;
    }).observe(document, { childList: true, subtree: true });
  });
}

async function overlaySeen(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __overlaySeen: number }).__overlaySeen);
}

/**
 * Stops the clock, then makes one harmless key press: the last activity is now
 * exactly the paused time, so what follows counts from a known moment.
 */
async function pauseAfterActivity(page: Page): Promise<void> {
  await page.clock.pauseAt((await pageNow(page)) + 2_000);
  await page.keyboard.press('Shift');
}

function overlay(page: Page) {
  return page.getByRole('alertdialog', { name: 'Are you still there?' });
}

test('idle on a question: asked at 60 s with 15 s to go; a touch carries on with every answer kept', async ({ kiosk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Zanele');
  await kiosk.choose(T.reasons.repair);
  await kiosk.expectScreen(T.priority);
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);

  await pauseAfterActivity(page);
  // Guards the idle timer itself: one second short of a minute, nothing.
  await page.clock.fastForward(59_000);
  await expect(overlay(page)).toHaveCount(0);
  await page.clock.fastForward(1_000);
  const dialog = overlay(page);
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAttribute('aria-modal', 'true');
  await expect(dialog.locator('.countdown')).toHaveText('15');
  await expect(dialog).toHaveAccessibleDescription('Your answers will be cleared in 15 seconds.');
  await expect(dialog.getByRole('button', { name: "I'm still here" })).toBeFocused();
  await page.clock.runFor(1_000);
  await expect(dialog.locator('.countdown')).toHaveText('14');
  await expect(dialog).toHaveAccessibleDescription('Your answers will be cleared in 14 seconds.');

  // A touch anywhere (here a corner, far from the button) carries on; the touch
  // lands on the overlay, not on the answer under it.
  await page.mouse.click(15, 740);
  await expect(dialog).toHaveCount(0);
  await kiosk.expectScreen(T.priority);
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);
  // The wait starts over from the touch.
  await page.clock.fastForward(59_000);
  await expect(dialog).toHaveCount(0);

  // Every answer is still there.
  await page.clock.resume();
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.reason);
  await expect(page.getByRole('button', { name: /Something needs fixing/ })).toHaveAttribute('aria-pressed', 'true');
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.name);
  await expect(kiosk.textField).toHaveValue('Zanele');
});

test('left alone, the countdown reaches zero: Welcome, and nothing of the customer is left', async ({ kiosk }) => {
  const { page } = kiosk;
  const note = 'My daughter is asleep in the car';
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Zanele');
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp('Coffee or water');
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
  await kiosk.textField.fill(note); // typed, not yet sent
  await expect(page.locator('main.screen')).not.toHaveClass(/settling/);

  await pauseAfterActivity(page);
  await page.clock.fastForward(60_000);
  await expect(overlay(page).locator('.countdown')).toHaveText('15');
  await page.clock.runFor(14_000);
  await expect(overlay(page).locator('.countdown')).toHaveText('1');
  await expect(overlay(page)).toHaveAccessibleDescription('Your answers will be cleared in 1 second.');
  await kiosk.expectScreen(T.note);

  await page.clock.runFor(1_000);
  await kiosk.expectScreen(T.welcome);
  await expect(overlay(page)).toHaveCount(0);
  const html = await page.content();
  expect(html).not.toContain('Zanele');
  expect(html).not.toContain(note);

  // The next customer starts from nothing.
  await page.clock.resume();
  await kiosk.checkIn();
  await expect(kiosk.textField).toHaveValue('');
  await kiosk.tap('Skip');
  await kiosk.expectScreen(T.reason);
  await expect(page.locator('.choice[aria-pressed="true"]')).toHaveCount(0);
});

test('typing counts as being there: a key every 20 s in the name, then the note, for 3 minutes each', async ({ kiosk }) => {
  const { page } = kiosk;
  await watchOverlay(page);
  await kiosk.open();
  await kiosk.checkIn();

  // The name by key presses (keydown + input).
  const name = 'Valentina';
  for (const letter of name) {
    await page.clock.fastForward(20_000);
    await kiosk.textField.press(letter);
  }
  await page.clock.fastForward(20_000);
  await kiosk.expectScreen(T.name);
  await expect(kiosk.textField).toHaveValue(name);
  await expect(overlay(page)).toHaveCount(0);
  expect(await overlaySeen(page), 'the overlay never showed while typing the name').toBe(0);
  await kiosk.tap('Continue');

  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
  // The note as an on-screen keyboard or dictation sends it: input events only,
  // no key events at all.
  let note = '';
  for (const word of ['Please', 'check', 'the', 'spare', 'tyre', 'and', 'the', 'wipers', 'too']) {
    await page.clock.fastForward(20_000);
    note = note ? `${note} ${word}` : word;
    await kiosk.textField.fill(note);
  }
  await page.clock.fastForward(20_000);
  await kiosk.expectScreen(T.note);
  await expect(kiosk.textField).toHaveValue(note);
  expect(await overlaySeen(page), 'the overlay never showed while typing the note').toBe(0);
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);
  await expect(kiosk.reviewRow('Name').locator('.review-a')).toHaveText(name);
});

test('the Done screen goes back to Welcome on its own, sooner, and never asks', async ({ kiosk }) => {
  const { page } = kiosk;
  await watchOverlay(page);
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Zanele');
  await kiosk.talkToSomeone();
  await expect(page.getByText('Thank you, Zanele.', { exact: false })).toBeVisible();
  // reset_seconds is 10: well before the idle question could come.
  await page.clock.runFor(10_000);
  await kiosk.expectScreen(T.welcome);
  expect(await page.content()).not.toContain('Zanele');
  expect(await overlaySeen(page)).toBe(0);
});

test('Welcome never asks "Are you still there?", however long it waits', async ({ kiosk }) => {
  const { page } = kiosk;
  await watchOverlay(page);
  await kiosk.open();
  // Every second ticked, through the idle time and the countdown twice over.
  await page.clock.runFor(150_000);
  await kiosk.expectScreen(T.welcome);
  await expect(overlay(page)).toHaveCount(0);
  expect(await overlaySeen(page)).toBe(0);
});

test('the overlay waits for Done too when Done stays longer than the idle time', async ({ page, kiosk }) => {
  // A business may keep the ticket on screen for two minutes: the idle question
  // must not cover (or wipe) the ticket before then.
  await serveConfig(page, (json) => {
    json.reset_seconds = 120;
  });
  await watchOverlay(page);
  await kiosk.open();
  await kiosk.checkIn();
  const ticket = await kiosk.talkToSomeone();
  await page.clock.runFor(100_000);
  await kiosk.expectScreen(T.talkDone);
  await expect(kiosk.ticket).toHaveText(String(ticket));
  expect(await overlaySeen(page)).toBe(0);
  await page.clock.runFor(20_000);
  await kiosk.expectScreen(T.welcome);
  expect(await overlaySeen(page)).toBe(0);
});

test('the overlay has no axe violations', async ({ page, kiosk }) => {
  // axe needs the page's timers running; a long countdown keeps the overlay up
  // while it works on a busy machine.
  await serveConfig(page, (json) => {
    json.idle_countdown_seconds = 120;
  });
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Zanele');
  await kiosk.expectScreen(T.reason);
  await page.clock.fastForward(61_000);
  await expect(overlay(page)).toBeVisible();
  await expect(overlay(page).getByRole('button', { name: "I'm still here" })).toBeFocused();
  await expectNoAxeViolations(page, 'idle overlay');
  await expect(overlay(page)).toBeVisible();
  // The button carries on too.
  await overlay(page).getByRole('button', { name: "I'm still here" }).click();
  await expect(overlay(page)).toHaveCount(0);
  await kiosk.expectScreen(T.reason);
});

test('a language and larger text picked on Welcome and left: after the idle time the next customer gets the business\'s own', async ({ kiosk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.locator('.access-bar .larger-text').click();
  await expect(page.locator('html')).toHaveClass(/larger/);

  await pauseAfterActivity(page);
  // Someone still deciding keeps their choice: one second short, nothing changes.
  await page.clock.fastForward(59_000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.clock.fastForward(1_000);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  await expect(page.locator('html')).not.toHaveClass(/larger/);
  await expect(overlay(page)).toHaveCount(0);
  await expect(page.locator('.access-bar').getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
});
