import { test, expect, T, type Page } from './pages';

// Everything on a screen fits the screen: at the usual text size, every control of
// every kiosk screen (the answers, Continue, Back, "I'd rather talk to someone",
// the languages and Larger text) is on a tablet's screen without scrolling, in
// landscape and in portrait. A control below the fold is one a customer never
// finds: "At a time I choose" once opened its time field out of sight, with
// Continue hidden, so the tap looked like it did nothing. Larger text may scroll:
// then Back and Continue stay in sight.

type Miss = { screen: string; control: string; bottom: number; right: number };

/** The page's controls that are not wholly on screen, and whether the page scrolls. */
async function offScreen(page: Page, screen: string): Promise<Miss[]> {
  return page.evaluate((screen) => {
    const misses: Miss[] = [];
    const { innerWidth: w, innerHeight: h } = window;
    const root = document.scrollingElement!;
    if (root.scrollHeight > h + 1) {
      misses.push({ screen, control: `the page scrolls (${root.scrollHeight} px tall)`, bottom: root.scrollHeight, right: root.scrollWidth });
    }
    for (const el of document.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not shown
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // Measured from the top of the page, as it is before any scrolling.
      const top = r.top + window.scrollY;
      const bottom = r.bottom + window.scrollY;
      if (top < -1 || bottom > h + 1 || r.left < -1 || r.right > w + 1) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.id).trim().replace(/\s+/g, ' ');
        misses.push({ screen, control: `${el.tagName.toLowerCase()} "${name || el.id}"`, bottom: Math.round(bottom), right: Math.round(r.right) });
      }
    }
    return misses;
  }, screen);
}

for (const size of [
  { width: 1024, height: 768, name: 'landscape' },
  { width: 768, height: 1024, name: 'portrait' },
]) {
  test(`every control of every kiosk screen fits ${size.width}×${size.height} without scrolling`, async ({ kiosk, page }) => {
    test.setTimeout(60_000);
    await page.setViewportSize(size);
    const misses: Miss[] = [];
    const measure = async (screen: string) => {
      await expect(kiosk.heading).toBeVisible();
      misses.push(...(await offScreen(page, screen)));
    };

    await kiosk.open();
    await measure('Welcome');
    await kiosk.checkIn();
    await measure('First name');
    await page.locator('#answer').fill('Ana');
    await kiosk.tap('Continue');
    await kiosk.expectScreen(T.reason);
    await measure('What brings you in');
    await kiosk.choose(T.reasons.repair);
    await kiosk.expectScreen(T.priority);
    await measure('What matters most');
    await kiosk.choose('Both');
    await kiosk.expectScreen(T.deadline);
    await measure('Deadline');
    await kiosk.tap('At a time I choose');
    await expect(page.getByLabel('I need to leave by')).toBeVisible();
    await measure('Deadline, a time of my choosing');
    await page.getByLabel('I need to leave by').fill('15:00');
    await kiosk.tap('Continue');
    await kiosk.expectScreen(T.estimate);
    await measure('Estimate');
    await kiosk.choose('Yes, estimate first');
    await kiosk.expectScreen(T.limit);
    await measure('Limit');
    await kiosk.choose('$250');
    await kiosk.expectScreen(T.help);
    await measure('What would help');
    await kiosk.tap('Wi-Fi');
    await kiosk.tap('Continue');
    await kiosk.expectScreen(T.detail);
    await measure('Detail');
    await kiosk.choose('Keep it brief');
    await kiosk.expectScreen(T.note);
    await measure('Note');
    await page.locator('#answer').fill('Brakes squeal when cold.');
    await kiosk.tap('Continue');
    await kiosk.expectScreen(T.review);
    await measure('Review (the longest path: both)');
    await kiosk.tap('Confirm and check in');
    await kiosk.expectScreen(T.done);
    await measure('Done');
    await kiosk.tap('Finish');

    await kiosk.expectScreen(T.welcome);
    await kiosk.leave();
    await measure('Your number');
    await kiosk.enterTicket();
    await kiosk.expectScreen(T.expectations);
    await measure('Expectations');
    await kiosk.tap('Met what I expected');
    await kiosk.expectScreen(T.respected);
    await measure('Respected');
    await kiosk.tap('Yes');
    await kiosk.expectScreen(T.comment);
    await measure('Comment');
    await kiosk.tap('Skip');
    await kiosk.expectScreen(T.thanks);
    await measure('Thanks');

    expect(misses, 'controls below the fold or off the side').toEqual([]);
  });
}

test('with Larger text on a portrait tablet, Back and Continue stay at hand, and an opened field comes into view', async ({ kiosk, page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await kiosk.open();
  await kiosk.tap('Larger text');
  await kiosk.checkIn();
  const back = page.getByRole('button', { name: 'Back' });
  const atHand = async (action: string) => {
    await expect(back, 'Back in sight').toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: action, exact: true }), `${action} in sight`).toBeInViewport({ ratio: 1 });
  };
  await atHand('Skip');
  await kiosk.tap('Skip');
  await kiosk.choose(T.reasons.repair);
  await kiosk.expectScreen(T.priority);
  await kiosk.choose('Time');
  await kiosk.expectScreen(T.deadline);
  // The time field opens below the choices: it and Continue are brought into view.
  await page.getByRole('button', { name: 'At a time I choose' }).click();
  await expect(page.getByLabel('I need to leave by')).toBeInViewport({ ratio: 1 });
  await atHand('Continue');
  await page.getByLabel('I need to leave by').fill('15:00');
  await kiosk.tap('Continue');

  // What would help: far taller than the screen at this size.
  await kiosk.expectScreen(T.help);
  expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeGreaterThan(1024 * 1.5);
  await atHand('Skip');
  // Half-way down and at the very end, both are still there.
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight / 2));
  await atHand('Skip');
  await page.evaluate(() => window.scrollTo(0, document.scrollingElement!.scrollHeight));
  await atHand('Skip');
  await kiosk.tap('Wi-Fi');
  await atHand('Continue');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.detail);
});
