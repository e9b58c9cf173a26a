// Benchmark, not a test: Lighthouse on the kiosk page of the release build in ../dist,
// served like `make run` (scripts/serve.mjs: files precompressed with Brotli), and in
// the same run on the floor: the hand-written vanilla page of the same check-in
// (BENCH_FLOOR, default ../shared/bench/floor.html beside the project), served as a
// folder of its own, compressed with Brotli too:
//
//   make bench-lighthouse                (LH_RUNS=3, LH_PORT=8097, LH_DIST=../dist)
//
// Lighthouse's default profile, a mobile phone: simulated slow 4G and the CPU slowed
// 4x. Categories performance and accessibility, LH_RUNS runs of each page, the two
// taking turns, in a fresh headless Chromium each (CHROME_PATH, default
// /usr/bin/chromium); one line per run, then the medians side by side with the
// ratios the kiosk is held to (largest paint within 1.5x of the floor's, time to
// interactive within 2x), the accessibility audits that did not pass, the
// performance audits that did not pass in the kiosk's median run, and any audit
// that could not run. BENCH_FLOOR=none measures the kiosk alone.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { accessSync, constants, existsSync } from 'node:fs';
import { FLOOR_FILE, serveFloor } from './bench-env.mjs';
import { fileURLToPath } from 'node:url';
import { serveBuild } from '../scripts/serve.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
// LH_DIST compares another build (say, an older commit's) on the same machine.
const dist = process.env.LH_DIST ?? here('../dist');

function fail(message) {
  console.error(`bench-lighthouse: ${message}`);
  process.exit(1);
}

const intFromEnv = (name, fallback, min) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < min) fail(`${name} must be a whole number of at least ${min}`);
  return n;
};
const RUNS = intFromEnv('LH_RUNS', 3, 1);
const port = intFromEnv('LH_PORT', 8097, 1);
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const host = '127.0.0.1';
const base = `http://${host}:${port}`;
const floorPort = intFromEnv('LH_FLOOR_PORT', 8085, 1);
const floorBase = `http://${host}:${floorPort}`;
const floorFile = FLOOR_FILE;
const withFloor = floorFile !== 'none';
// The kiosk's aims against the floor (issue 22): largest paint, time to interactive.
const AIMS = { 'largest contentful paint': 1.5, 'time to interactive': 2 };
const CATEGORIES = ['performance', 'accessibility'];
// Chromium will not start as root without --no-sandbox; the others keep it off the
// network and quiet.
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

try {
  accessSync(chromePath, constants.X_OK);
} catch {
  fail(`no Chromium at ${chromePath}: install Debian's chromium (make setup), or set CHROME_PATH`);
}
if (!existsSync(`${dist}/index.html`) || !existsSync(`${dist}/kiosk.json`)) {
  fail('no release build in dist/: run make build first');
}

let server = null;
let floorServer = null;
let chrome = null;

function stopAll() {
  if (chrome) {
    try { chrome.kill(); } catch {}
    chrome = null;
  }
  for (const running of [server, floorServer]) {
    if (!running) continue;
    running.closeAllConnections();
    running.close();
  }
  server = floorServer = null;
}

async function startServer() {
  try {
    server = await serveBuild(dist, { host, port });
  } catch (e) {
    fail(`${e.message}${e.message.includes('in use') ? ' (set LH_PORT)' : ''}`);
  }
}

/** How the responses from our server were encoded, as Chromium received them. */
function encodings(devtoolsLog) {
  const counts = {};
  for (const entry of devtoolsLog ?? []) {
    if (entry.method !== 'Network.responseReceived') continue;
    const { url, headers = {} } = entry.params.response;
    if (!url.startsWith(base) && !url.startsWith(floorBase)) continue;
    const found = Object.entries(headers).find(([name]) => name.toLowerCase() === 'content-encoding');
    const encoding = found ? found[1] : 'none';
    counts[encoding] = (counts[encoding] ?? 0) + 1;
  }
  return Object.entries(counts).map(([encoding, n]) => `${encoding} ${n}`).join(', ');
}

async function runOnce(url) {
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
    if (!result?.lhr) throw new Error('Lighthouse returned no result');
    return { lhr: result.lhr, encodings: encodings(result.artifacts?.DevtoolsLog) };
  } finally {
    chrome.kill();
    chrome = null;
  }
}

const FIGURES = [
  ['performance score', (lhr) => Math.round(lhr.categories.performance.score * 100), ''],
  ['accessibility score', (lhr) => Math.round(lhr.categories.accessibility.score * 100), ''],
  ['time to interactive', (lhr) => lhr.audits.interactive.numericValue, 'ms'],
  ['total blocking time', (lhr) => lhr.audits['total-blocking-time'].numericValue, 'ms'],
  ['first contentful paint', (lhr) => lhr.audits['first-contentful-paint'].numericValue, 'ms'],
  ['largest contentful paint', (lhr) => lhr.audits['largest-contentful-paint'].numericValue, 'ms'],
  ['total transfer size', (lhr) => lhr.audits['total-byte-weight'].numericValue, 'bytes'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const show = (value, unit) => `${Math.round(value).toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;

function checkRunWarnings(lhr, run) {
  if (lhr.runtimeError) throw new Error(`run ${run}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  for (const warning of lhr.runWarnings ?? []) console.log(`  run ${run} warning: ${warning}`);
  for (const category of CATEGORIES) {
    if (typeof lhr.categories[category]?.score !== 'number') throw new Error(`run ${run}: no ${category} score`);
  }
}

/** The audits of a category that scored below `passing`, with the elements or resources they name. */
function notPassed(lhr, category, passing) {
  return lhr.categories[category].auditRefs
    .filter((ref) => ref.group !== 'metrics')
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit && typeof audit.score === 'number' && audit.score < passing);
}

function describeItems(audit, limit) {
  const items = audit.details?.items ?? [];
  return items.slice(0, limit).map((item) => {
    if (item.node) return `${item.node.selector ?? ''}${item.node.snippet ? `  ${item.node.snippet}` : ''}`.trim();
    if (item.url) return item.url.replace(base, '');
    return null;
  }).filter(Boolean);
}

function savings(audit) {
  const parts = [];
  for (const [metric, value] of Object.entries(audit.metricSavings ?? {})) {
    if (value > 0) parts.push(`${metric} ${show(value, 'ms')}`);
  }
  const bytes = audit.details?.overallSavingsBytes;
  if (bytes > 0) parts.push(`${show(bytes, 'bytes')}`);
  return parts.join(', ');
}

try {
  await startServer();
  if (withFloor) {
    try {
      floorServer = await serveFloor({ host, port: floorPort });
    } catch (e) {
      fail(`${e.message}${e.message.includes('in use') ? ' (set LH_FLOOR_PORT)' : ''}`);
    }
  }
  const pages = [['kiosk', `${base}/`], ...(withFloor ? [['floor', `${floorBase}/`]] : [])];
  const results = { kiosk: [], floor: [] };
  for (let run = 1; run <= RUNS; run++) {
    // Taking turns, so that the machine's changing speed falls on both alike.
    for (const [name, url] of run % 2 ? pages : [...pages].reverse()) {
      const { lhr, encodings: seen } = await runOnce(url);
      checkRunWarnings(lhr, run);
      if (run === 1 && name === 'kiosk') {
        const s = lhr.configSettings;
        console.log(`Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0] ?? 'Chromium'}, ${s.formFactor} profile: ` +
          `${s.throttlingMethod} throttling, RTT ${s.throttling.rttMs} ms, ${show(s.throttling.throughputKbps, 'kbit/s')}, CPU slowed ${s.throttling.cpuSlowdownMultiplier}x`);
        console.log(`${base}/ served by serve.mjs from ${dist}; response encodings Chromium received: ${seen}`);
        if (withFloor) console.log(`${floorBase}/ the floor, ${floorFile}`);
      }
      results[name].push(lhr);
      console.log(`run ${run}/${RUNS} ${name.padEnd(5)}: ` + FIGURES.map(([figure, get, unit]) => `${figure} ${show(get(lhr), unit)}`).join(', '));
    }
  }

  console.log(`\nMedians of ${RUNS} run${RUNS === 1 ? '' : 's'}${withFloor ? ' each, the kiosk against the floor' : ''}:\n`);
  const header = withFloor ? ['what', 'kiosk', 'floor', 'ratio', 'aim'] : ['what', 'kiosk'];
  const rows = FIGURES.map(([figure, get, unit]) => {
    const kiosk = median(results.kiosk.map(get));
    if (!withFloor) return [figure, show(kiosk, unit)];
    const floor = median(results.floor.map(get));
    const ratio = unit === 'ms' && floor > 0 ? (kiosk / floor).toFixed(2) : '';
    const aim = AIMS[figure] && ratio !== '' ? `${AIMS[figure]}x: ${Number(ratio) <= AIMS[figure] ? 'met' : 'not met'}` : '';
    return [figure, show(kiosk, unit), show(floor, unit), ratio, aim];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => '-'.repeat(w + 1) + (i === 0 ? '-' : ':')).join('|')}|`);
  for (const row of rows) console.log(line(row));

  // Any run's failure is listed once, with the runs it failed in.
  const failedA11y = new Map();
  results.kiosk.forEach((lhr, i) => {
    for (const audit of notPassed(lhr, 'accessibility', 1)) {
      const entry = failedA11y.get(audit.id) ?? { audit, runs: [] };
      entry.runs.push(i + 1);
      failedA11y.set(audit.id, entry);
    }
  });
  if (failedA11y.size === 0) {
    console.log('\nAccessibility: every audit passed in every run.');
  } else {
    console.log('\nAccessibility audits that did not pass:');
    for (const { audit, runs } of failedA11y.values()) {
      console.log(`  ${audit.id}: ${audit.title} (runs ${runs.join(', ')})`);
      for (const line of describeItems(audit, 5)) console.log(`      ${line}`);
    }
  }

  const byScore = results.kiosk.map((lhr, i) => [lhr.categories.performance.score, i]).sort((a, b) => a[0] - b[0]);
  const medianRun = byScore[Math.floor((byScore.length - 1) / 2)][1];
  // Largest estimated time saved first, then bytes saved.
  const savedMs = (audit) => Math.max(0, ...Object.values(audit.metricSavings ?? {}).filter((v) => typeof v === 'number'));
  const savedBytes = (audit) => audit.details?.overallSavingsBytes ?? 0;
  const perf = notPassed(results.kiosk[medianRun], 'performance', 0.9)
    .sort((a, b) => savedMs(b) - savedMs(a) || savedBytes(b) - savedBytes(a));
  if (perf.length === 0) {
    console.log(`\nPerformance: no audit below 90 in run ${medianRun + 1} (the median run).`);
  } else {
    console.log(`\nPerformance audits below 90 in run ${medianRun + 1} (the median run), with estimated savings:`);
    for (const audit of perf) {
      const saved = savings(audit);
      const value = audit.displayValue ? ` (${audit.displayValue})` : '';
      console.log(`  ${audit.id}: ${audit.title}${value}${saved ? `: saves ${saved}` : ''}`);
      for (const line of describeItems(audit, 3)) console.log(`      ${line}`);
    }
  }

  // An audit that crashed has no score; the category scores are still valid when
  // it carries no weight.
  const errored = CATEGORIES.flatMap((category) => results.kiosk[medianRun].categories[category].auditRefs
    .filter((ref) => results.kiosk[medianRun].audits[ref.id]?.scoreDisplayMode === 'error')
    .map((ref) => ({ ref, audit: results.kiosk[medianRun].audits[ref.id] })));
  if (errored.length) {
    console.log(`\nAudits that could not run in run ${medianRun + 1}:`);
    for (const { ref, audit } of errored) console.log(`  ${audit.id} (weight ${ref.weight}): ${audit.errorMessage}`);
  }
} catch (error) {
  console.error(`bench-lighthouse: ${error.message}`);
  process.exitCode = 1;
} finally {
  stopAll();
}
