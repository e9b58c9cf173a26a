//! "Leaving? Tell us how we did": the ticket (optional), two taps of answers, and
//! the feedback is kept; a comment may follow, then thanks.
use leptos::prelude::*;

use super::number_pad::PadForm;
use super::question::Question;
use super::visit::use_kiosk;
use crate::domain::feedback::{find_intake, parse_ticket, western_digits, Expectations};
use crate::domain::flow::Step;
use crate::domain::text::NOTE_MAX;
use crate::ui::{focused_heading, use_i18n, Choice};
use crate::web;

/// Tickets run to a few digits a day; more is a slip of the finger.
const TICKET_MAX: usize = 6;

#[component]
pub fn TicketStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let typed = RwSignal::new(state.flow.with_untracked(|f| f.leaving.ticket.clone()));
    let error = RwSignal::new(false);
    // Kept in the visit as typed, so a change of language does not lose it.
    // Digits as the pad and the printed ticket show them: ١٢ typed is 12.
    let edit = move |t: String| {
        let t = western_digits(&t);
        error.set(false);
        typed.set(t.clone());
        state.flow.update_untracked(|f| f.leaving.ticket = t);
    };
    let submit = move || {
        let text = typed.get_untracked().trim().to_ascii_uppercase();
        if !text.is_empty() && parse_ticket(&text).is_none() {
            error.set(true);
            return;
        }
        // This kiosk may know the intake (it filed it): then the next question can
        // name what mattered most. Elsewhere, the desk links it by the number.
        let now = web::now();
        let intake = state
            .storage
            .store()
            .and_then(|store| {
                find_intake(&text, &now.day(), &store.intakes()).map(|i| (i.id.clone(), i.priority))
            })
            // A customer's phone: the check-in its printed number came with.
            .or_else(|| super::visitor::linked_intake(&text).map(|id| (id, None)));
        state.go(|f| {
            f.leaving.ticket = text;
            f.leaving.intake = intake;
            f.step = Step::Expectations;
        });
    };
    view! {
        <Question title=Signal::derive(move || i.t("leaving.ticket_title")) hint=Signal::derive(move || i.t("leaving.ticket_hint")) talk=false>
            <PadForm
                id="ticket"
                label="leaving.ticket_label"
                input_type="text"
                inputmode="numeric"
                max=TICKET_MAX
                typed_max=TICKET_MAX + 2
                typed
                error=Signal::derive(move || error.get().then(|| i.t("leaving.ticket_invalid")))
                on_edit=Callback::new(edit)
                on_submit=Callback::new(move |()| submit())
            />
        </Question>
    }
}

/// A face drawn for each answer, so it reads without reading.
fn face(e: Expectations) -> impl IntoView {
    let mouth = match e {
        Expectations::Below => "M8 17 Q12 13 16 17",
        Expectations::Met => "M8 15.5 L16 15.5",
        Expectations::Beyond => "M7.5 14 Q12 19.5 16.5 14",
    };
    view! {
        <svg class="face" viewBox="0 0 24 24" aria-hidden="true">
            <circle cx="12" cy="12" r="10" />
            <circle class="eye" cx="8.5" cy="9.5" r="1.2" />
            <circle class="eye" cx="15.5" cy="9.5" r="1.2" />
            <path d=mouth />
        </svg>
    }
}

#[component]
pub fn ExpectationsStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let choices = Expectations::ALL
        .into_iter()
        .map(|e| {
            let code = e.code();
            view! {
                <div class="with-face">
                    {face(e)}
                    <Choice
                        label=Signal::derive(move || i.t(&format!("leaving.expectations_{code}")))
                        pressed=Signal::derive(move || state.flow.with(|f| f.leaving.expectations == Some(e)))
                        on_choose=move || state.go(|f| {
                            f.leaving.expectations = Some(e);
                            f.step = Step::Respected;
                        })
                    />
                </div>
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("leaving.expectations_title")) talk=false>
            <div class="choices faces" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}

#[component]
pub fn RespectedStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    // Named when the kiosk found their check-in: "You told us: Time".
    let priority = state
        .flow
        .with_untracked(|f| f.leaving.intake.as_ref().and_then(|(_, p)| *p));
    let hint = Signal::derive(move || match priority {
        Some(p) => i.t(&format!("leaving.respected_{}", p.code())),
        None => i.t("leaving.respected_hint"),
    });
    let choices = [(true, "leaving.respected_yes"), (false, "leaving.respected_no")]
        .into_iter()
        .map(|(yes, key)| {
            view! {
                <Choice
                    label=Signal::derive(move || i.t(key))
                    pressed=Signal::derive(move || state.flow.with(|f| f.leaving.respected == Some(yes)))
                    on_choose=move || {
                        if !state.settling.get_untracked() {
                            state.flow.update(|f| f.leaving.respected = Some(yes));
                            state.keep_feedback();
                        }
                    }
                />
            }
        })
        .collect_view();
    view! {
        <Question title=Signal::derive(move || i.t("leaving.respected_title")) hint talk=false>
            <div class="choices two-by-two" role="group" aria-labelledby="question">{choices}</div>
        </Question>
    }
}

/// Kept already: a comment is a bonus. The one button says Skip while it is empty;
/// "I'd like a word before I go" keeps the comment and asks the desk to come.
#[component]
pub fn CommentStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    // A customer's phone is not in the lobby: nobody can come over to them.
    let talk = (!super::visitor::is_visitor()).then(|| {
        (
            "leaving.talk",
            Callback::new(move |comment| state.add_comment(comment, true)),
        )
    });
    view! {
        <super::text_step::TextAnswer
            title=i.t("leaving.comment_title")
            hint=i.t("leaving.comment_hint")
            label=i.t("leaving.comment_label")
            max=NOTE_MAX
            multiline=true
            initial=String::new()
            on_done=move |comment| state.add_comment(comment, false)
            on_talk=talk
        />
    }
}

#[component]
pub fn Thanks() -> impl IntoView {
    // A customer's phone: thanks, and nothing more to do (it never becomes a
    // check-in screen).
    if super::visitor::is_visitor() {
        return view! { <super::visitor::Closing /> }.into_any();
    }
    let i = use_i18n();
    let state = use_kiosk();
    let left = super::done::countdown(state);
    let heading = focused_heading();
    // One message for each situation: thanks; someone is coming; or, when the
    // desk could not be told from here, go and ask.
    let (title, lead) = match state.flow.with_untracked(|f| f.leaving.talk) {
        None => ("leaving.thanks_title", "leaving.thanks_lead"),
        Some(true) => ("leaving.talk_title", "leaving.talk_lead"),
        Some(false) => ("leaving.thanks_title", "leaving.talk_not_sent"),
    };
    state.announce(i.t(title));
    view! {
        <div class="done">
            <h1 tabindex="-1" node_ref=heading>{move || i.t(title)}</h1>
            <p class="lead" class:warning=lead == "leaving.talk_not_sent" role=(lead == "leaving.talk_not_sent").then_some("alert")>
                {move || i.t(lead)}
            </p>
            <p class="clears">{move || i.tw_count("done.clears", left.get() as i64, &[("s", &left.get().to_string())])}</p>
            <button type="button" class="primary" on:click=move |_| state.reset()>{move || i.t("done.finish")}</button>
        </div>
    }
    .into_any()
}
