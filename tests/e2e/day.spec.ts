import { test, expect, expectNoAxeViolations } from './pages';

// Today's figures on the desk, from a known set of stored check-ins and feedback:
// counts, waits, deadlines met, and the three charts (checked through their
// legends and the bars' accessible descriptions).

const MIN = 60_000;
/** Minutes after 09:00 UTC on the test day. */
const at = (m: number) => Date.parse('2026-11-22T09:00:00Z') + m * MIN;

function intake(ticket: number, checkedIn: number, priority: string | null, extra: Record<string, unknown> = {}) {
  return {
    id: `day-${ticket}`, device: 'day', created_ms: at(checkedIn), day: '2026-11-22', ticket, name: `Customer ${ticket}`,
    reason: 'service', recovery: false, wants_person: priority === null, priority, deadline: null, estimate_first: null,
    limit: null, help: [], detail: null, note: '', status: 'waiting', done_help: [], status_ms: null, language: 'en',
    ...extra,
  };
}

const deadline = (m: number) => ({ choice: 'at', at_ms: at(m) });

const INTAKES = [
  // Served at 10, done at 50, deadline at 60: met. Waited 10.
  intake(1, 0, 'time', { deadline: deadline(60), status: 'done', served_ms: at(10), status_ms: at(50) }),
  // Done straight away at 35. Waited 30.
  intake(2, 5, 'cost', { status: 'done', served_ms: at(35), status_ms: at(35) }),
  // Deadline at 40, done at 70: missed. Waited 20.
  intake(3, 10, 'both', { deadline: deadline(40), status: 'done', served_ms: at(30), status_ms: at(70) }),
  // Deadline at 200, still waiting: not decided yet. Waited 80 so far.
  intake(4, 20, 'time', { deadline: deadline(200) }),
  // Deadline at 90, being served since 95: missed. Waited 65.
  intake(5, 30, 'time', { deadline: deadline(90), status: 'serving', served_ms: at(95), status_ms: at(95) }),
  // Asked for a person, waiting. Waited 10 so far.
  intake(6, 90, null),
];

function feedback(n: number, expectations: string, respected: boolean, extra: Record<string, unknown> = {}) {
  return {
    id: `feedback-day-${n}`, device: 'day', created_ms: at(60 + n), day: '2026-11-22', ticket: String(n),
    expectations, respected, comment: '', language: 'en', ...extra,
  };
}

const FEEDBACK = [
  feedback(1, 'beyond', true),
  feedback(2, 'met', true),
  feedback(3, 'below', false),
  feedback(9, 'met', false, { ticket: '', follow_up: { at_ms: at(99), note: 'Called' } }),
];

test("today's figures and charts, computed from a known day", async ({ context, page, openDesk }) => {
  // It is 10:40: 100 minutes after the first check-in.
  await context.clock.setSystemTime(new Date(at(100)));
  await page.goto('/');
  await page.evaluate(
    ({ intakes, feedback }) => {
      for (const i of intakes) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
      for (const f of feedback) localStorage.setItem(`lobby.feedback.${f.id}`, JSON.stringify({ schema: 1, feedback: f }));
    },
    { intakes: INTAKES, feedback: FEEDBACK },
  );
  const desk = await openDesk();
  const today = await desk.openToday();
  const figure = (id: string) => today.getByTestId(id).locator('dd');
  await expect(figure('served')).toHaveText('3');
  await expect(figure('serving')).toHaveText('1');
  await expect(figure('waiting')).toHaveText('2');
  // (10 + 30 + 20 + 80 + 65 + 10) / 6 = 35.8 minutes, rounded down.
  await expect(figure('average-wait')).toHaveText('35 min');
  await expect(figure('longest-wait')).toHaveText('1 h 20 min');
  await expect(figure('deadlines')).toHaveText('1 of 3');

  const legend = (id: string) => today.getByTestId(id).locator('.legend li');
  const bar = (id: string) => today.getByTestId(id).locator('svg.bar');
  await expect(legend('chart-priorities')).toHaveText([
    'Time: 3 (50%)',
    'Cost: 1 (17%)',
    'Both: 1 (17%)',
    'Neither: 0 (0%)',
    'Not said: 1 (17%)',
  ]);
  await expect(bar('chart-priorities')).toHaveAttribute('role', 'img');
  await expect(bar('chart-priorities')).toHaveAttribute(
    'aria-label',
    'Time: 3 (50%), Cost: 1 (17%), Both: 1 (17%), Neither: 0 (0%), Not said: 1 (17%)',
  );
  // The bar's parts are as wide as their shares.
  const widths = await bar('chart-priorities').locator('rect:not(.empty)').evaluateAll((rects) =>
    rects.map((r) => Number(r.getAttribute('width'))),
  );
  expect(widths).toEqual([50, 16.67, 16.67, 16.67]);
  await expect(today.getByTestId('chart-expectations').locator('figcaption')).toHaveText('Feedback (4 answers)');
  await expect(legend('chart-expectations')).toHaveText([
    'Below expectations: 1 (25%)',
    'Met expectations: 2 (50%)',
    'Beyond expectations: 1 (25%)',
  ]);
  await expect(legend('chart-respected')).toHaveText(['Priority respected: 2 (50%)', 'Priority not respected: 2 (50%)']);
  // The one open follow-up (the handled one is not).
  await expect(desk.followUps).toHaveCount(1);
  await expect(desk.followUps.first()).toHaveAttribute('data-ticket', '3');
  await expectNoAxeViolations(desk.page, "desk with today's figures open");

  // The figures follow the desk: one more served.
  await (await desk.show(4)).getByRole('button', { name: 'Done', exact: true }).click();
  await expect(figure('served')).toHaveText('4');
  await expect(figure('waiting')).toHaveText('1');
  await expect(figure('deadlines')).toHaveText('2 of 4');
});

test('an empty day says so instead of showing zeros as waits', async ({ openDesk }) => {
  const desk = await openDesk();
  const today = await desk.openToday();
  await expect(today.getByTestId('served').locator('dd')).toHaveText('0');
  await expect(today.getByTestId('average-wait').locator('dd')).toHaveText('None yet');
  await expect(today.getByTestId('deadlines').locator('dd')).toHaveText('None yet');
  await expect(today.getByTestId('chart-expectations').locator('figcaption')).toHaveText('Feedback (0 answers)');
});
