import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test, expect, T, type Page } from './pages';

// The Wi-Fi drops: a reload with the network down still starts the kiosk from the
// service worker's cache, check-ins go on, and the desk shows them like any other.
// A new build is picked up whole, between customers, never in the middle of one.

test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker controls the page (it claims it once installed). */
async function controlled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 }).toBe(true);
}

test('a reload with the network down starts the kiosk; check-ins made offline reach the desk', async ({ context, page, kiosk, openDesk }) => {
  await kiosk.open();
  await controlled(page);
  // The manifest makes it installable, full screen, with icons.
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]')!.getAttribute('href')!;
    return (await fetch(href)).json();
  });
  expect(manifest).toMatchObject({ start_url: '/', display: 'fullscreen', orientation: 'any' });
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  await context.setOffline(true);
  await page.reload();
  await kiosk.expectScreen(T.welcome);
  // Another language's words come from the cache too (they are fetched when chosen).
  await page.locator('.access-bar').getByRole('button', { name: 'Español', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.locator('.access-bar').getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const first = await kiosk.quickCheckIn(T.reasons.service, 'Offline Olly');
  await kiosk.finish();
  // The desk, opened for the first time with no network: the same app, from the cache.
  const desk = await openDesk();
  await expect((await desk.show(first)).getByRole('heading', { name: 'Offline Olly' })).toBeVisible();
  await context.setOffline(false);
});

test.describe('a new build', () => {
  const PORT = 8098;
  const base = `http://127.0.0.1:${PORT}`;
  let dir: string;
  let server: ChildProcess;

  // The build under test (playwright.config.ts sets E2E_DIST).
  const dist = resolve(process.env.E2E_DIST!);

  test.beforeAll(async () => {
    // A copy of the build on a server of its own, so these tests can replace it.
    dir = mkdtempSync(join(tmpdir(), 'lobby-build-'));
    cpSync(dist, dir, { recursive: true });
    server = spawn(process.execPath, [resolve(__dirname, '..', '..', 'scripts', 'serve.mjs'), dir, '--listen', `127.0.0.1:${PORT}`], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      try {
        if ((await fetch(`${base}/kiosk.json`)).ok) return;
      } catch {}
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the static server for the new-build test did not start');
  });

  // Each test starts from build one.
  test.beforeEach(() => {
    cpSync(dist, dir, { recursive: true, force: true });
  });

  test.afterAll(() => {
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Publishes "build two": a marked index.html and a service worker of a new version. */
  function publishBuildTwo(): void {
    const index = join(dir, 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="lobby-build" content="two" /><title>'));
    const sw = join(dir, 'sw.js');
    writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const VERSION = "([0-9a-f]+)";/, 'const VERSION = "$1-two";'));
    // Their precompressed copies are of build one: the server sends these two as they are.
    for (const file of [index, sw]) for (const copy of ['.br', '.gz']) rmSync(file + copy, { force: true });
  }

  // Read while the page may be reloading: a page between documents is "reloading".
  const build = (page: Page) =>
    page.evaluate(() => document.querySelector('meta[name="lobby-build"]')?.getAttribute('content') ?? 'one').catch(() => 'reloading');
  const caches = (page: Page) =>
    page.evaluate(async () => (await window.caches.keys()).filter((k) => k.startsWith('lobby-'))).catch(() => ['reloading']);

  test('is taken up whole between customers, never in the middle of one', async ({ page, kiosk }) => {
    await page.goto(`${base}/`);
    await kiosk.expectScreen(T.welcome);
    await controlled(page);
    expect(await caches(page)).toHaveLength(1);

    // A customer is typing their name when the new build is published and found.
    await kiosk.checkIn();
    await kiosk.textField.fill('Mid-visit May');
    publishBuildTwo();
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    // Build two installs whole and takes over; the page stays as it is meanwhile.
    await expect.poll(() => caches(page), { timeout: 15_000 }).toEqual([expect.stringMatching(/-two$/)]);
    await kiosk.expectScreen(T.name);
    await expect(kiosk.textField).toHaveValue('Mid-visit May');
    expect(await build(page)).toBe('one');

    // Back at Welcome, the kiosk moves to build two, served whole from its cache.
    await kiosk.tap('Back');
    await expect.poll(() => build(page), { timeout: 10_000 }).toBe('two');
    await kiosk.expectScreen(T.welcome);
    await kiosk.quickCheckIn();
  });

  test('a kiosk left at Welcome finds a new build by itself within half an hour', async ({ page, kiosk }) => {
    await page.goto(`${base}/`);
    await kiosk.expectScreen(T.welcome);
    await controlled(page);
    const before = await caches(page);
    publishBuildTwo();
    await page.clock.fastForward('30:01');
    await expect.poll(() => caches(page), { timeout: 15_000 }).not.toEqual(before);
    await expect.poll(() => build(page), { timeout: 10_000 }).toBe('two');
    await kiosk.expectScreen(T.welcome);
  });
});
