import { test, expect } from './pages';
import type { Locator } from '@playwright/test';

// On a 390 px phone, short labels keep to one line: "← Back" on every question,
// and "None yet" in today's figures.

/** How many lines the text inside `locator` takes. */
async function lines(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const tops: number[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 5)) tops.push(r.top);
      }
    }
    return tops.length;
  });
}

test.use({ viewport: { width: 390, height: 844 } });

test('on a 390 px phone "Back" and "None yet" keep to one line, and nothing scrolls sideways', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  const back = kiosk.page.locator('.topbar .back');
  await expect(back).toBeVisible();
  expect(await lines(back)).toBe(1);
  const desk = await openDesk();
  const today = await desk.openToday();
  const none = today.getByTestId('deadlines').locator('dd');
  await expect(none).toHaveText('None yet');
  expect(await lines(none)).toBe(1);
  for (const page of [kiosk.page, desk.page]) {
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
});
