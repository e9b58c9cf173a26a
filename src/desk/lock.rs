//! The PIN screen, and the lock that closes the desk when it is left alone. Only
//! a salted, slow hash of the PIN is kept (`pin.rs`); after five wrong tries the
//! desk locks for a growing time, kept across reloads.
use std::time::Duration;

use leptos::prelude::*;

use super::desk_pin::DeskPin;
use crate::domain::pin::PinTries;
use crate::store::PIN_TRIES_KEY;
use crate::ui::{focused_heading, use_i18n};
use crate::web::{self, use_storage, Storage};

fn load_tries(storage: Storage) -> PinTries {
    storage
        .setting(PIN_TRIES_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Without storage the count still holds for this page.
fn save_tries(storage: Storage, tries: &PinTries) {
    storage.set_setting(
        PIN_TRIES_KEY,
        &serde_json::to_string(tries).unwrap_or_default(),
    );
}

/// Left alone for `after_seconds`, the desk locks itself: briefs hold names and notes.
pub fn use_auto_lock(unlocked: RwSignal<bool>, after_seconds: u32) {
    let last_activity = web::activity::use_last_activity();
    let lock_after_ms = after_seconds as i64 * 1000;
    web::every(Duration::from_secs(1), move || {
        if web::now().ms - last_activity.get_value() >= lock_after_ms {
            unlocked.set(false);
        }
    });
}

#[component]
pub fn Lock(unlocked: RwSignal<bool>) -> impl IntoView {
    // Locked, nobody at work here: the moment to move to a new build, if there is one.
    web::service_worker::reload_if_new_build();
    web::service_worker::quiet_while_shown();
    let storage = use_storage();
    let i = use_i18n();
    let desk_pin = expect_context::<DeskPin>();
    let DeskPin { hash, fetching, .. } = desk_pin;
    desk_pin.refresh();
    // A slow hash is being worked out: one try at a time.
    let checking = RwSignal::new(false);
    let pin = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let tries = RwSignal::new(load_tries(storage));
    let now_ms = RwSignal::new(web::now().ms);
    web::every(Duration::from_secs(1), move || now_ms.set(web::now().ms));
    let locked_s = move || {
        tries
            .with(|t| t.locked_for(now_ms.get()))
            .map(|ms| (ms + 999) / 1000)
    };
    let heading = focused_heading();
    on_cleanup(web::pin::forget_prepared);
    // While the PIN is typed: what unlocking would otherwise wait for.
    let lang = i.lang.get_untracked();
    leptos::task::spawn_local(async move {
        web::after_paint().await;
        web::intl::warm(lang);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if checking.get_untracked() {
            return;
        }
        let now = web::now().ms;
        now_ms.set(now);
        // Another window may have counted wrong tries too.
        tries.set(load_tries(storage));
        if tries.with_untracked(|t| t.locked_for(now).is_some()) {
            pin.set(String::new());
            web::pin::forget_prepared();
            return;
        }
        let typed = pin.get_untracked();
        pin.set(String::new());
        checking.set(true);
        wrong.set(false);
        leptos::task::spawn_local(async move {
            let ok = web::pin::verify(&typed, &hash.get_untracked()).await;
            checking.set(false);
            wrong.set(!ok);
            if ok {
                tries.set(PinTries::default());
                save_tries(storage, &PinTries::default());
                desk_pin.unlocked_with(typed);
                unlocked.set(true);
            } else {
                tries.update(|t| t.fail(web::now().ms));
                save_tries(storage, &tries.get_untracked());
            }
        });
    };
    let message = move || match locked_s() {
        Some(s) => Some(i.try_again_in("desk.pin_locked", "desk.pin_locked_minutes", s)),
        None if checking.get() => Some(i.t("desk.pin_checking")),
        None => wrong.get().then(|| i.t("desk.pin_wrong")),
    };
    view! {
        <main class="desk-lock">
            <h1 tabindex="-1" node_ref=heading>{move || i.t("desk.lock_title")}</h1>
            // Two elements, not one changing its role: a screen reader hears each.
            <Show when=move || fetching.get() && hash.with(String::is_empty)>
                <p class="hint" role="status">{i.t("desk.pin_fetching")}</p>
            </Show>
            <Show when=move || !fetching.get() && hash.with(String::is_empty)>
                <p class="warning" data-testid="no-pin" role="alert">{i.t("desk.no_pin")}</p>
            </Show>
            <form on:submit=submit hidden=move || hash.with(String::is_empty)>
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
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        web::pin::prepare(&typed, &hash.get_untracked());
                        pin.set(typed);
                    }
                />
                <p id="pin-error" class="error" role="alert">{message}</p>
                <button type="submit" class="primary" aria-disabled=move || checking.get().then_some("true")>
                    {move || i.t("desk.unlock")}
                </button>
            </form>
        </main>
    }
}
