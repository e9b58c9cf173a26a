//! Every answer on one screen, each tappable to change; then Confirm.
use leptos::prelude::*;

use super::question::Question;
use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::flow::Step;
use crate::domain::intake::{Deadline, DeadlineChoice, Limit, Priority};
use crate::ui::use_i18n;
use crate::web;

#[component]
pub fn Review() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let d = state.flow.with_untracked(|f| f.answered());
    let path = state.flow.with_untracked(|f| f.draft.path());
    let none = move || i.t("review.none");
    let now = web::now();

    let answer_text = {
        let config = config.clone();
        move |step: Step| -> String {
            let lang = i.lang.get_untracked();
            match step {
                // Skipped: "Not given", not "Nothing".
                Step::Name => d
                    .name
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| i.t("review.not_given")),
                Step::Reason => d
                    .reason
                    .as_deref()
                    .and_then(|r| config.reason_label(r, lang))
                    .map(str::to_string)
                    .unwrap_or_else(none),
                Step::Priority => d
                    .priority
                    // Words that stand on their own, away from the question.
                    .map(|p| {
                        i.t(match p {
                            Priority::Time => "review.priority_time",
                            Priority::Cost => "review.priority_cost",
                            Priority::Both => "review.priority_both",
                            Priority::Quality => "review.priority_quality",
                        })
                    })
                    .unwrap_or_else(none),
                Step::Deadline => match d.deadline {
                    // With the clock time it stands for, as the desk will read it.
                    Some((DeadlineChoice::WithinHour, _)) => {
                        let by = Deadline::resolve(
                            DeadlineChoice::WithinHour,
                            now,
                            config.end_of_day,
                            None,
                        )
                        .map_or(now.ms, |d| d.at_ms);
                        i.tw(
                            "review.within_hour",
                            &[("time", &web::intl::local_time(lang, by))],
                        )
                    }
                    Some((_, Some(t))) => i.tw(
                        "deadline.by_time",
                        &[("time", &web::intl::local_time(lang, now.today_at(t)))],
                    ),
                    Some((DeadlineChoice::EndOfDay, _)) => i.tw(
                        "deadline.end_of_day",
                        &[(
                            "time",
                            &web::intl::local_time(lang, now.today_at(config.end_of_day)),
                        )],
                    ),
                    Some((c, _)) => i.t(&format!("deadline.{}", c.code())),
                    None => none(),
                },
                // "Estimate first: Yes", not "Yes, estimate first" again.
                Step::Estimate => match d.estimate_first {
                    Some(true) => i.t("review.yes"),
                    Some(false) => i.t("review.no"),
                    None => none(),
                },
                Step::Limit => match d.limit {
                    Some(Limit::Amount(a)) => web::intl::money(lang, &config.currency, a),
                    Some(Limit::NoLimit) => i.t("limit.none"),
                    None => none(),
                },
                Step::Help => {
                    let items: Vec<String> = config
                        .help_items
                        .iter()
                        .filter(|h| d.help.as_ref().is_some_and(|c| c.contains(h)))
                        .map(|h| i.t(&format!("help.{h}")))
                        .collect();
                    if items.is_empty() {
                        none()
                    } else {
                        i.list(&items)
                    }
                }
                // Isolated left to right, so that its + stays in front in Arabic.
                Step::Phone => d
                    .phone
                    .clone()
                    .filter(|p| !p.is_empty())
                    .map(|p| format!("\u{2066}{p}\u{2069}"))
                    .unwrap_or_else(|| i.t("review.not_given")),
                Step::Detail => d
                    .detail
                    .map(|x| i.t(&format!("detail.{}", x.code())))
                    .unwrap_or_else(none),
                Step::Note => d
                    .note
                    .clone()
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(none),
                Step::Own(at) => {
                    let given = d.own.get(usize::from(at)).cloned().flatten();
                    match (config.questions.get(usize::from(at)), given) {
                        (Some(q), Some(value)) if !value.is_empty() => q
                            .answer_words(&value, lang, &config.business.language)
                            .to_string(),
                        _ => i.t("review.not_given"),
                    }
                }
                _ => String::new(),
            }
        }
    };
    let question_key = |step: Step| match step {
        Step::Name => "review.name",
        Step::Reason => "review.reason",
        Step::Priority => "review.priority",
        Step::Deadline => "review.deadline",
        Step::Estimate => "review.estimate",
        Step::Limit => "review.limit",
        Step::Help => "review.help",
        Step::Phone => "review.phone",
        Step::Detail => "review.detail",
        _ => "review.note",
    };
    // The business's own questions in their own words.
    let question_words = {
        let config = config.clone();
        move |step: Step| match step {
            Step::Own(at) => config
                .questions
                .get(usize::from(at))
                .and_then(|q| {
                    crate::domain::questions::worded(
                        &q.label,
                        i.lang.get_untracked(),
                        &config.business.language,
                    )
                })
                .unwrap_or_default()
                .to_string(),
            step => i.t(question_key(step)),
        }
    };
    let rows = path
        .into_iter()
        .map(|step| {
            let text = answer_text.clone();
            let question = question_words.clone();
            view! {
                <li>
                    <button type="button" class="review-row" on:click=move |_| state.go(|f| f.edit(step))>
                        <span class="review-q">{move || question(step)}</span>
                        <span class="review-a">{move || text(step)}</span>
                        <span class="review-change">{move || i.t("review.change")}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("review.title")) hint=Signal::derive(move || i.t("review.hint"))>
            <ul class="review">{rows}</ul>
            <button type="button" class="primary big" on:click=move |_| state.file(&config, false)>
                {move || i.t("review.confirm")}
            </button>
        </Question>
    }
}
