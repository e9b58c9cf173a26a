//! One brief: flags on top, the priority as a headline, what to offer, how to
//! approach them, their note, and how long they have waited.
use leptos::prelude::*;

use super::focus::keeping_focus;
use super::state::DeskState;
use crate::domain::brief::{Approach, Brief, Flag, Headline, Urgency};
use crate::domain::config::Config;
use crate::domain::feedback::Feedback;
use crate::domain::intake::{Deadline, Limit, Status};
use crate::domain::text;
use crate::ui::use_i18n;
use crate::web;

fn approach_key(a: Approach) -> &'static str {
    match a {
        Approach::CameBack => "approach.came_back",
        Approach::TimeFirst => "approach.time",
        Approach::CostFirst => "approach.cost",
        Approach::Both => "approach.both",
        Approach::QualityFirst => "approach.quality",
        Approach::WalkThrough => "approach.walk_through",
        Approach::KeepBrief => "approach.keep_brief",
        Approach::TalkFirst => "approach.talk_first",
    }
}

/// The headline's key and its details ("needs to leave by 12:30 PM", "45 min left", ...).
fn headline(b: &Brief, lang: &str, currency: &str) -> (&'static str, Vec<String>) {
    let i = use_i18n();
    let deadline_parts = |deadline: Option<Deadline>, minutes_left: Option<i64>| {
        let mut parts = Vec::new();
        if let Some(d) = deadline {
            parts.push(i.tw(
                "headline.deadline",
                &[("time", &web::intl::local_time(lang, d.at_ms))],
            ));
        }
        match minutes_left {
            // Minutes left are rounded down: -1 means under a minute past.
            Some(-1) => parts.push(i.t("headline.just_passed")),
            Some(m) if m < 0 => {
                parts.push(i.tw("headline.overdue", &[("m", &(-m - 1).to_string())]))
            }
            Some(m) => parts.push(i.tw("headline.minutes_left", &[("m", &m.to_string())])),
            None => {}
        }
        parts
    };
    let cost_parts = |estimate_first: bool, limit: Option<Limit>| {
        let mut parts = vec![i.t(if estimate_first {
            "headline.estimate"
        } else {
            "headline.no_estimate"
        })];
        match limit {
            Some(Limit::Amount(a)) => parts.push(i.tw(
                "headline.limit",
                &[("amount", &web::intl::money(lang, currency, a))],
            )),
            Some(Limit::NoLimit) => parts.push(i.t("headline.no_limit")),
            None => {}
        }
        parts
    };
    match b.headline {
        Headline::TimeFirst { deadline } => {
            ("headline.time", deadline_parts(deadline, b.minutes_left))
        }
        Headline::CostFirst {
            estimate_first,
            limit,
        } => ("headline.cost", cost_parts(estimate_first, limit)),
        Headline::Both {
            deadline,
            estimate_first,
            limit,
        } => {
            let mut parts = deadline_parts(deadline, b.minutes_left);
            parts.extend(cost_parts(estimate_first, limit));
            ("headline.both", parts)
        }
        Headline::QualityFirst => ("headline.quality", vec![]),
        Headline::NotSaid => ("headline.not_said", vec![]),
    }
}

/// What a customer said on the way out, on their card and in the follow-ups:
/// "Below expectations · Priority not respected", their comment, and what the desk did.
#[component]
pub fn FeedbackSummary(feedback: Feedback) -> impl IntoView {
    let i = use_i18n();
    let lang = i.lang.get_untracked();
    let verdict = format!(
        "{} · {}",
        i.t(&format!("desk.feedback_{}", feedback.expectations.code())),
        i.t(if feedback.respected {
            "desk.feedback_respected"
        } else {
            "desk.feedback_not_respected"
        })
    );
    view! {
        <p class="verdict" class:bad=feedback.needs_follow_up()>{verdict}</p>
        {(!feedback.comment.is_empty()).then(|| view! { <p class="comment" dir="auto">{feedback.comment.clone()}</p> })}
        {feedback.follow_up.map(|u| view! {
            <p class="handled">
                {i.tw("desk.feedback_handled", &[("time", &web::intl::local_time(lang, u.at_ms)), ("note", &u.note)])}
            </p>
        })}
    }
}

/// A one-line note the desk writes and saves: cleaned and limited like customers'
/// text, too much refused with a message. `on_save` gets the cleaned note and may
/// refuse it with a message of its own.
#[component]
pub fn NoteForm(
    class: &'static str,
    /// The text box's id (unique on the page).
    control: String,
    label: &'static str,
    button: &'static str,
    #[prop(optional)] primary: bool,
    #[prop(optional)] initial: String,
    on_save: impl Fn(String) -> Result<(), String> + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let value = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let save = move || match text::clean(&value.get_untracked(), text::NOTE_MAX, false) {
        Ok(note) => match on_save(note.clone()) {
            Ok(()) => {
                error.set(None);
                value.set(note);
            }
            Err(why) => error.set(Some(why)),
        },
        Err(text::TextError::TooLong { max, len }) => error.set(Some(i.tw(
            "text.too_long",
            &[("len", &len.to_string()), ("max", &max.to_string())],
        ))),
    };
    view! {
        <form
            class=class
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <label for=control.clone()>{i.t(label)}</label>
            <div class="inline">
                <input
                    id=control
                    type="text"
                    autocomplete="off"
                    dir="auto"
                    aria-invalid=move || if error.with(Option::is_some) { "true" } else { "false" }
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                <button type="submit" class=if primary { "primary" } else { "secondary" }>{i.t(button)}</button>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
        </form>
    }
}

/// A brief, updated in place: what never changes for an intake (ticket, name,
/// answers) is drawn once; waiting time, deadline, ticks and status follow `brief`.
#[component]
pub fn BriefCard(
    brief: Memo<Option<Brief>>,
    /// What they said on the way out, once they have.
    feedback: Memo<Vec<Feedback>>,
    /// Just checked in: shown with a flash.
    #[prop(into)]
    arrived: Signal<bool>,
) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let config = expect_context::<Config>();
    let lang = i.lang.get_untracked();
    let Some(b) = brief.get_untracked() else {
        return ().into_any();
    };
    let field = move |f: fn(&Brief) -> Option<i64>| move || brief.with(|b| b.as_ref().and_then(f));
    let status = move || brief.with(|b| b.as_ref().map(|b| b.status).unwrap_or(Status::Done));
    let urgent = move || brief.with(|b| b.as_ref().is_some_and(|b| b.urgency != Urgency::Normal));

    let flags = b
        .flags
        .iter()
        .map(|f| {
            let (class, key) = match f {
                Flag::Recovery => ("flag recovery", "flag.recovery"),
                Flag::WantsPerson => ("flag person", "flag.wants_person"),
            };
            view! { <p class=class>{i.t(key)}</p> }
        })
        .collect_view();
    let reason = b
        .reason
        .as_deref()
        .and_then(|r| config.reason_label(r, lang))
        .unwrap_or_default()
        .to_string();
    let name = if b.name.is_empty() {
        i.t("desk.no_name")
    } else {
        b.name.clone()
    };
    let id = b.id.clone();
    let help = b
        .help
        .iter()
        .map(|(code, _)| {
            let (id, code) = (id.clone(), code.clone());
            let ticked = {
                let code = code.clone();
                move || {
                    brief.with(|b| {
                        b.as_ref()
                            .is_some_and(|b| b.help.iter().any(|(c, t)| *c == code && *t))
                    })
                }
            };
            let control = format!("tick-{id}-{code}");
            let label = i.t(&format!("help.{code}"));
            view! {
                <li>
                    <label class="tick">
                        <input
                            id=control
                            type="checkbox"
                            prop:checked=ticked
                            on:change=move |_| keeping_focus(|| desk.change(&id, |i| i.toggle_help(&code)))
                        />
                        <span>{label}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let open_help = move || {
        brief.with(|b| {
            b.as_ref()
                .map(|b| b.help.iter().filter(|(_, ticked)| !ticked).count())
                .unwrap_or(0)
        })
    };
    let approach = b
        .approach
        .iter()
        .map(|a| view! { <li>{i.t(approach_key(*a))}</li> })
        .collect_view();
    let currency = config.currency.clone();
    let headline_view = move || {
        brief.with(|b| b.as_ref().map(|b| headline(b, lang, &currency))).map(|(key, details)| {
            view! {
                <strong>{i.t(key)}</strong>
                {details
                    .into_iter()
                    .map(|d| view! { <span class="sep" aria-hidden="true">" · "</span><span>{d}</span> })
                    .collect_view()}
            }
        })
    };
    let waited = field(|b| Some(b.waited_min));
    let (serve_id, done_id) = (id.clone(), id.clone());
    let title_id = format!("brief-{id}");
    let heading_id = title_id.clone();
    let in_history = b.status == Status::Done;
    view! {
        <article
            class="brief"
            class:flagged=!b.flags.is_empty()
            class:at-risk=urgent
            class:serving=move || status() == Status::Serving
            class:arrived=move || arrived.get()
            aria-labelledby=title_id
            data-ticket=b.ticket_label.clone()
        >
            {flags}
            <header class="brief-head">
                <span class="ticket-chip">{b.ticket_label.clone()}</span>
                // As the customer typed it, in whatever script and direction.
                <h2 id=heading_id dir="auto">{name}</h2>
                {(b.language != lang).then(|| {
                    let code = b.language.clone();
                    view! {
                        <span class="lang-chip">
                            // Heard, not seen: what the bare language name is about.
                            <span class="visually-hidden">{i.t("desk.customer_language")}" "</span>
                            <span lang=code.clone()>{crate::i18n::own_name(&code)}</span>
                        </span>
                    }
                })}
                <span class="reason">{reason}</span>
                <span class="waited">
                    {move || i.tw("desk.waiting", &[("m", &waited().unwrap_or(0).to_string())])}
                </span>
            </header>
            <p class="headline" class:warn=urgent>{headline_view}</p>
            <Show when=move || status() == Status::Serving>
                <p class="badge">{i.t("desk.serving_badge")}</p>
            </Show>
            <div class="brief-body">
                {(!b.help.is_empty()).then(|| view! {
                    <section class="offer">
                        <h3>
                            {i.t("desk.help")}
                            <span class="open-count">
                                " · "
                                {move || match open_help() {
                                    0 => i.t("desk.help_all_done"),
                                    n => i.tw_count("desk.help_open", n as i64, &[("n", &n.to_string())]),
                                }}
                            </span>
                        </h3>
                        <ul class="ticks">{help}</ul>
                    </section>
                })}
                <section class="approach">
                    <h3>{i.t("desk.approach")}</h3>
                    <ul>{approach}</ul>
                </section>
            </div>
            {(!b.note.is_empty()).then(|| view! {
                <section class="note">
                    <h3>{i.t("desk.note")}</h3>
                    <p dir="auto">{b.note.clone()}</p>
                </section>
            })}
            // The desk's own note on this intake.
            <NoteForm
                class="staff-note"
                control=format!("staff-note-{id}")
                label="desk.staff_note"
                button="desk.staff_note_save"
                initial=b.staff_note.clone()
                on_save={
                    let id = id.clone();
                    move |note| {
                        keeping_focus(|| desk.change(&id, move |i| i.staff_note = note));
                        Ok(())
                    }
                }
            />
            {move || feedback.with(|all| {
                (!all.is_empty()).then(|| {
                    let items = all
                        .iter()
                        .map(|f| view! { <FeedbackSummary feedback=f.clone() /> })
                        .collect_view();
                    view! {
                        <section class="feedback" data-testid="feedback">
                            <h3>{i.t("desk.feedback")}</h3>
                            {items}
                        </section>
                    }
                })
            })}
            {(!in_history).then(|| view! {
                <div class="actions">
                    // Stays in place once pressed (a status only moves forward), so focus stays too.
                    <button
                        type="button"
                        class="secondary"
                        id=format!("serve-{id}")
                        aria-pressed=move || if status() == Status::Serving { "true" } else { "false" }
                        on:click=move |_| keeping_focus(|| desk.change(&serve_id, |i| { i.advance(Status::Serving, web::now().ms); }))
                    >
                        {i.t("desk.serve")}
                    </button>
                    <button
                        type="button"
                        class="primary"
                        id=format!("done-{id}")
                        on:click=move |_| keeping_focus(|| desk.change(&done_id, |i| { i.advance(Status::Done, web::now().ms); }))
                    >
                        {i.t("desk.done")}
                    </button>
                </div>
            })}
        </article>
    }
    .into_any()
}
