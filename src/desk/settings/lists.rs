//! The settings that are short lists: what helps while they wait, the spending
//! amounts, and the deadline choices.
use leptos::prelude::*;

use super::fields::{invalid, peek, read, shape, TextField};
use super::form::Part;
use super::state::SettingsState;
use crate::domain::clock::ClockTime;
use crate::domain::config::HELP_ITEMS;
use crate::domain::intake::DeadlineChoice;
use crate::domain::settings::{field_id, SECTIONS};
use crate::ui::use_i18n;

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
