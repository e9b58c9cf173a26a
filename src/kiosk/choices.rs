//! The questions answered with a tap. A single choice moves on by itself; help
//! items are several choices and a Continue.
use leptos::prelude::*;

use super::question::Question;
use super::visit::use_kiosk;
use crate::domain::clock::ClockTime;
use crate::domain::config::Config;
use crate::domain::flow::Flow;
use crate::domain::intake::{DeadlineChoice, Detail, Limit, Priority};
use crate::ui::{use_i18n, Choice};
use crate::web;

/// Sets an answer and moves on, in one go.
fn answer(change: impl Fn(&mut Flow) + 'static) -> impl Fn() + 'static {
    let state = use_kiosk();
    move || {
        state.go(|f| {
            change(f);
            f.advance();
        })
    }
}

#[component]
pub fn ReasonStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let choices = config
        .reasons
        .iter()
        .map(|r| {
            let code = r.code.clone();
            let label = {
                let (config, code) = (config.clone(), code.clone());
                Signal::derive(move || config.reason_label(&code, i.lang.get_untracked()).unwrap_or_default().to_string())
            };
            let pressed = {
                let code = code.clone();
                Signal::derive(move || state.flow.with(|f| f.draft.reason.as_deref() == Some(code.as_str())))
            };
            view! { <Choice label pressed on_choose=answer(move |f| f.draft.reason = Some(code.clone())) /> }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("reason.title"))>
            <div class="choices list" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}

#[component]
pub fn PriorityStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let choices = Priority::ALL
        .into_iter()
        .map(|p| {
            let code = p.code();
            view! {
                <Choice
                    label=Signal::derive(move || i.t(&format!("priority.{code}")))
                    hint=Signal::derive(move || i.t(&format!("priority.{code}_hint")))
                    pressed=Signal::derive(move || state.flow.with(|f| f.draft.priority == Some(p)))
                    on_choose=answer(move |f| f.draft.priority = Some(p))
                />
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("priority.title")) hint=Signal::derive(move || i.t("priority.hint"))>
            <div class="choices two-by-two" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}

#[component]
pub fn DeadlineStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let now = web::now();
    let end_of_day = config.end_of_day;
    let chosen = move |c| {
        state
            .flow
            .with(|f| f.draft.deadline.map(|d| d.0) == Some(c))
    };
    // A time the customer picks; shown once they choose "At a time I choose".
    let picking = RwSignal::new(chosen(DeadlineChoice::At));
    let picked = RwSignal::new(
        state
            .flow
            .with_untracked(|f| f.draft.deadline.and_then(|d| d.1))
            .map(|t| t.to_string())
            .unwrap_or_default(),
    );
    let pick_error = RwSignal::new(None::<&'static str>);
    // Choices already past today (noon at 3 pm) are not offered.
    let minutes_now = now.local_time_of(now.ms).minutes_of_day();
    let mut offered: Vec<DeadlineChoice> = config
        .deadlines
        .iter()
        .copied()
        .filter(|c| match c {
            DeadlineChoice::ByNoon => minutes_now < 12 * 60,
            DeadlineChoice::EndOfDay => minutes_now < end_of_day.minutes_of_day(),
            _ => true,
        })
        .collect();
    // Late in the day every configured choice may have passed: an hour is always possible.
    if offered.is_empty() {
        offered.push(DeadlineChoice::WithinHour);
    }
    let choices = offered
        .into_iter()
        .map(|c| {
            let label = Signal::derive(move || match c {
                DeadlineChoice::EndOfDay => {
                    let lang = i.lang.get_untracked();
                    i.tw(
                        "deadline.end_of_day",
                        &[(
                            "time",
                            &web::intl::local_time(lang, now.today_at(end_of_day)),
                        )],
                    )
                }
                _ => i.t(&format!("deadline.{}", c.code())),
            });
            let pressed = Signal::derive(move || {
                if c == DeadlineChoice::At {
                    picking.get()
                } else {
                    chosen(c)
                }
            });
            let on_choose: Box<dyn Fn()> = if c == DeadlineChoice::At {
                // The time field opens below the choices: it and its Continue
                // come into view, so the tap never seems to do nothing.
                Box::new(move || {
                    picking.set(true);
                    web::document::reveal_when_drawn("pick-time-form");
                })
            } else {
                Box::new(move || {
                    picking.set(false);
                    state.go(|f| {
                        f.draft.deadline = Some((c, None));
                        f.advance();
                    })
                })
            };
            view! { <Choice label pressed on_choose=move || on_choose() /> }
        })
        .collect_view();
    let submit_pick = move || {
        let Some(time) = ClockTime::parse(&picked.get_untracked()) else {
            pick_error.set(Some("deadline.pick_missing"));
            return;
        };
        if web::now().today_at(time) <= web::now().ms {
            pick_error.set(Some("deadline.pick_past"));
            return;
        }
        pick_error.set(None);
        state.go(|f| {
            f.draft.deadline = Some((DeadlineChoice::At, Some(time)));
            f.advance();
        });
    };
    view! {
        <Question title=Signal::derive(move || i.t("deadline.title"))>
            <div class="choices list" role="group" aria-labelledby="question">{choices}</div>
            <Show when=move || picking.get()>
                <form
                    class="pick-time"
                    id="pick-time-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit_pick();
                    }
                >
                    <label for="pick-time">{move || i.t("deadline.pick_label")}</label>
                    <input
                        id="pick-time"
                        type="time"
                        aria-describedby="pick-error"
                        prop:value=move || picked.get()
                        on:input=move |ev| picked.set(event_target_value(&ev))
                    />
                    <p id="pick-error" class="error" role="alert">{move || pick_error.get().map(|k| i.t(k))}</p>
                    <button type="submit" class="primary">{move || i.t("kiosk.continue")}</button>
                </form>
            </Show>
        </Question>
    }
}

#[component]
pub fn EstimateStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let choices = [(true, "estimate.yes"), (false, "estimate.no")]
        .into_iter()
        .map(|(yes, key)| {
            view! {
                <Choice
                    label=Signal::derive(move || i.t(key))
                    pressed=Signal::derive(move || state.flow.with(|f| f.draft.estimate_first == Some(yes)))
                    on_choose=answer(move |f| f.draft.estimate_first = Some(yes))
                />
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("estimate.title"))>
            <div class="choices" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}

#[component]
pub fn LimitStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let limits = config
        .spending_limits
        .iter()
        .map(|a| Limit::Amount(*a))
        .chain([Limit::NoLimit])
        .map(|limit| {
            let currency = config.currency.clone();
            let label = Signal::derive(move || match limit {
                Limit::Amount(a) => web::intl::money(i.lang.get_untracked(), &currency, a),
                Limit::NoLimit => i.t("limit.none"),
            });
            view! {
                <Choice
                    label
                    pressed=Signal::derive(move || state.flow.with(|f| f.draft.limit == Some(limit)))
                    on_choose=answer(move |f| f.draft.limit = Some(limit))
                />
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("limit.title"))>
            <div class="choices two-by-two" role="group" aria-labelledby="question">{limits}</div>
        </Question>
    }
}

#[component]
pub fn HelpStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let items = config
        .help_items
        .iter()
        .map(|code| {
            let key = format!("help.{code}");
            let (c1, c2) = (code.clone(), code.clone());
            view! {
                <Choice
                    label=Signal::derive(move || i.t(&key))
                    pressed=Signal::derive(move || state.flow.with(|f| f.draft.has_help(&c1)))
                    on_choose=move || state.flow.update(|f| f.draft.toggle_help(&c2))
                />
            }
        })
        .collect_view();
    let none_chosen = move || {
        state
            .flow
            .with(|f| f.draft.help.as_ref().is_none_or(|h| h.is_empty()))
    };
    let next = move |_| {
        state.go(|f| {
            f.draft.help.get_or_insert_with(Vec::new);
            f.advance();
        })
    };
    view! {
        <Question title=Signal::derive(move || i.t("help.title")) hint=Signal::derive(move || i.t("help.hint"))>
            <div class="choices chips" role="group" aria-labelledby="question">{items}</div>
            <button type="button" class="primary" on:click=next>
                {move || if none_chosen() { i.t("kiosk.skip") } else { i.t("kiosk.continue") }}
            </button>
        </Question>
    }
}

#[component]
pub fn DetailStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let choices = [Detail::Brief, Detail::WalkThrough]
        .into_iter()
        .map(|d| {
            let code = d.code();
            view! {
                <Choice
                    label=Signal::derive(move || i.t(&format!("detail.{code}")))
                    hint=Signal::derive(move || i.t(&format!("detail.{code}_hint")))
                    pressed=Signal::derive(move || state.flow.with(|f| f.draft.detail == Some(d)))
                    on_choose=answer(move |f| f.draft.detail = Some(d))
                />
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("detail.title"))>
            <div class="choices" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}
