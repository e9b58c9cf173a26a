import { test, expect, T, expectNoAxeViolations, serveConfig, type Page } from './pages';

// Welcome is written into the kiosk's page by the build (scripts/prerender.mjs),
// so it is the first paint, before the program has come. The program takes it
// over with no flash and no shift, acts on a tap made on it meanwhile
// (src/web/welcome.js keeps it), and draws the configuration it reads, should it
// have changed since the build.

/** The kiosk's program, held back until `release` is called. */
async function holdProgram(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/lobby-[0-9a-f]+_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

const written = (page: Page) => page.locator('#prerendered');

/** Where each thing on Welcome is, and what it says. */
async function layout(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.brandbar, .access-bar button, .welcome h1, .welcome p, .welcome button')]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => {
        const box = e.getBoundingClientRect();
        return { text: e.textContent, x: Math.round(box.x), y: Math.round(box.y), w: Math.round(box.width), h: Math.round(box.height) };
      }),
  );
}

test('Welcome is on screen before the program comes, and the program takes it over with nothing moving', async ({ page }) => {
  await page.addInitScript(() => {
    (window as any).shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) (window as any).shifts += (entry as any).value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const release = await holdProgram(page);
  await page.goto('/');
  await expect(written(page).getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  for (const name of ['Check in', T.talk, 'Leaving? Tell us how we did', 'Larger text', 'English', 'Español', 'العربية']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
  // The business's colour, from the page itself.
  await expect(page.locator('.brandbar')).toHaveCSS('background-color', 'rgb(29, 92, 140)');
  await expect(page).toHaveTitle('Northside Auto Care');
  await expectNoAxeViolations(page, 'Welcome written into the page');
  const before = await layout(page);

  release();
  await expect(written(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  // The program's own Welcome, in the same place and words.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  expect(await layout(page)).toEqual(before);
  expect(await page.evaluate(() => (window as any).shifts)).toBe(0);
});

test('a tap on Welcome before the program comes says it is getting ready, and is acted on', async ({ page, kiosk }) => {
  const release = await holdProgram(page);
  await page.goto('/');
  const checkIn = page.getByRole('button', { name: 'Check in' });
  await checkIn.click();
  const busy = written(page).locator('button[aria-busy="true"]');
  await expect(busy).toHaveText('Getting ready…');
  // A second tap, here or on another way on, changes nothing.
  await busy.click();
  await page.getByRole('button', { name: T.talk }).click();
  await expect(written(page).locator('button[aria-busy="true"]')).toHaveCount(1);
  release();
  await kiosk.expectScreen(T.name);
  // One visit, on its first question: Back is Welcome.
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.welcome);
});

test('a language and larger text chosen before the program comes are kept, then the way out', async ({ page, kiosk }) => {
  const release = await holdProgram(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('button', { name: 'Español' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Larger text' }).click();
  await expect(page.locator('html')).toHaveClass(/\blarger\b/);
  await page.getByRole('button', { name: 'Leaving? Tell us how we did' }).click();
  release();
  await kiosk.expectScreen('¿Cuál era su número?');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.locator('html')).toHaveClass(/\blarger\b/);
  await expect(page.getByRole('button', { name: /Letra más grande/ })).toHaveAttribute('aria-pressed', 'true');
});

test('a configuration changed since the build: the program draws the Welcome it reads', async ({ page, kiosk }) => {
  await serveConfig(page, (c) => {
    c.business.name = 'Southside Tyres';
    c.business.color = '#f2c94c';
  });
  const release = await holdProgram(page);
  await page.goto('/');
  await expect(written(page).getByRole('heading', { level: 1 })).toHaveText(T.welcome);
  release();
  await kiosk.expectScreen('Welcome to Southside Tyres');
  await expect(page.locator('.brandbar')).toHaveText('Southside Tyres');
  // A light colour: dark text on it, as the program chooses.
  await expect(page.locator('.brandbar')).toHaveCSS('background-color', 'rgb(242, 201, 76)');
  await expect(page.locator('.brandbar')).toHaveCSS('color', 'rgb(26, 26, 26)');
  await expect(page).toHaveTitle('Southside Tyres');
});

test('an address that is not Welcome never shows the written one', async ({ page }) => {
  const release = await holdProgram(page);
  await page.goto('/no-such-page');
  await expect(page.locator('body')).toBeAttached();
  await expect(written(page)).toBeHidden();
  release();
  await expect(page.getByRole('link', { name: /check-in/i })).toBeVisible();
});
