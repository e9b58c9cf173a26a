//! One line of the queue, for a glance: ticket, name, the headline with the
//! deadline or the limit, flags in words with an icon, and the wait. Pressing it
//! opens the full brief.
use leptos::prelude::*;

use super::card::headline_view;
use crate::domain::brief::{Brief, Flag, Urgency};
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
    };
    view! {
        <svg class="flag-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d=path />
        </svg>
    }
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
    let flags = b
        .flags
        .iter()
        .map(|f| {
            let (class, key) = match f {
                Flag::Recovery => ("row-flag recovery", "desk.row_came_back"),
                Flag::WantsPerson => ("row-flag person", "desk.row_wants_person"),
            };
            view! { <span class=class>{flag_icon(*f)}{i.t(key)}</span> }
        })
        .collect_view();
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
            class:flagged=!b.flags.is_empty()
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
                </span>
                <span class="row-head" class:warn=urgent>{head}</span>
            </span>
            <span class="row-wait">{wait}</span>
        </button>
    }
    .into_any()
}
