import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, type Desk } from './pages';
import { HOUR, NOW, dayRecords, fourWeeks } from '../fixtures/four-weeks.mjs';

// Weeks of figures on the desk, from four known weeks of stored check-ins and
// feedback (tests/fixtures/four-weeks.mjs, the same weeks as the native test in
// src/domain/history/tests.rs), in New York, where summer time ends within them:
// the browser's own zone places each day's arrivals on its local clock.
test.use({ timezoneId: 'America/New_York' });

type Rec = Record<string, unknown>;

/** Stores records as the kiosks and desks do, from a page of the app's origin that runs no program. */
async function store(page: Page, intakes: Rec[], feedback: Rec[]): Promise<void> {
  await page.goto('/kiosk.json');
  await page.evaluate(
    ({ intakes, feedback }) => {
      for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
      for (const f of feedback) localStorage.setItem(`lobby.feedback.${f.id}`, JSON.stringify({ schema: 1, feedback: f }));
    },
    { intakes, feedback },
  );
}

async function storeFourWeeks(page: Page): Promise<number> {
  const { intakes, feedback } = fourWeeks();
  await store(page, intakes, feedback);
  return intakes.length;
}

async function openFigures(desk: Desk): Promise<Locator> {
  await desk.page.getByRole('button', { name: 'Figures', exact: true }).click();
  const screen = desk.page.getByTestId('figures');
  await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText('Figures');
  await expect(desk.page.getByRole('heading', { level: 1 })).toBeFocused();
  return screen;
}

const value = (screen: Locator, id: string) => screen.getByTestId(id).locator('dd');

test('four weeks of figures: waits, walkouts, whom we fail, follow-ups and arrivals', async ({ context, page, openDesk }) => {
  await context.clock.setSystemTime(new Date(NOW));
  expect(await storeFourWeeks(page)).toBe(68);
  const desk = await openDesk();
  const screen = await openFigures(desk);
  // The last 7 days first: Tuesday 3 to Monday 9 November.
  await expect(screen.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true');
  await expect(screen.getByTestId('range-shown')).toHaveText('Tue, Nov 3, 2026 to Mon, Nov 9, 2026');
  // Tue 4 + Wed 3 + Thu 3 + Fri 3 + Sat 1.
  await expect(value(screen, 'arrivals')).toHaveText('14');

  await screen.getByRole('button', { name: 'Last 30 days' }).click();
  await expect(screen.getByTestId('range-shown')).toHaveText('Sun, Oct 11, 2026 to Mon, Nov 9, 2026');
  await expect(value(screen, 'arrivals')).toHaveText('68');
  await expect(value(screen, 'served')).toHaveText('60');
  // Four marked Left on Fridays, four still waiting at closing on Saturdays.
  await expect(value(screen, 'left')).toHaveText('8');
  await expect(value(screen, 'average-wait')).toHaveText('17 min');
  await expect(value(screen, 'p90-wait')).toHaveText('30 min');
  await expect(value(screen, 'deadlines')).toHaveText('20 of 20');
  await expect(value(screen, 'promises')).toHaveText('0 of 20');
  await expect(value(screen, 'quotes')).toHaveText('20 of 40');
  await expect(value(screen, 'quoted')).toHaveText('17\u00a0min / 20\u00a0min');
  await expect(screen.getByTestId('serving')).toHaveCount(0);

  const legend = (id: string) => screen.getByTestId(id).locator('.legend li');
  await expect(legend('chart-priorities')).toHaveText([
    'Time: 20 (29%)', 'Cost: 20 (29%)', 'Both: 4 (6%)', 'Neither: 20 (29%)', 'Not said: 4 (6%)',
  ]);
  // Whom we fail, and on what.
  const by = screen.getByTestId('respected-by');
  await expect(by.locator('figcaption')).toHaveText(['Time: 80% said yes', 'Cost: 60% said yes']);
  await expect(by.getByTestId('time').locator('.legend li')).toHaveText([
    'Priority respected: 16 (80%)', 'Priority not respected: 4 (20%)',
  ]);
  // Follow-ups: 12 raised, the 8 handled within 48 hours, median 30 hours, one still open.
  await expect(value(screen, 'follow-ups')).toHaveText('12');
  await expect(value(screen, 'follow-ups-in-time')).toHaveText('8 of 12 (67%)');
  await expect(value(screen, 'handle-median')).toHaveText('30 h');
  await expect(value(screen, 'follow-ups-open')).toHaveText('1');

  // Arrivals at the same local hours on both sides of the change of clocks.
  const heatmap = screen.getByTestId('heatmap');
  const table = heatmap.locator('table');
  await expect(table.locator('thead th')).toHaveText([
    '8 AM', '9 AM', '10 AM', '11 AM', '12 PM', '1 PM', '2 PM', '3 PM', '4 PM', '5 PM',
  ]);
  const row = (day: string) => table.locator('tbody tr', { has: desk.page.getByRole('rowheader', { name: day }) }).locator('td');
  await expect(row('Monday')).toHaveText(['0', '8', '0', '0', '4', '0', '0', '0', '0', '0']);
  await expect(row('Tuesday')).toHaveText(['0', '12', '0', '0', '4', '0', '0', '0', '0', '0']);
  await expect(row('Saturday')).toHaveText(['0', '0', '4', '0', '0', '0', '0', '0', '0', '0']);
  await expect(row('Sunday')).toHaveText(Array(10).fill('0'));
  // The squares say the same, darkest where most came.
  await expect(heatmap.locator('svg text.count')).toHaveText(['8', '4', '12', '4', '8', '4', '8', '4', '8', '4', '4']);
  await expect(heatmap.locator('svg rect.level-4')).toHaveCount(1);
  await expectNoAxeViolations(desk.page, 'figures');

  // Any range: across the month's end and the change of clocks.
  await screen.getByRole('button', { name: 'Choose dates' }).click();
  await screen.getByLabel('From', { exact: true }).fill('2026-10-30');
  await screen.getByLabel('To', { exact: true }).fill('2026-11-02');
  await screen.getByRole('button', { name: 'Show' }).click();
  await expect(screen.getByTestId('range-shown')).toHaveText('Fri, Oct 30, 2026 to Mon, Nov 2, 2026');
  await expect(value(screen, 'arrivals')).toHaveText('7');
  await expect(value(screen, 'left')).toHaveText('2');
  await expect(row('Friday')).toHaveText(['0', '2', '0', '0', '1', '0', '0', '0', '0', '0']);
  await expect(row('Monday')).toHaveText(['0', '2', '0', '0', '1', '0', '0', '0', '0', '0']);

  // Exported with the same columns as a day's: one row a check-in.
  const [download] = await Promise.all([
    desk.page.waitForEvent('download'),
    screen.getByRole('button', { name: 'Export these days (CSV)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('lobby-2026-10-30-to-2026-11-02.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  expect(text.startsWith('\uFEFFTicket,Checked in,')).toBe(true);
  const lines = text.trimEnd().split('\r\n');
  expect(lines).toHaveLength(1 + 7);
  // Local times on both sides of the change of clocks.
  expect(lines.filter((l) => /,2026-10-30 09:00,|,2026-11-02 09:00,/.test(l))).toHaveLength(2);

  // A range the wrong way round is refused with a reason.
  await screen.getByLabel('From', { exact: true }).fill('2026-11-05');
  await screen.getByRole('button', { name: 'Show' }).click();
  await expect(screen.getByRole('alert')).toContainText('Choose a first day on or before the last');
  await expect(value(screen, 'arrivals')).toHaveText('7');

  // Today: nobody yet, and who is waiting now is shown.
  await screen.getByRole('button', { name: 'Today' }).click();
  await expect(value(screen, 'waiting')).toHaveText('0');
  await expect(value(screen, 'average-wait')).toHaveText('None yet');

  await desk.page.getByRole('button', { name: 'Back to the queue' }).click();
  await expect(desk.page.getByRole('heading', { level: 1 })).toBeFocused();

  // In Arabic and in Spanish, every word translated, and still clean.
  for (const [lang, title, week, arrivals] of [
    ['ar', 'الإحصاءات', 'آخر 30 يومًا', 'تسجيلات الوصول'],
    ['es', 'Cifras', 'Últimos 30 días', 'Registrados'],
  ]) {
    await desk.page.locator('.staff-language select').selectOption(lang);
    await desk.page.getByRole('button', { name: title, exact: true }).click();
    await expect(desk.page.getByRole('heading', { level: 1 })).toHaveText(title);
    await desk.page.getByRole('button', { name: week }).click();
    await expect(screen.getByTestId('arrivals').locator('dt')).toHaveText(arrivals);
    await expect(value(screen, 'arrivals')).toHaveText('68');
    await expect(desk.page.locator('html')).toHaveAttribute('lang', lang);
    await expectNoAxeViolations(desk.page, `figures in ${lang}`);
    await desk.page.getByTestId('figures').locator('.desk-bar button').first().click();
  }
});

test('follow-ups age: amber after a day, red after two, the oldest first', async ({ context, page, openDesk }) => {
  await context.clock.setSystemTime(new Date(NOW));
  const raised = (hoursAgo: number, n: number): Rec => {
    const at = NOW - hoursAgo * HOUR;
    const day = new Date(at - 5 * HOUR).toISOString().slice(0, 10);
    return {
      id: `feedback-age-${n}`, device: 'fig', created_ms: at, day, ticket: String(n), priority: 'time',
      expectations: 'below', respected: false, comment: '', language: 'en', follow_up: null,
    };
  };
  // The one raised 30 hours ago names yesterday's check-in, kept on this desk.
  const yesterday = raised(30, 2);
  const rosa = { ...dayRecords('2026-11-06').intakes[0], id: 'fig-rosa', day: yesterday.day, name: 'Rosa', ticket: 7 };
  await store(page, [rosa], [raised(2, 1), { ...yesterday, intake_id: 'fig-rosa', ticket: '7' }, raised(50, 3)]);
  const desk = await openDesk();
  const cards = desk.followUps;
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(1).locator('h3')).toHaveText('7 Rosa');
  await expect(cards.locator('[data-testid="follow-up-age"]')).toHaveText([
    'Raised 50 h ago: past 48 hours, reach them now',
    'Raised 30 h ago: over a day, reach them today',
    // The page's clock runs: a minute may pass on a busy machine.
    /^Raised 2 h( 1 min)? ago$/,
  ]);
  await expect(cards.nth(0)).toHaveClass(/overdue/);
  await expect(cards.nth(1)).toHaveClass(/late/);
  await expect(cards.nth(2)).not.toHaveClass(/late|overdue/);
  await expectNoAxeViolations(desk.page, 'desk with aged follow-ups');

  // Handled, the oldest goes; the figures count it as late.
  await cards.nth(0).getByLabel('What did you do?').fill('Called, offered a discount');
  await cards.nth(0).getByRole('button', { name: 'Mark handled' }).click();
  await expect(cards).toHaveCount(2);
  const screen = await openFigures(desk);
  await expect(value(screen, 'follow-ups')).toHaveText('3');
  await expect(value(screen, 'follow-ups-in-time')).toHaveText('0 of 1 (0%)');
  await expect(value(screen, 'follow-ups-open')).toHaveText('2');
});

test('a desk with no database keeps history_days, and a kiosk in its browser leaves them', async ({ context, page, openDesk }) => {
  await context.clock.setSystemTime(new Date(NOW));
  const old = dayRecords('2026-07-06'); // a Monday, 126 days before
  const kept = dayRecords('2026-08-17'); // a Monday, 84 days before
  // An old follow-up never handled goes too: a desk keeps one past its day for
  // two weeks only (the figures still count it).
  const open = { ...old.feedback[1], follow_up: null };
  await store(page, [...old.intakes, ...kept.intakes], [old.feedback[0], open, ...kept.feedback]);
  const desk = await openDesk();
  const keys = () => desk.page.evaluate(() => Object.keys(localStorage).filter((k) => /^lobby\.(intake|feedback)\./.test(k)).sort());
  await expect.poll(keys).toEqual(
    [...kept.feedback.map((f) => `lobby.feedback.${f.id}`), ...kept.intakes.map((i) => `lobby.intake.${i.id}`)].sort(),
  );
  await expect(desk.followUps).toHaveCount(0);
  // The kiosk page of the same browser does not take the desk's history away,
  // even an hour on (a kiosk prunes hourly).
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  await page.clock.fastForward(3_600_000 + 1000);
  await expect(page.getByRole('button', { name: 'Check in' })).toBeVisible();
  expect(await keys()).toHaveLength(kept.feedback.length + kept.intakes.length);
});
