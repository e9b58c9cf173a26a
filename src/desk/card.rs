//! One brief: flags on top, the priority as a headline, what to offer, how to
//! approach them, their note, and how long they have waited.
use leptos::prelude::*;

use super::focus::keeping_focus;
use super::opened::{heading_id, Opened};
use super::row::{flag_icon, flags_view};
use super::state::DeskState;
use crate::domain::brief::{Approach, Brief, Flag, Headline, Urgency};
use crate::domain::config::{Config, ESSENTIALS};
use crate::domain::feedback::{Expectations, Feedback};
use crate::domain::intake::{Deadline, Limit, Status};
use crate::domain::text;
use crate::ui::use_i18n;
use crate::web;

fn approach_key(a: Approach) -> &'static str {
    match a {
        Approach::CameBack => "desk.approach_came_back",
        Approach::TimeFirst => "desk.approach_time",
        Approach::CostFirst => "desk.approach_cost",
        Approach::Both => "desk.approach_both",
        Approach::QualityFirst => "desk.approach_quality",
        Approach::WalkThrough => "desk.approach_walk_through",
        Approach::KeepBrief => "desk.approach_keep_brief",
        Approach::TalkFirst => "desk.approach_talk_first",
    }
}

/// The headline's key and its details ("needs to leave by 12:30 PM", "45 min left",
/// ...). `short`, for a line of the queue: the deadline's clock time and what is
/// left of it, the limit; not whether an estimate is wanted.
pub fn headline(b: &Brief, lang: &str, currency: &str, short: bool) -> (&'static str, Vec<String>) {
    let i = use_i18n();
    let minutes_past = b.minutes_past;
    let deadline_parts = |deadline: Option<Deadline>, minutes_left: Option<i64>| {
        let mut parts = Vec::new();
        if let Some(d) = deadline {
            let time = web::intl::local_time(lang, d.at_ms);
            parts.push(if short {
                i.tw("desk.row_leave_by", &[("time", &time)])
            } else {
                i.tw("desk.headline_deadline", &[("time", &time)])
            });
        }
        let countdown = match (minutes_past, minutes_left) {
            (Some(0), _) => Some(i.t("desk.headline_just_passed")),
            (Some(m), _) => Some(i.tw(
                if short {
                    "desk.row_overdue"
                } else {
                    "desk.headline_overdue"
                },
                &[("time", &i.duration(m))],
            )),
            (None, Some(m)) => Some(i.tw("desk.headline_time_left", &[("time", &i.duration(m))])),
            (None, None) => None,
        };
        // On a line of the queue the time left comes first: cut short on a
        // narrow screen, the line still says how urgent it is.
        if let Some(c) = countdown {
            parts.insert(if short { 0 } else { parts.len() }, c);
        }
        parts
    };
    let cost_parts = |estimate_first: bool, limit: Option<Limit>| {
        let mut parts = Vec::new();
        if !short || limit.is_none() {
            parts.push(i.t(if estimate_first {
                "desk.headline_estimate"
            } else {
                "desk.headline_no_estimate"
            }));
        }
        match limit {
            Some(Limit::Amount(a)) => parts.push(i.tw(
                if short {
                    "desk.row_limit"
                } else {
                    "desk.headline_limit"
                },
                &[("amount", &web::intl::money(lang, currency, a))],
            )),
            Some(Limit::NoLimit) => parts.push(i.t("desk.headline_no_limit")),
            None => {}
        }
        parts
    };
    match b.headline {
        Headline::TimeFirst { deadline } => (
            "desk.headline_time",
            deadline_parts(deadline, b.minutes_left),
        ),
        Headline::CostFirst {
            estimate_first,
            limit,
        } => ("desk.headline_cost", cost_parts(estimate_first, limit)),
        Headline::Both {
            deadline,
            estimate_first,
            limit,
        } => {
            let mut parts = deadline_parts(deadline, b.minutes_left);
            parts.extend(cost_parts(estimate_first, limit));
            ("desk.headline_both", parts)
        }
        Headline::QualityFirst => ("desk.headline_quality", vec![]),
        Headline::NotSaid => ("desk.headline_not_said", vec![]),
    }
}

/// The headline as drawn, kept up to date: the priority in capitals, then its
/// details, the short form on a line of the queue.
pub fn headline_view(
    brief: Memo<Option<Brief>>,
    lang: &'static str,
    currency: String,
    short: bool,
) -> impl Fn() -> Option<AnyView> + Send + Sync + 'static {
    let i = use_i18n();
    move || {
        brief
            .with(|b| b.as_ref().map(|b| headline(b, lang, &currency, short)))
            .map(|(key, details)| {
                view! {
                    <strong>{i.t(key)}</strong>
                    {details
                        .into_iter()
                        .map(|d| view! { <span class="sep" aria-hidden="true">" · "</span><span>{d}</span> })
                        .collect_view()}
                }
                .into_any()
            })
    }
}

/// What a customer said on the way out, on their card and in the follow-ups:
/// "Wants a word before leaving" when they asked, "Below expectations · Priority
/// not respected", their comment, and what the desk did.
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
        {feedback.wants_talk.then(|| view! {
            <p class="flag person">{flag_icon(Flag::WantsPerson)}{i.t("desk.feedback_wants_talk")}</p>
        })}
        <p class="verdict" class:bad=feedback.expectations == Expectations::Below || !feedback.respected>{verdict}</p>
        {(!feedback.comment.is_empty()).then(|| view! { <p class="comment" dir="auto">{feedback.comment.clone()}</p> })}
        {feedback.follow_up.map(|u| view! {
            <p class="handled">
                {i.tw("desk.feedback_handled", &[("time", &web::intl::local_time(lang, u.at_ms)), ("note", &u.note)])}
            </p>
        })}
    }
}

/// A note as typed, cleaned like customers' text; too much refused with a message.
pub fn clean_note(typed: &str) -> Result<String, String> {
    text::clean(typed, text::NOTE_MAX, false).map_err(|text::TextError::TooLong { max, len }| {
        use_i18n().tw(
            "text.too_long",
            &[("len", &len.to_string()), ("max", &max.to_string())],
        )
    })
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
    /// The text as typed, when the owner needs it too (Done keeps a note not yet saved).
    #[prop(optional)]
    value: Option<RwSignal<String>>,
    #[prop(optional)] error: Option<RwSignal<Option<String>>>,
    on_save: impl Fn(String) -> Result<(), String> + Send + Sync + 'static,
) -> impl IntoView {
    let i = use_i18n();
    let value = value.unwrap_or_else(|| RwSignal::new(initial));
    let error = error.unwrap_or_else(|| RwSignal::new(None::<String>));
    let save = move || match clean_note(&value.get_untracked()) {
        Ok(note) => match on_save(note.clone()) {
            Ok(()) => {
                error.set(None);
                value.set(note);
            }
            Err(why) => error.set(Some(why)),
        },
        Err(why) => error.set(Some(why)),
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

/// The opened brief, updated in place: what never changes for an intake (ticket,
/// name, answers) is drawn once; waiting time, deadline, ticks and status follow
/// `brief`. The note box and the buttons are here, not on the queue's lines.
#[component]
pub fn BriefCard(
    brief: Memo<Option<Brief>>,
    /// What they said on the way out, once they have.
    feedback: Memo<Vec<Feedback>>,
) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let opened = expect_context::<Opened>();
    let config = expect_context::<Config>();
    let lang = i.lang.get_untracked();
    let Some(b) = brief.get_untracked() else {
        return ().into_any();
    };
    let status = move || brief.with(|b| b.as_ref().map(|b| b.status).unwrap_or(Status::Done));
    let urgent = move || brief.with(|b| b.as_ref().is_some_and(|b| b.urgency != Urgency::Normal));

    let (flags, flagged) = flags_view(brief, lang, false);
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
    // "Just the essentials" means nothing extra: said in words, not a task to tick.
    let essentials_only = b.help.iter().any(|(code, _)| code == ESSENTIALS);
    let offers: Vec<String> = b
        .help
        .iter()
        .map(|(code, _)| code.clone())
        .filter(|code| code != ESSENTIALS)
        .collect();
    let help = offers
        .iter()
        .map(|code| {
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
                .map(|b| {
                    b.help
                        .iter()
                        .filter(|(code, ticked)| !ticked && code != ESSENTIALS)
                        .count()
                })
                .unwrap_or(0)
        })
    };
    let approach = b
        .approach
        .iter()
        .map(|a| view! { <li>{i.t(approach_key(*a))}</li> })
        .collect_view();
    let headline_view = headline_view(brief, lang, config.currency.clone(), false);
    // Waiting: the wait so far. Taken: the wait stopped, and since when.
    let where_now = move || {
        brief.with(|b| {
            b.as_ref().map(|b| match (b.status, b.serving_since_ms) {
                (Status::Waiting, _) => {
                    i.tw("desk.waiting", &[("time", &i.duration(b.waited_min))])
                }
                (Status::Serving, Some(at)) => i.tw(
                    "desk.serving_since",
                    &[
                        ("time", &web::intl::local_time(lang, at)),
                        ("waited", &i.duration(b.waited_min)),
                    ],
                ),
                (Status::Left, _) => i.t("desk.left_badge"),
                (_, _) if b.closed_by_feedback => i.t("desk.closed_by_feedback"),
                _ => i.tw("desk.done_badge", &[("waited", &i.duration(b.waited_min))]),
            })
        })
    };
    // The staff note as typed: kept by Done even if Save was not pressed, and
    // kept as a draft when the brief is closed (or another opened) unsaved.
    let saved_note = StoredValue::new(b.staff_note.clone());
    let note = RwSignal::new(opened.draft(&b.id).unwrap_or_else(|| b.staff_note.clone()));
    {
        let id = b.id.clone();
        on_cleanup(move || {
            if let (Some(typed), Some(saved)) =
                (note.try_get_untracked(), saved_note.try_get_value())
            {
                opened.keep_draft(&id, (typed != saved).then_some(typed));
            }
        });
    }
    let note_error = RwSignal::new(None::<String>);
    let ticket = StoredValue::new(b.ticket_label.clone());
    let finish = move |to: Status| {
        let typed = note.get_untracked();
        // Typed here, not the note as it was when the brief opened: a note
        // another desk saved meanwhile is not overwritten by an untouched box.
        let unsaved = saved_note.with_value(|saved| *saved != typed);
        let kept = if unsaved {
            match clean_note(&typed) {
                Ok(n) => Some(n),
                Err(why) => {
                    note_error.set(Some(why));
                    return;
                }
            }
        } else {
            None
        };
        if let Some(n) = &kept {
            // Saved with Done: no draft left behind when the brief closes.
            saved_note.set_value(n.clone());
            note.set(n.clone());
        }
        let id = brief.with_untracked(|b| b.as_ref().map(|b| b.id.clone()));
        if let Some(id) = id {
            opened.finish(desk, &id, ticket.get_value(), to, kept);
        }
    };
    let serve_id = id.clone();
    let back_id = id.clone();
    let done_button = format!("done-{id}");
    let open_actions = move || {
        let serve_id = serve_id.clone();
        let done_button = done_button.clone();
        view! {
                <Show when=move || status() == Status::Waiting>
                    <button
                        type="button"
                        class="secondary"
                        id=format!("serve-{serve_id}")
                        on:click={
                            let serve_id = serve_id.clone();
                            move |_| {
                                desk.change(&serve_id, |i| { i.advance(Status::Serving, web::now().ms); });
                                let done = format!("done-{serve_id}");
                                web::document::focus_when_drawn(done);
                            }
                        }
                    >
                        {i.t("desk.serve")}
                    </button>
                </Show>
                <button type="button" class="primary" id=done_button.clone() on:click=move |_| finish(Status::Done)>
                    {i.t("desk.done")}
                </button>
                // A walkout is someone who left before being served.
                <Show when=move || status() == Status::Waiting>
                    <button type="button" class="secondary" on:click=move |_| finish(Status::Left)>
                        {i.t("desk.left")}
                    </button>
                </Show>
        }
    };
    // What the kiosk told them about the wait.
    let quoted = b.quote.map(|q| {
        let words = match q.low_min {
            0 => i.tw(
                "desk.quoted_up_to",
                &[("high", &i.duration(q.high_min.into()))],
            ),
            low => i.tw(
                "desk.quoted",
                &[
                    ("low", &low.to_string()),
                    ("high", &i.duration(q.high_min.into())),
                ],
            ),
        };
        view! { <p class="quoted" data-testid="quoted">{words}</p> }
    });
    let promise_id = id.clone();
    let title_id = heading_id(&id);
    let labelled_by = title_id.clone();
    view! {
        <article
            class="brief"
            class:flagged=flagged
            class:at-risk=urgent
            class:serving=move || status() == Status::Serving
            class:finished=move || !status().is_open()
            aria-labelledby=labelled_by
            data-ticket=b.ticket_label.clone()
        >
            {flags}
            <header class="brief-head">
                <span class="ticket-chip">{b.ticket_label.clone()}</span>
                // As the customer typed it, in whatever script and direction.
                <h2 id=title_id tabindex="-1" dir="auto">{name}</h2>
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
                <button type="button" class="secondary close" on:click=move |_| opened.close()>
                    {i.t("desk.close_brief")}
                </button>
            </header>
            <p class="where-now" class:serving=move || status() == Status::Serving data-testid="where-now">
                {where_now}
            </p>
            <p class="headline" class:warn=urgent>{headline_view}</p>
            {quoted}
            <Show when=move || status() == Status::Serving>
                <super::promise::Promise brief id=promise_id.clone() />
            </Show>
            <super::contact::Contact brief />
            {super::answers::own_answers(&config, &b.answers, lang)}
            <div class="brief-body">
                {(!offers.is_empty()).then(|| view! {
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
                    <ul>
                        {approach}
                        {essentials_only.then(|| view! { <li>{i.t("desk.essentials_only")}</li> })}
                    </ul>
                </section>
            </div>
            {(!b.note.is_empty()).then(|| view! {
                <section class="note">
                    <h3>{i.t("desk.note")}</h3>
                    <p dir="auto">{b.note.clone()}</p>
                </section>
            })}
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
            // The desk's own note on this intake.
            <NoteForm
                class="staff-note"
                control=format!("staff-note-{id}")
                label="desk.staff_note"
                button="desk.staff_note_save"
                value=note
                error=note_error
                on_save={
                    let id = id.clone();
                    move |note: String| {
                        saved_note.set_value(note.clone());
                        keeping_focus(|| desk.change(&id, move |i| i.staff_note = note));
                        Ok(())
                    }
                }
            />
            <div class="actions">
                <Show
                    when=move || status().is_open()
                    fallback=move || {
                        let back_id = back_id.clone();
                        view! {
                            <button
                                type="button"
                                class="secondary"
                                id=format!("back-{back_id}")
                                on:click=move |_| {
                                    desk.change(&back_id, |i| { i.reopen(Status::Waiting, web::now().ms); });
                                    let serve = format!("serve-{back_id}");
                                    web::document::focus_when_drawn(serve);
                                }
                            >
                                {i.t("desk.back_to_waiting")}
                            </button>
                        }
                    }
                >
                    {open_actions()}
                </Show>
            </div>
        </article>
    }
    .into_any()
}
