//! The business's own questions in Settings: up to three, each answered by
//! typing or with a choice, each worded in every language.
use leptos::prelude::*;

use super::fields::{peek, shape};
use super::form::Part;
use super::state::SettingsState;
use super::wording::{
    action_label, confirm_removal, remove_button, wording_inputs, Removing, Words,
};
use crate::domain::questions::{
    code_from, AnswerKind, OwnChoice, OwnQuestion, Wording, MAX_CHOICES, MAX_QUESTIONS,
};
use crate::domain::settings::{field_id, SECTIONS};
use crate::ui::use_i18n;

#[component]
pub fn QuestionsPart() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let removing: Removing = RwSignal::new(None);
    let drawn = shape(state, |c| (c.questions.len(), c.business.language.clone()));
    let count = move || drawn.with(|d| d.0);
    let question = move |at: usize| {
        let words = Words::Question(at);
        let title = i.tw("desk.settings_question_n", &[("n", &(at + 1).to_string())]);
        let kind_now = shape(state, move |c| c.questions.get(at).map(OwnQuestion::kind));
        let kind = move || kind_now.get();
        let choices_now = shape(state, move |c| {
            c.questions.get(at).map_or(0, |q| q.choices.len())
        });
        let kind_name = format!("question-{at}-kind");
        let set_kind = move |to: AnswerKind| {
            state.edit(|c| {
                if let Some(q) = c.questions.get_mut(at) {
                    if to == AnswerKind::Text {
                        q.choices.clear();
                    } else if q.choices.is_empty() {
                        // Two empty choices to word, the fewest a choice has.
                        for n in 1..=2 {
                            q.choices.push(OwnChoice {
                                code: format!("choice_{n}"),
                                label: Wording::new(),
                            });
                        }
                    }
                }
            })
        };
        let kinds = [(AnswerKind::Text, "desk.settings_kind_text"), (AnswerKind::Choice, "desk.settings_kind_choice")]
            .into_iter()
            .map(|(k, key)| {
                let id = format!("{kind_name}-{}", if k == AnswerKind::Text { "text" } else { "choice" });
                view! {
                    <span class="radio">
                        <input type="radio" id=id.clone() name=kind_name.clone() prop:checked=move || { kind() == Some(k) } on:change=move |_| set_kind(k) />
                        <label for=id>{i.t(key)}</label>
                    </span>
                }
            })
            .collect_view();
        let choices = move || {
            (kind() == Some(AnswerKind::Choice)).then(|| {
                let n = choices_now.get();
                let rows = (0..n)
                    .map(|ch| {
                        let words = Words::Choice(at, ch);
                        view! {
                            <li>
                                <fieldset class="worded choice-words">
                                    <legend>{i.tw("desk.settings_choice_n", &[("n", &(ch + 1).to_string())])}</legend>
                                    {wording_inputs(i, state, words)}
                                    <button type="button" class="secondary small" disabled={ n <= 2 }
                                        aria-label=action_label(i, state, "desk.settings_remove_named", words)
                                        on:click=move |_| {
                                            state.edit(|c| words.remove(c));
                                            crate::web::document::focus_when_drawn(format!("add-choice-{at}"));
                                        }>
                                        {i.t("desk.settings_remove")}
                                    </button>
                                </fieldset>
                            </li>
                        }
                    })
                    .collect_view();
                let add_choice = move |_: leptos::ev::MouseEvent| {
                    state.edit(|c| {
                        if let Some(q) = c.questions.get_mut(at) {
                            let taken: Vec<&str> = q.choices.iter().map(|c| c.code.as_str()).collect();
                            let code = code_from("choice", &taken);
                            q.choices.push(OwnChoice { code, label: Wording::new() });
                        }
                    });
                    let business = peek(state, |c| c.business.language.clone());
                    crate::web::document::focus_when_drawn(field_id(&format!("questions[{at}].choices[{n}].label.{business}")));
                };
                view! {
                    <ol class="worded-list choices-list" id=field_id(&format!("questions[{at}].choices"))>{rows}</ol>
                    <button type="button" class="secondary small" id=format!("add-choice-{at}") disabled={ n >= MAX_CHOICES } on:click=add_choice>
                        {i.t("desk.settings_add_choice")}
                    </button>
                }
            })
        };
        let confirm = confirm_removal(
            i,
            state,
            removing,
            words,
            "desk.settings_remove_question_body",
            "add-question",
        );
        view! {
            <li>
                <fieldset class="worded">
                    <legend>{title}</legend>
                    <div class="kinds" role="radiogroup" aria-label=i.t("desk.settings_kind")>{kinds}</div>
                    {wording_inputs(i, state, words)}
                    {choices}
                    <div class="row-actions">{remove_button(i, state, removing, words)}</div>
                    {confirm}
                </fieldset>
            </li>
        }
    };
    let rows = move || (0..count()).map(question).collect_view();
    let add = move |_: leptos::ev::MouseEvent| {
        let at = count();
        state.edit(|c| {
            let taken: Vec<&str> = c.questions.iter().map(|q| q.code.as_str()).collect();
            let code = code_from("question", &taken);
            c.questions.push(OwnQuestion {
                code,
                label: Wording::new(),
                choices: Vec::new(),
            });
        });
        let business = peek(state, |c| c.business.language.clone());
        crate::web::document::focus_when_drawn(field_id(&format!(
            "questions[{at}].label.{business}"
        )));
    };
    view! {
        <Part id=SECTIONS[2] title="desk.settings_questions" hint="desk.settings_questions_hint">
            <ol class="worded-list" id=field_id("questions")>{rows}</ol>
            <button type="button" class="secondary" id="add-question" disabled=move || { count() >= MAX_QUESTIONS } on:click=add>
                {i.t("desk.settings_add_question")}
            </button>
        </Part>
    }
}
