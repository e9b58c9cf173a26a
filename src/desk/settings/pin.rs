//! The desk PIN, changed here: typed twice, confirmed (it locks out whoever
//! does not know the new one), hashed on this desk, and kept where the PIN
//! lives (the shop's server, or this device).
use leptos::prelude::*;

use super::form::Part;
use crate::desk::desk_pin::{DeskPin, PinNotChanged};
use crate::domain::pin::is_valid_pin;
use crate::ui::use_i18n;
use crate::web;

/// The section's id, for the way here from the sample PIN's warning.
pub const PIN_PART: &str = "settings-pin";

#[derive(Clone, Copy, PartialEq)]
enum Step {
    Typing,
    Confirming,
    Working,
    Done,
}

#[component]
pub fn PinPart() -> impl IntoView {
    let i = use_i18n();
    let desk_pin = expect_context::<DeskPin>();
    let new_pin = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let step = RwSignal::new(Step::Typing);
    // A catalogue key: what is wrong with what was typed, or how it went.
    let said = RwSignal::new(None::<&'static str>);
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let pin = new_pin.get_untracked();
        let problem = if !is_valid_pin(&pin) {
            Some("desk.settings_pin_invalid")
        } else if pin != again.get_untracked() {
            Some("desk.settings_pin_mismatch")
        } else if pin == crate::domain::pin::SAMPLE_PIN {
            Some("desk.settings_pin_sample")
        } else {
            None
        };
        said.set(problem);
        if problem.is_none() {
            step.set(Step::Confirming);
            web::document::focus_when_drawn("pin-confirm-cancel".into());
        }
    };
    let change = move |_| {
        step.set(Step::Working);
        said.set(Some("desk.settings_pin_working"));
        let pin = new_pin.get_untracked();
        leptos::task::spawn_local(async move {
            let result = match web::pin::hash_new(&pin).await {
                Some(hash) => desk_pin.change(hash).await,
                None => Err(PinNotChanged::Unreachable),
            };
            said.set(Some(match result {
                Ok(()) => "desk.settings_pin_changed",
                Err(PinNotChanged::ChangedElsewhere) => "desk.settings_pin_elsewhere",
                Err(PinNotChanged::Unreachable) => "desk.settings_pin_not_changed",
            }));
            if result.is_ok() {
                desk_pin.sample_in_use.set(false);
                new_pin.set(String::new());
                again.set(String::new());
            }
            step.set(Step::Done);
            web::document::focus_id("pin-said");
        });
    };
    let cancel = move |()| {
        step.set(Step::Typing);
        said.set(None);
        web::document::focus_when_drawn("new-pin".into());
    };
    let typed = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            signal.set(event_target_value(&ev));
            if step.get_untracked() == Step::Done {
                step.set(Step::Typing);
                said.set(None);
            }
        }
    };
    view! {
        <Part id=PIN_PART title="desk.settings_pin" hint="desk.settings_pin_hint">
            <Show when=move || desk_pin.sample_in_use.get()>
                <p class="warning" data-testid="sample-pin-here">{i.t("desk.sample_pin")}</p>
            </Show>
            <form class="pin-change" on:submit=check>
                <div class="field">
                    <label for="new-pin">{i.t("desk.settings_new_pin")}</label>
                    <input id="new-pin" type="password" inputmode="numeric" autocomplete="new-password" maxlength="8"
                        aria-describedby="pin-said" prop:value=move || new_pin.get() on:input=typed(new_pin) />
                </div>
                <div class="field">
                    <label for="new-pin-again">{i.t("desk.settings_new_pin_again")}</label>
                    <input id="new-pin-again" type="password" inputmode="numeric" autocomplete="new-password" maxlength="8"
                        aria-describedby="pin-said" prop:value=move || again.get() on:input=typed(again) />
                </div>
                <p id="pin-said" tabindex="-1" role="status"
                    class:error=move || matches!(said.get(), Some("desk.settings_pin_invalid" | "desk.settings_pin_mismatch" | "desk.settings_pin_sample" | "desk.settings_pin_elsewhere" | "desk.settings_pin_not_changed"))>
                    {move || said.get().map(|k| i.t(k))}
                </p>
                <Show when=move || matches!(step.get(), Step::Typing | Step::Done)>
                    <button type="submit" class="secondary">{i.t("desk.settings_change_pin")}</button>
                </Show>
            </form>
            <Show when=move || step.get() == Step::Confirming>
                <div class="confirm" role="alertdialog" aria-labelledby="pin-confirm-title" aria-describedby="pin-confirm-body"
                    on:keydown=move |ev| if ev.key() == "Escape" { cancel(()) }>
                    <h3 id="pin-confirm-title">{i.t("desk.settings_pin_confirm_title")}</h3>
                    <p id="pin-confirm-body">{i.t("desk.settings_pin_confirm_body")}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=change>{i.t("desk.settings_pin_confirm")}</button>
                        <button type="button" class="secondary" id="pin-confirm-cancel" on:click=move |_| cancel(())>{i.t("desk.cancel")}</button>
                    </div>
                </div>
            </Show>
        </Part>
    }
}
