//! The Figures screen: today, the last 7 or 30 days, or any range of days, from
//! this device's history: when customers come, how long they wait against what
//! they were told, who leaves unserved, whom we fail on what mattered most, and how
//! soon unhappy customers are called back. Exported as CSV for the same days.
mod charts;
mod today;

pub use today::Today;

use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::config::Config;
use crate::domain::history::{self, MAX_RANGE_DAYS};
use crate::ui::use_i18n;
use crate::web;
use charts::{Charts, FigureList, FollowUpFigures, Heatmap, RespectedBy};

/// Whether the Figures screen is open instead of the queue, and the days it
/// shows: kept while the screen is drawn again (another language, new settings).
#[derive(Clone, Copy)]
pub struct FiguresOpen {
    pub shown: RwSignal<bool>,
    range: RwSignal<Range>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl FiguresOpen {
    pub fn provide() -> Self {
        let now = web::now();
        let open = Self {
            shown: RwSignal::new(false),
            range: RwSignal::new(Range::Last(7)),
            from: RwSignal::new(now.day_before(29)),
            to: RwSignal::new(now.day()),
        };
        provide_context(open);
        open
    }

    pub fn open(self) {
        self.shown.set(true);
        web::document::focus_when_drawn(TITLE_ID.into());
    }
}

const TITLE_ID: &str = "figures-title";
const FROM_ID: &str = "figures-from";

/// The days shown.
#[derive(Clone, Debug, PartialEq)]
enum Range {
    Today,
    Last(u32),
    /// From the first day to the last, both kept.
    Between(String, String),
}

impl Range {
    fn days(&self, today: &crate::domain::clock::Now) -> Vec<String> {
        match self {
            Range::Today => vec![today.day()],
            Range::Last(n) => (0..*n).rev().map(|d| today.day_before(d)).collect(),
            Range::Between(from, to) => history::days_between(from, to).unwrap_or_default(),
        }
    }

    /// The same choice of the four, whatever its dates.
    fn same_choice(&self, other: &Range) -> bool {
        match (self, other) {
            (Range::Between(..), Range::Between(..)) => true,
            _ => self == other,
        }
    }
}

#[component]
pub fn Figures(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let open = expect_context::<FiguresOpen>();
    let config = expect_context::<Config>();
    let synced_at_all = config.sync.is_some();
    // Behind the PIN as the queue is: the day goes on, the desk locks itself,
    // and a new arrival still chimes.
    desk.keep_ticking();
    super::lock::use_auto_lock(unlocked, config.desk_lock_seconds);
    super::alerts::Alerts::start(desk);
    let FiguresOpen {
        range, from, to, ..
    } = open;
    // Changes at midnight only, so earlier days are read from storage once a range.
    let today = Memo::new(move |_| desk.now_day());
    let days = Memo::new(move |_| {
        let now = web::now();
        today.track();
        range.with(|r| r.days(&now))
    });
    let past = Memo::new(move |_| {
        let today = today.get();
        days.with(|d| {
            d.iter()
                .filter(|d| **d != today)
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    // With the shop's database, earlier days are summed there (this desk keeps
    // only `keep_days`); read again as the range or the day changes.
    let synced = config.sync.clone();
    let from_database = LocalResource::new(move || {
        let past = past.get();
        let sync = synced.clone();
        async move {
            match (sync, past.first(), past.last()) {
                (Some(sync), Some(first), Some(last)) => {
                    Some(crate::sync::figures::day_tallies(&sync, first, last).await)
                }
                (Some(_), _, _) => Some(Some(Default::default())),
                (None, _, _) => None,
            }
        }
    });
    // Earlier days' tallies, from the database or this device's storage (`None`
    // while the database is asked), and whether the database could not be read;
    // read again as any feedback changes (a follow-up handled).
    // Earlier days' feedback as it changes (a follow-up handled), not today's.
    let earlier_feedback = Memo::new(move |_| {
        let today = today.get();
        desk.feedback.with(|all| {
            all.iter()
                .filter(|f| f.day != today)
                .map(|f| (f.id.clone(), f.follow_up.is_some()))
                .collect::<Vec<_>>()
        })
    });
    let earlier = Memo::new(move |_| {
        earlier_feedback.track();
        let past = past.get();
        match from_database.get().flatten() {
            Some(Some(tallies)) => (Some(desk.with_local_follow_ups(&past, tallies)), false),
            Some(None) => (Some(untrack(|| desk.tallies(&past))), true),
            None if synced_at_all => (None, false),
            None => (Some(untrack(|| desk.tallies(&past))), false),
        }
    });
    let figures = Memo::new(move |_| {
        let today = today.get();
        let mut all = earlier.with(|e| e.0.clone()).unwrap_or_default();
        if days.with(|d| d.contains(&today)) {
            all.extend(desk.tallies(&[today]));
        }
        history::figures(&all)
    });
    let is_today = move || range.with(|r| *r == Range::Today);
    let choice = move |key: &'static str, pick: Range| {
        let this = pick.clone();
        view! {
            <button
                type="button"
                class="secondary"
                aria-pressed=move || if range.with(|r| r.same_choice(&this)) { "true" } else { "false" }
                on:click=move |_| range.set(match &pick {
                    // The dates in the fields, as they stand.
                    Range::Between(..) => {
                        web::document::focus_when_drawn(FROM_ID.into());
                        Range::Between(from.get_untracked(), to.get_untracked())
                    }
                    other => other.clone(),
                })
            >
                {i.t(key)}
            </button>
        }
    };
    let wrong = RwSignal::new(false);
    let show_between = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (f, t) = (from.get_untracked(), to.get_untracked());
        let fits = history::days_between(&f, &t).is_some();
        wrong.set(!fits);
        if fits {
            range.set(Range::Between(f, t));
        }
    };
    let shown = move || {
        let lang = i.lang.get();
        days.with(|d| match (d.first(), d.last()) {
            (Some(first), Some(last)) if first != last => i.tw(
                "desk.figures_range_shown",
                &[
                    ("from", &long_date(lang, first)),
                    ("to", &long_date(lang, last)),
                ],
            ),
            (Some(day), _) => long_date(lang, day),
            _ => String::new(),
        })
    };
    // With the shop's database, earlier days are read from there (this desk keeps
    // two); when it cannot be read, the file holds what this desk keeps, and says so.
    let partial = RwSignal::new(false);
    let export = move |_| {
        let days = days.get_untracked();
        let earlier = past.get_untracked();
        let lang = i.lang.get_untracked();
        let config = config.clone();
        leptos::task::spawn_local(async move {
            let from_database = match (&config.sync, earlier.first(), earlier.last()) {
                (Some(sync), Some(first), Some(last)) => {
                    let read = crate::sync::figures::records_between(sync, first, last).await;
                    partial.try_set(read.is_none());
                    read
                }
                _ => None,
            };
            let (name, text) = desk.export(&days, &config, lang, from_database);
            web::download::download(&name, "text/csv;charset=utf-8", &text);
        });
    };
    view! {
        <main class="desk figures-screen" data-testid="figures">
            <header class="desk-bar">
                <h1 id=TITLE_ID tabindex="-1">{i.t("desk.figures")}</h1>
                <div class="desk-tools">
                    <button type="button" class="secondary" on:click=move |_| {
                        open.shown.set(false);
                        web::document::focus_when_drawn(super::focus::HEADING_ID.into());
                    }>
                        {i.t("desk.settings_back")}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                        {i.t("desk.lock")}
                    </button>
                </div>
            </header>
            <div class="ranges" role="group" aria-label=i.t("desk.figures_ranges")>
                {choice("desk.figures_today", Range::Today)}
                {choice("desk.figures_week", Range::Last(7))}
                {choice("desk.figures_month", Range::Last(30))}
                {choice("desk.figures_between", Range::Between(String::new(), String::new()))}
            </div>
            <Show when=move || range.with(|r| matches!(r, Range::Between(..)))>
                <form class="between" on:submit=show_between>
                    <label>
                        <span>{i.t("desk.figures_from")}</span>
                        <input id=FROM_ID type="date" prop:value=from on:change=move |ev| from.set(event_target_value(&ev)) />
                    </label>
                    <label>
                        <span>{i.t("desk.figures_to")}</span>
                        <input type="date" prop:value=to on:change=move |ev| to.set(event_target_value(&ev)) />
                    </label>
                    <button type="submit">{i.t("desk.figures_show")}</button>
                    <Show when=move || wrong.get()>
                        <p class="warning" role="alert">
                            {i.tw("desk.figures_range_wrong", &[("n", &MAX_RANGE_DAYS.to_string())])}
                        </p>
                    </Show>
                </form>
            </Show>
            <p class="range-shown" role="status" data-testid="range-shown">{shown}</p>
            <Show when=move || earlier.with(|e| e.0.is_none())>
                <p class="notice" role="status">{i.t("desk.figures_reading")}</p>
            </Show>
            <Show when=move || earlier.with(|e| e.1)>
                <p class="warning" role="alert" data-testid="figures-unreadable">{i.t("desk.figures_unreadable")}</p>
            </Show>
            {move || (!is_today()).then(|| view! { <p class="hint">{i.t("desk.figures_walkouts_hint")}</p> })}
            {move || view! { <FigureList figures today=is_today() /> }}
            <div class="figures-grid">
                <Heatmap figures />
                <div class="charts"><Charts figures /></div>
                <RespectedBy figures />
                <FollowUpFigures figures />
            </div>
            <button type="button" class="secondary" on:click=export>{i.t("desk.figures_export")}</button>
            <Show when=move || partial.get()>
                <p class="warning" role="alert" data-testid="export-partial">{i.t("desk.figures_export_partial")}</p>
            </Show>
        </main>
    }
}

/// `2026-11-08` as the staff's language writes a date: "Nov 8, 2026".
fn long_date(lang: &str, day: &str) -> String {
    match crate::domain::clock::parse_day(day) {
        Some((y, m, d)) => {
            let ms = crate::domain::clock::days_from_civil(y, m, d) * crate::domain::clock::DAY_MS;
            web::intl::utc_words(
                lang,
                &[
                    ("day", "numeric"),
                    ("month", "short"),
                    ("year", "numeric"),
                    ("weekday", "short"),
                ],
                ms,
            )
        }
        None => day.to_string(),
    }
}
