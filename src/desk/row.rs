//! One line of the queue, for a glance: ticket, name, the headline with the
//! deadline or the limit, flags in words with an icon, and the wait. Pressing it
//! opens the full brief.
use leptos::prelude::*;

use super::card::headline_view;
use crate::domain::brief::{Brief, Flag, Headline, Urgency};
use crate::domain::config::Config;
use crate::domain::intake::Status;
use crate::ui::use_i18n;
use crate::web;

/// The row's id, where focus goes back when its brief is closed.
pub fn row_id(id: &str) -> String {
    format!("row-{id}")
}

/// A flag's icon: an arrow coming back, or a person.
pub fn flag_icon(flag: Flag) -> impl IntoView {
    let path = match flag {
        Flag::Recovery => "M9 7H4V2 M4.5 7A8 8 0 1 1 4 13",
        Flag::WantsPerson => "M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M4 21a8 8 0 0 1 16 0",
        // A clock.
        Flag::LeavesBeforeQuote => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2",
    };
    view! {
        <svg class="flag-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d=path />
        </svg>
    }
}

/// A flag's class and words: on a line of the queue (`short`), or on the brief,
/// where a deadline inside the quoted wait says both ("needs to leave by 10:30;
/// quoted wait up to 40 min").
pub fn flag_words(b: &Brief, flag: Flag, lang: &str, short: bool) -> (&'static str, String) {
    let i = use_i18n();
    let (class, key) = match (flag, short) {
        (Flag::Recovery, true) => ("recovery", "desk.row_came_back"),
        (Flag::Recovery, false) => ("recovery", "desk.flag_recovery"),
        (Flag::WantsPerson, true) => ("person", "desk.row_wants_person"),
        (Flag::WantsPerson, false) => ("person", "desk.flag_wants_person"),
        (Flag::LeavesBeforeQuote, true) => ("leaves-early", "desk.row_leaves_early"),
        (Flag::LeavesBeforeQuote, false) => ("leaves-early", "desk.flag_leaves_before_quote"),
    };
    let deadline = match b.headline {
        Headline::TimeFirst { deadline } | Headline::Both { deadline, .. } => deadline,
        _ => None,
    };
    let words = match (flag, deadline, b.quote) {
        (Flag::LeavesBeforeQuote, Some(d), Some(q)) if !short => i.tw(
            key,
            &[
                ("time", &web::intl::local_time(lang, d.at_ms)),
                ("wait", &i.duration(i64::from(q.high_min))),
            ],
        ),
        _ => i.t(key),
    };
    (class, words)
}

/// A brief's flags, followed (a flag may go: leaving before the wait ends is
/// said only while they wait), on a line of the queue (`short`: spans) or on
/// the brief; and whether there is any.
pub fn flags_view(
    brief: Memo<Option<Brief>>,
    lang: &'static str,
    short: bool,
) -> (
    impl Fn() -> Option<AnyView> + Send + Sync + 'static,
    impl Fn() -> bool + Copy + Send + Sync + 'static,
) {
    let flags = move || {
        brief.with(|b| {
            b.as_ref().map(|b| {
                b.flags
                    .iter()
                    .map(|f| {
                        let (class, words) = flag_words(b, *f, lang, short);
                        if short {
                            view! { <span class=format!("row-flag {class}")>{flag_icon(*f)}{words}</span> }.into_any()
                        } else {
                            view! { <p class=format!("flag {class}")>{flag_icon(*f)}{words}</p> }.into_any()
                        }
                    })
                    .collect_view()
                    .into_any()
            })
        })
    };
    let flagged = move || brief.with(|b| b.as_ref().is_some_and(|b| !b.flags.is_empty()));
    (flags, flagged)
}

#[component]
pub fn Row(
    brief: Memo<Option<Brief>>,
    /// Its brief is the one open.
    #[prop(into)]
    opened: Signal<bool>,
    /// Just checked in: shown with a flash.
    #[prop(into)]
    arrived: Signal<bool>,
    on_open: Callback<String>,
) -> impl IntoView {
    let i = use_i18n();
    let config = expect_context::<Config>();
    let lang = i.lang.get_untracked();
    let Some(b) = brief.get_untracked() else {
        return ().into_any();
    };
    let name = if b.name.is_empty() {
        i.t("desk.no_name")
    } else {
        b.name.clone()
    };
    let (flags, flagged) = flags_view(brief, lang, true);
    let head = headline_view(brief, lang, config.currency.clone(), true);
    let urgent = move || brief.with(|b| b.as_ref().is_some_and(|b| b.urgency != Urgency::Normal));
    let status = move || brief.with(|b| b.as_ref().map(|b| b.status).unwrap_or(Status::Done));
    // Waiting: how long so far. Served: since when. Done or gone: when that was.
    let wait = move || {
        brief.with(|b| {
            b.as_ref().map(|b| match (b.status, b.serving_since_ms) {
                (Status::Serving, Some(at)) => i.tw(
                    "desk.row_since",
                    &[("time", &web::intl::local_time(lang, at))],
                ),
                (Status::Waiting, _) => i.duration(b.waited_min),
                (Status::Left, _) => i.t("desk.row_left"),
                _ => i.t("desk.row_done"),
            })
        })
    };
    let id = b.id.clone();
    view! {
        <button
            type="button"
            class="row"
            class:flagged=flagged
            class:at-risk=urgent
            class:serving=move || status() == Status::Serving
            class:arrived=move || arrived.get()
            id=row_id(&b.id)
            data-ticket=b.ticket_label.clone()
            aria-expanded=move || if opened.get() { "true" } else { "false" }
            aria-controls="brief-pane"
            on:click=move |_| on_open.run(id.clone())
        >
            <span class="ticket-chip">{b.ticket_label.clone()}</span>
            <span class="row-main">
                <span class="row-line">
                    <span class="row-name" dir="auto">{name}</span>
                    {flags}
                    {move || brief.with(|b| {
                        let b = b.as_ref().filter(|b| b.promise_left_min.is_some())?;
                        let words = super::promise::promise_words(b, lang, true)?;
                        Some(view! { <span class="row-promise" class:warn=b.promise_at_risk>{words}</span> })
                    })}
                </span>
                <span class="row-head" class:warn=urgent>{head}</span>
            </span>
            <span class="row-wait">{wait}</span>
        </button>
    }
    .into_any()
}
