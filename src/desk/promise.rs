//! "Ready by": the desk's promise to a customer being served, set in one tap
//! (+30, +60, +90 minutes, their own deadline, or a time), shown beside their
//! deadline, and a warning from 15 minutes before it would be broken.
use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::brief::{Brief, Headline};
use crate::domain::clock::{ClockTime, MINUTE_MS};
use crate::ui::use_i18n;
use crate::web;

/// The promise as it stands: when, and what is left of it (or how late it is).
pub fn promise_words(b: &Brief, lang: &str, short: bool) -> Option<String> {
    let i = use_i18n();
    let at = b.promised_ms?;
    let time = web::intl::local_time(lang, at);
    // On a line of the queue the time alone, but for a promise about to be
    // broken: then how long is left, or how late, in words and not only colour.
    let (late, left, value) = match short {
        true => (
            "desk.row_promise_late",
            "desk.row_promise_due",
            "desk.row_promise",
        ),
        false => (
            "desk.promise_late",
            "desk.promise_left",
            "desk.promise_value",
        ),
    };
    Some(match b.promise_left_min {
        Some(m) if m < 0 => i.tw(late, &[("time", &time), ("late", &i.duration(-m))]),
        Some(m) if !short || b.promise_at_risk => {
            i.tw(left, &[("time", &time), ("left", &i.duration(m))])
        }
        _ => i.tw(value, &[("time", &time)]),
    })
}

#[component]
pub fn Promise(brief: Memo<Option<Brief>>, id: String) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let lang = i.lang.get_untracked();
    let id = StoredValue::new(id);
    let promise = move |at: i64| {
        id.with_value(|id| desk.change(id, |intake| intake.promised_ms = Some(at)));
    };
    let words = move || {
        brief.with(|b| {
            b.as_ref()
                .and_then(|b| promise_words(b, lang, false))
                .unwrap_or_else(|| i.t("desk.promise_none"))
        })
    };
    let at_risk = move || brief.with(|b| b.as_ref().is_some_and(|b| b.promise_at_risk));
    // Their own deadline, while it is still ahead.
    let deadline = move || {
        brief.with(|b| match b.as_ref()?.headline {
            Headline::TimeFirst { deadline } | Headline::Both { deadline, .. } => {
                deadline.map(|d| d.at_ms).filter(|at| *at > web::now().ms)
            }
            _ => None,
        })
    };
    let picked = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let control = id.with_value(|id| format!("promise-at-{id}"));
    let set_picked = move || {
        let now = web::now();
        match ClockTime::parse(&picked.get_untracked()).map(|t| now.today_at(t)) {
            Some(at) if at > now.ms => {
                error.set(None);
                promise(at);
            }
            Some(_) => error.set(Some(i.t("desk.promise_past"))),
            None => error.set(Some(i.t("desk.promise_pick"))),
        }
    };
    let plus = move |minutes: i64| {
        view! {
            <button type="button" class="secondary" on:click=move |_| promise(web::now().ms + minutes * MINUTE_MS)>
                {move || i.tw("desk.promise_in", &[("n", &minutes.to_string())])}
            </button>
        }
    };
    view! {
        <section class="promise" data-testid="promise" aria-labelledby=format!("{control}-title")>
            <h3 id=format!("{control}-title")>{move || i.t("desk.promise_title")}</h3>
            <p class="promise-now" class:warn=at_risk data-testid="promise-now">{words}</p>
            <div class="promise-choices">
                {plus(30)}
                {plus(60)}
                {plus(90)}
                {move || deadline().map(|at| view! {
                    <button type="button" class="secondary" on:click=move |_| promise(at)>
                        {move || i.tw("desk.promise_deadline", &[("time", &web::intl::local_time(lang, at))])}
                    </button>
                })}
                <span class="promise-at">
                    <label for=control.clone()>{move || i.t("desk.promise_at")}</label>
                    <input
                        id=control.clone()
                        type="time"
                        prop:value=move || picked.get()
                        on:input=move |ev| picked.set(event_target_value(&ev))
                        aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    />
                    <button type="button" class="secondary" on:click=move |_| set_picked()>
                        {move || i.t("desk.promise_set")}
                    </button>
                </span>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}
