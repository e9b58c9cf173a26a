//! "Are you still there?": after `idle_seconds` without a touch or a key on a
//! question, a countdown; at zero the answers are wiped and the kiosk returns to Welcome.
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::flow::Step;
use crate::domain::idle::{idle, Idle};
use crate::ui::use_i18n;
use crate::web;

#[component]
pub fn IdleGuard() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let (idle_s, countdown_s) = (config.idle_seconds, config.idle_countdown_seconds);
    // Any touch, click or key is activity, typing included.
    let last_activity = web::activity::use_last_activity();
    // The visit's: its Escape is Back only while nobody is being asked.
    let status = state.idle;
    let touched = move || {
        last_activity.set_value(web::now().ms);
        status.set(Idle::Active);
    };
    // A new step is activity too (the Done screen has its own, shorter reset).
    Effect::new(move || {
        state.flow.with(|f| f.step);
        last_activity.set_value(web::now().ms);
    });

    let own_language = crate::i18n::starting_language(&config.business.language);
    web::every(Duration::from_secs(1), move || {
        let step = state.flow.with_untracked(|f| f.step);
        // A customer's own phone is no shared screen: nobody comes after them.
        if matches!(step, Step::Welcome | Step::Done | Step::Thanks) || super::visitor::is_visitor()
        {
            status.set(Idle::Active);
            // A language or larger text picked on Welcome by someone who then went
            // away: after the idle time the next customer gets the business's own.
            let chosen = state.lang.get_untracked() != own_language || state.larger.get_untracked();
            let left_alone = web::now().ms - last_activity.get_value() >= i64::from(idle_s) * 1000;
            if step == Step::Welcome && chosen && left_alone {
                state.reset();
            }
            return;
        }
        match idle(
            web::now().ms - last_activity.get_value(),
            idle_s,
            countdown_s,
        ) {
            Idle::Expired => {
                status.set(Idle::Active);
                state.reset();
            }
            now => status.set(now),
        }
    });

    // Escape answers "I'm still here" too, for keyboards and switch devices.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && matches!(status.get_untracked(), Idle::Asking { .. }) {
            ev.prevent_default();
            touched();
        }
    });
    on_cleanup(move || escape.remove());

    let button = NodeRef::<html::Button>::new();
    Effect::new(move || {
        if let Some(b) = button.get() {
            let _ = b.focus();
        }
    });
    move || match status.get() {
        Idle::Asking { seconds_left } => Some(view! {
            <div class="overlay" on:pointerdown=move |_| touched()>
                <div
                    class="dialog"
                    role="alertdialog"
                    aria-modal="true"
                    aria-labelledby="idle-title"
                    aria-describedby="idle-body"
                >
                    <h2 id="idle-title">{move || i.t("idle.title")}</h2>
                    <p id="idle-body" class="lead">
                        {move || i.tw_count("idle.body", seconds_left as i64, &[("s", &seconds_left.to_string())])}
                    </p>
                    <p class="countdown" aria-hidden="true">{seconds_left}</p>
                    <button type="button" class="primary big" node_ref=button on:click=move |_| touched()>
                        {move || i.t("idle.continue")}
                    </button>
                </div>
            </div>
        }),
        _ => None,
    }
}
