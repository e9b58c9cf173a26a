import { test, expect, T, startsWith } from './pages';

// Progress on every question, Back at every step, and a Review screen that shows
// every answer and lets the customer change any one of them.

test('progress, Back, and a Review that shows and changes every answer', async ({ kiosk, openDesk }) => {
  const { page } = kiosk;
  await kiosk.open();
  await kiosk.checkIn();
  // No total before the priority, which decides it: never "1 of 7", then "4 of 8".
  await expect(kiosk.progress).toHaveText('Step 1');
  await kiosk.textField.fill('Ana');
  await kiosk.tap('Continue');

  await kiosk.expectScreen(T.reason);
  await expect(kiosk.progress).toHaveText('Step 2');
  // Back keeps what was typed.
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.name);
  await expect(kiosk.textField).toHaveValue('Ana');
  await kiosk.tap('Continue');
  await kiosk.choose(T.reasons.repair);

  await kiosk.expectScreen(T.priority);
  await expect(kiosk.progress).toHaveText('Step 3');
  await kiosk.choose('Time');
  // Time adds the deadline question: the total, said now, counts it.
  await kiosk.expectScreen(T.deadline);
  await expect(kiosk.progress).toHaveText('Step 4 of 8');
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.priority);
  await expect(kiosk.progress).toHaveText('Step 3 of 8');
  await expect(page.getByRole('button', { name: startsWith('Time') })).toHaveAttribute('aria-pressed', 'true');
  await kiosk.choose('Time');
  await kiosk.choose('By noon');

  await kiosk.expectScreen(T.help);
  await expect(kiosk.progress).toHaveText('Step 5 of 8');
  await kiosk.chooseHelp('Wi-Fi', 'Coffee or water');
  await kiosk.expectScreen(T.detail);
  await expect(kiosk.progress).toHaveText('Step 6 of 8');
  await kiosk.choose('Walk me through it');
  await kiosk.expectScreen(T.note);
  await expect(kiosk.progress).toHaveText('Step 7 of 8');
  await kiosk.enterNote('Rattle at 50 mph');

  // Every answer, in the order asked; help in the configured order.
  await kiosk.expectScreen(T.review);
  await expect(kiosk.progress).toHaveText('Step 8 of 8');
  await expect(page.locator('.review-q')).toHaveText([
    'Name', 'Reason', 'Matters most', 'Leave by', 'Would help', 'Detail', 'Note',
  ]);
  await expect(page.locator('.review-a')).toHaveText([
    'Ana', T.reasons.repair, 'Time', 'By noon', 'Coffee or water, Wi-Fi', 'Walk me through it', 'Rattle at 50 mph',
  ]);
  // Each row is a button named by its question and answer.
  await expect(page.getByRole('button', { name: /Detail.*Walk me through it.*Change/ })).toBeVisible();

  // Change one answer: straight back to Review.
  await kiosk.reviewRow('Detail').click();
  await kiosk.expectScreen(T.detail);
  await expect(kiosk.progress).toHaveText('Step 6 of 8');
  await expect(page.getByRole('button', { name: startsWith('Walk me through it') })).toHaveAttribute('aria-pressed', 'true');
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.review);
  await expect(kiosk.reviewRow('Detail').locator('.review-a')).toHaveText('Keep it brief');

  await kiosk.reviewRow('Name').click();
  await kiosk.expectScreen(T.name);
  await expect(kiosk.textField).toHaveValue('Ana');
  await kiosk.textField.fill('Anna');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);
  await expect(kiosk.reviewRow('Name').locator('.review-a')).toHaveText('Anna');

  // Back while changing an answer returns to Review, answer unchanged.
  await kiosk.reviewRow('Note').click();
  await kiosk.expectScreen(T.note);
  await expect(kiosk.textField).toHaveValue('Rattle at 50 mph');
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.review);
  await expect(kiosk.reviewRow('Note').locator('.review-a')).toHaveText('Rattle at 50 mph');

  // Switching to Cost opens its two questions, then Review; the deadline is gone.
  await kiosk.reviewRow('Matters most').click();
  await kiosk.choose('Cost');
  await kiosk.expectScreen(T.estimate);
  await kiosk.choose('Yes, estimate first');
  await kiosk.expectScreen(T.limit);
  await kiosk.choose('$500');
  await kiosk.expectScreen(T.review);
  await expect(kiosk.progress).toHaveText('Step 9 of 9');
  await expect(page.locator('.review-q')).toHaveText([
    'Name', 'Reason', 'Matters most', 'Estimate first', 'Call me if over', 'Would help', 'Detail', 'Note',
  ]);
  await expect(kiosk.reviewRow('Call me if over').locator('.review-a')).toHaveText('$500');

  // Back from Review walks back through the questions.
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.note);
  await expect(kiosk.progress).toHaveText('Step 8 of 9');
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.detail);
  await expect(kiosk.progress).toHaveText('Step 7 of 9');
  await kiosk.choose('Keep it brief');
  await kiosk.tap('Continue');
  await kiosk.expectScreen(T.review);

  const desk = await openDesk();
  await expect(desk.page.getByText(T.queueEmpty)).toBeVisible();
  const ticket = await kiosk.confirm();
  const brief = await desk.show(ticket);
  await expect(brief.getByRole('heading', { name: 'Anna' })).toBeVisible();
  await expect(brief.locator('.headline strong')).toHaveText('COST FIRST');
  await expect(brief.locator('.headline')).toContainText('call before exceeding $500');
  await expect(brief.locator('.headline')).not.toContainText('leave by');
  await expect(brief.locator('.note p')).toHaveText('Rattle at 50 mph');
  await expect(brief.getByRole('checkbox')).toHaveCount(2);
});

test('Back from the first question returns to Welcome', async ({ kiosk }) => {
  await kiosk.open();
  await kiosk.checkIn();
  await kiosk.tap('Back');
  await kiosk.expectScreen(T.welcome);
});

test('Review reads plainly, and the step count only ever moves one at a time', async ({ kiosk }) => {
  const counts: string[] = [];
  const count = async () => counts.push((await kiosk.progress.textContent()) ?? '');
  await kiosk.open();
  await kiosk.checkIn();
  await count();
  await kiosk.tap('Skip');
  await kiosk.expectScreen(T.reason);
  await count();
  await kiosk.choose(T.reasons.repair);
  await kiosk.expectScreen(T.priority);
  await count();
  await kiosk.choose('Both');
  await kiosk.expectScreen(T.deadline);
  await count();
  await kiosk.choose('Within an hour');
  await kiosk.expectScreen(T.estimate);
  await count();
  await kiosk.choose('Yes, estimate first');
  await kiosk.expectScreen(T.limit);
  await count();
  await kiosk.choose('$250');
  await kiosk.expectScreen(T.help);
  await count();
  await kiosk.chooseHelp('Wi-Fi');
  await kiosk.expectScreen(T.detail);
  await count();
  await kiosk.choose('Keep it brief');
  await kiosk.expectScreen(T.note);
  await count();
  await kiosk.tap('Skip');
  await kiosk.expectScreen(T.review);
  await count();
  expect(counts).toEqual([
    'Step 1', 'Step 2', 'Step 3',
    'Step 4 of 10', 'Step 5 of 10', 'Step 6 of 10', 'Step 7 of 10', 'Step 8 of 10', 'Step 9 of 10', 'Step 10 of 10',
  ]);
  // A skipped name is "Not given"; the estimate is said once; "within an hour"
  // with the clock time it means (the test's clock reads 9:30 AM).
  await expect(kiosk.reviewRow('Name').locator('.review-a')).toHaveText('Not given');
  await expect(kiosk.reviewRow('Estimate first').locator('.review-a')).toHaveText('Yes');
  await expect(kiosk.reviewRow('Leave by').locator('.review-a')).toHaveText('Within an hour (by 10:30 AM)');
  // "Both" away from its question says what it stands for.
  await expect(kiosk.reviewRow('Matters most').locator('.review-a')).toHaveText('Time and cost');
  await expect(kiosk.reviewRow('Call me if over').locator('.review-a')).toHaveText('$250');
});
