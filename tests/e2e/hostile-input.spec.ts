import { test, expect, T, type Kiosk, type Locator } from './pages';

// Whatever a customer types or pastes: emoji with skin tones and ZWJ families,
// right-to-left scripts, combining accents, a pasted wall of text, and HTML. Limits
// count the characters a person sees (grapheme clusters), too much is refused
// with a message instead of cut, and the desk shows every text exactly as typed,
// as text: no element made from it, nothing run.

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦, four people joined by ZWJ
const WAVE = '\u{1F44B}\u{1F3FE}'; // 👋🏾
const THUMB = '\u{1F44D}\u{1F3FD}'; // 👍🏽
const AMELIE = 'Ame\u0301lie'; // e + U+0301 COMBINING ACUTE ACCENT, not the precomposed é
const ARABIC = 'مريم';
const HEBREW = 'נועה';
const MIXED_NOTE =
  `${FAMILY} ${WAVE} We are four — السيارة تصدر صوتاً عند الفرملة — הרכב מרעיש בבלימה — ` +
  `ask for ${AMELIE} or Zoe\u0301, line 2 of 3`;

/** Characters as a person counts them, by the browser-independent rules of Node's ICU. */
function graphemes(s: string): string[] {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);
}

/** The text of an element exactly, with no whitespace or Unicode normalisation. */
async function exactText(locator: Locator): Promise<string | null> {
  return locator.evaluate((e) => e.textContent);
}

async function toNote(kiosk: Kiosk, name: string): Promise<void> {
  await kiosk.checkIn();
  await kiosk.enterName(name);
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp();
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
}

test('limits count what a person sees: emoji, ZWJ families, accents and RTL letters are one character each', async ({ kiosk }) => {
  const { page } = kiosk;
  const counter = page.locator('#answer-count');
  await kiosk.open();
  await kiosk.checkIn();
  for (const [text, n] of [
    [FAMILY, 1],
    [WAVE, 1],
    [AMELIE, 6],
    [`Ze${'\u0301\u0302\u0303\u0304\u0308'}`, 2],
    [ARABIC, 4],
    [HEBREW, 4],
  ] as const) {
    await kiosk.textField.fill(text);
    await expect(counter, text).toHaveText(`${n} of 40 characters`);
    await expect(kiosk.textField).toHaveAttribute('aria-invalid', 'false');
  }

  // 41 thumbs with a skin tone (164 UTF-16 units) are one too many...
  await kiosk.textField.fill(THUMB.repeat(41));
  await expect(page.getByRole('alert')).toHaveText('That is 41 characters; the limit is 40. Please shorten it.');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.name);
  // ... and forty are a name.
  await kiosk.textField.fill(THUMB.repeat(40));
  await expect(counter).toHaveText('40 of 40 characters');
  await expect(page.getByRole('alert')).toHaveText('');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.reason);
  await kiosk.tap('Back');
  await expect(kiosk.textField).toHaveValue(THUMB.repeat(40));
});

test('a pasted 10,000-character block is refused with the limit, then a shortened note is accepted; the desk shows it intact', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  const desk = await openDesk();
  await kiosk.open();
  await toNote(kiosk, THUMB.repeat(40));

  // The note pasted over and over: exactly 10,000 characters as a person counts them.
  const block = graphemes(`${MIXED_NOTE} `.repeat(100)).slice(0, 9_999).join('') + '.';
  expect(graphemes(block)).toHaveLength(10_000);
  await kiosk.textField.fill(block);
  await expect(page.getByRole('alert')).toHaveText('That is 10000 characters; the limit is 280. Please shorten it.');
  await expect(page.locator('#answer-count')).toHaveText('10000 of 280 characters');
  await expect(kiosk.textField).toHaveAttribute('aria-invalid', 'true');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.note);
  // Refused, not cut: the whole paste is still there to shorten.
  expect(await kiosk.textField.inputValue()).toBe(block);
  // A paste that ends in a line break: the counter and the refusal give one count,
  // of what would be kept.
  await kiosk.textField.fill('x'.repeat(5_499) + '\n');
  await expect(page.locator('#answer-count')).toHaveText('5499 of 280 characters');
  await expect(page.getByRole('alert')).toHaveText('That is 5499 characters; the limit is 280. Please shorten it.');

  await kiosk.textField.fill(MIXED_NOTE);
  await expect(page.getByRole('alert')).toHaveText('');
  await expect(page.locator('#answer-count')).toHaveText(`${graphemes(MIXED_NOTE).length} of 280 characters`);
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);
  expect(await exactText(kiosk.reviewRow('Note').locator('.review-a'))).toBe(MIXED_NOTE);
  expect(await exactText(kiosk.reviewRow('Name').locator('.review-a'))).toBe(THUMB.repeat(40));
  const ticket = await kiosk.confirm();

  const brief = await desk.show(ticket);
  await expect(brief).toBeVisible();
  expect(await exactText(brief.getByRole('heading', { level: 2 }))).toBe(THUMB.repeat(40));
  expect(await exactText(brief.locator('.note p'))).toBe(MIXED_NOTE);
});

test('right-to-left names and notes and combining accents reach the desk exactly as typed', async ({ kiosk, openDesk }) => {
  const desk = await openDesk();
  await kiosk.open();
  const note = `${HEBREW}: הרכב מרעיש — ${AMELIE} — ${ARABIC} — Zoe\u0301 ${FAMILY}`;
  await toNote(kiosk, ARABIC);
  await kiosk.enterNote(note);
  const first = await kiosk.confirm();
  await kiosk.finish();
  // A second customer, straight to a person after the name.
  const name = `${AMELIE} ${HEBREW}`;
  await kiosk.checkIn();
  await kiosk.enterName(name);
  const second = await kiosk.talkToSomeone();

  expect(await exactText((await desk.show(first)).getByRole('heading', { level: 2 }))).toBe(ARABIC);
  // Not normalised (no precomposed é), not reordered, nothing dropped.
  expect(await exactText((await desk.show(first)).locator('.note p'))).toBe(note);
  expect(await exactText((await desk.show(second)).getByRole('heading', { level: 2 }))).toBe(name);
  // And as stored.
  const stored = await desk.page.evaluate(() =>
    Object.entries(localStorage)
      .filter(([k]) => k.startsWith('lobby.intake.'))
      .map(([, v]) => JSON.parse(v).intake as { name: string; note: string }),
  );
  expect(stored.map((i) => i.name).sort()).toEqual([ARABIC, name].sort());
  expect(stored.find((i) => i.name === ARABIC)?.note).toBe(note);
});

test('HTML and <script> in a name and a note are shown as text on the desk: no element, nothing run', async ({ context, kiosk, openDesk }) => {
  const dialogs: string[] = [];
  const onDialog = (d: import('@playwright/test').Dialog) => {
    dialogs.push(d.message());
    void d.dismiss();
  };
  kiosk.page.on('dialog', onDialog);
  context.on('page', (p) => p.on('dialog', onDialog));
  const name = '<script>alert(1)</script>';
  const note = `<img src=x onerror="alert(2)"><script>alert(3)</script><b>bold</b> &amp; "quoted" <a href="javascript:alert(4)">x</a>`;

  const desk = await openDesk();
  const elementsBefore = await desk.page.evaluate(() => document.querySelectorAll('script, img, b, a, iframe').length);
  await kiosk.open();
  await toNote(kiosk, name);
  await kiosk.enterNote(note);
  expect(await exactText(kiosk.reviewRow('Name').locator('.review-a'))).toBe(name);
  expect(await exactText(kiosk.reviewRow('Note').locator('.review-a'))).toBe(note);
  const ticket = await kiosk.confirm();
  await expect(kiosk.page.getByText(`Thank you, ${name}.`, { exact: false })).toBeVisible();

  const brief = await desk.show(ticket);
  await expect(brief).toBeVisible();
  expect(await exactText(brief.getByRole('heading', { level: 2 }))).toBe(name);
  expect(await exactText(brief.locator('.note p'))).toBe(note);
  await expect(brief.locator('script, img, b, a, iframe')).toHaveCount(0);
  expect(await desk.page.evaluate(() => document.querySelectorAll('script, img, b, a, iframe').length)).toBe(elementsBefore);
  // Time for any injected handler to fire.
  await desk.page.clock.runFor(2_000);
  expect(dialogs).toEqual([]);
});
