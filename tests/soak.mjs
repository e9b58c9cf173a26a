// Soak test: many consecutive intakes through ONE kiosk page, never reloaded, with the desk
// open in a second page, as on a long day, and the shop's server between them (what
// `make run` starts: scripts/shop.mjs and its pouchdb-server, on a data folder of its
// own): the kiosk and the desk are paired as a shop pairs them, each on an origin of
// its own (127.0.0.1 and localhost), so they share nothing but the database. Reports
// the memory of both pages (JS heap after a forced garbage collection, wasm linear
// memory, DOM nodes) after the first intake, every 100 intakes and at the end, plus
// every console error and uncaught exception, then a verdict: memory must level off,
// not grow with every customer.
//
// Then the desk's long poll for 24 hours of its clock: every hour the shop's server
// is stopped and started again, a check-in is filed, and the desk must have it once
// it reconnects; its memory is sampled every six hours and must level off.
//
//   make soak                      1,000 intakes against the release build in ../dist
//   SOAK_INTAKES=200 make soak     a shorter run (SOAK_HOURS=6 a shorter night)
//   SOAK_TIMEOUT_MIN=60            the overall time limit (default 45 minutes)
//
// Not part of `make test`. It talks only to 127.0.0.1 (and localhost), never reloads
// either page, and exits non-zero on an error in a page, a check-in the desk never
// gets, or memory that keeps growing.
import { chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { intFromEnv } from './bench-env.mjs';
import { checkInDoc, ownerApi, startShop } from './bench-shop.mjs';

const here = new URL('.', import.meta.url).pathname;
const dist = resolve(here, '..', 'dist');
const PORT = 8095;
const base = `http://127.0.0.1:${PORT}`;
/** The desk's origin: another name for this machine, so it keeps storage of its own. */
const deskBase = `http://localhost:${PORT}`;
const data = mkdtempSync(join(tmpdir(), 'lobby-soak-'));
let shop;

const INTAKES = intFromEnv('SOAK_INTAKES', 1000, 1, 5000);
const HOURS = intFromEnv('SOAK_HOURS', 24, 1, 240);
const TIMEOUT_MIN = intFromEnv('SOAK_TIMEOUT_MIN', 45, 1, 240);
/** Memory is sampled, and the desk clears its queue, every this many intakes. */
const EVERY = 100;
/** After each clearing the desk still has this many customers waiting (the newest). */
const KEEP_WAITING = 10;
/** The kiosk ignores taps for 350 ms after a new screen; the fake clock skips past it. */
const SETTLE_MS = 400;
/** A Sunday morning, 09:30 UTC: every deadline choice is on offer for hours. */
const START = Date.parse('2026-11-22T09:30:00Z');
/** Growth over the second half of the run, as a share of the first sample, that still counts as level. */
const LEVEL_SHARE = 0.1;

// What the screens say (locales/en.json, public/kiosk.json).
const T = {
  welcome: 'Welcome to Northside Auto Care',
  name: "What's your first name?",
  reason: 'What brings you in today?',
  priority: 'What matters most to you today?',
  deadline: 'When do you need to be on your way?',
  estimate: 'Would you like an estimate before any work starts?',
  limit: 'Call me before spending more than…',
  help: 'What would make the wait easier?',
  detail: 'How much detail would you like?',
  note: 'Anything else we should know?',
  review: 'Is this right?',
  done: "You're checked in",
  talkDone: 'Someone will be right with you',
  deskLock: 'Staff only',
  deskQueue: 'Waiting now',
  noName: 'No name given',
};
const REASONS = [
  'Scheduled service or oil change',
  'Something needs fixing',
  'Tires or brakes',
  'Inspection or check-up',
  "I came back: something wasn't right",
];
const NAMES = ['Ana', 'Ben', 'Chris', 'Dana', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jun', 'Zoë', 'Łukasz'];
const NOTES = [
  'Brakes squeal when cold.',
  'School pickup at 3, please call if it runs late.',
  'The check engine light came on yesterday.\nIt flickers on the motorway.',
  'Left rear tyre loses pressure overnight.',
];
const HELP = ['Coffee or water', 'Wi-Fi', 'Updates by text', 'A car to use meanwhile', 'A quiet place to work'];
const LIMITS = ['$100', '$250', '$500', '$1,000', 'No set limit'];

// --- helpers ------------------------------------------------------------------------

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A button's accessible name starts with its label (a hint may follow; a chosen one has a check mark first). */
const startsWith = (label) => new RegExp(`^(✓ )?${escapeRegExp(label)}`);
const mib = (bytes) => (bytes / 1048576).toFixed(2);
const signedKib = (bytes) => `${bytes >= 0 ? '+' : '-'}${Math.abs(bytes / 1024).toFixed(0)} KiB`;

function hhmm(ms) {
  const d = new Date(ms);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The journey of the n-th customer (1-based): mostly the fastest path, with every kind mixed in. */
function journey(n) {
  const kind = n % 25 === 0 ? 'talk' : ['fast', 'fast', 'fast', 'fast', 'time', 'fast', 'cost', 'fast', 'both', 'fast'][n % 10];
  return {
    kind,
    reason: REASONS[n % REASONS.length],
    name: n % 3 === 0 ? NAMES[n % NAMES.length] : '',
    note: n % 7 === 0 ? NOTES[n % NOTES.length] : '',
    help: n % 4 === 0 ? HELP.slice(0, 1 + (n % 3)) : [],
    deadline: ['Within an hour', 'By noon', 'By end of day', 'At a time I choose'][Math.floor(n / 10) % 4],
    estimate: n % 20 < 10,
    limit: LIMITS[Math.floor(n / 10) % LIMITS.length],
    walkThrough: n % 11 === 0,
  };
}

// --- the run --------------------------------------------------------------------------

const errors = [];
const samples = [];
/** The desk through the night: { hour, desk }. */
const nightSamples = [];
let browser;
let timedOut = false;
/** Requests a page made while the server was away (reported as console errors by Chromium). */
let refused = 0;

async function main() {
  shop = await startShop({ dist, data, port: PORT, errors });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({
    viewport: { width: 1024, height: 768 },
    timezoneId: 'UTC',
    locale: 'en-US',
    serviceWorkers: 'block',
  });
  context.setDefaultTimeout(15_000);
  // Only this machine's server: anything else is refused and reported.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin === base || url.origin === deskBase) return route.continue();
    errors.push(`blocked a request to ${url.origin}`);
    return route.abort();
  });
  // Trunk's loader announces the started app with the wasm exports (and so its memory).
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.__lobbyWasm = e.detail.wasm; });
  });
  // One fake clock for both pages (Playwright's clock belongs to the context, so the
  // desk shares it, which keeps the two pages' idea of "now" the same), paused: time
  // moves only when the script says, so 350 ms of settling costs no real time.
  await context.clock.install({ time: START });
  await context.clock.pauseAt(START + 1000);
  // The fake timers' ids start at 10^12; wasm-bindgen hands a timer id to Rust as an
  // i32, so it comes back truncated and clearInterval misses: every Done screen's
  // one-second countdown would stay registered for good, a leak made by the fake
  // clock, not by the app (a browser's own ids are small). Give the page small ids.
  await context.addInitScript(() => {
    const OFFSET = 1e12 - 1;
    const pairs = [['setTimeout', 'clearTimeout'], ['setInterval', 'clearInterval'], ['requestAnimationFrame', 'cancelAnimationFrame']];
    for (const [set, clear] of pairs) {
      const fakeSet = globalThis[set];
      const fakeClear = globalThis[clear];
      globalThis[set] = function (...args) {
        const id = fakeSet.apply(this, args);
        return typeof id === 'number' && id > OFFSET ? id - OFFSET : id;
      };
      globalThis[clear] = function (id) {
        return fakeClear.call(this, typeof id === 'number' && id > 0 && id < OFFSET ? id + OFFSET : id);
      };
    }
  });

  const kiosk = await context.newPage();
  const desk = await context.newPage();
  for (const [page, label] of [[kiosk, 'kiosk'], [desk, 'desk']]) {
    page.on('pageerror', (err) => errors.push(`${label}: uncaught ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      // A request that met the server stopped (the night's restarts): the page
      // handles it, and it is counted, not an error.
      if (msg.text().startsWith('Failed to load resource')) refused += 1;
      else errors.push(`${label}: console error: ${msg.text()}`);
    });
    page.on('crash', () => errors.push(`${label}: the page crashed`));
  }
  const heading = (page, title) => page.getByRole('heading', { level: 1, name: title, exact: true });

  // Each paired as a shop pairs it: a one-time link (make pair's), opened. The
  // desk's on its own origin. Unlocked once: a reload would ask for the PIN
  // again, and none happens.
  const link = async (role) => (await ownerApi(shop, 'POST', 'pairings', { role })).link;
  await desk.goto((await link('desk')).replace(base, deskBase));
  await desk.getByRole('button', { name: 'Open the desk' }).click();
  await heading(desk, T.deskLock).waitFor();
  await desk.getByLabel('Desk PIN').fill('2468');
  await desk.bringToFront();
  await desk.getByRole('button', { name: 'Unlock' }).click();
  await heading(desk, T.deskQueue).waitFor();

  await kiosk.bringToFront();
  await kiosk.goto(await link('kiosk'));
  await kiosk.getByRole('button', { name: 'Start the check-in screen' }).click();
  await heading(kiosk, T.welcome).waitFor();
  const paired = JSON.parse(await kiosk.evaluate(() => localStorage.getItem('lobby.paired.kiosk')));
  const letter = paired.letter;
  // Only the tab in front gets animation frames, which Playwright's clicks wait for:
  // the kiosk is in front, the desk comes forward while staff use it.
  await kiosk.bringToFront();

  const cdp = {};
  for (const [page, label] of [[kiosk, 'kiosk'], [desk, 'desk']]) {
    cdp[label] = await context.newCDPSession(page);
    await cdp[label].send('Performance.enable');
  }

  /** Memory of one page, after a full garbage collection. */
  async function measure(page, label) {
    const session = cdp[label];
    await session.send('HeapProfiler.collectGarbage');
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    const { metrics } = await session.send('Performance.getMetrics');
    const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const inPage = await page.evaluate(() => {
      // Every node in the document, text included: the renderer's live node count
      // minus these is what JS keeps alive outside the document (detached nodes).
      let attached = 1;
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      while (walker.nextNode()) attached++;
      let stored = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        stored += key.length + (localStorage.getItem(key) ?? '').length;
      }
      return {
        wasm: window.__lobbyWasm?.memory?.buffer?.byteLength ?? NaN,
        dom: document.getElementsByTagName('*').length,
        attached,
        stored,
        timers: globalThis.__pwClock?.controller?.countTimers?.() ?? NaN,
      };
    });
    return {
      heap: usedSize,
      wasm: inPage.wasm,
      dom: inPage.dom,
      detached: metric('Nodes') - inPage.attached,
      listeners: metric('JSEventListeners'),
      timers: inPage.timers,
      stored: inPage.stored,
    };
  }

  const started = Date.now();
  let waiting = 0; // open on the desk (waiting or being served)
  let doneOnDesk = 0;

  async function sample(n) {
    const k = await measure(kiosk, 'kiosk');
    const d = await measure(desk, 'desk');
    if (Number.isNaN(k.wasm) || Number.isNaN(d.wasm)) throw new Error('the wasm memory could not be read (no TrunkApplicationStarted event?)');
    const row = { n, kiosk: k, desk: d, waiting, doneOnDesk, seconds: (Date.now() - started) / 1000 };
    samples.push(row);
    printRow(row);
  }

  // Kiosk taps. A tap that changes the screen is followed by the fake clock moving
  // past the kiosk's double-tap guard.
  const button = (name) => kiosk.getByRole('button', { name: typeof name === 'string' ? startsWith(name) : name });
  const onScreen = (title) => heading(kiosk, title).waitFor();
  const press = (name) => button(name).click();
  async function next(name) {
    await button(name).click();
    await context.clock.runFor(SETTLE_MS);
  }

  /** One customer, from Welcome to Done and Finish. Returns the ticket number shown. */
  async function intake(n) {
    const j = journey(n);
    await onScreen(T.welcome);
    await next('Check in');
    await onScreen(T.name);
    if (j.name) await kiosk.locator('#answer').fill(j.name);
    await next(j.name ? 'Continue' : 'Skip');
    await onScreen(T.reason);
    if (j.kind === 'talk') {
      await next("I'd rather talk to someone");
      await onScreen(T.talkDone);
    } else {
      await next(j.reason);
      await onScreen(T.priority);
      await next({ fast: 'Neither', time: 'Time', cost: 'Cost', both: 'Both' }[j.kind]);
      if (j.kind === 'time' || j.kind === 'both') {
        await onScreen(T.deadline);
        const now = await kiosk.evaluate(() => Date.now());
        let choice = j.deadline;
        if (choice === 'By noon' && new Date(now).getUTCHours() >= 11) choice = 'Within an hour';
        if (choice === 'At a time I choose') {
          await press(choice);
          await kiosk.getByLabel('I need to leave by').fill(hhmm(Math.min(now + 2 * 3600_000, START + 14 * 3600_000)));
          await next('Continue');
        } else {
          await next(choice);
        }
      }
      if (j.kind === 'cost' || j.kind === 'both') {
        await onScreen(T.estimate);
        await next(j.estimate ? 'Yes, estimate first' : 'No need, go ahead');
        await onScreen(T.limit);
        await next(j.limit);
      }
      await onScreen(T.help);
      for (const item of j.help) await press(item);
      await next(j.help.length ? 'Continue' : 'Skip');
      if (j.help.includes('Updates by text')) {
        // Texts asked for: a number, typed on the pad.
        await onScreen('What number should we text?');
        await kiosk.locator('#phone').fill('555 123 4567');
        await next('Continue');
      }
      await onScreen(T.detail);
      await next(j.walkThrough ? 'Walk me through it' : 'Keep it brief');
      await onScreen(T.note);
      if (j.note) await kiosk.locator('#answer').fill(j.note);
      await next(j.note ? 'Continue' : 'Skip');
      await onScreen(T.review);
      await next('Confirm and check in');
      await onScreen(T.done);
    }
    const ticket = await kiosk.getByTestId('ticket').textContent();
    if (ticket !== `${letter}-${n}`) throw new Error(`intake ${n}: the kiosk showed ticket ${ticket}`);
    // The desk gets it from the database's feed (the kiosk's inbox, moved into the
    // shop's database by the server): no reload, no polling by the script.
    const row = rowOf(ticket);
    if (!(await onDesk(row))) throw new Error(`intake ${n}: ticket ${ticket} did not appear on the desk`);
    if (j.name) {
      const shown = await row.locator('.row-name').textContent();
      if (shown !== j.name) throw new Error(`intake ${n}: the desk shows "${shown}", not "${j.name}"`);
    }
    waiting += 1;
    // Staff touch the desk now and then (a key press), or it locks itself after a while.
    if (n % 5 === 0) await desk.keyboard.press('Shift');
    await next('Finish');
  }

  /** A customer's line on the desk, waiting or with us ("Done today" stays closed). */
  const rowOf = (ticket) => desk.locator(`.lists button.row[data-ticket="${ticket}"]`);
  const more = desk.locator('.lists > button.more');
  /**
   * Waits up to 10 s for a line, asking the desk to show more of the queue while
   * it is not drawn. The clock moves on a little meanwhile (the desk's requests
   * wait on the network, their time limits on the clock), never as far as Done's
   * reset on the kiosk.
   */
  async function onDesk(row) {
    for (const until = Date.now() + 10_000; Date.now() < until; ) {
      if ((await row.count()) > 0) return true;
      if ((await more.count()) > 0) await more.click();
      else {
        await new Promise((r) => setTimeout(r, 20));
        await context.clock.runFor(10);
      }
    }
    return false;
  }

  /** The open queue's tickets as the desk draws them: with us, then waiting. */
  async function openTickets() {
    while ((await more.count()) > 0) await more.click();
    return desk
      .locator('.lists section.with-us button.row, .lists > ol.rows.waiting > li > button.row')
      .evaluateAll((rows) => rows.map((r) => r.dataset.ticket));
  }

  /** Like staff at the end of a rush: the oldest waiting customers marked Done, by the desk's buttons. */
  async function clearDesk() {
    await desk.bringToFront();
    const number = (t) => Number(t.split('-').pop());
    const tickets = (await openTickets()).sort((a, b) => number(a) - number(b));
    if (tickets.length !== waiting) throw new Error(`the desk shows ${tickets.length} open check-ins, expected ${waiting}`);
    for (const t of tickets.slice(0, Math.max(0, tickets.length - KEEP_WAITING))) {
      await rowOf(t).click();
      const brief = desk.locator(`#brief-pane article.brief[data-ticket="${t}"]`);
      await brief.getByRole('button', { name: 'Done', exact: true }).click();
      await rowOf(t).waitFor({ state: 'detached', timeout: 5_000 });
      waiting -= 1;
      doneOnDesk += 1;
    }
    await context.clock.runFor(SETTLE_MS); // the desk's focus restoring runs on animation frames
    const count = Number(await desk.locator('.desk-bar .count').textContent());
    const history = await desk.locator('details.history > summary').textContent();
    if (count !== waiting || history !== `Done today (${doneOnDesk})`) {
      throw new Error(`the desk says ${count} waiting and "${history}", expected ${waiting} and ${doneOnDesk} done`);
    }
    await kiosk.bringToFront();
  }

  printHeader();
  for (let n = 1; n <= INTAKES; n++) {
    if (timedOut) throw new Error(`stopped by the time limit of ${TIMEOUT_MIN} minutes after ${n - 1} intakes`);
    await intake(n);
    if (n === 1) await sample(1);
    else if (n % EVERY === 0 || n === INTAKES) {
      await clearDesk();
      await sample(n);
    }
  }
  await onScreen(T.welcome);
  await nightWatch(context, desk, measure, paired);
  return (Date.now() - started) / 1000;
}

/**
 * The desk's long poll through HOURS hours of its clock. Every hour the shop's
 * server is stopped, the hour passes ten minutes at a time (the desk's requests
 * fail and it waits between tries, as it would), the server is started again on
 * the same data, and a check-in is filed as the kiosk files one: the desk must
 * keep it in its storage once it has reconnected (it locks itself meanwhile,
 * and reads behind the lock). Its memory and timers are sampled every quarter of the night.
 */
async function nightWatch(context, desk, measure, paired) {
  const account = `Basic ${Buffer.from(`${paired.user}:${paired.password}`).toString('base64')}`;
  const inbox = paired.url.replace(/^\/db\//, '');
  const deskNow = () => desk.evaluate(() => Date.now());
  const took = [];
  const sampleNight = async (hour) => {
    const d = await measure(desk, 'desk');
    nightSamples.push({ hour, desk: d });
    console.log(`${String(hour).padStart(5)}  ${mib(d.heap).padStart(9)}  ${mib(d.wasm).padStart(9)}  ${String(d.dom).padStart(8)}  ${String(d.listeners).padStart(9)}  ${String(d.timers).padStart(6)}`);
  };
  console.log(`\nThe night: ${HOURS} hours of the desk's clock, the shop's server stopped and started again every hour.`);
  console.log(`${'hour'.padStart(5)}  ${'desk heap'.padStart(9)}  ${'desk wasm'.padStart(9)}  ${'desk DOM'.padStart(8)}  ${'listeners'.padStart(9)}  ${'timers'.padStart(6)}`);
  await sampleNight(0);
  for (let hour = 1; hour <= HOURS; hour++) {
    if (timedOut) throw new Error(`stopped by the time limit of ${TIMEOUT_MIN} minutes in hour ${hour} of the night`);
    await shop.stop();
    for (let step = 0; step < 6; step++) await context.clock.fastForward(10 * 60_000);
    shop = await startShop({ dist, data, port: PORT, errors, fresh: false });
    const now = await deskNow();
    const id = `night-${hour}-${Math.random().toString(16).slice(2, 10)}`;
    const doc = checkInDoc({ id, device: 'night', now, ticket: INTAKES + hour, letter: paired.letter, name: `Night ${hour}`, day: new Date(now).toISOString().slice(0, 10) });
    const res = await fetch(`${shop.base}/db/${inbox}/${id}`, {
      method: 'PUT',
      headers: { Authorization: account, 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
    if (res.status !== 201) throw new Error(`hour ${hour}: the check-in was answered ${res.status}`);
    const filed = Date.now();
    // Real time for the network, the desk's clock a second on each tenth of a
    // second, so that its wait between tries ends.
    for (let until = Date.now() + 60_000; ; ) {
      if (await desk.evaluate((key) => localStorage.getItem(key) !== null, `lobby.intake.${id}`)) break;
      if (Date.now() > until) throw new Error(`hour ${hour}: the desk did not get the check-in filed after the restart within a minute`);
      await new Promise((r) => setTimeout(r, 100));
      await context.clock.runFor(1000);
    }
    took.push(Date.now() - filed);
    if (hour % Math.max(1, Math.floor(HOURS / 4)) === 0 || hour === HOURS) await sampleNight(hour);
  }
  const slowest = Math.max(...took);
  console.log(`Each of the ${HOURS} restarts: the desk had the check-in filed after it in ${(took.reduce((a, b) => a + b, 0) / took.length / 1000).toFixed(1)} s on average, ${(slowest / 1000).toFixed(1)} s at most (real time).`);
}

// --- the report ---------------------------------------------------------------------

const COLUMNS = [
  ['intakes', 7], ['kiosk heap', 10], ['kiosk wasm', 10], ['kiosk DOM', 9],
  ['desk heap', 9], ['desk wasm', 9], ['desk DOM', 8], ['waiting/done', 12], ['stored', 7], ['seconds', 7],
];
function printHeader() {
  console.log(`Soak: ${INTAKES} intakes through one kiosk page with the desk open, the shop's server at ${base} between them (time limit ${TIMEOUT_MIN} min).`);
  console.log('heap: JS heap used after a forced GC, MiB; wasm: wasm linear memory, MiB; DOM: elements in the document;');
  console.log('waiting/done: on the desk; stored: local storage, KiB; seconds: since the first intake.\n');
  console.log(COLUMNS.map(([h, w]) => h.padStart(w)).join('  '));
}
function printRow(r) {
  const cells = [
    r.n, mib(r.kiosk.heap), mib(r.kiosk.wasm), r.kiosk.dom, mib(r.desk.heap), mib(r.desk.wasm), r.desk.dom,
    `${r.waiting}/${r.doneOnDesk}`, (r.kiosk.stored / 1024).toFixed(0), r.seconds.toFixed(0),
  ];
  console.log(cells.map((c, i) => String(c).padStart(COLUMNS[i][1])).join('  '));
}

/** The sample nearest to intake n (the earlier one on a tie). */
const nearest = (n) => samples.reduce((best, s) => (Math.abs(s.n - n) < Math.abs(best.n - n) ? s : best));
const perIntake = (bytes, intakes) => `${bytes >= 0 ? '+' : ''}${(bytes / intakes).toFixed(0)} B per intake`;

/** Prints the verdict; returns what failed. */
function verdict() {
  const failures = [];
  const first = samples[0];
  const last = samples[samples.length - 1];
  console.log('');
  if (last.n < 2 * EVERY || samples.length < 3) {
    console.log(`Too few intakes (${last.n}) for a verdict on memory: it needs at least ${2 * EVERY}.`);
    return failures;
  }
  // From the 100th intake on (warmed up), and over the second half of the run.
  const from = samples.find((s) => s.n >= EVERY);
  const mid = nearest(last.n / 2);
  const span = last.n - from.n;
  const late = last.n - mid.n;

  // Kiosk JS heap: level when the second half adds less than a tenth of the first sample
  // (about 200 KiB: a per-customer leak of even 500 bytes fails it over 500 customers).
  const heapLate = last.kiosk.heap - mid.kiosk.heap;
  const heapBound = LEVEL_SHARE * first.kiosk.heap;
  const heapLevel = heapLate < heapBound;
  console.log(`Kiosk JS heap: ${mib(first.kiosk.heap)} MiB after intake ${first.n}, ${mib(from.kiosk.heap)} at ${from.n}, ` +
    `${mib(last.kiosk.heap)} at ${last.n}: ${signedKib(last.kiosk.heap - from.kiosk.heap)} from ${from.n} to ${last.n} ` +
    `(${perIntake(last.kiosk.heap - from.kiosk.heap, span)}); ${signedKib(heapLate)} over the second half ` +
    `(${mid.n} to ${last.n}), bound ${(heapBound / 1024).toFixed(0)} KiB: ${heapLevel ? 'levels off.' : 'KEEPS GROWING.'}`);
  if (!heapLevel) failures.push('the kiosk JS heap keeps growing');

  // Kiosk wasm memory: linear memory only grows, so it is judged by whether it stops.
  const wasmLate = last.kiosk.wasm - mid.kiosk.wasm;
  const wasmBound = LEVEL_SHARE * first.kiosk.wasm;
  const wasmLevel = wasmLate <= wasmBound;
  console.log(`Kiosk wasm memory: ${mib(first.kiosk.wasm)} MiB after intake ${first.n}, ${mib(from.kiosk.wasm)} at ${from.n}, ` +
    `${mib(mid.kiosk.wasm)} at ${mid.n}, ${mib(last.kiosk.wasm)} at ${last.n} (${perIntake(last.kiosk.wasm - from.kiosk.wasm, span)}). ` +
    'Wasm linear memory never shrinks (freed memory is reused inside it, never given back), so it is judged by whether ' +
    `it stops growing: ${signedKib(wasmLate)} over the second half, bound ${(wasmBound / 1024).toFixed(0)} KiB: ` +
    (wasmLevel ? 'it has stopped.' : 'IT IS STILL GROWING.'));
  if (!wasmLevel) failures.push('the kiosk wasm memory keeps growing');

  // Kiosk DOM, detached nodes, listeners and timers, all on the Welcome screen: constant.
  const k0 = from.kiosk;
  const k1 = last.kiosk;
  console.log(`Kiosk on Welcome, intake ${from.n} -> ${last.n}: ${k0.dom} -> ${k1.dom} elements, ${k0.detached} -> ${k1.detached} ` +
    `detached nodes, ${k0.listeners} -> ${k1.listeners} event listeners, ${k0.timers} -> ${k1.timers} pending timers.`);
  if (k1.dom > k0.dom || k1.detached > k0.detached + 50 || k1.listeners > k0.listeners + 5 || k1.timers > k0.timers + 2) {
    failures.push('the kiosk keeps elements, detached nodes, listeners or timers from earlier customers');
  }

  // The desk holds the day's intakes (waiting and done) by design, so its heap and wasm
  // grow with the day; compared here with what one intake takes in storage. Its DOM
  // shows the open queue only ("Done today" is drawn when opened), so it stays level.
  const d0 = from.desk;
  const d1 = last.desk;
  const storedPer = (last.kiosk.stored - from.kiosk.stored) / span;
  console.log(`Desk, intake ${from.n} -> ${last.n} (it keeps the day's ${last.waiting + last.doneOnDesk} intakes): JS heap ` +
    `${signedKib(d1.heap - d0.heap)} (${perIntake(d1.heap - d0.heap, span)}), wasm ${signedKib(d1.wasm - d0.wasm)} ` +
    `(${perIntake(d1.wasm - d0.wasm, span)}; second half ${signedKib(d1.wasm - mid.desk.wasm)}), against ${storedPer.toFixed(0)} B per ` +
    `intake in storage; ${d0.dom} -> ${d1.dom} elements, ${d0.detached} -> ${d1.detached} detached nodes, ` +
    `${d0.listeners} -> ${d1.listeners} event listeners, ${d0.timers} -> ${d1.timers} pending timers.`);
  if (d1.dom > d0.dom * 1.2 + 20 || d1.detached > d0.detached + 100 || d1.timers > d0.timers + 2) {
    failures.push('the desk keeps elements, detached nodes or timers of customers no longer shown');
  }
  return failures.concat(nightVerdict());
}

/** The night's verdict: the desk's memory, listeners and timers level across the restarts. */
function nightVerdict() {
  const failures = [];
  if (nightSamples.length < 3) return failures;
  const first = nightSamples[0].desk;
  const mid = nightSamples[Math.floor(nightSamples.length / 2)];
  const last = nightSamples[nightSamples.length - 1];
  const bound = LEVEL_SHARE * first.heap;
  const late = last.desk.heap - mid.desk.heap;
  const level = late < bound && last.desk.wasm - mid.desk.wasm <= LEVEL_SHARE * first.wasm;
  console.log(`Desk through the night (${last.hour} hours, ${last.hour} restarts): JS heap ${mib(first.heap)} -> ${mib(last.desk.heap)} MiB ` +
    `(${signedKib(late)} from hour ${mid.hour}, bound ${(bound / 1024).toFixed(0)} KiB), wasm ${mib(first.wasm)} -> ${mib(last.desk.wasm)} MiB, ` +
    `${first.listeners} -> ${last.desk.listeners} event listeners, ${first.timers} -> ${last.desk.timers} pending timers, ` +
    `${first.detached} -> ${last.desk.detached} detached nodes: ${level ? 'levels off.' : 'KEEPS GROWING.'}`);
  if (!level) failures.push("the desk's memory keeps growing through the night");
  if (last.desk.listeners > first.listeners + 5 || last.desk.timers > first.timers + 2 || last.desk.detached > first.detached + 100) {
    failures.push('the desk keeps listeners, timers or detached nodes from each reconnection');
  }
  console.log(`Requests the pages made while the server was away: ${refused} (handled, not errors).`);
  return failures;
}

// --- the time limit, the end, and cleaning up ----------------------------------------

/** Stops the shop's server at once, however the script ends (it does not wait: see shop.stop()). */
function stopServer() {
  try {
    if (shop) process.kill(shop.pid, 'SIGINT');
  } catch {
    // stopped already
  }
}
process.on('SIGINT', () => { stopServer(); process.exit(130); });
process.on('SIGTERM', () => { stopServer(); process.exit(143); });
process.on('exit', stopServer);

const watchdog = setTimeout(() => {
  timedOut = true;
  console.error(`\nTime limit of ${TIMEOUT_MIN} minutes reached: closing the browser.`);
  browser?.close().catch(() => {});
  // Should closing hang, end anyway.
  setTimeout(() => { stopServer(); process.exit(1); }, 60_000).unref();
}, TIMEOUT_MIN * 60_000);

let exitCode = 0;
try {
  const seconds = await main();
  const failures = verdict();
  if (errors.length) failures.push(`${errors.length} console or page error(s)`);
  console.log(`\nRun time: ${seconds.toFixed(0)} s for ${INTAKES} intakes (${(seconds / INTAKES).toFixed(2)} s each).`);
  console.log(errors.length ? `Console and page errors (${errors.length}):` : 'Console and page errors: none.');
  for (const e of errors.slice(0, 50)) console.log(`  ${e}`);
  if (errors.length > 50) console.log(`  ... and ${errors.length - 50} more`);
  if (failures.length) {
    console.log(`\nSOAK FAILED: ${failures.join('; ')}.`);
    exitCode = 1;
  } else {
    console.log(INTAKES < 2 * EVERY ? '\nSoak run without errors (too short to judge memory).' : '\nSoak passed: memory levels off, no errors.');
  }
} catch (err) {
  console.error(`\nSOAK ABORTED: ${timedOut ? `time limit of ${TIMEOUT_MIN} minutes reached` : err.message}`);
  if (errors.length) console.error(`Console and page errors so far:\n  ${errors.slice(0, 50).join('\n  ')}`);
  exitCode = 1;
} finally {
  clearTimeout(watchdog);
  await browser?.close().catch(() => {});
  await shop?.stop();
  shop = undefined;
  rmSync(data, { recursive: true, force: true });
}
process.exit(exitCode);
