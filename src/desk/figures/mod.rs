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

/// Whether the Figures screen is open instead of the queue.
#[derive(Clone, Copy)]
pub struct FiguresOpen(pub RwSignal<bool>);

impl FiguresOpen {
    pub fn provide() -> Self {
        let open = Self(RwSignal::new(false));
        provide_context(open);
        open
    }

    pub fn open(self) {
        self.0.set(true);
        web::document::focus_when_drawn(TITLE_ID.into());
    }
}

const TITLE_ID: &str = "figures-title";

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
    let range = RwSignal::new(Range::Last(7));
    // Changes at midnight only, so earlier days are read from storage once a range.
    let today = Memo::new(move |_| desk.now_day());
    let days = Memo::new(move |_| {
        let now = web::now();
        today.track();
        range.with(|r| r.days(&now))
    });
    // Earlier days' tallies: read again as the range, the day or any feedback
    // changes (a follow-up handled); today's follow the desk live.
    let earlier = Memo::new(move |_| {
        let today = today.get();
        desk.feedback.track();
        let past: Vec<String> = days.with(|d| d.iter().filter(|d| **d != today).cloned().collect());
        untrack(|| desk.tallies(&past))
    });
    let figures = Memo::new(move |_| {
        let today = today.get();
        let mut all = earlier.get();
        if days.with(|d| d.contains(&today)) {
            all.extend(desk.tallies(&[today]));
        }
        history::figures(&all)
    });
    let is_today = move || range.with(|r| *r == Range::Today);
    let from = RwSignal::new(web::now().day_before(29));
    let to = RwSignal::new(web::now().day());
    let choice = move |key: &'static str, pick: Range| {
        let this = pick.clone();
        view! {
            <button
                type="button"
                class="secondary"
                aria-pressed=move || if range.with(|r| r.same_choice(&this)) { "true" } else { "false" }
                on:click=move |_| range.set(match &pick {
                    // The dates in the fields, as they stand.
                    Range::Between(..) => Range::Between(from.get_untracked(), to.get_untracked()),
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
    let export = move |_| {
        let (name, text) = days.with_untracked(|d| desk.export(d, &config, i.lang.get_untracked()));
        web::download::download(&name, "text/csv;charset=utf-8", &text);
    };
    view! {
        <main class="desk figures-screen" data-testid="figures">
            <header class="desk-bar">
                <h1 id=TITLE_ID tabindex="-1">{i.t("desk.figures")}</h1>
                <div class="desk-tools">
                    <button type="button" class="secondary" on:click=move |_| {
                        open.0.set(false);
                        web::document::focus_when_drawn(super::focus::HEADING_ID.into());
                    }>
                        {i.t("desk.settings_back")}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                        {i.t("desk.lock")}
                    </button>
                </div>
            </header>
            <nav class="ranges" aria-label=i.t("desk.figures_ranges")>
                {choice("desk.figures_today", Range::Today)}
                {choice("desk.figures_week", Range::Last(7))}
                {choice("desk.figures_month", Range::Last(30))}
                {choice("desk.figures_between", Range::Between(String::new(), String::new()))}
            </nav>
            <Show when=move || range.with(|r| matches!(r, Range::Between(..)))>
                <form class="between" on:submit=show_between>
                    <label>
                        <span>{i.t("desk.figures_from")}</span>
                        <input type="date" prop:value=from on:change=move |ev| from.set(event_target_value(&ev)) />
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
            {move || (!is_today()).then(|| view! { <p class="hint">{i.t("desk.figures_walkouts_hint")}</p> })}
            {move || view! { <FigureList figures today=is_today() /> }}
            <div class="figures-grid">
                <Heatmap figures />
                <div class="charts"><Charts figures /></div>
                <RespectedBy figures />
                <FollowUpFigures figures />
            </div>
            <button type="button" class="secondary" on:click=export>{i.t("desk.figures_export")}</button>
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
