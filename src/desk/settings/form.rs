//! The settings of a value or a short list: the business, what helps while they
//! wait, spending, deadlines and the timings.
use leptos::prelude::*;

use super::fields::{invalid, peek, read, shape, NumberField, TextField};
use super::state::SettingsState;
use crate::domain::clock::ClockTime;
use crate::domain::config::{Config, HELP_ITEMS};
use crate::domain::intake::DeadlineChoice;
use crate::domain::settings::{field_id, SECTIONS};
use crate::ui::use_i18n;

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
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.edit(|c| c.business.language = value);
                    }
                >
                    {crate::i18n::languages()
                        .map(|code| view! {
                            <option value=code lang=code selected=move || language() == code>
                                {crate::i18n::own_name(code)}
                            </option>
                        })
                        .collect_view()}
                </select>
            </div>
        </Part>
    }
}

/// Moves the item at `at` by `by` places in `list`, if there is room.
fn shift<T>(list: &mut [T], at: usize, by: isize) {
    let to = at as isize + by;
    if to >= 0 && (to as usize) < list.len() {
        list.swap(at, to as usize);
    }
}

#[component]
pub fn HelpPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    // Offered in the order chosen, then the ones not offered, in their usual
    // order. Drawn again as that changes, and the control used keeps the focus.
    let order = shape(state, |c| c.help_items.clone());
    let rows = move || {
        let chosen = order.get();
        let rest = HELP_ITEMS
            .iter()
            .filter(|h| !chosen.iter().any(|c| c == *h))
            .map(|h| h.to_string());
        let n = chosen.len();
        chosen
            .clone()
            .into_iter()
            .enumerate()
            .map(|(at, code)| (Some(at), code))
            .chain(rest.map(|code| (None, code)))
            .map(|(at, code)| {
                let name = i.t(&format!("help.{code}"));
                let id = format!("help-item-{code}");
                let toggle = {
                    let (code, id) = (code.clone(), id.clone());
                    move |_| {
                        let code = code.clone();
                        state.edit(move |c| match c.help_items.iter().position(|h| *h == code) {
                            Some(p) => {
                                c.help_items.remove(p);
                            }
                            None => c.help_items.push(code),
                        });
                        crate::web::document::focus_when_drawn(id.clone());
                    }
                };
                let moves = at.map(|at| {
                    let up = i.tw("desk.settings_move_up", &[("item", &name)]);
                    let down = i.tw("desk.settings_move_down", &[("item", &name)]);
                    let (up_id, down_id) = (format!("{id}-up"), format!("{id}-down"));
                    // Moved, the item's own button keeps the focus; at the end of
                    // the list, the other one.
                    let moved = move |by: isize, keep: String, other: String| {
                        state.edit(|c| shift(&mut c.help_items, at, by));
                        let end = if by < 0 { at == 1 } else { at + 2 == n };
                        crate::web::document::focus_when_drawn(if end { other } else { keep });
                    };
                    view! {
                        <button type="button" class="secondary small" id=up_id.clone() aria-label=up disabled={ at == 0 }
                            on:click={
                                let (keep, other) = (up_id.clone(), down_id.clone());
                                move |_| moved(-1, keep.clone(), other.clone())
                            }>"↑"</button>
                        <button type="button" class="secondary small" id=down_id.clone() aria-label=down disabled={ at + 1 == n }
                            on:click=move |_| moved(1, down_id.clone(), up_id.clone())>"↓"</button>
                    }
                });
                view! {
                    <li class="check-row">
                        <input type="checkbox" id=id.clone() checked=at.is_some() on:change=toggle />
                        <label for=id>{name}</label>
                        {moves}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Part id=SECTIONS[3] title="desk.settings_help_items" hint="desk.settings_help_items_hint">
            <ul class="check-list" id=field_id("help_items")>{rows}</ul>
        </Part>
    }
}

#[component]
pub fn SpendingPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let count = shape(state, |c| c.spending_limits.len());
    let count = move || count.get();
    let amounts = move || {
        (0..count())
            .map(|at| {
                let field = format!("spending_limits[{at}]");
                let label = i.tw("desk.settings_amount", &[("n", &(at + 1).to_string())]);
                let remove = i.tw("desk.settings_remove_amount", &[("n", &(at + 1).to_string())]);
                view! {
                    <li class="amount-row">
                        <label for=field_id(&field)>{label}</label>
                        <input
                            id=field_id(&field)
                            type="number"
                            inputmode="numeric"
                            min="1"
                            max="1000000"
                            aria-invalid=invalid(state, field.clone())
                            prop:value=move || read(state, |c| c.spending_limits.get(at).copied().unwrap_or(0)).to_string()
                            on:input=move |ev| {
                                let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                                state.edit(|c| if let Some(a) = c.spending_limits.get_mut(at) { *a = value });
                            }
                        />
                        <button type="button" class="secondary small" on:click=move |_| {
                            state.edit(|c| { c.spending_limits.remove(at); });
                            crate::web::document::focus_when_drawn("add-amount".into());
                        }>
                            {remove}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    let add = move |_: leptos::ev::MouseEvent| {
        state.edit(|c| {
            let next = c
                .spending_limits
                .last()
                .map_or(100, |last| last.saturating_mul(2));
            c.spending_limits.push(next.min(1_000_000));
        });
        web_focus_last_amount(state);
    };
    view! {
        <Part id=SECTIONS[4] title="desk.settings_spending" hint="desk.settings_spending_hint">
            <TextField
                field="currency"
                label="desk.settings_currency"
                hint="desk.settings_currency_hint"
                get=|c| c.currency.clone()
                set=|c, v| c.currency = v
            />
            <ul class="amounts" id=field_id("spending_limits")>{amounts}</ul>
            <button type="button" class="secondary" id="add-amount" disabled=move || { count() >= 6 } on:click=add>
                {i.t("desk.settings_add_amount")}
            </button>
        </Part>
    }
}

/// The amount just added takes the focus, to be typed over.
fn web_focus_last_amount(state: SettingsState) {
    let last = peek(state, |c| c.spending_limits.len()).saturating_sub(1);
    crate::web::document::focus_when_drawn(field_id(&format!("spending_limits[{last}]")));
}

const DEADLINES: [DeadlineChoice; 4] = [
    DeadlineChoice::WithinHour,
    DeadlineChoice::ByNoon,
    DeadlineChoice::EndOfDay,
    DeadlineChoice::At,
];

#[component]
pub fn DeadlinesPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let choices = DEADLINES
        .into_iter()
        .map(|choice| {
            let id = format!("deadline-{}", choice.code());
            let words = match choice {
                DeadlineChoice::EndOfDay => i.t("desk.settings_deadline_end_of_day"),
                c => i.t(&format!("deadline.{}", c.code())),
            };
            let on = move || read(state, |c| c.deadlines.contains(&choice));
            view! {
                <li class="check-row">
                    <input
                        type="checkbox"
                        id=id.clone()
                        prop:checked=on
                        on:change=move |_| state.edit(|c| {
                            if let Some(p) = c.deadlines.iter().position(|d| *d == choice) {
                                c.deadlines.remove(p);
                            } else {
                                // In the usual order, whatever order they were ticked in.
                                c.deadlines.push(choice);
                                c.deadlines.sort_by_key(|d| DEADLINES.iter().position(|x| x == d));
                            }
                        })
                    />
                    <label for=id>{words}</label>
                </li>
            }
        })
        .collect_view();
    let end_id = field_id("end_of_day");
    view! {
        <Part id=SECTIONS[5] title="desk.settings_deadlines" hint="desk.settings_deadlines_hint">
            <ul class="check-list" id=field_id("deadlines")>{choices}</ul>
            <div class="field">
                <label for=end_id.clone()>{i.t("desk.settings_end_of_day")}</label>
                <p class="field-hint" id="end-of-day-hint">{i.t("desk.settings_end_of_day_hint")}</p>
                <input
                    id=end_id
                    type="time"
                    aria-describedby="end-of-day-hint"
                    prop:value=move || read(state, |c| c.end_of_day.to_string())
                    on:change=move |ev| {
                        if let Some(t) = ClockTime::parse(&event_target_value(&ev)) {
                            state.edit(|c| c.end_of_day = t);
                        }
                    }
                />
            </div>
        </Part>
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
