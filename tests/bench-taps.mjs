// Benchmark, not a test: how fast a tap answers on a slow tablet, and how the desk
// copes with a full day. Against the release build in ../dist, with the CPU slowed
// 4x through the Chrome DevTools protocol:
//
//   make bench-taps                      (BENCH_JOURNEYS=20, BENCH_DESK_INTAKES=1000)
//
// Kiosk: for each tap of whole check-ins, the time from the tap to the next screen's
// question in the page, and to the frame that shows it (the first animation frame
// after it appears), median and 95th percentile; the same on the floor, the
// hand-written vanilla page of the same check-in (BENCH_FLOOR, default
// ../shared/bench/floor.html beside the project; BENCH_FLOOR=none to skip it). Desk: with 1,000 check-ins waiting (filed before the desk page opens),
// the time from Unlock to the queue's first page (15 lines) drawn, median of 7 openings
// (BENCH_DESK_OPENS), and from Unlock after each was locked again; and from a Done on an opened brief to the queue redrawn
// without that customer's line.
import { chromium } from '@playwright/test';
import { serveBuild } from '../scripts/serve.mjs';
import { HASH } from '../scripts/build-facts.mjs';
import { FLOOR_FILE, serveFloor } from './bench-env.mjs';

// The kiosk's screens after Welcome, split off at build time (scripts/split.mjs).
const SCREENS_PART = new RegExp(`/split_screens${HASH}\\.wasm$`);

const intFromEnv = (name, fallback) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number above 0`);
  return n;
};
const JOURNEYS = intFromEnv('BENCH_JOURNEYS', 20);
const DESK_INTAKES = intFromEnv('BENCH_DESK_INTAKES', 1000);
const DESK_DONES = 20;
const DESK_OPENS = intFromEnv('BENCH_DESK_OPENS', 7);
const SLOWDOWN = 4;
const port = 8096;
const base = `http://127.0.0.1:${port}`;
const floorPort = 8085;
const floorBase = `http://127.0.0.1:${floorPort}`;


const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function slowPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, timezoneId: 'UTC', serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOWDOWN });
  return { context, page };
}

/**
 * Taps the visible button named `name` (a regular expression on its text) from
 * inside the page and resolves with two times: until the screen's heading has
 * changed in the page (`work`: the program's share), and until the next frame,
 * the one that shows it, is drawn (`drawn`: the work and the wait for the display's
 * next refresh, up to 16.7 ms, which any page waits for alike).
 */
async function timedTap(page, name) {
  return page.evaluate(
    ({ source }) =>
      new Promise((resolve, reject) => {
        const re = new RegExp(source);
        const visible = (e) => e.checkVisibility();
        const heading = () => [...document.querySelectorAll('h1')].find(visible)?.textContent;
        const button = [...document.querySelectorAll('button')].find((b) => visible(b) && re.test(b.textContent.trim()));
        if (!button) return reject(new Error(`no button ${source} on "${heading()}"`));
        const before = heading();
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (heading() !== before) {
            observer.disconnect();
            const work = performance.now() - start;
            requestAnimationFrame(() => resolve({ work, drawn: performance.now() - start }));
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['hidden'] });
        button.click();
      }),
    { source: name.source },
  );
}

/** `steps` taken `JOURNEYS` times at a person's pace, each tap timed; `between` runs after each journey. */
async function journeys(page, steps, between = async () => {}) {
  const times = [];
  for (let j = 0; j < JOURNEYS; j++) {
    for (const step of steps) {
      // A person's pace: the 350 ms double-tap guard has passed.
      await page.waitForTimeout(400);
      if (typeof step === 'function') await step();
      else times.push(await timedTap(page, step));
    }
    await between();
  }
  return times;
}

async function kiosk(browser) {
  const { context, page } = await slowPage(browser);
  // The rest of the kiosk comes as Welcome comes up (scripts/split.mjs); a kiosk
  // sits at Welcome long before its first customer, so the taps start once it is
  // here, and a few seconds later (meanwhile it draws its questions once, out of
  // sight: src/kiosk/parts.rs).
  const rest = page.waitForResponse((r) => SCREENS_PART.test(r.url()), { timeout: 60_000 });
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await rest;
  await page.waitForTimeout(3000);
  const steps = [/^Check in$/, /^Skip$/, /^Something needs fixing/, /^Time/, /^Within an hour/, /^Skip$/, /^Keep it brief/, /^Skip$/, /^Confirm and check in$/, /^Finish$/];
  const times = await journeys(page, steps);
  await context.close();
  return times;
}

/** The same check-in on the floor, the vanilla page: started again after each. */
async function floor(browser) {
  const { context, page } = await slowPage(browser);
  await page.goto(floorBase + '/');
  await page.waitForTimeout(1000);
  const steps = [/^Start$/, /^Next$/, /^Repair or problem$/, /^Time$/, /^Within an hour$/, () => page.getByText('Coffee or water').click(), /^Next$/, /^Keep it brief$/, /^Review$/, /^Check in$/];
  const times = await journeys(page, steps, () => page.reload());
  await context.close();
  return times;
}

/** Presses Unlock and resolves with the time until the queue's first page is drawn. */
function timedUnlock(page) {
  return page.evaluate(
    (n) =>
      new Promise((resolve) => {
        const start = performance.now();
        const check = () => {
          // All of them, or the first page of them with "Show more" below.
          if (document.querySelectorAll('main.desk ol.rows.waiting > li').length >= n || document.querySelector('main.desk button.more')) {
            requestAnimationFrame(() => resolve(performance.now() - start));
          } else {
            requestAnimationFrame(check);
          }
        };
        [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Unlock').click();
        check();
      }),
    DESK_INTAKES,
  );
}

async function desk(browser) {
  const { context, page } = await slowPage(browser);
  // Filed as if by a kiosk of this browser, before the desk page opens.
  await page.goto(base + '/');
  await page.evaluate((n) => {
    const now = Date.now();
    const day = new Date(now).toISOString().slice(0, 10);
    for (let t = 1; t <= n; t++) {
      const intake = {
        id: `bench-${t}`, device: 'bench', created_ms: now - (n - t) * 1000, day, ticket: t, name: `Customer ${t}`,
        reason: 'repair', recovery: t % 17 === 0, wants_person: t % 23 === 0, priority: ['time', 'cost', 'both', 'quality'][t % 4],
        deadline: t % 4 === 0 ? { choice: 'within_hour', at_ms: now + 3_600_000 } : null, estimate_first: t % 4 === 1 ? true : null,
        limit: t % 4 === 1 ? { amount: 250 } : null, help: ['coffee', 'wifi'], detail: 'brief', note: t % 5 === 0 ? 'Rattle at speed' : '',
        status: 'waiting', done_help: [], status_ms: null, language: 'en',
      };
      localStorage.setItem(`lobby.intake.${intake.id}`, JSON.stringify({ schema: 2, intake }));
    }
  }, DESK_INTAKES);
  // The desk opened (the first Unlock of a page works out the PIN's slow hash),
  // then locked and unlocked again, as it is all day long.
  const opens = [];
  const again = [];
  for (let r = 0; r < DESK_OPENS; r++) {
    await page.goto(base + '/desk');
    await page.getByLabel('Desk PIN').fill('2468');
    // Staff take a few seconds over the PIN; meanwhile the page settles (the
    // browser's optimising compiler works on the wasm in the background).
    await page.waitForTimeout(3000);
    opens.push(await timedUnlock(page));
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByLabel('Desk PIN').fill('2468');
    await page.waitForTimeout(1000);
    again.push(await timedUnlock(page));
  }
  const dones = [];
  for (let i = 0; i < DESK_DONES; i++) {
    // The first waiting customer's line opens their brief beside the queue;
    // then Done, timed until that line has left the queue and the frame is drawn.
    await page.locator('main.desk ol.rows.waiting > li button.row').first().click();
    const done = page.locator('#brief-pane').getByRole('button', { name: 'Done', exact: true });
    await done.waitFor();
    await page.waitForTimeout(300);
    dones.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const row = document.querySelector('main.desk ol.rows.waiting > li');
            const done = [...document.querySelectorAll('#brief-pane button')].find((b) => b.textContent.trim() === 'Done');
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (!row.isConnected) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            observer.observe(document.querySelector('main.desk ol.rows.waiting'), { childList: true, subtree: true });
            done.click();
          }),
      ),
    );
  }
  await context.close();
  return { opens, again, dones };
}

// BENCH_DIST compares another build (say, an older commit's) under the same conditions.
const server = await serveBuild(process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname, { port });
const floorServer = FLOOR_FILE === 'none' ? null : await serveFloor({ port: floorPort });
// The first check-in after the page loaded runs each screen's code for the first
// time (the browser compiles a program's functions as they are first called); the
// others find it compiled. Both are printed: the 95th percentile of all taps is
// mostly the first customer's.
const byCheckIn = (list) => {
  const first = list.slice(0, list.length / JOURNEYS);
  const rest = list.slice(first.length);
  console.log(`  tap to the frame, the first check-in: ${figures(first, 'drawn')}`);
  if (rest.length) console.log(`  tap to the frame, the ones after it:  ${figures(rest, 'drawn')}`);
};
const figures = (list, key) => `median ${ms(quantile(list.map((t) => t[key]), 0.5))}, 95th percentile ${ms(quantile(list.map((t) => t[key]), 0.95))}, slowest ${ms(Math.max(...list.map((t) => t[key])))}`;
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const taps = await kiosk(browser);
  const floorTaps = floorServer ? await floor(browser) : null;
  const d = await desk(browser);
  await browser.close();
  console.log(`CPU slowed ${SLOWDOWN}x (Chrome DevTools protocol), release build in ${process.env.BENCH_DIST ?? 'dist/'}`);
  console.log(`kiosk: ${taps.length} taps over ${JOURNEYS} check-ins`);
  console.log(`  tap to the next question in the page: ${figures(taps, 'work')}`);
  console.log(`  tap to the frame that shows it:       ${figures(taps, 'drawn')}`);
  byCheckIn(taps);
  if (floorTaps) {
    console.log(`floor (${FLOOR_FILE}): ${floorTaps.length} taps over ${JOURNEYS} check-ins`);
    console.log(`  tap to the next question in the page: ${figures(floorTaps, 'work')}`);
    console.log(`  tap to the frame that shows it:       ${figures(floorTaps, 'drawn')}`);
    byCheckIn(floorTaps);
  }
  console.log(`desk: ${DESK_INTAKES} check-ins waiting, opened ${DESK_OPENS} times: Unlock to the queue's first page drawn: median ${ms(quantile(d.opens, 0.5))}, slowest ${ms(Math.max(...d.opens))}`);
  console.log(`desk: locked and unlocked again, ${DESK_OPENS} times: median ${ms(quantile(d.again, 0.5))}, slowest ${ms(Math.max(...d.again))}`);
  console.log(`desk: Done to queue redrawn, ${DESK_DONES} times: median ${ms(quantile(d.dones, 0.5))}, 95th percentile ${ms(quantile(d.dones, 0.95))}`);
} finally {
  server.closeAllConnections();
  server.close();
  floorServer?.close();
}
