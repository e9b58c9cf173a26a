//! The form's controls, each bound to one field of the draft, with the id
//! `domain::settings::field_id` gives that field: a fault names the field, and
//! the box at fault says so to a screen reader and takes the focus.
use leptos::prelude::*;

use super::state::SettingsState;
use crate::domain::config::Config;
use crate::domain::settings::field_id;
use crate::ui::use_i18n;

/// `aria-invalid` for the control of `field` while the draft's fault is there.
pub fn invalid(state: SettingsState, field: String) -> impl Fn() -> &'static str + Send + Sync {
    move || {
        if state.fault_is(&field) {
            "true"
        } else {
            "false"
        }
    }
}

/// A value read from the draft (`Default` before it is read), followed: what
/// reads it is run again as the draft changes.
pub fn read<T: Default>(state: SettingsState, get: impl Fn(&Config) -> T) -> T {
    state
        .draft
        .with(|d| d.as_ref().map(&get).unwrap_or_default())
}

/// [`read`], once: for what is drawn, which must not be drawn again at every
/// key typed (it would lose the focus).
pub fn peek<T: Default>(state: SettingsState, get: impl Fn(&Config) -> T) -> T {
    state
        .draft
        .with_untracked(|d| d.as_ref().map(&get).unwrap_or_default())
}

/// A value of the draft that draws part of the form: it changes rarely (a
/// count, a kind), and only a change draws that part again.
pub fn shape<T: Default + PartialEq + Send + Sync + 'static>(
    state: SettingsState,
    get: impl Fn(&Config) -> T + Send + Sync + 'static,
) -> Memo<T> {
    Memo::new(move |_| read(state, &get))
}

/// A line of text: `field` is the configuration's name of it.
#[component]
pub fn TextField(
    field: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    get: fn(&Config) -> String,
    set: fn(&mut Config, String),
) -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{i.t(label)}</label>
            {hint.map(|h| view! { <p class="field-hint" id=hint_id.clone()>{i.t(h)}</p> })}
            <input
                id=id
                type="text"
                autocomplete="off"
                aria-describedby=hint.map(|_| hint_id.clone())
                aria-invalid=invalid(state, field.to_string())
                prop:value=move || read(state, get)
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    state.edit(|c| set(c, value));
                }
            />
        </div>
    }
}

/// A whole number between `min` and `max`, with the unit said in the label.
#[component]
pub fn NumberField(
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    min: u32,
    max: u32,
    get: fn(&Config) -> u32,
    set: fn(&mut Config, u32),
) -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field number">
            <label for=id.clone()>{i.t(label)}</label>
            <p class="field-hint" id=hint_id.clone()>
                {i.tw(hint, &[("min", &min.to_string()), ("max", &max.to_string())])}
            </p>
            <input
                id=id
                type="number"
                inputmode="numeric"
                min=min
                max=max
                step="1"
                aria-describedby=hint_id
                aria-invalid=invalid(state, field.to_string())
                prop:value=move || read(state, get).to_string()
                on:input=move |ev| {
                    // Out of range stays as typed, and the fault says so; what is
                    // not a number at all counts as 0, which no setting allows.
                    let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                    state.edit(|c| set(c, value));
                }
            />
        </div>
    }
}
