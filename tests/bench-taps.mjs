// Benchmark, not a test: how fast a tap answers on a slow tablet, and how the desk
// copes with a full day. Against the release build in ../dist, with the CPU slowed
// 4x through the Chrome DevTools protocol:
//
//   make bench-taps                      (BENCH_JOURNEYS=20, BENCH_DESK_INTAKES=1000)
//
// Kiosk: for each tap of whole check-ins, the time from the tap to the next screen's
// question drawn (the first animation frame after it appears), median and 95th
// percentile. Desk: with 1,000 check-ins waiting (filed before the desk page opens),
// the time from Unlock to the queue's first page of 30 drawn, median of 7 openings
// (BENCH_DESK_OPENS); and from a Done to the queue redrawn without that brief.
import { chromium } from '@playwright/test';
import { serveBuild } from '../scripts/serve.mjs';
import { HASH } from '../scripts/build-facts.mjs';

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
 * Taps the button named `name` (a regular expression on its text) from inside the
 * page and resolves with the time until the screen's heading has changed and the
 * next frame is drawn.
 */
async function timedTap(page, name) {
  return page.evaluate(
    ({ source }) =>
      new Promise((resolve, reject) => {
        const re = new RegExp(source);
        const button = [...document.querySelectorAll('button')].find((b) => re.test(b.textContent.trim()));
        if (!button) return reject(new Error(`no button ${source} on "${document.querySelector('h1')?.textContent}"`));
        const before = document.querySelector('h1')?.textContent;
        const start = performance.now();
        const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
        const observer = new MutationObserver(() => {
          if (document.querySelector('h1')?.textContent !== before) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        button.click();
      }),
    { source: name.source },
  );
}

async function kiosk(browser) {
  const { context, page } = await slowPage(browser);
  // The rest of the kiosk comes as Welcome comes up (scripts/split.mjs); a kiosk
  // sits at Welcome long before its first customer, so the taps start once it is here.
  const rest = page.waitForResponse((r) => SCREENS_PART.test(r.url()), { timeout: 60_000 });
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await rest;
  await page.waitForTimeout(1000);
  const steps = [/^Check in$/, /^Skip$/, /^Something needs fixing/, /^Time/, /^Within an hour/, /^Skip$/, /^Keep it brief/, /^Skip$/, /^Confirm and check in$/, /^Finish$/];
  const times = [];
  for (let j = 0; j < JOURNEYS; j++) {
    for (const step of steps) {
      // A person's pace: the 350 ms double-tap guard has passed.
      await page.waitForTimeout(400);
      times.push(await timedTap(page, step));
    }
  }
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
          if (document.querySelectorAll('main.desk > ol.briefs > li').length >= n || document.querySelector('main.desk > button.more')) {
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
  const opens = [];
  for (let r = 0; r < DESK_OPENS; r++) {
    await page.goto(base + '/desk');
    await page.getByLabel('Desk PIN').fill('2468');
    // Staff take a few seconds over the PIN; meanwhile the page settles (the
    // browser's optimising compiler works on the wasm in the background).
    await page.waitForTimeout(3000);
    opens.push(await timedUnlock(page));
  }
  const dones = [];
  for (let i = 0; i < DESK_DONES; i++) {
    await page.waitForTimeout(300);
    dones.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const card = document.querySelector('main.desk > ol.briefs > li article.brief');
            const done = [...card.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Done');
            const start = performance.now();
            const observer = new MutationObserver(() => {
              if (!card.isConnected) {
                observer.disconnect();
                requestAnimationFrame(() => resolve(performance.now() - start));
              }
            });
            observer.observe(document.querySelector('main.desk > ol.briefs'), { childList: true, subtree: true });
            done.click();
          }),
      ),
    );
  }
  await context.close();
  return { opens, dones };
}

// BENCH_DIST compares another build (say, an older commit's) under the same conditions.
const server = await serveBuild(process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname, { port });
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const taps = await kiosk(browser);
  const d = await desk(browser);
  await browser.close();
  console.log(`CPU slowed ${SLOWDOWN}x (Chrome DevTools protocol), release build`);
  console.log(`kiosk: ${taps.length} taps over ${JOURNEYS} check-ins, tap to next question drawn: median ${ms(quantile(taps, 0.5))}, 95th percentile ${ms(quantile(taps, 0.95))}, slowest ${ms(Math.max(...taps))}`);
  console.log(`desk: ${DESK_INTAKES} check-ins waiting, opened ${DESK_OPENS} times: Unlock to the queue's first page drawn: median ${ms(quantile(d.opens, 0.5))}, slowest ${ms(Math.max(...d.opens))}`);
  console.log(`desk: Done to queue redrawn, ${DESK_DONES} times: median ${ms(quantile(d.dones, 0.5))}, 95th percentile ${ms(quantile(d.dones, 0.95))}`);
} finally {
  server.closeAllConnections();
  server.close();
}
