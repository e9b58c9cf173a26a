//! Today's queue: the briefs, most urgent first, and the desk's tools around them.
use std::collections::HashMap;

use leptos::prelude::*;

use super::alerts::Alerts;
use super::card::BriefCard;
use super::desk_pin::DeskPin;
use super::figures::Today;
use super::focus::HEADING_ID;
use super::follow_up::FollowUps;
use super::lock::use_auto_lock;
use super::opened::Opened;
use super::row::Row;
use super::settings::{SettingsState, PIN_PART};
use super::state::DeskState;
use super::sync_status::SyncState;
use crate::domain::brief::queue;
use crate::domain::feedback::{linked, Feedback};
use crate::domain::intake::Status;
use crate::store::codec::Unreadable;
use crate::ui::{focused_heading, use_i18n};
use crate::web;

/// Records this desk could not read and set aside (`key` says where: in its
/// storage, or in the shared database), how many and why; nothing while there
/// are none.
#[component]
fn SetAside(
    records: RwSignal<Vec<(String, Unreadable)>>,
    key: &'static str,
    testid: &'static str,
) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Show when=move || records.with(|a| !a.is_empty())>
            <p class="warning" role="alert" data-testid=testid>
                {move || {
                    records.with(|reasons| {
                        let n = reasons.len();
                        i.tw_count(
                            key,
                            n as i64,
                            &[("n", &n.to_string()), ("why", &set_aside_reasons(i, reasons))],
                        )
                    })
                }}
            </p>
        </Show>
    }
}

/// "2 damaged or cut short, 1 from a newer version of Lobby".
fn set_aside_reasons(i: crate::ui::I18n, reasons: &[(String, Unreadable)]) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for (_, r) in reasons {
        let key = match r {
            Unreadable::Corrupt => "desk.aside_corrupt",
            Unreadable::UnknownSchema(_) => "desk.aside_newer",
            Unreadable::NotAnIntake => "desk.aside_foreign",
            Unreadable::TooLarge => "desk.aside_large",
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    let parts: Vec<String> = counts
        .into_iter()
        .map(|(key, n)| i.tw(key, &[("n", &n.to_string())]))
        .collect();
    i.list(&parts)
}

/// A `<details>`'s toggle handler that keeps `open` in step with it.
fn track_open(open: RwSignal<bool>) -> impl FnMut(web_sys::Event) + 'static {
    move |ev| open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())
}

/// Waiting briefs drawn at first, and added by each "Show more".
const PAGE: usize = 15;

#[component]
pub fn Queue(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let config = expect_context::<crate::domain::config::Config>();
    // The day's records were read while the PIN was asked for (see
    // `DeskState::start`); the waiting times are brought up to now.
    desk.keep_ticking();
    use_auto_lock(unlocked, config.desk_lock_seconds);

    let briefs = Memo::new(move |_| {
        desk.stored.with(|stored| {
            desk.unsaved
                .with(|unsaved| queue(stored.iter().chain(unsaved), desk.now_ms.get()))
        })
    });
    // Cards are keyed by intake only and read their brief from here, so a tick or a
    // change updates a card in place and keyboard focus stays where it was. Where
    // each is in `briefs`, not a copy of it: a desk with a thousand waiting copies
    // only the briefs it draws.
    let by_id = Memo::new(move |_| {
        briefs.with(|b| {
            b.iter()
                .enumerate()
                .map(|(at, b)| (b.id.clone(), at))
                .collect::<HashMap<_, _>>()
        })
    });
    let find = move |id: &str| {
        by_id.with(|m| {
            m.get(id)
                .and_then(|&at| briefs.with(|b| b.get(at).cloned()))
        })
    };
    let ids = move |keep: fn(Status) -> bool| {
        briefs.with(|b| {
            b.iter()
                .filter(|b| keep(b.status))
                .map(|b| b.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let waiting = Memo::new(move |_| ids(|s| s == Status::Waiting));
    let with_us = Memo::new(move |_| ids(|s| s == Status::Serving));
    // The most urgent first, a page at a time: a desk with hundreds waiting draws
    // what staff can read, and stays quick to answer.
    let shown = RwSignal::new(PAGE);
    let waiting_shown = Memo::new(move |_| {
        waiting.with(|o| o.iter().take(shown.get()).cloned().collect::<Vec<_>>())
    });
    let not_shown = move || waiting.with(Vec::len).saturating_sub(shown.get());
    let done = Memo::new(move |_| ids(|s| !s.is_open()));
    // Feedback by the intake it belongs to.
    let feedback_of = Memo::new(move |_| {
        desk.stored.with(|stored| {
            desk.feedback.with(|all| {
                let mut map: HashMap<String, Vec<Feedback>> = HashMap::new();
                for f in all {
                    if let Some(intake) = linked(f, stored) {
                        map.entry(intake.id.clone()).or_default().push(f.clone());
                    }
                }
                map
            })
        })
    });
    let alerts = Alerts::start(desk);
    let opened = expect_context::<Opened>();
    let brief_of = move |id: String| Memo::new(move |_| find(&id));
    let on_open = Callback::new(move |id: String| {
        if opened
            .id
            .with_untracked(|o| o.as_deref() == Some(id.as_str()))
        {
            opened.close();
        } else {
            opened.open(id);
        }
    });
    let row = move |id: String| {
        let brief = brief_of(id.clone());
        let opened_here = {
            let id = id.clone();
            Signal::derive(move || opened.id.with(|o| o.as_deref() == Some(id.as_str())))
        };
        let arrived = Signal::derive(move || alerts.fresh.with(|f| f.contains(&id)));
        view! { <li><Row brief opened=opened_here arrived on_open /></li> }
    };
    // The opened brief, drawn anew only when another customer is opened: a tick,
    // a change or a new check-in updates it in place, keeping a note being typed.
    let open_brief = Memo::new(move |_| {
        opened
            .id
            .get()
            .filter(|id| by_id.with(|m| m.contains_key(id)))
    });
    let pane = move || {
        open_brief.get().map(|id| {
            let brief = brief_of(id.clone());
            let feedback =
                Memo::new(move |_| feedback_of.with(|m| m.get(&id).cloned().unwrap_or_default()));
            view! { <BriefCard brief feedback /> }
        })
    };
    let pane_open = move || open_brief.with(Option::is_some);
    let today_open = RwSignal::new(false);
    let heading = focused_heading();
    let history_open = RwSignal::new(false);
    let settings = expect_context::<SettingsState>();
    let figures = expect_context::<super::figures::FiguresOpen>();
    let desk_pin = expect_context::<DeskPin>();
    let change_pin = move |_| {
        settings.open();
        web::document::focus_when_drawn(format!("{PIN_PART}-title"));
    };

    view! {
        <main class="desk">
            <header class="desk-bar">
                <h1 id=HEADING_ID tabindex="-1" node_ref=heading>{move || i.t("desk.queue")}</h1>
                <span class="count" aria-live="polite">{move || waiting.with(Vec::len)}</span>
                // The README's sample PIN opens this desk: said where it cannot be
                // missed, taking no room from the queue.
                <Show when=move || desk_pin.sample_in_use.get()>
                    <button type="button" class="sample-pin" data-testid="sample-pin" on:click=change_pin
                        aria-describedby="sample-pin-why">
                        {i.t("desk.sample_pin_short")}
                    </button>
                    <span id="sample-pin-why" class="visually-hidden">{i.t("desk.sample_pin")}</span>
                </Show>
                <div class="desk-tools">
                <label class="staff-language">
                    <span>{i.t("desk.language")}</span>
                    <select on:change=move |ev| {
                        if let Some(lang) = crate::i18n::code(&event_target_value(&ev)) {
                            // Words that cannot be fetched: the list shows the language still in use.
                            let select = event_target::<web_sys::HtmlSelectElement>(&ev);
                            crate::ui::switch_language(i.lang, lang, move || {
                                select.set_value(i.lang.get_untracked());
                            });
                        }
                    }>
                        {crate::i18n::languages()
                            .map(|code| {
                                view! {
                                    <option value=code lang=code selected=code == i.lang.get_untracked()>
                                        {crate::i18n::own_name(code)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <button
                    type="button"
                    class="secondary"
                    aria-pressed=move || if alerts.chime.get() { "true" } else { "false" }
                    on:click=move |_| alerts.toggle_chime()
                >
                    <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d="M6 17h12l-1.5-2V11a4.5 4.5 0 0 0-9 0v4z M10 19.5a2 2 0 0 0 4 0" />
                    </svg>
                    {i.t("desk.chime")}
                </button>
                <button type="button" class="secondary" on:click=move |_| figures.open()>
                    {i.t("desk.figures")}
                </button>
                <button type="button" class="secondary" on:click=move |_| settings.open()>
                    {i.t("desk.settings")}
                </button>
                <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                    {move || i.t("desk.lock")}
                </button>
                </div>
            </header>

            <p class="arrival" class:person=move || alerts.latest.with(|l| l.as_ref().is_some_and(|a| a.1)) role="status" data-testid="arrival">
                {move || alerts.latest.with(|l| l.as_ref().map(|(text, _)| text.clone()))}
            </p>
            {use_context::<crate::ConfigFault>().and_then(|f| f.0).map(|fault| view! {
                <p class="warning" role="alert" data-testid="config-fault">
                    {i.tw(
                        "desk.config_fault",
                        &[
                            ("file", &format!("{}/kiosk.json", web::document::origin())),
                            ("detail", &crate::config_fault_words(i, &fault)),
                        ],
                    )}
                </p>
            })}
            {desk.sync.map(|sync| view! { <SyncState sync /> })}
            {(!web::document::is_secure()).then(|| view! {
                <p class="notice" role="status" data-testid="plain-http">{i.t("desk.plain_http")}</p>
            })}
            <Show when=move || !desk.storage_ok.get()>
                <p class="warning" role="alert">{move || i.t("desk.storage_unavailable")}</p>
            </Show>
            <Show when=move || desk.unsaved.with(|u| !u.is_empty())>
                <p class="warning" role="alert">
                    {move || {
                        let n = desk.unsaved.with(Vec::len);
                        i.tw_count("desk.unsaved", n as i64, &[("n", &n.to_string())])
                    }}
                </p>
            </Show>
            <Show when=move || desk.write_failed.get()>
                <p class="warning" role="alert">{move || i.t("desk.write_failed")}</p>
            </Show>
            <SetAside records=desk.set_aside key="desk.set_aside" testid="set-aside" />
            {desk.sync.map(|sync| view! {
                <SetAside records=sync.skipped key="desk.read_past" testid="read-past" />
            })}
            <FollowUps />
            <p class="undo" role="status" data-testid="undo">
                {move || opened.finished.get().map(|f| {
                    let key = if f.to == Status::Left { "desk.undo_left" } else { "desk.undo_done" };
                    view! {
                        <span>{i.tw(key, &[("ticket", &f.ticket)])}</span>
                        <button type="button" class="secondary" on:click=move |_| opened.undo(desk)>
                            {i.t("desk.undo")}
                        </button>
                    }
                })}
            </p>
            <div class="panes" class:opened=pane_open>
                <div class="lists">
                    <Show when=move || with_us.with(|w| !w.is_empty())>
                        <section class="with-us" aria-labelledby="with-us-heading">
                            <h2 id="with-us-heading">
                                {move || i.tw("desk.with_us", &[("n", &with_us.with(Vec::len).to_string())])}
                            </h2>
                            <ol class="rows">
                                <For each=move || with_us.get() key=|id| id.clone() children=row />
                            </ol>
                        </section>
                    </Show>
                    <Show when=move || waiting.with(Vec::is_empty)>
                        <p class="empty">{move || i.t("desk.queue_empty")}</p>
                    </Show>
                    <ol class="rows waiting" aria-labelledby=HEADING_ID>
                        <For each=move || waiting_shown.get() key=|id| id.clone() children=row />
                    </ol>
                    <Show when=move || { not_shown() > 0 }>
                        <button type="button" class="secondary more" on:click=move |_| shown.update(|s| *s += PAGE)>
                            {move || {
                                let rest = not_shown();
                                i.tw(
                                    "desk.show_more",
                                    &[("n", &rest.min(PAGE).to_string()), ("rest", &rest.to_string())],
                                )
                            }}
                        </button>
                    </Show>
                    // The day's history is drawn only while open: it grows all day.
                    <details
                        class="history"
                        on:toggle=track_open(history_open)
                    >
                        <summary>{move || i.tw("desk.history", &[("n", &done.with(Vec::len).to_string())])}</summary>
                        <Show when=move || history_open.get()>
                            <ol class="rows done">
                                <For each=move || done.get() key=|id| id.clone() children=row />
                            </ol>
                        </Show>
                    </details>
                    // The day's figures, computed only while open.
                    <details
                        class="today"
                        on:toggle=track_open(today_open)
                    >
                        <summary>{i.t("desk.today")}</summary>
                        <Show when=move || today_open.get()>
                            <Today />
                        </Show>
                    </details>
                </div>
                <section
                    id="brief-pane"
                    class="brief-pane"
                    aria-labelledby=move || open_brief.get().map(|id| super::opened::heading_id(&id))
                    aria-label=move || (!pane_open()).then(|| i.t("desk.brief_pane"))
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            opened.close();
                        }
                    }
                >
                    {pane}
                    <Show when=move || !pane_open()>
                        <p class="pane-hint">{i.t("desk.pane_hint")}</p>
                    </Show>
                </section>
            </div>
        </main>
    }
}
