// Takes the README's screenshots from the release build in ../dist, at tablet size,
// landscape and portrait: `make screenshots`. A fixed clock makes them repeatable.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { serveBuild } from '../scripts/serve.mjs';
import { busyDay, BUSY_NOW } from './fixtures/busy-day.mjs';
import { OWN_PIN, keepOwnPin } from './fixtures/own-pin.mjs';
import { NOW as WEEKS_NOW, fourWeeks } from './fixtures/four-weeks.mjs';

const port = 8093;
const base = `http://127.0.0.1:${port}`;
const out = new URL('../docs/screenshots/', import.meta.url).pathname;

async function shoot(browser, [width, height], tag) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-22T09:30:00Z') });
  const settle = () => page.waitForTimeout(450);
  const snap = async (name) => { await settle(); await page.screenshot({ path: `${out}${name}-${tag}.png` }); };
  const tap = async (name) => { await page.getByRole('button', { name }).first().click(); await settle(); };

  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Check in' }).waitFor();
  await snap('kiosk-welcome');
  // Earlier customers, so the desk has a queue.
  for (const [reason, priority, extra] of [[/came back/, /^Time/, /Within an hour/], [/Tires/, /^Cost/, null]]) {
    await tap('Check in'); await tap('Skip'); await tap(reason); await tap(priority);
    if (extra) await tap(extra); else { await tap(/Yes, estimate first/); await tap('$500'); }
    await tap('Skip'); await tap(/Keep it brief/); await tap('Skip'); await tap('Confirm and check in'); await tap('Finish');
  }
  await page.clock.fastForward('04:00');
  await tap('Check in');
  await page.getByLabel('First name').fill('Maria');
  await tap('Continue');
  await tap(/Something needs fixing/);
  await snap('kiosk-priority');
  await tap(/^Both/);
  await tap(/At a time I choose/);
  await page.getByLabel('I need to leave by').fill('12:30');
  await tap('Continue');
  await tap(/Yes, estimate first/);
  await tap('$250');
  await tap(/Coffee or water/); await tap(/Wi-Fi/);
  await snap('kiosk-help');
  await tap('Continue');
  await tap(/Walk me through it/);
  await page.getByLabel('Your note').fill('Brakes squeal when cold. School pickup at 1.');
  await tap('Continue');
  await snap('kiosk-review');
  await tap('Confirm and check in');
  await snap('kiosk-done');
  await tap('Finish');
  // The first customer, on the way out, unhappy: a follow-up for the desk.
  await page.clock.fastForward('03:00');
  await tap('Leaving? Tell us how we did');
  await tap(/^1$/);
  await snap('kiosk-leaving-ticket');
  await tap('Continue');
  await snap('kiosk-leaving-expectations');
  await tap(/Below what I expected/);
  await snap('kiosk-leaving-respected');
  await tap(/^No/);
  await page.getByLabel('Your comment').fill('Waited longer than I was told.');
  await snap('kiosk-leaving-comment');
  await tap('Continue');
  await tap('Finish');
  // A shop in use has a PIN of its own.
  await page.evaluate(keepOwnPin, OWN_PIN);
  await page.goto(base + '/desk');
  await page.getByLabel('Desk PIN').fill(OWN_PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('button.row').first().waitFor();
  // Maria's brief, open beside the queue (over it, in portrait).
  await page.locator('button.row[data-ticket="3"]').click();
  await page.locator('#brief-pane article.brief').waitFor();
  await snap('desk');
  await page.keyboard.press('Escape');
  await page.locator('details.today summary').click();
  await page.locator('.today-view').scrollIntoViewIfNeeded();
  await snap('desk-today');
  await context.close();
}

/** The kiosk in Spanish and in Arabic (right to left), on the question that matters most. */
async function shootLanguages(browser, [width, height], tag) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-22T09:30:00Z') });
  const settle = () => page.waitForTimeout(450);
  await page.goto(base + '/');
  await page.locator('.welcome .primary').waitFor();
  for (const [name, code] of [['Español', 'es'], ['العربية', 'ar']]) {
    await page.locator('.access-bar').getByRole('button', { name, exact: true }).click();
    await settle();
    if (code === 'es') {
      await page.locator('.welcome .primary').click(); await settle();
      await page.locator('.answers .primary').click(); await settle();
      await page.locator('.choice').nth(1).click(); await settle();
    }
    await page.screenshot({ path: `${out}kiosk-priority-${code}-${tag}.png` });
  }
  await context.close();
}

/**
 * The words of each language where code joins them: the Review in Spanish (US
 * Spanish, the 12-hour clock, a list of help) and the way out in Arabic (the
 * polite plural, a ticket typed in Arabic digits), at both tablet sizes.
 */
async function shootWords(browser, [width, height], tag) {
  const words = (lang) => JSON.parse(readFileSync(new URL(`../locales/${lang}.json`, import.meta.url), 'utf8'));
  const [es, ar] = [words('es'), words('ar')];
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-22T12:40:00Z') });
  const settle = () => page.waitForTimeout(450);
  const starts = (label) => new RegExp(`^(✓ )?${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
  const tap = async (label) => { await page.getByRole('button', { name: starts(label) }).first().click(); await settle(); };
  const language = async (name) => { await page.locator('.access-bar').getByRole('button', { name, exact: true }).click(); await settle(); };
  await page.goto(base + '/');
  await page.locator('.welcome .primary').waitFor();
  await language('Español');
  await tap(es['welcome.check_in']);
  await page.locator('#answer').fill('Lucía'); await tap(es['kiosk.continue']);
  await tap('Algo necesita reparación'); await tap(es['priority.both']);
  await tap(es['deadline.within_hour']); await tap(es['estimate.yes']); await tap('$500');
  await tap(es['help.coffee']); await tap(es['help.wifi']); await tap(es['kiosk.continue']);
  await tap(es['detail.walk_through']);
  await page.locator('#answer').fill('Hace un ruido al frenar'); await tap(es['kiosk.continue']);
  await page.screenshot({ path: `${out}kiosk-review-es-${tag}.png` });
  await tap(es['review.confirm']);
  await tap(es['done.finish']);
  await language('العربية');
  await tap(ar['welcome.leaving']);
  await page.locator('#ticket').fill('١');
  await settle();
  await page.screenshot({ path: `${out}kiosk-leaving-ar-${tag}.png` });
  await tap(ar['kiosk.continue']); await tap(ar['leaving.expectations_met']);
  await page.screenshot({ path: `${out}kiosk-leaving-respected-ar-${tag}.png` });
  await context.close();
}

/** The desk on a busy morning (tests/fixtures/busy-day.mjs): 38 waiting, one with us. */
async function shootBusyDesk(browser, [width, height], tag, open) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(BUSY_NOW) });
  await page.clock.pauseAt(BUSY_NOW);
  await page.goto(base + '/');
  await page.evaluate((intakes) => {
    for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
  }, busyDay());
  await page.evaluate(keepOwnPin, OWN_PIN);
  await page.goto(base + '/desk');
  await page.getByLabel('Desk PIN').fill(OWN_PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.locator('button.row').first().waitFor();
  if (open) {
    await page.locator(`button.row[data-ticket="${open}"]`).click();
    await page.locator('#brief-pane article.brief').waitFor();
  }
  await page.screenshot({ path: `${out}desk-busy-${tag}.png` });
  await context.close();
}

/** The lobby board on a TV (1920x1080) on the same busy morning, tickets only. */
async function shootBoard(browser, [width, height], tag) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(BUSY_NOW) });
  await page.goto(base + '/');
  await page.evaluate((intakes) => {
    for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
  }, busyDay());
  await page.goto(base + '/board');
  await page.locator('.board-ticket').first().waitFor();
  await page.screenshot({ path: `${out}board-${tag}.png` });
  await context.close();
}

/** The desk's Settings on a PC: the form, and its preview before saving. */
async function shootSettings(browser, [width, height], tag) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date('2026-11-22T09:30:00Z') });
  const settle = () => page.waitForTimeout(450);
  await page.goto(base + '/');
  await page.evaluate(keepOwnPin, OWN_PIN);
  await page.goto(base + '/desk');
  await page.getByLabel('Desk PIN').fill(OWN_PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.keyboard.type("Your car's plate");
  await page.locator('#settings-questions').scrollIntoViewIfNeeded();
  await settle();
  await page.screenshot({ path: `${out}desk-settings-${tag}.png` });
  await page.getByRole('button', { name: 'Preview and save' }).click();
  await settle();
  await page.screenshot({ path: `${out}desk-settings-preview-${tag}.png` });
  await context.close();
}

/** The desk's Figures over the last 30 days: four known weeks in New York. */
async function shootFigures(browser, [width, height], tag) {
  const context = await browser.newContext({ viewport: { width, height }, timezoneId: 'America/New_York' });
  const page = await context.newPage();
  await page.clock.install({ time: new Date(WEEKS_NOW) });
  await page.clock.pauseAt(WEEKS_NOW);
  await page.goto(base + '/kiosk.json');
  const { intakes, feedback } = fourWeeks();
  await page.evaluate(({ intakes, feedback }) => {
    for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
    for (const f of feedback) localStorage.setItem(`lobby.feedback.${f.id}`, JSON.stringify({ schema: 1, feedback: f }));
  }, { intakes, feedback });
  await page.evaluate(keepOwnPin, OWN_PIN);
  await page.goto(base + '/desk');
  await page.getByLabel('Desk PIN').fill(OWN_PIN);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Figures', exact: true }).click();
  await page.getByRole('button', { name: 'Last 30 days' }).click();
  await page.getByTestId('arrivals').locator('dd').filter({ hasText: '68' }).waitFor();
  await page.screenshot({ path: `${out}desk-figures-${tag}.png`, fullPage: true });
  await context.close();
}

const server = await serveBuild(new URL('../dist', import.meta.url).pathname, { port });
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await shoot(browser, [1024, 768], 'landscape');
  await shoot(browser, [768, 1024], 'portrait');
  await shootLanguages(browser, [1024, 768], 'landscape');
  await shootWords(browser, [1024, 768], 'landscape');
  await shootWords(browser, [768, 1024], 'portrait');
  await shootBusyDesk(browser, [1366, 768], 'pc', 25);
  await shootBusyDesk(browser, [1024, 768], 'landscape', 39);
  await shootBusyDesk(browser, [768, 1024], 'portrait', null);
  await shootSettings(browser, [1366, 768], 'pc');
  await shootBoard(browser, [1920, 1080], 'tv');
  await shootFigures(browser, [1366, 768], 'pc');
  await shootFigures(browser, [768, 1024], 'portrait');
  await browser.close();
  console.log(`screenshots written to ${out}`);
} finally {
  server.closeAllConnections();
  server.close();
}
