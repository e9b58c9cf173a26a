import { test as base, expect, type BrowserContext, type Download, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { OWN_PIN, keepOwnPin } from '../fixtures/own-pin.mjs';

/**
 * The moment every test starts at: a Sunday morning, 09:30 UTC (the config runs
 * the browser in UTC). Before noon and before the configured end of day, so the
 * Deadline screen offers all of its choices.
 */
export const START = new Date('2026-11-22T09:30:00Z');

/** The desk PIN whose hash is in public/kiosk.json. */
export const DESK_PIN = '2468';

/** A PIN of a shop's own, in place of the sample's (see `useOwnPin`). */
export { OWN_PIN };

/**
 * A shop that set a PIN of its own at its desk, with no shop's server: the
 * desk then opens with OWN_PIN, and says nothing of the sample PIN.
 */
export async function useOwnPin(page: Page): Promise<void> {
  await page.evaluate(keepOwnPin, OWN_PIN);
}

/** The build's own kiosk.json, as text, read from its file. */
export function builtConfigText(): string {
  return readFileSync(join(process.env.E2E_DIST!, 'kiosk.json'), 'utf8');
}

/**
 * Serves the build's kiosk.json with `change` applied, to a page or to every
 * page of a context. Read from the build's file, not fetched through the route
 * at each request: a fetch of the page's own request can be cut off as the page
 * moves on ("Response has been disposed"), which failed a run on a busy machine.
 */
export async function serveConfig(
  target: Page | BrowserContext,
  change: (json: Record<string, any>) => void,
): Promise<void> {
  await target.route('**/kiosk.json', (route) => {
    const json = JSON.parse(builtConfigText());
    change(json);
    return route.fulfill({ json });
  });
}

/** A shop's server as scripts/shop.mjs's startShop gives it. */
export type Shop = {
  url: string;
  ownerToken: string;
  database: { url: string; admin: { name: string; password: string } };
  close(): Promise<void>;
};

/**
 * A shop's server for the spec file that calls this: started on `port` with a
 * fresh data folder (named after `name`) before its first test, stopped and the
 * folder removed after its last, whatever happened. Its `shop` and `data` are
 * there from the first test on; every spec file gives its own port.
 */
export function useShop(port: number, name: string): { shop: Shop; data: string } {
  const run = {} as { shop: Shop; data: string };
  base.beforeAll(async () => {
    const { startShop } = await import('../../scripts/shop.mjs');
    run.data = mkdtempSync(join(tmpdir(), `lobby-${name}-`));
    run.shop = await startShop({ dist: process.env.E2E_DIST, port, data: run.data, env: {}, log: () => {} });
  });
  base.afterAll(async () => {
    await run.shop?.close();
    if (run.data) rmSync(run.data, { recursive: true, force: true });
  });
  return run;
}

/** Check-ins put in the page's storage as a kiosk of this origin stores them. */
export async function seedStorage(page: Page, intakes: Record<string, unknown>[]): Promise<void> {
  await page.goto('/');
  await page.evaluate((all) => {
    for (const i of all) localStorage.setItem(`lobby.intake.${i.id}`, JSON.stringify({ schema: 2, intake: i }));
  }, intakes);
}

/** Check-ins put straight into a shop's database as its admin, filed by the kiosk of `letter`. */
export async function seedShop(shop: Shop, intakes: Record<string, unknown>[], letter: string): Promise<void> {
  const { url, admin } = shop.database;
  const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  for (const i of intakes) {
    const doc = { _id: i.id, type: 'intake', schema: 2, intake: { ...i, letter } };
    const res = await fetch(`${url}/lobby/${i.id}`, {
      method: 'PUT',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    });
    expect(res.status, await res.text()).toBe(201);
  }
}

/** A device of a shop: its own browser context, and its page. */
export type ShopDevice = { context: BrowserContext; page: Page };

/**
 * A device paired as a shop pairs one: a link made with the owner's token (from
 * scripts/shop.mjs's startShop), opened in a browser of its own; a desk is
 * opened and unlocked with `pin`. Errors a page throws are added to `errors`;
 * with `clock`, the device's clock starts at that moment.
 */
export async function pairDevice(
  browser: import('@playwright/test').Browser,
  shop: { url: string; ownerToken: string },
  role: 'kiosk' | 'desk',
  { pin = DESK_PIN, errors = [] as string[], acceptDownloads = false, clock = undefined as Date | undefined } = {},
): Promise<ShopDevice> {
  const made = await fetch(`${shop.url}/api/pairings`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${shop.ownerToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  const { link } = await made.json();
  const viewport = role === 'desk' ? { width: 1366, height: 768 } : { width: 1024, height: 768 };
  const context = await browser.newContext({ viewport, serviceWorkers: 'block', locale: 'en-US', acceptDownloads });
  // A known morning: the device's clock starts there (and runs on).
  if (clock) await context.clock.install({ time: clock });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${role}: ${e.message}`));
  await page.goto(link);
  if (role === 'desk') {
    await page.getByRole('button', { name: 'Open the desk' }).click();
    await new Desk(page).unlock(pin);
  } else {
    await page.getByRole('button', { name: 'Start the check-in screen' }).click();
  }
  return { context, page };
}

/** What the kiosk and the desk print, from locales/en.json and public/kiosk.json. */
export const T = {
  business: 'Northside Auto Care',
  welcome: 'Welcome to Northside Auto Care',
  name: "What's your first name?",
  reason: 'What brings you in today?',
  priority: 'What matters most to you today?',
  deadline: 'When do you need to be on your way?',
  estimate: 'Would you like an estimate before any work starts?',
  limit: 'Call me before spending more than…',
  help: 'What would make the wait easier?',
  detail: 'How much detail would you like?',
  note: 'Anything else we should know?',
  review: 'Is this right?',
  done: "You're checked in",
  talkDone: 'Someone will be right with you',
  talk: "I'd rather talk to someone",
  configProblem: 'This kiosk needs setting up',
  leaving: 'Leaving? Tell us how we did',
  ticketQ: 'What was your number?',
  expectations: 'Did we meet your expectations?',
  respected: 'Did we respect what mattered most to you today?',
  comment: "Thank you! Anything you'd like to add?",
  thanks: 'Thank you for telling us',
  deskLock: 'Staff only',
  deskQueue: 'Waiting now',
  pinWrong: 'That PIN is not right. Please try again.',
  queueEmpty: 'No one is waiting. New check-ins appear here by themselves.',
  reasons: {
    service: 'Scheduled service or oil change',
    repair: 'Something needs fixing',
    tyres: 'Tires or brakes',
    inspection: 'Inspection or check-up',
    cameBack: "I came back: something wasn't right",
  },
  approach: {
    cameBack: 'Apologize and own it; fix this first, then follow up.',
    time: "Cover the big items, give a firm ready time, keep them moving; say early if the deadline can't be met.",
    cost: 'Give an accurate estimate before starting and ask before going over the limit; mention a cheaper option.',
    both: 'Agree scope, cost and ready time before starting.',
    quality: 'Explain the plan and get it right the first time.',
    walkThrough: 'Walk them through each step; ask what information would help.',
    keepBrief: 'Keep it brief: essentials only.',
    talkFirst: 'Greet them in person and find out what they need.',
  },
} as const;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A name that starts with `label`: choices carry a hint after their label, and a
 * chosen one shows a check mark before it (CSS generated content, which is part
 * of the accessible name).
 */
export function startsWith(label: string): RegExp {
  return new RegExp(`^(✓ )?${escapeRegExp(label)}`);
}

/** The parts of the kiosk fetched as Welcome comes up, under the names scripts/split.mjs gives them. */
export const LATER_PARTS = /\/(split_[a-z_]+|chunk_\d+)-[0-9a-f]{16}\.wasm$/;
/** The one of them with the screens after Welcome and filing (`fetch_later_screens` in src/kiosk/parts.rs). */
export const SCREENS_PART = /\/split_screens-[0-9a-f]{16}\.wasm$/;

/** The customer's screen. Every tap goes through `tap`, which counts it. */
export class Kiosk {
  taps = 0;
  /** Later parts asked for and not yet arrived, and those that arrived. */
  private parts = { coming: new Set<string>(), here: new Set<string>() };

  constructor(readonly page: Page) {
    const { coming, here } = this.parts;
    page.on('request', (r) => LATER_PARTS.test(r.url()) && coming.add(r.url()));
    page.on('requestfailed', (r) => coming.delete(r.url()));
    page.on('requestfinished', (r) => {
      if (coming.delete(r.url())) here.add(r.url());
    });
  }

  /**
   * Waits until the parts of the kiosk fetched after start-up have arrived, as they
   * have on a kiosk that has been up for a moment: before a test takes the network
   * away, say (without the service worker, which the tests block, nothing else
   * keeps them).
   */
  async partsHere(): Promise<void> {
    const { coming, here } = this.parts;
    await expect
      .poll(() => [...here].some((u) => SCREENS_PART.test(u)) && coming.size === 0, {
        timeout: 15_000,
        message: 'the later parts of the kiosk arrive',
      })
      .toBe(true);
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await this.expectScreen(T.welcome);
  }

  /**
   * The screen's question (or title): the page's only h1, once the program has
   * taken over the Welcome the build wrote into the page (welcome-first.spec.ts
   * is about that one).
   */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 }).and(this.page.locator(':not(#prerendered *)'));
  }

  get progress(): Locator {
    return this.page.locator('.progress-text');
  }

  get textField(): Locator {
    return this.page.locator('#answer');
  }

  get ticket(): Locator {
    return this.page.getByTestId('ticket');
  }

  async expectScreen(title: string): Promise<void> {
    await expect(this.heading).toHaveText(title);
  }

  /** Taps a button by its accessible name (a label, or the start of a label with a hint). */
  async tap(name: string | RegExp): Promise<void> {
    const button = this.page.getByRole('button', {
      name: typeof name === 'string' ? startsWith(name) : name,
    });
    await button.click();
    this.taps += 1;
  }

  async checkIn(): Promise<void> {
    await this.tap('Check in');
    await this.expectScreen(T.name);
  }

  /** Taps one of the answers on screen. */
  async choose(label: string): Promise<void> {
    await this.tap(label);
  }

  /** Types a name (or nothing) and goes on: the one button says Skip or Continue. */
  async enterName(name = ''): Promise<void> {
    await this.expectScreen(T.name);
    if (name) await this.textField.fill(name);
    await this.tap(name ? 'Continue' : 'Skip');
  }

  async enterNote(note = ''): Promise<void> {
    await this.expectScreen(T.note);
    if (note) await this.textField.fill(note);
    await this.tap(note ? 'Continue' : 'Skip');
  }

  /** Ticks help items on the Help screen, then Continue (or Skip with none). */
  async chooseHelp(...items: string[]): Promise<void> {
    await this.expectScreen(T.help);
    for (const item of items) {
      await this.tap(item);
      await expect(this.page.getByRole('button', { name: startsWith(item) })).toHaveAttribute('aria-pressed', 'true');
    }
    await this.tap(items.length ? 'Continue' : 'Skip');
  }

  /** On the Deadline screen: "At a time I choose", a time, Continue. */
  async pickTime(hhmm: string): Promise<void> {
    await this.expectScreen(T.deadline);
    await this.tap('At a time I choose');
    await this.page.getByLabel('I need to leave by').fill(hhmm);
    await this.tap('Continue');
  }

  async confirm(): Promise<number> {
    await this.expectScreen(T.review);
    await this.tap('Confirm and check in');
    await this.expectScreen(T.done);
    return Number(await this.ticket.textContent());
  }

  async talkToSomeone(): Promise<number> {
    await this.tap(T.talk);
    await this.expectScreen(T.talkDone);
    return Number(await this.ticket.textContent());
  }

  /** A review row: a button naming the question, the answer and "Change". */
  reviewRow(question: string): Locator {
    return this.page.locator('.review-row').filter({
      has: this.page.locator('.review-q', { hasText: new RegExp(`^${escapeRegExp(question)}$`) }),
    });
  }

  /**
   * The shortest honest check-in: no name, a reason, Neither, no help, keep it
   * brief, no note, confirm. Returns the ticket number.
   */
  async quickCheckIn(reason: string = T.reasons.service, name = ''): Promise<number> {
    await this.checkIn();
    await this.enterName(name);
    await this.choose(reason);
    await this.expectScreen(T.priority);
    await this.choose('Neither');
    await this.chooseHelp();
    await this.expectScreen(T.detail);
    await this.choose('Keep it brief');
    await this.enterNote();
    return this.confirm();
  }

  /**
   * From Welcome to the Review screen: a name, a reason, Neither, help items,
   * keep it brief and a note (either may be empty).
   */
  async toReview({ name = '', reason = T.reasons.service as string, help = [] as string[], note = '' } = {}): Promise<void> {
    await this.checkIn();
    await this.enterName(name);
    await this.choose(reason);
    await this.expectScreen(T.priority);
    await this.choose('Neither');
    await this.chooseHelp(...help);
    await this.expectScreen(T.detail);
    await this.choose('Keep it brief');
    await this.enterNote(note);
    await this.expectScreen(T.review);
  }

  /** "Leaving? Tell us how we did", from Welcome: the number pad. */
  async leave(): Promise<void> {
    await this.tap(T.leaving);
    await this.expectScreen(T.ticketQ);
  }

  /** Types a ticket number on the pad and goes on (or skips, with none). */
  async enterTicket(ticket: number | string = ''): Promise<void> {
    await this.expectScreen(T.ticketQ);
    for (const digit of String(ticket)) await this.tap(new RegExp(`^${digit}$`));
    await this.tap(String(ticket) ? 'Continue' : 'Skip');
    await this.expectScreen(T.expectations);
  }

  /** Answers both questions on the way out: the feedback is kept at the second. */
  async rate(expectations: 'Below what I expected' | 'Met what I expected' | 'Beyond what I expected', respected: boolean): Promise<void> {
    await this.expectScreen(T.expectations);
    await this.tap(expectations);
    await this.expectScreen(T.respected);
    await this.tap(respected ? 'Yes' : 'No');
    await this.expectScreen(T.comment);
  }

  /** The optional comment (or Skip), then thanks. */
  async addComment(comment = ''): Promise<void> {
    await this.expectScreen(T.comment);
    if (comment) await this.textField.fill(comment);
    await this.tap(comment ? 'Continue' : 'Skip');
    await this.expectScreen(T.thanks);
  }

  /** From Done back to Welcome, without waiting for the countdown. */
  async finish(): Promise<void> {
    await this.tap('Finish');
    await this.expectScreen(T.welcome);
  }
}

/** The staff's screen, behind the PIN. */
export class Desk {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('/desk');
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(T.deskLock);
  }

  get pin(): Locator {
    return this.page.getByLabel('Desk PIN');
  }

  async unlock(pin: string = DESK_PIN): Promise<void> {
    await this.pin.fill(pin);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
  }

  /** Draws the whole waiting queue (the desk draws it 15 lines at a time). */
  async showAll(): Promise<void> {
    const more = this.page.locator('.lists > button.more');
    // With keepShowingAll, its handler may press the button first: then the
    // click finds it gone, which is as good, and the loop looks again.
    for (let tries = 0; (await more.count()) && tries < 100; tries++) await more.click({ timeout: 2_000 }).catch(() => undefined);
    await expect(more).toHaveCount(0);
  }

  /**
   * Keeps the whole waiting queue drawn for the rest of the test: whenever "Show
   * more" is on screen before an action or an assertion, it is pressed.
   */
  async keepShowingAll(): Promise<void> {
    await this.page.addLocatorHandler(this.page.locator('.lists > button.more'), (more) => more.click(), { noWaitAfter: true });
  }

  /**
   * One customer's line in the queue, in *With us now* or under *Done today*
   * (`12`, or `A-12` with sync).
   */
  row(ticket: number | string): Locator {
    return this.page.locator(`.lists button.row[data-ticket="${ticket}"]`);
  }

  /** One customer's full brief, when it is the one opened. */
  brief(ticket: number | string): Locator {
    return this.page.locator(`#brief-pane article.brief[data-ticket="${ticket}"]`);
  }

  /**
   * Opens one customer's brief (from the queue, *With us now* or *Done today*),
   * unless it is open already, and returns it.
   */
  async show(ticket: number | string, { timeout = 5_000 }: { timeout?: number } = {}): Promise<Locator> {
    const brief = this.brief(ticket);
    if (await brief.isVisible()) return brief;
    // Its line may still be on its way (a storage event, a sync), or be under
    // "Done today", which is drawn only while open.
    await expect(async () => {
      if (!(await this.row(ticket).count())) await this.openHistory();
      await expect(this.row(ticket).first()).toBeVisible({ timeout: 250 });
    }).toPass({ timeout });
    await this.row(ticket).first().click();
    await expect(brief).toBeVisible();
    return brief;
  }

  /** Closes the opened brief with its Close button. */
  async closeBrief(): Promise<void> {
    await this.page.locator('#brief-pane').getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.page.locator('#brief-pane article.brief')).toHaveCount(0);
  }

  /** The waiting queue's lines, in the desk's order. */
  get queue(): Locator {
    return this.page.locator('.lists > ol.rows.waiting > li > button.row');
  }

  /** Those being served: *With us now*. */
  get withUs(): Locator {
    return this.page.locator('.lists section.with-us button.row');
  }

  get history(): Locator {
    return this.page.locator('details.history').first();
  }

  /** Opens the day's history (the served briefs), if it is closed. */
  async openHistory(): Promise<void> {
    if (!(await this.history.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await this.history.locator('summary').click();
    }
  }

  /** The follow-ups raised by feedback, top of the desk. */
  get followUps(): Locator {
    return this.page.locator('section.follow-ups article.follow-up');
  }

  /**
   * Exports today's check-ins from the Figures screen, back on the queue after:
   * the download.
   */
  async exportToday(): Promise<Download> {
    await this.page.getByRole('button', { name: 'Figures', exact: true }).click();
    await this.page.getByRole('button', { name: 'Today', exact: true }).click();
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.page.getByRole('button', { name: 'Export these days (CSV)' }).click(),
    ]);
    await this.page.getByRole('button', { name: 'Back to the queue' }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText(T.deskQueue);
    return download;
  }

  /** Today's figures, opened. */
  async openToday(): Promise<Locator> {
    const today = this.page.locator('details.today');
    await today.locator('summary').click();
    await expect(today.locator('.today-view')).toBeVisible();
    return today;
  }

  /**
   * Lets `minutes` pass with a member of staff at the desk: a key now and then, as
   * the desk locks itself after five minutes with no touch or key.
   */
  async passTime(minutes: number): Promise<void> {
    for (let left = minutes; left > 0; left -= 4) {
      await this.page.clock.fastForward(Math.min(left, 4) * 60_000);
      await this.page.keyboard.press('Shift');
    }
  }

  /** The tickets in the waiting queue, top first. */
  async queueOrder(): Promise<number[]> {
    const tickets = await this.queue.evaluateAll((articles) => articles.map((a) => a.getAttribute('data-ticket')));
    return tickets.map(Number);
  }
}

type Fixtures = {
  kiosk: Kiosk;
  /** Opens the desk in a second page of the same browser context and unlocks it. */
  openDesk: (options?: { unlock?: boolean }) => Promise<Desk>;
  /** Uncaught exceptions and console errors of every page in the context. */
  pageErrors: string[];
};

/**
 * `test` with a fixed clock (installed before any page loads), the page objects,
 * and a check that no page threw: a Rust panic in the wasm shows up here.
 */
export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    await context.clock.install({ time: START });
    await use(context);
  },
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('pageerror', (err) => errors.push(`${page.url()} page error: ${err.message}`));
        page.on('console', (msg) => {
          // A 404 of a resource is reported as a console error; the config tests cause one on purpose.
          if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
            errors.push(`${page.url()} console: ${msg.text()}`);
          }
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'no uncaught errors or console errors').toEqual([]);
    },
    { auto: true },
  ],
  kiosk: async ({ page }, use) => {
    await use(new Kiosk(page));
  },
  openDesk: async ({ context }, use) => {
    await use(async ({ unlock = true } = {}) => {
      const desk = new Desk(await context.newPage());
      await desk.open();
      if (unlock) await desk.unlock();
      return desk;
    });
  },
});

export { expect };

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe-core on the page as it is now and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary}`).join('\n'),
  );
  expect(found, `axe violations on the ${screen} screen`).toEqual([]);
}

/** The stored feedback records, as stored (`lobby.feedback.<id>`). */
export async function storedFeedback(page: Page): Promise<any[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('lobby.feedback.'))
      .map((k) => JSON.parse(localStorage.getItem(k)!).feedback),
  );
}

/** The keys of the stored intakes (`lobby.intake.<id>`), sorted. */
export async function intakeKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('lobby.intake.')).sort());
}

/** Every key and value of the page's localStorage and sessionStorage, as one text to search. */
export async function storageText(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({
      local: Object.entries(localStorage),
      session: Object.entries(sessionStorage),
    }),
  );
}

/** Every ticket a desk shows, open queue and the day's history, each as often as it appears. */
export async function everyTicket(desk: Desk): Promise<{ open: string[]; withUs: string[]; done: string[] }> {
  await desk.showAll();
  const history = desk.history;
  if (!(await history.evaluate((d: HTMLDetailsElement) => d.open))) await history.locator('summary').click();
  const read = (selector: string) =>
    desk.page.locator(selector).evaluateAll((cards) => cards.map((c) => c.getAttribute('data-ticket') ?? '?'));
  const withUs = await read('.lists section.with-us button.row');
  return {
    open: [...withUs, ...(await read('.lists > ol.rows.waiting > li > button.row'))],
    withUs,
    done: await read('details.history ol.rows.done button.row'),
  };
}

/** The current fake time of a page (the clock is shared by the context). */
export async function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now());
}

/**
 * Stops the page's clock a moment from now. On a busy machine that moment can be
 * past before Playwright gets to it ("Cannot fast-forward to the past"): then
 * again, from the page's time as it is then.
 */
export async function pauseSoon(page: Page): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await page.clock.pauseAt((await pageNow(page)) + 50);
      return;
    } catch (e) {
      if (attempt >= 20 || !String(e).includes('to the past')) throw e;
    }
  }
}

export type { BrowserContext, Locator, Page };
