import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test, expect, T, type BrowserContext, type Page } from './pages';

// The release build carries a Content-Security-Policy (added by scripts/csp.mjs):
// no script runs but the app's own files and Trunk's one start-up script (by its
// hash). So a name or note that ever slipped into the page as markup could still
// not run. The app itself must live within the policy: a whole journey through
// the kiosk and the desk reports no violation.
// (Playwright's own evaluate and init scripts are not subject to the page's policy;
// a script element they insert is, like any other.)

type Violation = { directive: string; blocked: string; sample: string };

/** Collects the `securitypolicyviolation` events of every document of the context, from its first byte. */
async function collectViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample });
    });
  });
}

async function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

/** The policy of the page as served: the content of its CSP meta, as directive → sources. */
function parsePolicy(html: string): Map<string, string[]> {
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/);
  expect(meta, 'a Content-Security-Policy meta in index.html').not.toBeNull();
  return new Map(
    meta![1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test('the built index.html has a policy that admits only the app and its start-up script', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const policy = parsePolicy(html);
  expect(policy.get('default-src')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'none'"]);
  const scriptSrc = policy.get('script-src')!;
  expect(scriptSrc).toContain("'self'");
  for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'strict-dynamic'", '*', 'data:', 'http:', 'https:']) {
    expect(scriptSrc, `script-src must not allow ${loose}`).not.toContain(loose);
  }
  expect(policy.get('style-src')).toEqual(["'self'"]);
  // Connections: the app's own origin, and only the sync database the build names
  // (the test build names the test server: LOBBY_SYNC_ORIGIN, set by the Makefile).
  const syncOrigins = (process.env.LOBBY_SYNC_ORIGIN ?? '').split(/\s+/).filter(Boolean);
  expect(policy.get('connect-src')).toEqual(["'self'", ...syncOrigins]);
  // Each inline script of the page is admitted by its own hash, and nothing else is.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  expect(inline.length).toBeGreaterThan(0);
  const hashes = inline.map((s) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`);
  expect(scriptSrc.filter((s) => s.startsWith("'sha"))).toEqual(hashes);
  // The policy comes before anything it governs.
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<link'));
});

test('the tests build into a folder of their own: dist/ never carries the test database in its policy', async () => {
  // The build under test names the test server (it must, for sync.spec); the one
  // `make build` leaves in dist/ for a shop must not.
  const tested = resolve(process.env.E2E_DIST!);
  const dist = resolve(__dirname, '..', '..', 'dist');
  expect(tested, 'the end-to-end tests must not build into or serve dist/').not.toBe(dist);
  const page = resolve(dist, 'index.html');
  if (existsSync(page)) {
    const connect = parsePolicy(readFileSync(page, 'utf8')).get('connect-src') ?? [];
    for (const origin of (process.env.LOBBY_SYNC_ORIGIN ?? '').split(/\s+/).filter(Boolean)) {
      expect(connect, `dist/index.html lets the page reach the test database ${origin}: rebuild it with make build`).not.toContain(origin);
    }
  }
});

test('a whole journey through the kiosk and the desk causes no policy violation', async ({ context, kiosk, openDesk }) => {
  await collectViolations(context);
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Ana');
  await kiosk.choose(T.reasons.repair);
  await kiosk.choose('Both');
  await kiosk.pickTime('11:45');
  await kiosk.choose('Yes, estimate first');
  await kiosk.choose('$250');
  await kiosk.chooseHelp('Coffee or water');
  await kiosk.choose('Walk me through it');
  await kiosk.enterNote('<b>not bold</b>');
  const ticket = await kiosk.confirm();
  await kiosk.finish();
  const talk = await kiosk.talkToSomeone();

  const desk = await openDesk({ unlock: false });
  await desk.pin.fill('0000');
  await desk.page.getByRole('button', { name: 'Unlock' }).click();
  await expect(desk.page.getByRole('alert')).toHaveText(T.pinWrong);
  await desk.unlock();
  await (await desk.show(ticket)).getByRole('checkbox', { name: 'Coffee or water' }).check();
  await (await desk.show(ticket)).getByRole('button', { name: 'Start serving' }).click();
  await (await desk.show(talk)).getByRole('button', { name: 'Done' }).click();
  await desk.history.locator('summary').click();
  await expect(desk.history.locator('button.row')).toHaveCount(1);
  await desk.passTime(30);
  await desk.page.getByRole('button', { name: 'Lock' }).click();
  await expect(desk.pin).toBeVisible();

  expect(await violations(page), 'kiosk').toEqual([]);
  expect(await violations(desk.page), 'desk').toEqual([]);
  // Every page started with the policy in force (the collector ran on it too).
  expect(await page.evaluate(() => !!document.querySelector('meta[http-equiv="Content-Security-Policy"]'))).toBe(true);
});

test('script slipped into the page does not run: an inline script, an inline handler, a javascript: link', async ({ context, kiosk, pageErrors }) => {
  await collectViolations(context);
  const { page } = kiosk;
  await kiosk.open();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = "inline script"';
    document.body.append(script);
    document.body.insertAdjacentHTML(
      'beforeend',
      '<button id="planted" onclick="window.__ran = \'inline handler\'">x</button>' +
        '<a id="planted-link" href="javascript:window.__ran=\'javascript link\'">y</a>',
    );
  });
  await page.locator('#planted').click();
  await page.locator('#planted-link').click();
  await expect.poll(() => violations(page)).toHaveLength(3);
  for (const v of await violations(page)) expect(v.directive).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { __ran?: string }).__ran)).toBeUndefined();

  // The browser reports each refusal as a console error: expected here, and only these.
  await expect.poll(() => pageErrors.filter((e) => e.includes('Content Security Policy')).length).toBe(3);
  const unexpected = pageErrors.filter((e) => !e.includes('Content Security Policy'));
  pageErrors.splice(0, pageErrors.length, ...unexpected);

  // The app carries on as before.
  await kiosk.checkIn();
  await kiosk.expectScreen(T.name);
});

test('no other site may show the kiosk or the desk inside its own page', async ({ request }) => {
  // Headers, as a `<meta>` policy cannot say it (scripts/serve.mjs, and the shop's server alike).
  for (const path of ['/', '/desk', '/kiosk.json', '/no-such-page']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy'], path).toBe("frame-ancestors 'none'");
    expect(res.headers()['x-frame-options'], path).toBe('DENY');
  }
});
