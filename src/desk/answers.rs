//! The answers to the business's own questions, on a brief: "Plate: KX 12 ABC".
use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::questions::{worded, Answer};

/// Each answer under its question's wording in the staff's language `lang`
/// (a question since removed from the settings is named by its code).
pub fn own_answers(config: &Config, answers: &[Answer], lang: &str) -> impl IntoView {
    let fallback = config.business.language.as_str();
    let rows = answers
        .iter()
        .map(|a| {
            let question = config.question(&a.question);
            let asked = question
                .and_then(|q| worded(&q.label, lang, fallback))
                .unwrap_or(&a.question)
                .to_string();
            let said = question
                .map(|q| q.answer_words(&a.value, lang, fallback))
                .unwrap_or(&a.value)
                .to_string();
            view! {
                <div>
                    <dt>{asked}</dt>
                    // As the customer typed it, in whatever script and direction.
                    <dd dir="auto">{said}</dd>
                </div>
            }
        })
        .collect_view();
    (!answers.is_empty())
        .then(|| view! { <dl class="own-answers" data-testid="own-answers">{rows}</dl> })
}
