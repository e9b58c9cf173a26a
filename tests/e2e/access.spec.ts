import { test, expect, T, DESK_PIN, expectNoAxeViolations, serveConfig, type Kiosk, type Page } from './pages';

// Every customer can use it: each kiosk screen in each language (English, Spanish,
// Arabic written right to left), portrait and landscape, checked by axe-core
// (WCAG 2.2 AA) with tap targets of at least 48x48 px apart from each other;
// text at 200% without sideways scrolling or clipped buttons; the keyboard alone;
// a polite announcement of each question; larger text; read-aloud; reduced motion.
test.describe.configure({ timeout: 180_000 });

const VIEWPORTS = [
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
];
const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'es', name: 'Español', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

async function pickLanguage(page: Page, name: string, code: string): Promise<void> {
  await page.locator('.access-bar').getByRole('button', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', code);
  await expect(page.locator('.access-bar').getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
}

/** Every button, field and link on screen is at least 48x48 CSS px, and none touches another. */
async function expectTapTargets(page: Page, screen: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const targets = [...document.querySelectorAll<HTMLElement>('main button, main input, main select, main textarea, main a, nav button')]
      .filter((el) => el.offsetParent !== null && !(el instanceof HTMLInputElement && el.type === 'checkbox'));
    const boxes = targets.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (const { el, r } of boxes) {
      if (r.width < 48 || r.height < 48) found.push(`${el.tagName} "${el.textContent?.trim()}" is ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.max(0, Math.max(a.r.left, b.r.left) - Math.min(a.r.right, b.r.right));
        const dy = Math.max(0, Math.max(a.r.top, b.r.top) - Math.min(a.r.bottom, b.r.bottom));
        if (Math.max(dx, dy) < 8) found.push(`"${a.el.textContent?.trim()}" and "${b.el.textContent?.trim()}" are ${Math.max(dx, dy)} px apart`);
      }
    }
    return found;
  });
  expect(problems, `${screen}: tap targets`).toEqual([]);
}

/** Nothing scrolls sideways, and no button's text is cut off. */
async function expectNothingClipped(page: Page, screen: string): Promise<void> {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    for (const el of document.querySelectorAll<HTMLElement>('button, .choice-label, h1, label')) {
      if (el.offsetParent === null) continue;
      if (el.scrollWidth > el.clientWidth + 1) found.push(`"${el.textContent?.trim()}" overflows (${el.scrollWidth} > ${el.clientWidth})`);
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > root.clientWidth + 1) found.push(`"${el.textContent?.trim()}" sticks out of the window`);
    }
    return found;
  });
  expect(problems, `${screen}: clipped`).toEqual([]);
}

/**
 * Walks every kiosk screen in English (choosing Both, so every question comes up,
 * and ticking help so a selected state is checked) and calls `check` on each.
 */
async function walk(kiosk: Kiosk, check: (screen: string) => Promise<void>): Promise<void> {
  const { page } = kiosk;
  await kiosk.open();
  await check('welcome');
  await kiosk.checkIn();
  await check('name');
  await kiosk.enterName('Ana');
  await kiosk.expectScreen(T.reason);
  await check('reason');
  await kiosk.choose(T.reasons.repair);
  await kiosk.expectScreen(T.priority);
  await check('priority');
  await kiosk.choose('Both');
  await kiosk.expectScreen(T.deadline);
  await check('deadline');
  await kiosk.choose('By end of day');
  await kiosk.expectScreen(T.estimate);
  await check('estimate');
  await kiosk.choose('Yes, estimate first');
  await kiosk.expectScreen(T.limit);
  await check('limit');
  await kiosk.choose('$250');
  await kiosk.expectScreen(T.help);
  await kiosk.tap('Coffee or water');
  await expect(page.getByRole('button', { name: /Coffee or water/ })).toHaveAttribute('aria-pressed', 'true');
  await check('help, one chosen');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.detail);
  await check('detail');
  await kiosk.choose('Walk me through it');
  await kiosk.expectScreen(T.note);
  await check('note');
  await kiosk.enterNote('Rear door rattles.');
  await kiosk.expectScreen(T.review);
  await check('review');
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  await check('done');
  // And on the way out.
  await kiosk.finish();
  await kiosk.leave();
  await kiosk.tap(/^1$/);
  await check('ticket');
  await expect(page.getByRole('textbox', { name: 'Your number' }), 'the number survives a change of language').toHaveValue('1');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.expectations);
  await check('expectations');
  await kiosk.tap('Met what I expected');
  await kiosk.expectScreen(T.respected);
  await check('respected');
  await kiosk.tap('Yes');
  await kiosk.expectScreen(T.comment);
  await check('comment');
  await kiosk.addComment('Thanks');
  await check('thanks');
}

for (const viewport of VIEWPORTS) {
  test(`every kiosk screen in every language at ${viewport.width}x${viewport.height}: axe, tap targets, direction`, async ({ kiosk, page }) => {
    await page.setViewportSize(viewport);
    await walk(kiosk, async (screen) => {
      for (const lang of [...LANGUAGES.slice(1), LANGUAGES[0]]) {
        await pickLanguage(page, lang.name, lang.code);
        await expect(page.locator('html')).toHaveAttribute('dir', lang.dir);
        const where = `${screen} (${lang.code}, ${viewport.width}x${viewport.height})`;
        await expectNoAxeViolations(page, where);
        await expectTapTargets(page, where);
        await expectNothingClipped(page, where);
      }
    });
  });
}

test('the desk in every language at every size: axe, briefs in the staff language, the customer\'s text as typed', async ({ kiosk, openDesk }) => {
  // A Spanish-speaking customer with a note of their own.
  await kiosk.open();
  await pickLanguage(kiosk.page, 'Español', 'es');
  await kiosk.page.locator('.welcome .primary').click();
  await kiosk.textField.fill('Zoë');
  await kiosk.page.locator('.answers .primary').click();
  await expect(kiosk.page.locator('h1')).toHaveText('¿Qué le trae hoy por aquí?');
  await kiosk.page.locator('.choice').nth(1).click(); // Algo necesita reparación
  await expect(kiosk.page.locator('h1')).not.toHaveText('¿Qué le trae hoy por aquí?');
  await kiosk.page.locator('.topbar .talk').click(); // and would rather talk to someone
  await expect(kiosk.page.getByTestId('ticket')).toBeVisible();
  // Someone else, unhappy on the way out: a follow-up on the desk too.
  await kiosk.page.locator('.done .primary').click();
  await kiosk.leave();
  await kiosk.enterTicket();
  await kiosk.rate('Below what I expected', false);
  await kiosk.addComment('لم يخبرني أحد بالتأخير');
  const desk = await openDesk();
  const { page } = desk;
  await expect(desk.followUps).toHaveCount(1);
  await desk.openToday();
  await expect(desk.queue).toHaveCount(1);
  const brief = await desk.show((await desk.queue.first().getAttribute('data-ticket'))!);
  // English desk: the customer's language is shown in its own name; the name as typed.
  await expect(brief.locator('h2')).toHaveText('Zoë');
  await expect(brief.locator('.lang-chip [lang]')).toHaveText('Español');
  await expect(brief.locator('.lang-chip [lang]')).toHaveAttribute('lang', 'es');
  await expect(brief.locator('.reason')).toHaveText(T.reasons.repair);
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize(viewport);
    for (const lang of LANGUAGES) {
      await page.locator('.staff-language select').selectOption(lang.code);
      await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
      await expect(page.locator('html')).toHaveAttribute('dir', lang.dir);
      await expect(desk.queue.first().locator('.row-name')).toHaveText('Zoë');
      await expect(brief.locator('h2')).toHaveText('Zoë');
      await expectNoAxeViolations(page, `desk (${lang.code}, ${viewport.width}x${viewport.height})`);
    }
  }
  await page.locator('.staff-language select').selectOption('es');
  await expect(brief.locator('.reason')).toHaveText('Algo necesita reparación');
  await expect(brief.locator('.lang-chip')).toHaveCount(0);
});

test('at 200% text size nothing scrolls sideways and no button is cut off, in portrait and landscape', async ({ kiosk, page }) => {
  for (const viewport of [VIEWPORTS[0], VIEWPORTS[1]]) {
    await page.setViewportSize(viewport);
    await walk(kiosk, async (screen) => {
      for (const lang of [LANGUAGES[1], LANGUAGES[2], LANGUAGES[0]]) {
        await pickLanguage(page, lang.name, lang.code);
        // Twice the kiosk's own text size (112.5% of the browser's), as a person sets it.
        await page.evaluate(() => { document.documentElement.style.fontSize = '225%'; });
        await expectNothingClipped(page, `${screen} at 200% (${lang.code}, ${viewport.width}x${viewport.height})`);
        await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
      }
    });
    await kiosk.finish();
  }
});

test('the next customer starts in the default language, with normal text, whatever the last one chose', async ({ kiosk, page }) => {
  await kiosk.open();
  await pickLanguage(page, 'العربية', 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  const normal = await page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  await page.locator('.access-bar .larger-text').click();
  await expect(page.locator('.access-bar .larger-text')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/larger/);
  const larger = await page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
  expect(larger).toBeGreaterThanOrEqual(normal * 1.35);
  // Arabic, larger: Back sits at the reading start, the right-hand side.
  await page.locator('.welcome .primary').click();
  const back = await page.locator('.back').boundingBox();
  expect(back!.x).toBeGreaterThan((page.viewportSize()!.width) / 2);
  await expect(page.locator('.back')).toContainText('→');
  await page.locator('.topbar .talk').click();
  await expect(page.getByTestId('ticket')).toBeVisible();
  await page.locator('.done .primary').click();
  await kiosk.expectScreen(T.welcome);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('html')).not.toHaveClass(/larger/);
  await expect(page.locator('.access-bar').getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('the whole check-in by keyboard alone: Tab, Enter, Space and Escape; focus always visible; each question announced', async ({ kiosk, page }) => {
  await kiosk.open();
  /** Tabs forward to the control named `name` (it must be reachable), then presses `key`. */
  const press = async (name: RegExp, key: 'Enter' | 'Space') => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return null;
        const style = getComputedStyle(el);
        return { text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(), outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (focused && name.test(focused.text)) {
        expect(focused.outline, `focus on "${focused.text}" is visible`).not.toBe('none');
        expect(focused.width).toBeGreaterThanOrEqual(2);
        await page.keyboard.press(key);
        return;
      }
    }
    throw new Error(`${name} cannot be reached with Tab`);
  };
  const announced = async (title: string) => {
    await kiosk.expectScreen(title);
    // Past the double-tap guard of a new screen (the clock is Playwright's).
    await page.clock.runFor(400);
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
    await expect(page.getByTestId('announcement')).toHaveText(title);
    await expect(page.getByTestId('announcement')).toHaveAttribute('aria-live', 'polite');
  };
  await press(/^Check in$/, 'Enter');
  await announced(T.name);
  while (!(await page.evaluate(() => document.activeElement?.id === 'answer'))) await page.keyboard.press('Tab');
  await page.keyboard.type('Ana');
  await page.keyboard.press('Enter');
  await announced(T.reason);
  // Escape is Back; Tab and Space choose.
  await page.keyboard.press('Escape');
  await announced(T.name);
  await press(/^Continue$/, 'Enter');
  await announced(T.reason);
  await press(/^Tires or brakes/, 'Space');
  await announced(T.priority);
  await press(/^Neither/, 'Space');
  await announced(T.help);
  await press(/^Wi-Fi/, 'Space');
  await expect(page.getByRole('button', { name: /^(✓ )?Wi-Fi/ })).toHaveAttribute('aria-pressed', 'true');
  await press(/^Continue$/, 'Enter');
  await announced(T.detail);
  await press(/^Keep it brief/, 'Enter');
  await announced(T.note);
  await press(/^Skip$/, 'Enter');
  await announced(T.review);
  await press(/^Confirm and check in$/, 'Enter');
  await kiosk.expectScreen(T.done);
  await press(/^Finish$/, 'Enter');
  await kiosk.expectScreen(T.welcome);
});

test('"Are you still there?" answers to Escape', async ({ kiosk, page }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await page.clock.runFor(61_000);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await kiosk.expectScreen(T.name);
});

test('read aloud speaks the question and its answers in the customer\'s language', async ({ kiosk, page }) => {
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: { speak: (u: SpeechSynthesisUtterance) => spoken.push({ text: u.text, lang: u.lang }), cancel: () => {} },
    });
  });
  await kiosk.open();
  // Welcome is not a question: nothing to read there.
  await expect(page.locator('.read-aloud')).toHaveCount(0);
  await pickLanguage(page, 'Español', 'es');
  await page.locator('.welcome .primary').click();
  await page.locator('.answers .primary').click();
  await expect(page.locator('h1')).toHaveText('¿Qué le trae hoy por aquí?');
  await page.getByRole('button', { name: /Leer en voz alta/ }).click();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
  expect(spoken).toHaveLength(1);
  // In the variety the words are written in: a US Spanish voice.
  expect(spoken[0].lang).toBe('es-US');
  expect(spoken[0].text).toContain('¿Qué le trae hoy por aquí?');
  for (const reason of ['Mantenimiento programado o cambio de aceite', 'Algo necesita reparación', 'Llantas o frenos']) {
    expect(spoken[0].text).toContain(reason);
  }
  expect(spoken[0].text).not.toContain('Something needs fixing');
});

test('without speech in the browser there is no read-aloud button', async ({ kiosk, page }) => {
  await page.addInitScript(() => {
    delete (Window.prototype as unknown as { speechSynthesis?: unknown }).speechSynthesis;
    delete (window as unknown as { speechSynthesis?: unknown }).speechSynthesis;
  });
  await kiosk.open();
  expect(await page.evaluate(() => 'speechSynthesis' in window)).toBe(false);
  await kiosk.checkIn();
  await expect(page.locator('.read-aloud')).toHaveCount(0);
});

test('reduced motion turns animation and transitions off', async ({ kiosk, page }) => {
  await kiosk.open();
  const duration = () =>
    page.locator('.welcome .primary').evaluate((el: HTMLElement) => {
      el.style.transition = 'opacity 2s';
      el.style.animation = 'none 3s';
      const s = getComputedStyle(el);
      return [s.transitionDuration, s.animationDuration];
    });
  expect(await duration()).toEqual(['2s', '3s']);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const [transition] = await duration();
  expect(transition).toBe('0s');
});

for (const lang of LANGUAGES) {
  test(`a business whose language is ${lang.name}: the kiosk starts in it, and the desk's PIN screen passes axe in it`, async ({ page, context }) => {
    await serveConfig(context, (json) => {
      json.business.language = lang.code;
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
    await expect(page.locator('html')).toHaveAttribute('dir', lang.dir);
    await expect(page.locator('.access-bar').getByRole('button', { name: lang.name, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await page.goto('/desk');
    await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectNoAxeViolations(page, `desk PIN screen (${lang.code}, ${viewport.width}x${viewport.height})`);
    }
  });
}

// English is built into the program; another language's words are fetched when
// it is first chosen (the service worker keeps them for offline use).
test('a language whose words cannot be fetched: the kiosk says so and stays in the language it has, and still checks in', async ({ kiosk, page, context, openDesk }) => {
  const fetched: string[] = [];
  await context.route('**/locales/*.json', async (route) => {
    const path = new URL(route.request().url()).pathname;
    fetched.push(path);
    if (path.endsWith('/es.json')) await route.fulfill({ status: 404, body: 'not here' });
    else await route.continue();
  });
  await kiosk.open();
  expect(fetched, 'English needs no fetch').toEqual([]);
  await page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await expect.poll(() => fetched).toContain('/locales/es.json');
  await expect(page.getByRole('alert')).toHaveText('Español is not available just now.');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.access-bar').getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await kiosk.expectScreen(T.welcome);
  // Another language still comes, once, and back to English needs nothing.
  await pickLanguage(page, 'العربية', 'ar');
  await expect(page.locator('.language-problem')).toHaveCount(0);
  await pickLanguage(page, 'English', 'en');
  await pickLanguage(page, 'العربية', 'ar');
  expect(fetched.filter((p) => p === '/locales/ar.json')).toHaveLength(1);
  await pickLanguage(page, 'English', 'en');
  await page.locator('.welcome .primary').click();
  await page.locator('.topbar .talk').click();
  await expect(page.getByTestId('ticket')).toBeVisible();
  // On the desk, the language list goes back to the language still in use.
  const desk = await openDesk();
  const staffLanguage = desk.page.locator('.staff-language select');
  await staffLanguage.selectOption('es');
  await expect.poll(() => fetched.filter((p) => p === '/locales/es.json').length).toBe(2);
  await expect(staffLanguage).toHaveValue('en');
  await expect(desk.page.locator('html')).toHaveAttribute('lang', 'en');
});

test('a business language whose words cannot be fetched: the kiosk starts in English rather than not at all', async ({ page, context }) => {
  await serveConfig(context, (json) => {
    json.business.language = 'es';
  });
  await context.route('**/locales/es.json', (route) => route.abort('internetdisconnected'));
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the desk by keyboard alone: the PIN, then Serving, a tick and Done', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.toReview({ name: 'Kim', help: ['Wi-Fi'] });
  await kiosk.tap('Confirm and check in');
  await kiosk.expectScreen(T.done);
  const desk = await openDesk({ unlock: false });
  const { page } = desk;
  const tabTo = async (matches: (el: { tag: string; text: string; type: string }) => boolean) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return { tag: a.tagName, text: (a.textContent ?? '').trim(), type: (a as HTMLInputElement).type ?? '', outline: getComputedStyle(a).outlineStyle };
      });
      if (matches(el)) {
        expect(el.outline, `focus on ${el.tag} "${el.text}" is visible`).not.toBe('none');
        return;
      }
    }
    throw new Error('not reachable with Tab');
  };
  await tabTo((el) => el.tag === 'INPUT');
  await page.keyboard.type(DESK_PIN);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  // The customer's line opens the brief, and focus goes to its heading.
  await tabTo((el) => el.tag === 'BUTTON' && el.text.includes('Kim'));
  await page.keyboard.press('Enter');
  const brief = page.locator('#brief-pane article.brief');
  await expect(brief.getByRole('heading', { level: 2, name: 'Kim' })).toBeFocused();
  await tabTo((el) => el.type === 'checkbox');
  await page.keyboard.press('Space');
  await expect(brief.getByLabel('Wi-Fi')).toBeChecked();
  await tabTo((el) => el.text === 'Start serving');
  await page.keyboard.press('Enter');
  await expect(brief).toHaveClass(/serving/);
  // Serving is gone from the brief; focus is on Done.
  await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(desk.queue).toHaveCount(0);
  await expect(desk.withUs).toHaveCount(0);
  await expect(desk.history.locator('summary')).toHaveText('Done today (1)');
  // The brief closed; focus is on the queue's heading, and Undo is a Tab away.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo((el) => el.text === 'Undo');
});

test('"Are you still there?" and the ticket screen pass axe in every language, portrait and landscape', async ({ kiosk, page }) => {
  for (const viewport of [VIEWPORTS[0], VIEWPORTS[1]]) {
    await page.setViewportSize(viewport);
    for (const lang of LANGUAGES) {
      await kiosk.open();
      await pickLanguage(page, lang.name, lang.code);
      await page.locator('.welcome .primary').click();
      await expect(page.locator('#answer')).toBeVisible();
      await page.clock.runFor(61_000);
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoAxeViolations(page, `are you still there (${lang.code}, ${viewport.width}x${viewport.height})`);
      await page.keyboard.press('Escape');
      await expect(page.getByRole('alertdialog')).toHaveCount(0);
      // "I'd rather talk to someone": the ticket screen, in the same language.
      await page.locator('.topbar .talk').click();
      await expect(page.getByTestId('ticket')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang.code);
      await expectNoAxeViolations(page, `talk-to-someone ticket (${lang.code}, ${viewport.width}x${viewport.height})`);
    }
  }
});
