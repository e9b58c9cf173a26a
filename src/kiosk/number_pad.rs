//! Big keys for digits, beside a field that takes a keyboard too: a ticket on
//! the way out, a phone number for texts or a call.
use leptos::prelude::*;

use crate::ui::use_i18n;

/// Digits 1 to 9, 0 below them, and erase: `key` is told each digit.
#[component]
fn NumberPad(key: Callback<char>, erase: Callback<()>) -> impl IntoView {
    let i = use_i18n();
    let keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9']
        .into_iter()
        .map(|d| view! { <button type="button" class="key" on:click=move |_| key.run(d)>{d.to_string()}</button> })
        .collect_view();
    view! {
        <div class="keys" role="group" aria-label=move || i.t("leaving.number_pad")>
            {keys}
            <button type="button" class="key zero" on:click=move |_| key.run('0')>"0"</button>
            <button type="button" class="key erase" on:click=move |_| erase.run(())>
                <span aria-hidden="true">"⌫ "</span>
                {move || i.t("leaving.erase")}
            </button>
        </div>
    }
}

/// A number typed on the pad or a keyboard (`id`, its label's catalogue key),
/// what is wrong with it, and one button: Skip while it is empty, Continue
/// then. `on_edit` is told each new text (the pad stops at `max` characters,
/// the keyboard at `typed_max`).
#[component]
pub fn PadForm(
    id: &'static str,
    label: &'static str,
    input_type: &'static str,
    inputmode: &'static str,
    max: usize,
    typed_max: usize,
    typed: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    on_edit: Callback<String>,
    on_submit: Callback<()>,
) -> impl IntoView {
    let i = use_i18n();
    let error_id = format!("{id}-error");
    let key = move |digit: char| {
        let mut t = typed.get_untracked();
        if t.chars().count() < max {
            t.push(digit);
            on_edit.run(t);
        }
    };
    let erase = move |()| {
        let mut t = typed.get_untracked();
        t.pop();
        on_edit.run(t);
    };
    view! {
        <form
            class="ticket-pad"
            on:submit=move |ev| {
                ev.prevent_default();
                on_submit.run(());
            }
        >
            <div class="pad-entry">
                <label for=id>{move || i.t(label)}</label>
                <input
                    id=id
                    type=input_type
                    inputmode=inputmode
                    autocomplete="off"
                    maxlength=typed_max
                    aria-describedby=error_id.clone()
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || typed.get()
                    on:input=move |ev| on_edit.run(event_target_value(&ev))
                />
                <p id=error_id class="error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary">
                    {move || if typed.with(|t| t.trim().is_empty()) { i.t("kiosk.skip") } else { i.t("kiosk.continue") }}
                </button>
            </div>
            <NumberPad key=Callback::new(key) erase=Callback::new(erase) />
        </form>
    }
}
