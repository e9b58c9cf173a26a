//! A number for the texts or the call the customer asked for: optional, typed
//! on a number pad (or a keyboard), checked as numbers are written in the
//! business's country, and kept only with their check-in.
use leptos::prelude::*;

use super::number_pad::PadForm;
use super::question::Question;
use super::visit::use_kiosk;
use crate::domain::config::{Config, CALL, TEXT_UPDATES};
use crate::domain::phone::{example, normalize, TYPED_MAX};
use crate::ui::use_i18n;

#[component]
pub fn PhoneStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let country = expect_context::<Config>().business.country;
    let (texts, call) = state
        .flow
        .with_untracked(|f| (f.draft.has_help(TEXT_UPDATES), f.draft.has_help(CALL)));
    // The question says what the number is for.
    let title = match (texts, call) {
        (true, true) => "phone.title_both",
        (false, true) => "phone.title_call",
        _ => "phone.title_texts",
    };
    let typed = RwSignal::new(
        state
            .flow
            .with_untracked(|f| f.draft.phone.clone().unwrap_or_default()),
    );
    let error = RwSignal::new(false);
    let edit = move |t: String| {
        error.set(false);
        typed.set(t);
    };
    let submit = {
        let country = country.clone();
        move || {
            let text = typed.get_untracked();
            let phone = if text.trim().is_empty() {
                String::new()
            } else {
                match normalize(&text, &country) {
                    Some(phone) => phone,
                    None => return error.set(true),
                }
            };
            state.go(|f| {
                f.draft.phone = Some(phone);
                f.advance();
            });
        }
    };
    view! {
        <Question title=Signal::derive(move || i.t(title)) hint=Signal::derive(move || i.t("phone.hint"))>
            <PadForm
                id="phone"
                label="phone.label"
                input_type="tel"
                inputmode="tel"
                max=TYPED_MAX
                typed_max=TYPED_MAX
                typed
                error=Signal::derive(move || error.get().then(|| i.tw("phone.invalid", &[("example", example(&country))])))
                on_edit=Callback::new(edit)
                on_submit=Callback::new(move |()| submit())
            />
        </Question>
    }
}
