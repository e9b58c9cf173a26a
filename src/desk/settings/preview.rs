//! Before saving: what changes, and the kiosk's Welcome and first question as
//! customers will see them. And when another desk saved first: what differs
//! between theirs and this one, and which to keep.
use leptos::prelude::*;

use super::state::{Phase, SettingsState, Theirs};
use crate::domain::config::Config;
use crate::domain::questions::worded;
use crate::domain::settings::{changes, Change};
use crate::ui::{use_i18n, I18n};
use crate::web;

/// "Name: Northside Auto Care → Northside Tyres", "The reasons: changed".
fn change_rows(i: I18n, list: Vec<Change>) -> impl IntoView {
    if list.is_empty() {
        return view! { <p>{i.t("desk.settings_no_changes")}</p> }.into_any();
    }
    let rows = list
        .into_iter()
        .map(|c| {
            let what = match (c.before, c.after) {
                (Some(before), Some(after)) => i.tw("desk.settings_from_to", &[("before", &before), ("after", &after)]),
                _ => i.t("desk.settings_changed"),
            };
            view! { <li><span class="change-name">{i.t(c.key)}</span>": "<span class="change-what">{what}</span></li> }
        })
        .collect_view();
    view! { <ul class="changes">{rows}</ul> }.into_any()
}

/// The kiosk as this configuration draws it, in the staff's language where the
/// business has worded it, else in the business's.
fn kiosk_sample(i: I18n, config: &Config) -> impl IntoView {
    let lang = i.lang.get_untracked();
    let fallback = config.business.language.as_str();
    let reasons = config
        .reasons
        .iter()
        .map(|r| view! { <li class="sample-choice">{worded(&r.label, lang, fallback).unwrap_or_default().to_string()}</li> })
        .collect_view();
    let questions = config
        .questions
        .iter()
        .map(|q| view! { <li>{worded(&q.label, lang, fallback).unwrap_or_default().to_string()}</li> })
        .collect_view();
    let (color, on) = (config.business.color.clone(), config.on_brand_color());
    view! {
        <div class="kiosk-sample" aria-label=i.t("desk.settings_sample") role="img">
            <div class="sample-bar" style:background-color=color.clone() style:color=on>
                {config.business.name.clone()}
            </div>
            <p class="sample-title">{i.tw("welcome.title", &[("business", &config.business.name)])}</p>
            <span class="sample-button" style:background-color=color style:color=on>{i.t("welcome.check_in")}</span>
            <p class="sample-title">{i.t("reason.title")}</p>
            <ul class="sample-reasons">{reasons}</ul>
            {(!config.questions.is_empty()).then(|| view! {
                <p class="sample-title">{i.t("desk.settings_sample_questions")}</p>
                <ol class="sample-questions">{questions}</ol>
            })}
        </div>
    }
}

#[component]
pub fn Preview() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let (Some(before), Some(after)) = (state.base.get_untracked(), state.draft.get_untracked())
    else {
        return ().into_any();
    };
    let saving = move || state.phase.get() == Phase::Saving;
    let keep_editing = move |_| {
        state.phase.set(Phase::Editing);
        web::document::focus_when_drawn("settings-title".into());
    };
    let save_words = if state.shared() {
        "desk.settings_save_shared"
    } else {
        "desk.settings_save_here"
    };
    view! {
        <section class="preview" aria-labelledby="preview-title" data-testid="settings-preview">
            <h2 id="preview-title" tabindex="-1">{i.t("desk.settings_preview_title")}</h2>
            {change_rows(i, changes(&before, &after))}
            {kiosk_sample(i, &after)}
            <div class="actions">
                <button type="button" class="primary" aria-disabled=move || saving().then_some("true")
                    on:click=move |_| state.save()>
                    {move || if saving() { i.t("desk.settings_saving") } else { i.t(save_words) }}
                </button>
                <button type="button" class="secondary" on:click=keep_editing>{i.t("desk.settings_keep_editing")}</button>
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn Conflict(theirs: Theirs) -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    // What saving over theirs would change of theirs: what this desk changed.
    let differs = state
        .merged_over(&theirs)
        .map(|merged| changes(&theirs.config, &merged))
        .unwrap_or_default();
    let when = theirs
        .at_ms
        .map(|ms| web::intl::local_time(i.lang.get_untracked(), ms))
        .unwrap_or_default();
    let who = theirs.by.clone().unwrap_or_default();
    let (take, over) = (theirs.clone(), theirs);
    web::document::focus_when_drawn("conflict-title".into());
    view! {
        <section class="preview conflict" role="alert" aria-labelledby="conflict-title" data-testid="settings-conflict">
            <h2 id="conflict-title" tabindex="-1">{i.t("desk.settings_conflict_title")}</h2>
            <p>{i.tw("desk.settings_conflict_body", &[("who", &who), ("time", &when)])}</p>
            <h3>{i.t("desk.settings_conflict_differs")}</h3>
            {change_rows(i, differs)}
            <div class="actions">
                <button type="button" class="secondary" on:click=move |_| state.take_theirs(take.clone())>
                    {i.t("desk.settings_take_theirs")}
                </button>
                <button type="button" class="primary" on:click=move |_| state.save_over(over.clone())>
                    {i.t("desk.settings_save_over")}
                </button>
            </div>
        </section>
    }
}
