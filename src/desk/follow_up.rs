//! Feedback below expectations, or a priority not respected: the service-recovery
//! chance, on top of the desk until staff say what they did.
use leptos::prelude::*;

use super::card::FeedbackSummary;
use super::queue::DeskState;
use crate::domain::feedback::{linked, Feedback};
use crate::domain::text;
use crate::ui::use_i18n;
use crate::web;

#[component]
fn FollowUpCard(feedback: Feedback) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    // Who it was, when the desk can tell.
    let who = desk.stored.with_untracked(|stored| {
        linked(&feedback, stored).map(|intake| {
            let name = if intake.name.is_empty() {
                i.t("desk.no_name")
            } else {
                intake.name.clone()
            };
            (intake.ticket_label(), name)
        })
    });
    let ticket = match (&who, feedback.ticket.is_empty()) {
        (Some((label, _)), _) => label.clone(),
        (None, false) => feedback.ticket.clone(),
        (None, true) => i.t("desk.follow_up_no_ticket"),
    };
    let name = who.map(|(_, name)| name);
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let id = feedback.id.clone();
    let control = format!("follow-up-note-{id}");
    let heading = format!("follow-up-{id}");
    let labelled_by = heading.clone();
    let chip = ticket.clone();
    let handle = move || match text::clean(&note.get_untracked(), text::NOTE_MAX, true) {
        Ok(n) if n.is_empty() => error.set(Some(i.t("desk.follow_up_note_missing"))),
        Ok(n) => {
            error.set(None);
            desk.change_feedback(&id, move |f| {
                f.handle(web::now().ms, n);
            });
        }
        Err(text::TextError::TooLong { max, len }) => error.set(Some(i.tw(
            "text.too_long",
            &[("len", &len.to_string()), ("max", &max.to_string())],
        ))),
    };
    view! {
        <article class="follow-up" aria-labelledby=labelled_by data-ticket=ticket>
            <header class="brief-head">
                <span class="ticket-chip">{chip}</span>
                <h3 id=heading dir="auto">{name.unwrap_or_default()}</h3>
            </header>
            <FeedbackSummary feedback />
            <form
                class="follow-up-form"
                on:submit=move |ev| {
                    ev.prevent_default();
                    handle();
                }
            >
                <label for=control.clone()>{i.t("desk.follow_up_note")}</label>
                <textarea
                    id=control
                    rows="2"
                    dir="auto"
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))
                ></textarea>
                <p class="error" role="alert">{move || error.get()}</p>
                <button type="submit" class="primary">{i.t("desk.follow_up_handle")}</button>
            </form>
        </article>
    }
}

#[component]
pub fn FollowUps() -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let open = Memo::new(move |_| {
        desk.feedback.with(|all| {
            all.iter()
                .filter(|f| f.follow_up_open())
                .map(|f| f.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let card = move |id: String| {
        desk.feedback
            .with_untracked(|all| all.iter().find(|f| f.id == id).cloned())
            .map(|feedback| view! { <li><FollowUpCard feedback /></li> })
    };
    view! {
        <Show when=move || open.with(|o| !o.is_empty())>
            <section class="follow-ups" aria-labelledby="follow-ups-title">
                <h2 id="follow-ups-title">{move || i.tw("desk.follow_ups", &[("n", &open.with(Vec::len).to_string())])}</h2>
                <p class="hint">{i.t("desk.follow_up_hint")}</p>
                <ol class="briefs">
                    <For each=move || open.get() key=|id| id.clone() children=card />
                </ol>
            </section>
        </Show>
    }
}
