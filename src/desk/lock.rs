//! The PIN screen. The configuration holds only a salted hash of the PIN; after
//! five wrong tries the desk locks for a growing time, kept across reloads.
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::pin::{verify_pin, PinTries};
use crate::store::local::LocalStorage;
use crate::store::{Backend, PIN_TRIES_KEY};
use crate::ui::{focused_heading, use_i18n};
use crate::web;

fn load_tries() -> PinTries {
    LocalStorage::open()
        .and_then(|s| s.get(PIN_TRIES_KEY))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn save_tries(tries: &PinTries) {
    if let Some(s) = LocalStorage::open() {
        // Without storage the count still holds for this page.
        let _ = s.set(
            PIN_TRIES_KEY,
            &serde_json::to_string(tries).unwrap_or_default(),
        );
    }
}

#[component]
pub fn Lock(unlocked: RwSignal<bool>) -> impl IntoView {
    // Locked, nobody at work here: the moment to move to a new build, if there is one.
    crate::web::reload_if_new_build();
    let i = use_i18n();
    let config = expect_context::<Config>();
    let pin = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let tries = RwSignal::new(load_tries());
    let now_ms = RwSignal::new(web::now().ms);
    web::every(Duration::from_secs(1), move || now_ms.set(web::now().ms));
    let locked_s = move || {
        tries
            .with(|t| t.locked_for(now_ms.get()))
            .map(|ms| (ms + 999) / 1000)
    };
    let heading = focused_heading();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let now = web::now().ms;
        now_ms.set(now);
        // Another window may have counted wrong tries too.
        tries.set(load_tries());
        if tries.with_untracked(|t| t.locked_for(now).is_some()) {
            pin.set(String::new());
            return;
        }
        let ok = verify_pin(&pin.get_untracked(), &config.desk_pin_hash);
        pin.set(String::new());
        wrong.set(!ok);
        if ok {
            tries.set(PinTries::default());
            save_tries(&PinTries::default());
            unlocked.set(true);
        } else {
            tries.update(|t| t.fail(now));
            save_tries(&tries.get_untracked());
        }
    };
    let message = move || match locked_s() {
        Some(s) => Some(i.tw_count("desk.pin_locked", s, &[("s", &s.to_string())])),
        None => wrong.get().then(|| i.t("desk.pin_wrong")),
    };
    view! {
        <main class="desk-lock">
            <h1 tabindex="-1" node_ref=heading>{move || i.t("desk.lock_title")}</h1>
            <form on:submit=submit>
                <label for="pin">{move || i.t("desk.pin_label")}</label>
                <p id="pin-hint" class="hint">{move || i.t("desk.pin_hint")}</p>
                <input
                    id="pin"
                    type="password"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="8"
                    aria-describedby="pin-hint pin-error"
                    prop:value=move || pin.get()
                    on:input=move |ev| pin.set(event_target_value(&ev))
                />
                <p id="pin-error" class="error" role="alert">{message}</p>
                <button type="submit" class="primary">{move || i.t("desk.unlock")}</button>
            </form>
        </main>
    }
}
