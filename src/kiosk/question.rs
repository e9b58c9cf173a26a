//! The frame of every question.
use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::flow::Flow;
use crate::ui::{focused_heading, use_i18n};
use crate::web;

/// What read-aloud says, in this order: the question and its hint, then its answers.
const READ_ALOUD: [&str; 2] = [
    ".question h1, .question > .hint",
    ".question .answers .choice-label, .question .answers label",
];

/// The frame of every question: Back, progress, the question as the page's heading
/// (focused on arrival so a screen reader reads it), the answers, and a way to a person.
#[component]
pub fn Question(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// "I'd rather talk to a person" files a check-in: not on the way out.
    #[prop(default = true)]
    talk: bool,
    /// In its place, another way to a person: its words and what it does (the
    /// comment screen's "I'd like a word before I go").
    #[prop(default = None)]
    ask: Option<(&'static str, Callback<()>)>,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let heading = focused_heading();
    state.announce(title.get_untracked());
    let progress = move || state.flow.with(|f| f.progress()).unwrap_or((1, None));
    view! {
        <div class="question">
            <div class="topbar">
                <button type="button" class="back" on:click=move |_| state.go(Flow::back)>
                    // Back points the way the language reads.
                    <span aria-hidden="true">
                        {if crate::i18n::direction(i.lang.get_untracked()) == "rtl" { "→ " } else { "← " }}
                    </span>
                    {move || i.t("kiosk.back")}
                </button>
                // A way to a person, at the top of every question: always in sight.
                {ask.or_else(|| talk.then(|| ("kiosk.talk", Callback::new(move |()| state.file(&config, true)))))
                    .map(|(key, action)| view! {
                        <button type="button" class="talk" on:click=move |_| action.run(())>
                            {move || i.t(key)}
                        </button>
                    })}
                <div class="progress">
                    <span class="progress-text">
                        {move || match progress() {
                            (n, Some(total)) => i.tw("kiosk.progress", &[("n", &n.to_string()), ("total", &total.to_string())]),
                            (n, None) => i.tw("kiosk.progress_open", &[("n", &n.to_string())]),
                        }}
                    </span>
                    // The bar once the number of steps is known; its place kept till then.
                    <progress
                        max=move || progress().1.unwrap_or(1)
                        value=move || progress().1.map_or(0, |_| progress().0)
                        class:unknown=move || progress().1.is_none()
                        aria-hidden="true"
                    ></progress>
                </div>
            </div>
            <div class="question-head">
                <h1 id="question" tabindex="-1" node_ref=heading>{title}</h1>
                // Only where the browser can speak.
                {web::speech::can_speak().then(|| view! {
                    <button type="button" class="read-aloud" on:click=move |_| web::speech::read_aloud(&READ_ALOUD, i.lang.get_untracked())>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <polygon points="3,9 7,9 12,4 12,20 7,15 3,15" />
                            <path d="M15 9a4 4 0 0 1 0 6 M17.5 6.5a7.5 7.5 0 0 1 0 11" />
                        </svg>
                        {i.t("kiosk.read_aloud")}
                    </button>
                })}
            </div>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <div class="answers">{children()}</div>
        </div>
    }
}
