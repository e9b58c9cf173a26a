import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect } from '@playwright/test';
import { Kiosk, Desk, DESK_PIN, T } from './pages';

// A shop set up exactly as the README says, nothing copied by hand: the shop's
// server started as `make run` starts it once the build is made (node
// scripts/shop.mjs, a process of its own, on a fresh data folder); `make pair`
// for a desk and a kiosk, each link opened in its own browser; a check-in on
// the kiosk is on the desk within 3 s; a new name and a new reason saved in the
// desk's Settings reach the kiosk at its next Welcome; the server stopped as
// Ctrl-C stops it (its database with it, nothing left listening) and started
// again: nothing is lost, the settings neither, and the devices carry on; a
// second kiosk gets the next letter.

const PORT = 8091;
const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

let data: string;
let server: ChildProcess | undefined;
/** Every server this spec started: each is stopped at the end, whatever happened. */
const started: ChildProcess[] = [];

/** `node scripts/shop.mjs <build> --listen … --data …`, once it says where Lobby is. */
async function startServer(): Promise<ChildProcess> {
  const child = spawn('node', [join(ROOT, 'scripts', 'shop.mjs'), process.env.E2E_DIST!, '--listen', `127.0.0.1:${PORT}`, '--data', data], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let said = '';
  await new Promise<void>((ready, fail) => {
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('Lobby is at')) ready();
    };
    child.stdout!.on('data', listen);
    child.stderr!.on('data', listen);
    child.once('exit', (code) => fail(new Error(`the shop's server exited (${code}): ${said}`)));
  });
  expect(said).toContain(`Lobby is at http://127.0.0.1:${PORT}/`);
  return child;
}

/** Stops it as Ctrl-C does, and waits until it has exited. */
async function stopServer(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  child.kill('SIGINT');
  return exited;
}

/** `make pair ROLE=…` as the owner types it: the link it prints, and what it says. */
async function makePair(role: string): Promise<string> {
  const { stdout } = await run('make', ['-s', '--no-print-directory', 'pair', `ROLE=${role}`, `DATA=${data}`, 'SETUP_DONE=1'], { cwd: ROOT, encoding: 'utf8' });
  lastPairing = stdout;
  const link = stdout.match(/http:\/\/127\.0\.0\.1:\d+\/(desk)?#pair=[A-Za-z0-9_-]+/)?.[0];
  expect(link, stdout).toBeTruthy();
  return link!;
}
let lastPairing = '';

test.beforeAll(() => {
  data = mkdtempSync(join(tmpdir(), 'lobby-journey-'));
});

test.afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) await stopServer(child);
  rmSync(data, { recursive: true, force: true });
});

test('a shop from nothing: make run, make pair for a desk and a kiosk, a check-in on the desk in 3 s, a stop and a start lose nothing', async ({ browser }) => {
  test.setTimeout(120_000);
  server = await startServer();
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block', locale: 'en-US' });
    return { context, page: await context.newPage() };
  };
  const tablet = await open();
  const counter = await open();
  try {
    await counter.page.goto(await makePair('desk'));
    await expect(counter.page.getByRole('heading', { level: 1 })).toHaveText('This computer is now desk 1 of Northside Auto Care');
    await counter.page.getByRole('button', { name: 'Open the desk' }).click();
    const desk = new Desk(counter.page);
    await desk.unlock(DESK_PIN);

    await tablet.page.goto(await makePair('kiosk'));
    await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText('This tablet is now kiosk A of Northside Auto Care');
    await tablet.page.getByRole('button', { name: 'Start the check-in screen' }).click();
    const kiosk = new Kiosk(tablet.page);
    await kiosk.expectScreen(T.welcome);

    await expect(counter.page.getByTestId('sync')).toContainText('Shared queue connected', { timeout: 15_000 });
    await kiosk.talkToSomeone();
    await expect(kiosk.ticket).toHaveText('A-1');
    await expect(desk.row('A-1')).toBeVisible({ timeout: 3_000 });

    // Settings at the desk, nothing edited by hand: a new name and a new reason.
    await counter.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await counter.page.getByLabel('Name', { exact: true }).fill('Northside Auto & Tyre');
    await counter.page.getByRole('button', { name: 'Add a reason' }).click();
    await expect(counter.page.getByLabel('In English (needed)').last()).toBeFocused();
    await counter.page.keyboard.type('A chipped windscreen');
    await counter.page.getByRole('button', { name: 'Preview and save' }).click();
    await counter.page.getByRole('button', { name: 'Save for every device' }).click();
    await expect(counter.page.locator('#settings-saved')).toHaveText('Saved. Each kiosk takes the settings up at its next Welcome.');
    await counter.page.getByRole('button', { name: 'Back to the queue' }).click();
    // The kiosk takes them up at its next Welcome.
    await tablet.page.getByRole('button', { name: 'Finish' }).click();
    await kiosk.expectScreen('Welcome to Northside Auto & Tyre');
    await kiosk.checkIn();
    await kiosk.enterName();
    await expect(tablet.page.getByRole('button', { name: 'A chipped windscreen' })).toBeVisible();
    await kiosk.tap('Back');
    await kiosk.tap('Back');
    await kiosk.expectScreen('Welcome to Northside Auto & Tyre');

    // Stopped as Ctrl-C stops it: it exits cleanly, and its database with it.
    const { db_port: dbPort } = JSON.parse(readFileSync(join(data, 'shop.json'), 'utf8'));
    expect(await stopServer(server)).toBe(0);
    const { portIsFree } = await import('../../scripts/pouchdb.mjs');
    expect(await portIsFree(dbPort)).toBe(true);
    expect(await portIsFree(PORT)).toBe(true);

    // Started again on the same data folder: the devices carry on, nothing was
    // lost, and the settings are still the ones saved.
    server = await startServer();
    const served = await (await fetch(`http://127.0.0.1:${PORT}/kiosk.json`)).json();
    expect(served.business.name).toBe('Northside Auto & Tyre');
    await kiosk.talkToSomeone();
    await expect(kiosk.ticket).toHaveText('A-2');
    await expect(desk.row('A-2')).toBeVisible({ timeout: 15_000 });
    await counter.page.reload();
    await desk.unlock(DESK_PIN);
    await expect(desk.row('A-1')).toBeVisible({ timeout: 15_000 });
    await expect(desk.row('A-2')).toBeVisible();

    // A second tablet gets the next letter.
    await makePair('kiosk');
    expect(lastPairing).toContain('Pairing kiosk B.');
  } finally {
    await tablet.context.close();
    await counter.context.close();
  }
});
