import { test, expect, T, OWN_PIN, expectNoAxeViolations, useOwnPin, builtConfigText, type Desk } from './pages';
import type { Page } from '@playwright/test';
import { busyDay, BUSY_NOW, BUSY_ORDER } from '../fixtures/busy-day.mjs';

// The desk at a glance: a line per customer, most urgent first; those being served
// in "With us now"; the full brief opened beside the list (or over it on a narrow
// screen); Done that can be undone, a walkout recorded, feedback that closes a
// check-in, and a broken kiosk.json that still leaves the desk its queue.

/**
 * The busy morning of tests/fixtures/busy-day.mjs, stored, the clock stopped at
 * 10:46, at a shop that has set a PIN of its own (the sample's would be said in
 * the desk's bar).
 */
async function busyDesk(page: Page, openDesk: (options?: { unlock?: boolean }) => Promise<Desk>): Promise<Desk> {
  await page.clock.pauseAt(BUSY_NOW);
  await page.goto('/');
  await page.evaluate((intakes) => {
    for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
  }, busyDay());
  await useOwnPin(page);
  const desk = await openDesk({ unlock: false });
  await desk.unlock(OWN_PIN);
  await expect(desk.page.getByTestId('sample-pin')).toHaveCount(0);
  return desk;
}

/** How many of `rows` are wholly inside the window. */
async function rowsInView(desk: Desk): Promise<number> {
  return desk.queue.evaluateAll((rows) =>
    rows.filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= 0 && b.bottom <= window.innerHeight;
    }).length,
  );
}

test.describe('at a desk PC, 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('40 checked in: deadlines at risk first, then flags, then the longest wait; eight lines at a glance, no buttons on them', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    await expect(desk.queue).toHaveCount(15);
    await desk.showAll();
    await expect(desk.queue).toHaveCount(38);
    expect(await desk.queueOrder()).toEqual(BUSY_ORDER);
    // The badge counts those waiting, not the one being served nor the one done.
    await expect(desk.page.locator('.desk-bar .count')).toHaveText('38');
    await expect(desk.withUs).toHaveCount(1);
    await expect(desk.withUs.first()).toHaveAttribute('data-ticket', '1');
    await expect(desk.withUs.first()).toContainText('Since 10:36 AM');

    await desk.page.evaluate(() => window.scrollTo(0, 0));
    expect(await rowsInView(desk)).toBeGreaterThanOrEqual(8);
    // A line says who, what matters with the deadline, the flags in words, and the wait.
    await expect(desk.row(33)).toContainText('Gabi');
    await expect(desk.row(33)).toContainText('TIME FIRST · 3 min late · leave by 10:43 AM');
    await expect(desk.row(25)).toContainText('6 min left');
    // Long times read as hours.
    await expect(desk.row(2)).toContainText('8 h 26 min left');
    await expect(desk.row(2).locator('.row-flag.recovery')).toHaveText('Came back');
    await expect(desk.row(2).locator('.row-flag svg')).toHaveCount(1);
    await expect(desk.row(7).locator('.row-flag.person')).toHaveText('Wants to talk to someone');
    await expect(desk.row(3).locator('.row-wait')).toHaveText('1 h 16 min');
    // The lines carry no note box and no buttons of their own: they are one button each.
    await expect(desk.page.locator('.lists ol.rows input, .lists ol.rows textarea')).toHaveCount(0);
    await expect(desk.page.locator('.lists ol.rows button button')).toHaveCount(0);
    await expect(desk.page.locator('#brief-pane article.brief')).toHaveCount(0);
    // axe waits on timers: let the clock run again.
    await page.clock.resume();
    await expectNoAxeViolations(desk.page, 'desk with 40 checked in');
  });

  test('a line opens the brief beside the list: a region with a heading, focus there and back', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    await desk.row(33).click();
    const brief = desk.brief(33);
    await expect(brief).toBeVisible();
    await expect(desk.row(33)).toHaveAttribute('aria-expanded', 'true');
    await expect(desk.page.getByRole('region', { name: 'Gabi' })).toBeVisible();
    await expect(brief.getByRole('heading', { level: 2, name: 'Gabi' })).toBeFocused();
    // Beside the list, not under it.
    const list = await desk.page.locator('.lists').boundingBox();
    const pane = await desk.page.locator('#brief-pane').boundingBox();
    expect(pane!.x).toBeGreaterThan(list!.x + list!.width - 1);
    await expect(brief.getByLabel('Staff note')).toBeVisible();
    await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeInViewport();
    // axe waits on timers: let the clock run again.
    await page.clock.resume();
    await expectNoAxeViolations(desk.page, 'desk with a brief open');
    // Escape closes it, and focus goes back to the line.
    await desk.page.keyboard.press('Escape');
    await expect(brief).toHaveCount(0);
    await expect(desk.row(33)).toBeFocused();
    await expect(desk.row(33)).toHaveAttribute('aria-expanded', 'false');
    // So does Close.
    await desk.row(25).click();
    await desk.closeBrief();
    await expect(desk.row(25)).toBeFocused();
  });

  test('Serving puts the customer in "With us now" at the top, served since when, the wait stopped', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    const brief = await desk.show(33);
    await brief.getByRole('button', { name: 'Start serving' }).click();
    await expect(desk.withUs).toHaveCount(2);
    await expect(desk.row(33)).toContainText('Since 10:46 AM');
    await expect(brief.getByTestId('where-now')).toHaveText('Being served since 10:46 AM · waited 16 min');
    await expect(brief).toHaveClass(/serving/);
    await expect(brief.getByRole('button', { name: 'Start serving' })).toHaveCount(0);
    // Being served, they are not a walkout.
    await expect(brief.getByRole('button', { name: 'Left without service' })).toHaveCount(0);
    await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeFocused();
    await expect(desk.page.locator('.desk-bar .count')).toHaveText('37');
    // Both with us are at the top of the page, above everyone waiting.
    const withUs = await desk.page.locator('section.with-us').boundingBox();
    expect(withUs!.y).toBeLessThan(250);
    // Their wait does not go on (four minutes: the desk locks itself after five).
    await page.clock.fastForward('04:00');
    await expect(brief.getByTestId('where-now')).toHaveText('Being served since 10:46 AM · waited 16 min');
  });

  test('Done can be undone for a few seconds, and brought back from "Done today"; a note typed is kept', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    let brief = await desk.show(25);
    await brief.getByLabel('Staff note').fill('Loaner booked for 3 PM');
    // The desk's tick (every 15 s) and a new check-in leave the note being typed alone.
    await page.clock.fastForward(16_000);
    await page.evaluate((first) => {
      const intake = { ...first, id: 'busy-41', ticket: 41, name: 'Olu', created_ms: Date.now(), status: 'waiting', served_ms: null, status_ms: null };
      localStorage.setItem(`lobby.intake.${intake.id}`, JSON.stringify({ schema: 2, intake }));
    }, busyDay()[0]);
    await expect(desk.page.locator('.desk-bar .count')).toHaveText('39');
    await expect(brief.getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');
    await expect(brief.getByLabel('Staff note')).toBeFocused();
    // Done without Save note: the note goes with it.
    await brief.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(desk.brief(25)).toHaveCount(0);
    await expect(desk.row(25)).toHaveCount(0);
    const undo = desk.page.getByTestId('undo');
    await expect(undo).toContainText('25 is done.');
    await undo.getByRole('button', { name: 'Undo' }).click();
    // Back where they were, their brief open again, the note kept.
    await expect(desk.queue.nth(1)).toHaveAttribute('data-ticket', '25');
    brief = desk.brief(25);
    await expect(brief.getByTestId('where-now')).toHaveText('Waiting 32 min');
    await expect(brief.getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');

    // Undo goes after ten seconds.
    await brief.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(undo).toContainText('25 is done.');
    await page.clock.fastForward(11_000);
    await expect(undo).toBeEmpty();
    // "Done today" brings them back on purpose.
    brief = await desk.show(25);
    await expect(brief.getByTestId('where-now')).toHaveText('Done · waited 32 min');
    await expect(brief.getByLabel('Staff note')).toHaveValue('Loaner booked for 3 PM');
    await brief.getByRole('button', { name: 'Back to waiting' }).click();
    await expect(brief.getByTestId('where-now')).toHaveText('Waiting 32 min');
    await expect(desk.queue.nth(1)).toHaveAttribute('data-ticket', '25');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('lobby.intake.busy-25')!).intake);
    expect(stored).toMatchObject({ status: 'waiting', reopened: 2, staff_note: 'Loaner booked for 3 PM' });
    expect(stored.served_ms ?? null).toBeNull();
  });

  test('a note typed and not saved is kept when the brief is closed or another opened', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    let brief = await desk.show(25);
    await brief.getByLabel('Staff note').fill('Call about the tyres');
    await desk.closeBrief();
    brief = await desk.show(25);
    await expect(brief.getByLabel('Staff note')).toHaveValue('Call about the tyres');
    await desk.row(33).click();
    await expect(desk.brief(33).getByLabel('Staff note')).toHaveValue('');
    brief = await desk.show(25);
    await expect(brief.getByLabel('Staff note')).toHaveValue('Call about the tyres');
    // Kept on this screen only, until Save: storage has no note yet.
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('lobby.intake.busy-25')!).intake.staff_note);
    expect(stored ?? '').toBe('');
  });

  test('Left without service records a walkout, in "Done today" and the figures', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    const brief = await desk.show(3);
    await brief.getByRole('button', { name: 'Left without service' }).click();
    await expect(desk.page.getByTestId('undo')).toContainText('3 left without service.');
    await expect(desk.row(3)).toHaveCount(0);
    await desk.openHistory();
    await expect(desk.history.locator('button.row[data-ticket="3"] .row-wait')).toHaveText('Left');
    const today = await desk.openToday();
    await expect(today.getByTestId('left').locator('dd')).toHaveText('1');
  });

  test('"Done today" and "Today\'s figures" show that they open', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    for (const summary of [desk.history.locator('summary'), desk.page.locator('details.today summary')]) {
      const look = await summary.evaluate((s) => {
        const own = getComputedStyle(s);
        const arrow = getComputedStyle(s, '::before');
        return { border: own.borderTopWidth, arrow: arrow.content, width: arrow.width, transform: arrow.transform };
      });
      expect(look.border).not.toBe('0px');
      expect(look.arrow).toBe('""');
      expect(look.width).not.toBe('0px');
      // The arrow turns when open (a short transition: waited on, not read at once,
      // which raced it on a busy machine).
      await summary.click();
      await expect
        .poll(() => summary.evaluate((s) => getComputedStyle(s, '::before').transform))
        .not.toBe(look.transform);
    }
  });
});

test.describe('on a landscape tablet, 1024×768', () => {
  test.use({ viewport: { width: 1024, height: 768 } });

  test('two panes: the brief beside the list, seven lines in view', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    expect(await rowsInView(desk)).toBeGreaterThanOrEqual(7);
    const brief = await desk.show(33);
    const list = await desk.page.locator('.lists').boundingBox();
    const pane = await brief.boundingBox();
    expect(pane!.x).toBeGreaterThan(list!.x + list!.width - 1);
    await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeInViewport();
  });
});

test.describe('on a portrait tablet, 768×1024', () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  test('the brief opens over the list, its buttons in view, and closes back to the line', async ({ page, openDesk }) => {
    const desk = await busyDesk(page, openDesk);
    expect(await rowsInView(desk)).toBeGreaterThanOrEqual(8);
    await desk.row(39).click();
    const brief = desk.brief(39);
    await expect(brief.getByRole('heading', { level: 2, name: 'Mei' })).toBeFocused();
    const pane = await desk.page.locator('#brief-pane').boundingBox();
    expect(pane).toMatchObject({ x: 0, y: 0, width: 768, height: 1024 });
    await expect(brief.getByRole('button', { name: 'Done', exact: true })).toBeInViewport();
    await expect(brief.getByRole('button', { name: 'Close' })).toBeInViewport();
    await desk.closeBrief();
    await expect(desk.row(39)).toBeFocused();
  });
});

test('feedback on the way out closes a check-in still waiting, and the brief says so', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn(T.reasons.service, 'Ana');
  await kiosk.finish();
  const desk = await openDesk();
  await expect(desk.row(ticket)).toBeVisible();

  await kiosk.page.bringToFront();
  await kiosk.leave();
  await kiosk.enterTicket(ticket);
  await kiosk.rate('Met what I expected', true);
  await kiosk.addComment();

  await desk.page.bringToFront();
  await expect(desk.queue).toHaveCount(0);
  const brief = await desk.show(ticket);
  await expect(brief.getByTestId('where-now')).toHaveText('Done: closed when they gave feedback on the way out');
  await expect(brief.getByTestId('feedback')).toContainText('Met expectations');
});

test('"Nothing extra, thanks" reads as words on the brief, not as an item to tick', async ({ kiosk, openDesk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.enterName('Ana');
  await kiosk.choose(T.reasons.service);
  await kiosk.choose('Neither');
  await kiosk.chooseHelp('Nothing extra, thanks');
  await kiosk.choose('Keep it brief');
  await kiosk.enterNote();
  const ticket = await kiosk.confirm();
  const desk = await openDesk();
  const brief = await desk.show(ticket);
  await expect(brief.getByRole('checkbox')).toHaveCount(0);
  await expect(brief.getByRole('heading', { name: 'To offer' })).toHaveCount(0);
  await expect(brief.locator('.approach')).toContainText('Asked for nothing extra: nothing to offer.');
});

test('a broken kiosk.json leaves the desk its queue and export, under a banner naming the file as served', async ({ kiosk, openDesk, context }) => {
  await kiosk.open();
  const ticket = await kiosk.quickCheckIn(T.reasons.service, 'Ana');
  await kiosk.finish();
  // Then someone edits the file and leaves a trailing comma.
  await context.route('**/kiosk.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: builtConfigText().replace(/"currency": "\$",/, '"currency": "$",,') }),
  );
  const desk = await openDesk();
  await expect(desk.row(ticket)).toBeVisible();
  const banner = desk.page.getByTestId('config-fault');
  const origin = new URL(desk.page.url()).origin;
  await expect(banner).toContainText(`kiosk.json, served at ${origin}/kiosk.json, cannot be used`);
  await expect(banner).toContainText(/kiosk\.json is not valid JSON: .+, at line \d+, column \d+\./);
  await expect(banner).not.toContainText('public/kiosk.json');
  await expect(banner).not.toContainText('?:');
  expect((await desk.exportToday()).suggestedFilename()).toMatch(/^lobby-\d{4}-\d{2}-\d{2}\.csv$/);
});
