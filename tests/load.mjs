// Load benchmark: many kiosks filing at once against the shop's server, with
// desks open. Prints, for each desk, the median, 95th percentile and slowest
// time from a kiosk's Confirm (its check-in sent) to the check-in on that
// desk's screen; the server's CPU and memory (the shop's server and its
// database, each); and every error. Figures, not pass or fail.
//
//   make bench-load                         50 kiosks, one check-in a second each, for 2 minutes, 3 desks
//   LOAD_KIOSKS=20 LOAD_SECONDS=30 make bench-load
//
// The shop's server runs as `make run` runs it (node scripts/shop.mjs, its
// pouchdb-server started by it) on a fresh data folder of its own, on
// 127.0.0.1:LOAD_PORT (8084). The desks are the release build's desk in
// Chromium, each paired as a shop pairs one. The kiosks are HTTP clients doing
// what a paired kiosk's sync does: a check-in PUT into its inbox, which the
// server moves into the shop's database, which each desk reads from its feed.
// Pairing gives a kiosk one of 26 ticket letters, so the kiosks file under 26
// accounts at most: two tablets of 50 share each letter's account (and count
// its tickets together), which the database treats alike.
//
// "On the desk's screen" is the next animation frame after the desk keeps the
// check-in in its storage, from which the queue is drawn in the same turn: a
// hook on the desk's localStorage writes records that moment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium } from '@playwright/test';
import { intFromEnv } from './bench-env.mjs';
import { checkInDoc, ownerApi, pairKioskAccount, processTree, startShop, usage } from './bench-shop.mjs';

const ROOT = resolve(new URL('.', import.meta.url).pathname, '..');

const KIOSKS = intFromEnv('LOAD_KIOSKS', 50, 1, 260);
const SECONDS = intFromEnv('LOAD_SECONDS', 120, 5, 3600);
const DESKS = intFromEnv('LOAD_DESKS', 3, 1, 10);
const PORT = intFromEnv('LOAD_PORT', 8084, 1024, 65535);
const dist = resolve(process.env.LOAD_DIST ?? join(ROOT, 'dist'));
const DESK_PIN = '2468'; // the sample configuration's
/** How long the desks may take to show the last check-ins once filing stops. */
const DRAIN_MS = 120_000;

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
const errors = [];

const data = mkdtempSync(join(tmpdir(), 'lobby-load-'));
let shop;

async function openDesk(browser, n) {
  const { link } = await ownerApi(shop, 'POST', 'pairings', { role: 'desk' });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, serviceWorkers: 'block', locale: 'en-US' });
  // The moment each check-in is first kept here, and the frame after it.
  await context.addInitScript(() => {
    window.__arrivals = {};
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      set.call(this, key, value);
      if (this === window.localStorage && key.startsWith('lobby.intake.')) {
        const id = key.slice('lobby.intake.'.length);
        if (!(id in window.__arrivals)) {
          window.__arrivals[id] = null;
          requestAnimationFrame(() => (window.__arrivals[id] = performance.timeOrigin + performance.now()));
        }
      }
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`desk ${n}: ${e.message}`));
  page.on('crash', () => errors.push(`desk ${n}: the page crashed`));
  await page.goto(link);
  await page.getByRole('button', { name: 'Open the desk' }).click();
  await page.getByLabel('Desk PIN').fill(DESK_PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('heading', { level: 1, name: 'Waiting now' }).waitFor({ timeout: 60_000 });
  await page.getByTestId('sync').getByText('Shared queue connected').waitFor({ timeout: 60_000 });
  return { context, page };
}

// --- the kiosks --------------------------------------------------------------------------

/** One check-in, as a kiosk's sync sends it: a document PUT into the kiosk's inbox. */
async function file(account, device, sent) {
  account.ticket += 1;
  const label = `${account.letter}-${account.ticket}`;
  const id = `${device}-${randomBytes(8).toString('hex')}`;
  const doc = checkInDoc({ id, device, now: Date.now(), ticket: account.ticket, letter: account.letter, name: `Guest ${account.ticket}` });
  const at = performance.timeOrigin + performance.now();
  try {
    const res = await fetch(`${shop.base}/db/${account.db}/${encodeURIComponent(id)}`, {
      method: 'PUT',
      headers: { Authorization: account.auth, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(doc),
      signal: AbortSignal.timeout(20_000),
    });
    const took = performance.timeOrigin + performance.now() - at;
    if (res.status !== 201 && res.status !== 202) errors.push(`${label}: PUT answered ${res.status} ${await res.text()}`);
    else sent.set(id, { at, took });
  } catch (e) {
    errors.push(`${label}: PUT failed: ${e.message}`);
  }
}

// --- figures ----------------------------------------------------------------------------------

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes) => `${(bytes / 1048576).toFixed(0)} MiB`;

function spread(label, values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return `${label}: none`;
  return `${label}: median ${seconds(percentile(sorted, 50))}, 95th percentile ${seconds(percentile(sorted, 95))}, slowest ${seconds(sorted.at(-1))} (${sorted.length})`;
}

async function main() {
  shop = await startShop({ dist, data, port: PORT, errors });
  const accounts = [];
  for (let i = 0; i < Math.min(KIOSKS, 26); i++) accounts.push({ ...(await pairKioskAccount(shop)), ticket: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const desks = [];
  try {
    for (let n = 1; n <= DESKS; n++) desks.push(await openDesk(browser, n));
    console.log(`load: ${KIOSKS} kiosks (under ${accounts.length} accounts), one check-in a second each for ${SECONDS} s; ${DESKS} desks open; the shop's server at ${shop.base}`);

    const sent = new Map();
    const samples = [];
    const sample = () => {
      const at = Date.now();
      samples.push({ at, processes: processTree(shop.pid).map(usage).filter(Boolean) });
    };
    sample();
    const sampler = setInterval(sample, 1000);
    const started = Date.now();
    const kiosks = Array.from({ length: KIOSKS }, async (_, k) => {
      const account = accounts[k % accounts.length];
      const device = `load${k}`;
      // Spread over the second, so they do not all confirm at the same instant.
      await sleep((1000 * k) / KIOSKS);
      for (let n = 0; n < SECONDS; n++) {
        const due = started + (1000 * k) / KIOSKS + n * 1000;
        await sleep(Math.max(0, due - Date.now()));
        file(account, device, sent); // not awaited: a slow answer does not hold the next check-in back
      }
    });
    await Promise.all(kiosks);
    const filingEnded = Date.now();
    // The last answers, then the desks catch up.
    for (const until = Date.now() + 30_000; sent.size + errors.filter((e) => /PUT/.test(e)).length < KIOSKS * SECONDS && Date.now() < until; ) await sleep(250);
    const ids = [...sent.keys()];
    const onDesk = [];
    for (const desk of desks) {
      let arrivals = {};
      for (const until = Date.now() + DRAIN_MS; Date.now() < until; ) {
        arrivals = await desk.page.evaluate(() => window.__arrivals);
        if (ids.every((id) => typeof arrivals[id] === 'number')) break;
        await sleep(1000);
      }
      onDesk.push(arrivals);
    }
    clearInterval(sampler);
    sample();

    console.log('');
    console.log(spread("Confirm to the server's answer (the kiosk's PUT)", [...sent.values()].map((s) => s.took)));
    const all = [];
    desks.forEach((_, d) => {
      const times = ids.filter((id) => typeof onDesk[d][id] === 'number').map((id) => onDesk[d][id] - sent.get(id).at);
      const missing = ids.length - times.length;
      if (missing) errors.push(`desk ${d + 1}: ${missing} of ${ids.length} check-ins never shown within ${DRAIN_MS / 1000} s of the end`);
      all.push(...times);
      console.log(spread(`Confirm to the card on desk ${d + 1}`, times));
    });
    console.log(spread('Confirm to the card, every desk', all));
    // Whether it holds as the day fills: the first and the last quarter of the check-ins.
    const byTime = ids.map((id) => [sent.get(id).at, id]).sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    const quarter = Math.floor(byTime.length / 4);
    for (const [label, part] of [['the first quarter', byTime.slice(0, quarter)], ['the last quarter', byTime.slice(-quarter)]]) {
      const times = part.flatMap((id) => onDesk.filter((a) => typeof a[id] === 'number').map((a) => a[id] - sent.get(id).at));
      console.log(spread(`Confirm to the card, every desk, ${label}`, times));
    }
    console.log(`filed: ${sent.size} of ${KIOSKS * SECONDS} in ${((filingEnded - started) / 1000).toFixed(0)} s`);

    // The server's CPU (a share of one core) and memory, each process.
    const names = [...new Set(samples.flatMap((s) => s.processes.map((p) => p.name)))];
    for (const name of names) {
      const series = samples.map((s) => ({ at: s.at, ...(s.processes.find((p) => p.name === name) ?? {}) })).filter((s) => s.cpu !== undefined);
      const rates = series.slice(1).map((s, i) => (s.cpu - series[i].cpu) / ((s.at - series[i].at) / 1000));
      const during = rates.slice(0, Math.max(1, Math.round((filingEnded - started) / 1000)));
      const avg = during.reduce((a, b) => a + b, 0) / Math.max(1, during.length);
      console.log(
        `${name}: CPU ${(avg * 100).toFixed(0)}% of a core on average while filing, ${(Math.max(...rates) * 100).toFixed(0)}% at most; memory ${mib(series[0].rss)} before, ${mib(Math.max(...series.map((s) => s.rss)))} at most, ${mib(series.at(-1).rss)} after`,
      );
    }
  } finally {
    await browser.close();
  }
}

let failed = false;
try {
  await main();
} catch (e) {
  failed = true;
  console.error(`load: ${e.message}`);
} finally {
  await shop?.stop();
  rmSync(data, { recursive: true, force: true });
}
console.log(`errors: ${errors.length}`);
for (const e of errors.slice(0, 50)) console.log(`  ${e}`);
if (errors.length > 50) console.log(`  … and ${errors.length - 50} more`);
process.exit(failed ? 1 : 0);
