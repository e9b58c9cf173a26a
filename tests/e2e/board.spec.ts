import { test, expect, START, DESK_PIN, expectNoAxeViolations, pairDevice, pauseSoon, seedShop, seedStorage, serveConfig, useShop, Desk, type Page } from './pages';
import { intakeOfTheMorning, knownMorning } from '../fixtures/records.mjs';

// The lobby board at /board, for a TV or a second screen: now serving, next up,
// how many wait and the honest wait, tickets only unless the business turns
// first names on. Legible across a room, no PIN, polite to a screen reader, and
// following the desk: on the desk's own device from its queue, through the
// shop's server from the status the desk keeps.

const TV = { width: 1920, height: 1080 };

const serving = (board: Page) => board.getByTestId('board-serving').locator('.board-ticket');
const next = (board: Page) => board.getByTestId('board-next').locator('.board-ticket');

/**
 * Every ticket's digits on the board are at least 8% of the screen's height:
 * their ink as the browser draws them in the ticket's font, not the box's.
 */
async function expectLegible(board: Page): Promise<void> {
  const heights = await board.locator('.board-ticket').evaluateAll((all) =>
    all.map((t) => {
      const ink = document.createElement('canvas').getContext('2d')!;
      const style = getComputedStyle(t);
      ink.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const m = ink.measureText(t.textContent ?? '');
      return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
    }),
  );
  expect(heights.length).toBeGreaterThan(0);
  for (const h of heights) expect(h, 'a ticket number 8% of the screen high').toBeGreaterThanOrEqual(0.08 * TV.height);
}

test("on the desk's own device: the queue by ticket, the wait, legible across the room, and it follows the desk", async ({ page, context, openDesk }) => {
  await seedStorage(page, knownMorning());
  const board = await context.newPage();
  await board.setViewportSize(TV);
  await board.goto('/board');
  await expect(serving(board)).toHaveText(['4']);
  await expect(next(board)).toHaveText(['5', '6']);
  await expect(board.getByTestId('board-waiting')).toHaveText('2 customers waiting');
  // Whoever checks in now is third: the kiosk would quote the same.
  await expect(board.getByTestId('board-wait')).toHaveText('Checking in now? Usually 35 to 55 minutes.');
  await expect(board.locator('main')).not.toContainText('Customer');
  // What the board opened on is not news to a screen reader.
  await expect(board.getByTestId('board-announce')).toHaveText('');
  await expectLegible(board);
  await expectNoAxeViolations(board, 'the lobby board');
  // No PIN, nothing to unlock.
  await expect(board.getByRole('textbox')).toHaveCount(0);

  // The desk takes number 5: the board follows, and says so politely.
  const desk = await openDesk();
  await (await desk.show(5)).getByRole('button', { name: 'Start serving' }).click();
  await expect(serving(board)).toHaveText(['4', '5']);
  await expect(next(board)).toHaveText(['6']);
  await expect(board.getByTestId('board-waiting')).toHaveText('1 customer waiting');
  const announce = board.getByTestId('board-announce');
  await expect(announce).toHaveText('Now serving 5');
  await expect(announce).toHaveAttribute('aria-live', 'polite');
});

test('first names only where the business turns them on, and a long line counted; nothing at all from another day', async ({ page, context }) => {
  const more = [7, 8, 9, 10, 11, 12, 13, 14].map((n) => intakeOfTheMorning(n, '09:25'));
  await seedStorage(page, [...knownMorning(), ...more]);
  const board = await context.newPage();
  await board.setViewportSize(TV);
  await serveConfig(board, (json) => {
    json.board_names = true;
  });
  await board.goto('/board');
  await expect(board.getByTestId('board-serving').locator('.board-name')).toHaveText(['Customer']);
  // Ten waiting: four with their names fit, and the rest are counted.
  await expect(next(board)).toHaveText(['5', '6', '7', '8']);
  await expect(board.getByText('and 6 more')).toBeVisible();
  await expect(board.getByTestId('board-waiting')).toHaveText('10 customers waiting');
  await expectLegible(board);
  await expectNoAxeViolations(board, 'the lobby board with first names');
  // The next morning: yesterday's queue is not shown.
  await board.clock.fastForward('24:00:00');
  await expect(board.getByTestId('board-idle')).toHaveText('Welcome. Please check in at the kiosk: your number will show on this screen.');
  await expect(board.locator('.board-ticket')).toHaveCount(0);
});

test('upright on a tablet, and in Arabic: the same board, right to left', async ({ page, context }) => {
  await seedStorage(page, knownMorning());
  const board = await context.newPage();
  await board.setViewportSize({ width: 768, height: 1024 });
  await serveConfig(board, (json) => {
    json.business.language = 'ar';
  });
  await board.goto('/board');
  await expect(board.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(board.getByTestId('board-waiting')).toHaveText('عميلان في الانتظار');
  await expect(serving(board)).toHaveText(['4']);
  // Nothing runs off the screen's side.
  const overflow = await board.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  await expectNoAxeViolations(board, 'the lobby board, upright, in Arabic');
});

test.describe("through the shop's server", () => {
  const run = useShop(8087, 'board');

  test('a board with no account follows a desk within 3 seconds of their clocks, tickets only', async ({ browser }) => {
    const errors: string[] = [];
    await seedShop(run.shop, knownMorning(), 'B');
    // A TV in the lobby: not paired, no PIN, its own browser.
    const tv = await browser.newContext({ viewport: TV, serviceWorkers: 'block', locale: 'en-US' });
    await tv.clock.install({ time: START });
    const board = await tv.newPage();
    board.on('pageerror', (e) => errors.push(`board: ${e.message}`));
    await board.goto(`${run.shop.url}/board`);
    await expect(board.getByTestId('board-idle'), 'before a desk keeps the status').toBeVisible();

    const deskDevice = await pairDevice(browser, run.shop, 'desk', { errors, clock: START, pin: DESK_PIN });
    const desk = new Desk(deskDevice.page);
    await expect(serving(board)).toHaveText(['B-4'], { timeout: 15_000 });
    await expect(next(board)).toHaveText(['B-5', 'B-6']);
    await expect(board.locator('main')).not.toContainText('Customer');
    await expectLegible(board);

    // Both clocks stopped: what moves the board is the desk's writer, the
    // server and the board's own asking, as much time of each as is let pass.
    const lobby = async () => (await (await fetch(`${run.shop.url}/api/lobby`)).json()) as { serving: { ticket: string }[] };
    const brief = await desk.show('B-5', { timeout: 15_000 });
    await pauseSoon(deskDevice.page);
    await pauseSoon(board);
    await brief.getByRole('button', { name: 'Start serving' }).click();
    await expect(desk.row('B-5')).toHaveClass(/\bserving\b/);
    // The desk writes within half a second of its clock; the server keeps an answer half a second.
    await deskDevice.page.clock.runFor(600);
    await expect.poll(async () => (await lobby()).serving.map((c) => c.ticket), { message: 'the status in the database' }).toEqual(['B-4', 'B-5']);
    // The board asks within a second of its clock: 0.6 + 0.5 + at most 1.9 s
    // (a question already on its way when the clock stopped is answered
    // first), under 3. Its clock moves a tenth of a second at a time.
    let waited = 0;
    await expect
      .poll(
        async () => {
          if ((await serving(board).allInnerTexts()).join() === 'B-4,B-5') return 'shown';
          if (waited >= 1_900) return `not shown within ${waited} ms of the board's clock`;
          await board.clock.runFor(100);
          waited += 100;
          return 'not yet';
        },
        { timeout: 15_000 },
      )
      .toBe('shown');
    await expect(serving(board)).toHaveText(['B-4', 'B-5']);
    await expect(board.getByTestId('board-announce')).toHaveText('Now serving B-5');

    await tv.close();
    await deskDevice.context.close();
    expect(errors).toEqual([]);
  });
});
