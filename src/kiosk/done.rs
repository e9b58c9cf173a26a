//! The ticket, a thank-you, and back to Welcome after the configured seconds.
use std::time::Duration;

use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::wait::Estimate;
use crate::sync::Link;
use crate::ui::{focused_heading, use_i18n, I18n};
use crate::web;

/// Seconds left before the screen clears itself for the next customer.
pub fn countdown(state: super::visit::KioskState) -> RwSignal<u32> {
    let left = RwSignal::new(expect_context::<Config>().reset_seconds);
    web::every(Duration::from_secs(1), move || {
        let now_left = left.get_untracked().saturating_sub(1);
        left.set(now_left);
        if now_left == 0 {
            state.reset();
        }
    });
    left
}

#[component]
pub fn Done() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let outcome = state
        .outcome
        .get_untracked()
        .unwrap_or(super::visit::Outcome {
            ticket: String::new(),
            name: String::new(),
            wants_person: false,
            saved: false,
            wait: None,
            deadline_ms: None,
            checked_in_ms: 0,
            intake_id: String::new(),
        });
    let left = countdown(state);
    let config = expect_context::<Config>();
    // Filed here, but the desk is on another device and cannot be reached now.
    // Read once, not followed: the sync outlives this screen, and a screen that
    // subscribed to it would stay in its subscriber list after the customer left.
    let not_sent = outcome.saved
        && state
            .sync
            .is_some_and(|s| s.link.with_untracked(Link::is_down));
    let heading = focused_heading();
    let title = if outcome.wants_person {
        "done.talk_title"
    } else {
        "done.title"
    };
    state.announce(i.t(title));
    let name = outcome.name.clone();
    // One message for each situation: "we'll call your number" only when the
    // desk has the check-in and nobody is coming over already.
    let will_call = outcome.saved && !not_sent && !outcome.wants_person;
    // Filed here, and not a person coming over: how long; while the desk
    // cannot be reached, only a figure that came before (nobody can say "the
    // desk will tell you" now). The printed number says the same.
    let wait_shown =
        outcome.saved && !outcome.wants_person && (outcome.wait.is_some() || !not_sent);
    let thanks = move || match (will_call, name.is_empty()) {
        (true, true) => i.t("done.thanks"),
        (true, false) => i.tw("done.thanks_name", &[("name", &name)]),
        (false, true) => i.t("done.thanks_only"),
        (false, false) => i.tw("done.thanks_only_name", &[("name", &name)]),
    };
    view! {
        <div class="done">
            <h1 tabindex="-1" node_ref=heading>{move || i.t(title)}</h1>
            <div class="ticket" role="status">
                <span class="ticket-label">{move || i.t("done.number")}</span>
                <span class="ticket-number" data-testid="ticket">{outcome.ticket.clone()}</span>
            </div>
            {(!outcome.saved).then(|| view! { <p class="warning" role="alert">{move || i.t("done.not_saved")}</p> })}
            {not_sent.then(|| view! { <p class="warning" role="alert">{move || i.t("done.not_sent")}</p> })}
            <p class="lead">{thanks}</p>
            {wait_shown.then(|| view! { <Wait wait=outcome.wait deadline_ms=outcome.deadline_ms /> })}
            {(config.printing && outcome.saved && !outcome.ticket.is_empty()).then(|| view! {
                <super::printed::PrintMyNumber
                    ticket=outcome.ticket.clone()
                    checked_in_ms=outcome.checked_in_ms
                    intake_id=outcome.intake_id.clone()
                    wait=wait_shown.then_some(outcome.wait)
                />
            })}
            <p class="clears">{move || i.tw_count("done.clears", left.get() as i64, &[("s", &left.get().to_string())])}</p>
            <button type="button" class="primary" on:click=move |_| state.reset()>{move || i.t("done.finish")}</button>
        </div>
    }
}

/// "You're number 3 in line." and "Usually 15 to 25 minutes.", or that the
/// desk will say: the place in line, and how long.
pub fn wait_words(i: I18n, wait: Option<Estimate>) -> (Option<String>, Option<String>) {
    let place = match wait {
        Some(Estimate::Next) => Some(i.t("done.wait_next")),
        Some(Estimate::Range { position, .. } | Estimate::Unknown { position }) => {
            Some(i.tw("done.wait_position", &[("n", &position.to_string())]))
        }
        None => None,
    };
    (place, i.wait_words(wait))
}

/// The wait quoted, and, kindly, when they must leave before the wait may end.
#[component]
fn Wait(wait: Option<Estimate>, deadline_ms: Option<i64>) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang;
    // One line: the place in line first, then how long (or that the desk will say).
    let (place, time) = wait_words(i, wait);
    let past_deadline =
        deadline_ms.filter(|at| wait.is_some_and(|w| w.ends_after(web::now().ms, *at)));
    view! {
        <div class="wait" data-testid="wait">
            <p class="lead" role="status">
                <strong>{place}</strong>
                " "
                {time}
            </p>
            {past_deadline.map(|at| view! {
                // Said at once, as the other warnings of this screen are.
                <p class="warning" role="alert" data-testid="wait-deadline">
                    {move || i.tw("done.wait_deadline", &[("time", &web::intl::local_time(lang.get(), at))])}
                </p>
            })}
        </div>
    }
}
