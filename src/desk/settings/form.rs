//! The settings of a single value: the business, and the timings; and the frame
//! of every part of the form.
use leptos::prelude::*;

use super::fields::{invalid, peek, read, NumberField, TextField};
use super::state::SettingsState;
use crate::domain::config::Config;
use crate::domain::phone::COUNTRIES;
use crate::domain::settings::{field_id, SECTIONS};
use crate::ui::use_i18n;
use crate::web;

/// A part of the form, with its heading.
#[component]
pub fn Part(
    id: &'static str,
    title: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="settings-part" id=id aria-labelledby=labelled_by>
            <h2 id=heading tabindex="-1">{i.t(title)}</h2>
            {hint.map(|h| view! { <p class="part-hint">{i.t(h)}</p> })}
            {children()}
        </section>
    }
}

#[component]
pub fn BusinessPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let color_id = field_id("business.color");
    let contrast = move || {
        state.draft.with(|d| {
            d.as_ref().map(|c| {
                let ratio = c.brand_contrast_words();
                let on_white = c.on_brand_color() == "#ffffff";
                let key = match (c.brand_contrast() >= 4.5, on_white) {
                    (true, true) => "desk.settings_contrast_white",
                    (true, false) => "desk.settings_contrast_dark",
                    (false, _) => "desk.settings_contrast_low",
                };
                (i.tw(key, &[("ratio", &ratio)]), c.brand_contrast() >= 4.5)
            })
        })
    };
    let color_now = move || read(state, |c| c.business.color.clone());
    let language = move || read(state, |c| c.business.language.clone());
    view! {
        <Part id=SECTIONS[0] title="desk.settings_business">
            <TextField
                field="business.name"
                label="desk.settings_name"
                hint="desk.settings_name_hint"
                get=|c| c.business.name.clone()
                set=|c, v| c.business.name = v
            />
            <div class="field color">
                <label for=color_id.clone()>{i.t("desk.settings_color")}</label>
                <p class="field-hint" id="color-hint">{i.t("desk.settings_color_hint")}</p>
                <div class="color-pick">
                    <input
                        id=color_id
                        type="color"
                        aria-describedby="color-hint color-contrast"
                        aria-invalid=invalid(state, "business.color".into())
                        prop:value=color_now
                        on:input=move |ev| {
                            let value = event_target_value(&ev);
                            state.edit(|c| c.business.color = value);
                        }
                    />
                    // What customers will see: the name and a button on the colour.
                    // Set through the CSS object model, which the page's policy allows.
                    <span
                        class="brand-swatch"
                        style:background-color=color_now
                        style:color=move || read(state, |c| c.on_brand_color().to_string())
                    >
                        {move || read(state, |c| c.business.name.clone())}
                    </span>
                </div>
                <p
                    id="color-contrast"
                    class="contrast"
                    class:low=move || contrast().is_some_and(|(_, ok)| !ok)
                    aria-live="polite"
                >
                    {move || contrast().map(|(words, _)| words)}
                </p>
            </div>
            <div class="field">
                <label for=field_id("business.language")>{i.t("desk.settings_language")}</label>
                <p class="field-hint" id="language-hint">{i.t("desk.settings_language_hint")}</p>
                <select
                    id=field_id("business.language")
                    aria-describedby="language-hint"
                    prop:value=language
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit(|c| c.business.language = value);
                    }
                >
                    {crate::i18n::languages()
                        .map(|code| view! {
                            <option value=code lang=code>
                                {crate::i18n::own_name(code)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=field_id("business.country")>{i.t("desk.settings_country")}</label>
                <p class="field-hint" id="country-hint">{i.t("desk.settings_country_hint")}</p>
                <select
                    id=field_id("business.country")
                    aria-describedby="country-hint"
                    prop:value=move || read(state, |c| c.business.country.clone())
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit(|c| c.business.country = value);
                    }
                >
                    <option value="">{i.t("desk.settings_country_any")}</option>
                    {COUNTRIES
                        .map(|code| view! { <option value=code>{web::intl::region_name(i.lang.get_untracked(), code)}</option> })
                        .collect_view()}
                    // One set in kiosk.json that is not among those checked is
                    // still shown as chosen (its numbers are checked as any).
                    {
                        let code = peek(state, |c| c.business.country.clone());
                        (!code.is_empty() && !COUNTRIES.contains(&code.as_str())).then(|| {
                            let name = web::intl::region_name(i.lang.get_untracked(), &code);
                            view! { <option value=code>{name}</option> }
                        })
                    }
                </select>
            </div>
            <Tick
                field="export_phones"
                label="desk.settings_export_phones"
                hint="desk.settings_export_phones_hint"
                get=|c| c.export_phones
                set=|c, on| c.export_phones = on
            />
            <Tick
                field="board_names"
                label="desk.settings_board_names"
                hint="desk.settings_board_names_hint"
                get=|c| c.board_names
                set=|c, on| c.board_names = on
            />
            <Tick
                field="printing"
                label="desk.settings_printing"
                hint="desk.settings_printing_hint"
                get=|c| c.printing
                set=|c, on| c.printing = on
            />
        </Part>
    }
}

/// A setting that is on or off, with what it means under it.
#[component]
fn Tick(
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&Config) -> bool,
    set: fn(&mut Config, bool),
) -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let hint_id = format!("{field}-hint");
    view! {
        <div class="field">
            <label class="tick">
                <input
                    id=field_id(field)
                    type="checkbox"
                    aria-describedby=hint_id.clone()
                    prop:checked=move || read(state, get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        state.edit(|c| set(c, on));
                    }
                />
                <span>{i.t(label)}</span>
            </label>
            <p class="field-hint" id=hint_id>{i.t(hint)}</p>
        </div>
    }
}

/// A timing of the configuration, as the form shows it.
struct Timing {
    field: &'static str,
    label: &'static str,
    hint: &'static str,
    range: std::ops::RangeInclusive<u32>,
    get: fn(&Config) -> u32,
    set: fn(&mut Config, u32),
}

#[component]
pub fn TimingsPart() -> impl IntoView {
    use crate::domain::config::{
        DESK_LOCK_SECONDS, IDLE_COUNTDOWN_SECONDS, IDLE_SECONDS, KEEP_DAYS, RESET_SECONDS,
    };
    let timings = [
        Timing {
            field: "reset_seconds",
            label: "desk.settings_reset_seconds",
            hint: "desk.settings_reset_seconds_hint",
            range: RESET_SECONDS,
            get: |c| c.reset_seconds,
            set: |c, v| c.reset_seconds = v,
        },
        Timing {
            field: "idle_seconds",
            label: "desk.settings_idle_seconds",
            hint: "desk.settings_idle_seconds_hint",
            range: IDLE_SECONDS,
            get: |c| c.idle_seconds,
            set: |c, v| c.idle_seconds = v,
        },
        Timing {
            field: "idle_countdown_seconds",
            label: "desk.settings_idle_countdown_seconds",
            hint: "desk.settings_idle_countdown_seconds_hint",
            range: IDLE_COUNTDOWN_SECONDS,
            get: |c| c.idle_countdown_seconds,
            set: |c, v| c.idle_countdown_seconds = v,
        },
        Timing {
            field: "desk_lock_seconds",
            label: "desk.settings_desk_lock_seconds",
            hint: "desk.settings_desk_lock_seconds_hint",
            range: DESK_LOCK_SECONDS,
            get: |c| c.desk_lock_seconds,
            set: |c, v| c.desk_lock_seconds = v,
        },
        Timing {
            field: "keep_days",
            label: "desk.settings_keep_days",
            hint: "desk.settings_keep_days_hint",
            range: KEEP_DAYS,
            get: |c| c.keep_days,
            set: |c, v| c.keep_days = v,
        },
        Timing {
            field: "history_days",
            label: "desk.settings_history_days",
            hint: "desk.settings_history_days_hint",
            range: KEEP_DAYS,
            get: |c| c.history_days,
            set: |c, v| c.history_days = v,
        },
    ];
    let fields = timings
        .into_iter()
        .map(|t| {
            let (min, max) = (*t.range.start(), *t.range.end());
            view! { <NumberField field=t.field label=t.label hint=t.hint min max get=t.get set=t.set /> }
        })
        .collect_view();
    view! {
        <Part id=SECTIONS[6] title="desk.settings_timings">
            <div class="field-grid">{fields}</div>
        </Part>
    }
}
