//! The PIN screen. The configuration holds only a salted hash of the PIN.
use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::pin::verify_pin;
use crate::ui::{focused_heading, use_i18n};

#[component]
pub fn Lock(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let config = expect_context::<Config>();
    let pin = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let heading = focused_heading();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let ok = verify_pin(&pin.get_untracked(), &config.desk_pin_hash);
        pin.set(String::new());
        wrong.set(!ok);
        if ok {
            unlocked.set(true);
        }
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
                <p id="pin-error" class="error" role="alert">{move || wrong.get().then(|| i.t("desk.pin_wrong"))}</p>
                <button type="submit" class="primary">{move || i.t("desk.unlock")}</button>
            </form>
        </main>
    }
}
