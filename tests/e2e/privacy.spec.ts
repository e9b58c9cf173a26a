import { test, expect, T, storageText, type Page } from './pages';

// The kiosk stands in a public lobby: the next person must not be able to reach
// anything the last one said. Not through the address bar or Back (the flow never
// touches the URL or the history), not in the page (answers are wiped, not hidden),
// and not in the browser's storage (no draft is kept; only a confirmed check-in is
// stored, as its own lobby.intake.* record).

const NAME = 'Quillon';
const NOTE = 'Gate code is 4417, the dog is friendly';

/** Watches every navigation of the main frame, in-page ones (pushState, hash) included. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  return urls;
}

/** Neither the markup nor a form field's value nor the title holds any of `secrets`. */
async function expectNotInPage(page: Page, secrets: string[], when: string): Promise<void> {
  const html = await page.content();
  const live = await page.evaluate(
    () =>
      document.title +
      '\n' +
      [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((e) => e.value).join('\n'),
  );
  for (const secret of secrets) {
    expect(html, `${when}: "${secret}" in the page`).not.toContain(secret);
    expect(live, `${when}: "${secret}" in a field or the title`).not.toContain(secret);
  }
}

/** The address is the kiosk's own, the history has not grown, and storage holds no draft. */
async function expectNoTrail(page: Page, historyLength: number, when: string): Promise<void> {
  const url = new URL(page.url());
  expect(`${url.pathname}${url.search}${url.hash}`, `${when}: the address`).toBe('/');
  expect(await page.evaluate(() => history.length), `${when}: history entries`).toBe(historyLength);
  const stored = await storageText(page);
  for (const secret of [NAME, NOTE]) {
    expect(stored, `${when}: "${secret}" in storage`).not.toContain(secret);
  }
}

/** Back from Welcome reveals nothing, and coming forward again shows Welcome. */
async function expectBackRevealsNothing(page: Page): Promise<void> {
  await page.goBack();
  await expectNotInPage(page, [NAME, NOTE], 'after Back');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  await expectNotInPage(page, [NAME, NOTE], 'after Back and Forward');
}

test('after a finished check-in nothing of it can be reached: address, history, page or storage', async ({ kiosk }) => {
  const { page } = kiosk;
  const urls = watchUrls(page);
  await kiosk.open();
  const entries = await page.evaluate(() => history.length);
  const check = (when: string) => expectNoTrail(page, entries, when);

  await kiosk.checkIn();
  await check('name screen');
  await kiosk.textField.fill(NAME);
  await check('name typed');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.reason);
  await check('reason screen');
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Time');
  await kiosk.choose('By noon');
  await kiosk.chooseHelp('Wi-Fi');
  await kiosk.choose('Walk me through it');
  await kiosk.expectScreen(T.note);
  await kiosk.textField.fill(NOTE);
  await check('note typed');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);
  await check('review screen');
  // Changing an answer from the review is no navigation either.
  await kiosk.reviewRow('Name').click();
  await kiosk.expectScreen(T.name);
  await check('changing the name');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);

  await kiosk.confirm();
  // Now, and only now, the check-in is stored: in its own record, nowhere else.
  const holding = await page.evaluate(
    (secrets) =>
      [...Object.entries(localStorage), ...Object.entries(sessionStorage).map(([k, v]) => [`session:${k}`, v])]
        .filter(([k, v]) => secrets.some((s) => k.includes(s) || v.includes(s)))
        .map(([k]) => k),
    [NAME, NOTE],
  );
  expect(holding).toHaveLength(1);
  expect(holding[0]).toMatch(/^lobby\.intake\./);

  await kiosk.finish();
  await expectNotInPage(page, [NAME, NOTE], 'Welcome after Finish');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  for (const url of urls) {
    expect(url).not.toContain(NAME);
    expect(url).not.toContain(encodeURIComponent(NAME));
    expect(new URL(url).pathname).toBe('/');
  }
  await expectBackRevealsNothing(page);
});

test('after an idle reset nothing of the abandoned answers can be reached, and nothing was stored', async ({ kiosk }) => {
  const { page } = kiosk;
  const urls = watchUrls(page);
  await kiosk.open();
  const entries = await page.evaluate(() => history.length);
  await kiosk.toReview({ name: NAME, note: NOTE, help: ['Coffee or water'] });
  await expectNoTrail(page, entries, 'review screen');

  // Walked away: 60 s, then the 15 s countdown.
  await page.clock.fastForward(61_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.clock.runFor(15_000);
  await kiosk.expectScreen(T.welcome);

  await expectNotInPage(page, [NAME, NOTE], 'Welcome after the idle reset');
  await expectNoTrail(page, entries, 'Welcome after the idle reset');
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lobby.intake.')))).toEqual([]);
  for (const url of urls) expect(new URL(url).pathname).toBe('/');
  await expectBackRevealsNothing(page);
});
