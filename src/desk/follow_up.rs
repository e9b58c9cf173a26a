//! Feedback below expectations, or a priority not respected: the service-recovery
//! chance, on top of the desk until staff say what they did.
use leptos::prelude::*;

use super::card::{FeedbackSummary, NoteForm};
use super::focus::HEADING_ID;
use super::state::DeskState;
use crate::domain::feedback::Age;
use crate::domain::feedback::{linked, Feedback};
use crate::ui::use_i18n;
use crate::web;

#[component]
fn FollowUpCard(feedback: Feedback) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    // Who it was, when the desk can tell: an earlier day's check-in is read from
    // this device's storage, where it is kept as long as the desk keeps its days.
    let earlier = untrack(|| desk.records_of(std::slice::from_ref(&feedback.day))).intakes;
    let who = desk.stored.with_untracked(|stored| {
        linked(&feedback, stored)
            .or_else(|| linked(&feedback, &earlier))
            .map(|intake| {
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
    let id = feedback.id.clone();
    // Followed as it changes: a comment may arrive after the answers.
    let current = {
        let id = id.clone();
        Memo::new(move |_| {
            desk.feedback
                .with(|all| all.iter().find(|f| f.id == id).cloned())
        })
    };
    // How long it has waited for us: amber after a day, red after two.
    let raised = feedback.created_ms;
    let age = move || Age::of(raised, desk.now_ms.get());
    let age_words = move || {
        let minutes = (desk.now_ms.get() - raised).max(0) / 60_000;
        // Past a day, whole hours say enough.
        let minutes = if minutes >= 24 * 60 {
            minutes / 60 * 60
        } else {
            minutes
        };
        let key = match age() {
            Age::Fresh => "desk.follow_up_raised",
            Age::Late => "desk.follow_up_late",
            Age::Overdue => "desk.follow_up_overdue",
        };
        i.tw(key, &[("ago", &i.duration(minutes))])
    };
    let control = format!("follow-up-note-{id}");
    let heading = format!("follow-up-{id}");
    let labelled_by = heading.clone();
    let chip = ticket.clone();
    let handle = move |note: String| {
        if note.is_empty() {
            return Err(i.t("desk.follow_up_note_missing"));
        }
        desk.change_feedback(&id, move |f| {
            f.handle(web::now().ms, note);
        });
        // The follow-up is gone from the list: the heading takes focus.
        web::document::focus_id(HEADING_ID);
        Ok(())
    };
    view! {
        <article class=move || format!("follow-up {}", age().code()) aria-labelledby=labelled_by data-ticket=ticket>
            <h3 id=heading class="brief-head">
                <span class="ticket-chip">{chip}</span>
                " "
                {name.map(|name| view! { <span class="who" dir="auto">{name}</span> })}
            </h3>
            <p class=move || format!("age {}", age().code()) data-testid="follow-up-age">{age_words}</p>
            {move || current.get().map(|feedback| view! { <FeedbackSummary feedback /> })}
            <NoteForm
                class="follow-up-form"
                control
                label="desk.follow_up_note"
                button="desk.follow_up_handle"
                primary=true
                on_save=handle
            />
        </article>
    }
}

#[component]
pub fn FollowUps() -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let open = Memo::new(move |_| {
        desk.feedback.with(|all| {
            // The longest waiting first: earlier days' come before today's.
            let mut open: Vec<&Feedback> = all.iter().filter(|f| f.follow_up_open()).collect();
            open.sort_by_key(|f| f.created_ms);
            open.into_iter().map(|f| f.id.clone()).collect::<Vec<_>>()
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
