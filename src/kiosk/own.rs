//! A question of the business's own (`Config::questions`): a few words typed, or
//! a choice tapped. Either may be skipped: the business asks, the customer
//! need not know (a plate number in a borrowed car).
use leptos::prelude::*;

use super::question::Question;
use super::text_step::TextAnswer;
use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::questions::{worded, AnswerKind, ANSWER_MAX};
use crate::ui::{use_i18n, Choice};

#[component]
pub fn OwnStep(index: u8) -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let at = usize::from(index);
    let Some(question) = config.questions.get(at).cloned() else {
        // Not one of this configuration's: on to the next question.
        leptos::task::spawn_local(async move { state.go(|f| f.advance()) });
        return ().into_any();
    };
    let lang = i.lang.get_untracked();
    let fallback = config.business.language.as_str();
    let title = worded(&question.label, lang, fallback)
        .unwrap_or_default()
        .to_string();
    let answer = move |value: String| {
        state.go(move |f| {
            if let Some(slot) = f.draft.own.get_mut(at) {
                *slot = Some(value);
            }
            f.advance();
        })
    };
    let given = state
        .flow
        .with_untracked(|f| f.draft.own.get(at).cloned().flatten());
    match question.kind() {
        AnswerKind::Text => view! {
            <TextAnswer
                title=title
                hint=i.t("own.text_hint")
                label=i.t("own.answer")
                max=ANSWER_MAX
                multiline=false
                initial=given.unwrap_or_default()
                on_done=answer
            />
        }
        .into_any(),
        AnswerKind::Choice => {
            let choices = question
                .choices
                .iter()
                .map(|c| {
                    let label = worded(&c.label, lang, fallback).unwrap_or_default().to_string();
                    let code = c.code.clone();
                    let pressed = {
                        let code = code.clone();
                        Signal::derive(move || {
                            state.flow.with(|f| f.draft.own.get(at).cloned().flatten().as_deref() == Some(code.as_str()))
                        })
                    };
                    view! { <Choice label=Signal::stored(label) pressed on_choose=move || answer(code.clone()) /> }
                })
                .collect_view();
            view! {
                <Question title hint=Signal::stored(i.t("own.choice_hint"))>
                    <div class="choices list" role="group" aria-labelledby="question">{choices}</div>
                    <button type="button" class="secondary" on:click=move |_| answer(String::new())>
                        {i.t("kiosk.skip")}
                    </button>
                </Question>
            }
            .into_any()
        }
    }
}
