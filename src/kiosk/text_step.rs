//! The two questions answered by typing: first name and a note. Both optional.
use leptos::prelude::*;

use super::question::Question;
use super::visit::use_kiosk;
use crate::domain::text::{self, TextError, NAME_MAX, NOTE_MAX};
use crate::ui::use_i18n;

#[component]
pub fn NameStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let initial = state
        .flow
        .with_untracked(|f| f.draft.name.clone().unwrap_or_default());
    view! {
        <TextAnswer
            title=i.t("name.title")
            hint=i.t("name.hint")
            label=i.t("name.label")
            max=NAME_MAX
            multiline=false
            initial
            on_done=move |name| state.go(|f| {
                f.draft.name = Some(name);
                f.advance();
            })
        />
    }
}

#[component]
pub fn NoteStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let initial = state
        .flow
        .with_untracked(|f| f.draft.note.clone().unwrap_or_default());
    view! {
        <TextAnswer
            title=i.t("note.title")
            hint=i.t("note.hint")
            label=i.t("note.label")
            max=NOTE_MAX
            multiline=true
            initial
            on_done=move |note| state.go(|f| {
                f.draft.note = Some(note);
                f.advance();
            })
        />
    }
}

/// A labelled text box with a live count of characters; too much text is refused
/// with a message, never cut silently. The one button says Skip while it is empty.
/// Its words are given in the visit's language (a new language draws it again).
/// With `on_talk` (on the way out), the way to a person hands over the text as
/// typed, instead of filing a check-in as on the way in.
#[component]
pub(super) fn TextAnswer(
    title: String,
    hint: String,
    label: String,
    max: usize,
    multiline: bool,
    initial: String,
    on_done: impl Fn(String) + Send + Sync + 'static,
    #[prop(default = None)] on_talk: Option<(&'static str, Callback<String>)>,
) -> impl IntoView {
    let i = use_i18n();
    let value = RwSignal::new(initial);
    let cleaned = Memo::new(move |_| value.with(|v| text::clean(v, max, multiline)));
    let too_long = move || match cleaned.get() {
        Err(TextError::TooLong { max, len }) => Some(i.tw(
            "text.too_long",
            &[("len", &len.to_string()), ("max", &max.to_string())],
        )),
        Ok(_) => None,
    };
    // One count for the counter and the refusal: the characters that would be
    // kept (trimmed, control characters dropped), not the raw paste.
    let count = move || match cleaned.get() {
        Ok(kept) => text::visible_len(&kept),
        Err(TextError::TooLong { len, .. }) => len,
    };
    let submit = move || {
        if let Ok(text) = cleaned.get_untracked() {
            on_done(text);
        }
    };
    let on_input = move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    let field = if multiline {
        view! {
            <textarea
                id="answer"
                rows="4"
                aria-describedby="answer-count answer-error"
                aria-invalid=move || if too_long().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=on_input
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id="answer"
                type="text"
                autocomplete="off"
                autocapitalize="words"
                spellcheck="false"
                enterkeyhint="next"
                aria-describedby="answer-count answer-error"
                aria-invalid=move || if too_long().is_some() { "true" } else { "false" }
                prop:value=move || value.get()
                on:input=on_input
            />
        }
        .into_any()
    };
    // Someone asking for a person is never held back by a long comment: it is
    // kept cut to fit, with "…" (the staff will hear the rest).
    let ask = on_talk.map(|(key, on_talk)| {
        (
            key,
            Callback::new(move |()| {
                on_talk.run(text::cut_to_fit(&value.get_untracked(), max, multiline))
            }),
        )
    });
    let file_talk = ask.is_none();
    view! {
        <Question title hint=Signal::stored(hint) talk=file_talk ask=ask>
            <form
                class="text-answer"
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <label for="answer">{label}</label>
                {field}
                <p id="answer-count" class="counter" class:over=move || too_long().is_some()>
                    {move || i.tw("text.counter", &[("n", &count().to_string()), ("max", &max.to_string())])}
                </p>
                <p id="answer-error" class="error" role="alert">{too_long}</p>
                <button type="submit" class="primary">
                    {move || if value.with(|v| v.trim().is_empty()) { i.t("kiosk.skip") } else { i.t("kiosk.continue") }}
                </button>
            </form>
        </Question>
    }
}
