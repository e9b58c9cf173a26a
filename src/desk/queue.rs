//! Today's queue: read from the store, refreshed when another window files or
//! changes an intake, and re-sorted as waiting times and deadlines tick.
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::card::BriefCard;
use super::follow_up::FollowUps;
use super::today::Today;
use crate::domain::brief::queue;
use crate::domain::feedback::{linked, Feedback};
use crate::domain::intake::{Intake, Status};
use crate::store::codec::{self, Unreadable};
use crate::store::{Record, StoreError, FEEDBACK_PREFIX, INTAKE_PREFIX};
use crate::sync::{use_sync, Link, Problem, Sync};
use crate::ui::{focused_heading, use_i18n, I18n};
use crate::web;

/// How often waiting times and deadlines are recomputed.
const TICK: Duration = Duration::from_secs(15);

#[derive(Clone, Copy)]
pub struct DeskState {
    /// Today's intakes as stored.
    pub stored: RwSignal<Vec<Intake>>,
    /// Today's feedback as stored.
    pub feedback: RwSignal<Vec<Feedback>>,
    /// Intakes a kiosk window could not store (storage full), received by message:
    /// shown until they can be stored, so the desk never loses one.
    pub unsaved: RwSignal<Vec<Intake>>,
    /// Each unreadable stored record's key, and why it was set aside.
    pub set_aside: RwSignal<Vec<(String, Unreadable)>>,
    /// The day shown: a new day starts a new queue.
    day: StoredValue<String>,
    pub storage_ok: RwSignal<bool>,
    /// The desk's own last change could not be written.
    pub write_failed: RwSignal<bool>,
    pub now_ms: RwSignal<i64>,
    /// The shared database, when this desk syncs through one.
    pub sync: Option<Sync>,
    /// Days of records this device keeps (the configuration's `keep_days`).
    keep_days: u32,
}

impl DeskState {
    pub fn new() -> Self {
        Self {
            stored: RwSignal::new(Vec::new()),
            feedback: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(Vec::new()),
            set_aside: RwSignal::new(Vec::new()),
            day: StoredValue::new(web::now().day()),
            storage_ok: RwSignal::new(true),
            write_failed: RwSignal::new(false),
            now_ms: RwSignal::new(web::now().ms),
            sync: use_sync(),
            keep_days: expect_context::<crate::domain::config::Config>().keep_days,
        }
    }

    /// Reads the day's records and keeps them up to date, from when the page opens:
    /// with a full day stored, Unlock then only draws the queue. Nothing is on
    /// screen before Unlock; the records are on this device's storage anyway.
    pub fn start(self) {
        web::prune_old(self.keep_days);
        self.reload();
        // Another tab or window of this browser filed or changed an intake.
        let listener = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
            Some(key) if key.starts_with(INTAKE_PREFIX) || key.starts_with(FEEDBACK_PREFIX) => {
                self.key_changed(&key)
            }
            Some(_) => {}
            // Storage was cleared.
            None => self.reload(),
        });
        on_cleanup(move || listener.remove());
        // The shared database brought intakes into this device's storage.
        if let Some(sync) = self.sync {
            Effect::new(move || {
                sync.arrived.with(|ids| {
                    for id in ids {
                        self.key_changed(&Record::key_of(id));
                    }
                })
            });
        }
    }

    /// Reads every stored intake: when the desk opens, when another window cleared
    /// storage, and when a new day starts. Everything else updates one intake.
    pub fn reload(&self) {
        let now = web::now();
        match web::store() {
            Some(store) => {
                let today = now.day();
                self.day.set_value(today.clone());
                let loaded = store.load();
                self.stored.set(
                    loaded
                        .intakes
                        .into_iter()
                        .filter(|i| i.day == today)
                        .collect(),
                );
                self.feedback.set(
                    loaded
                        .feedback
                        .into_iter()
                        .filter(|f| f.day == today)
                        .collect(),
                );
                self.set_aside.set(
                    loaded
                        .set_aside
                        .into_iter()
                        .map(|a| (a.key, a.reason))
                        .collect(),
                );
                self.storage_ok.set(true);
            }
            None => self.storage_ok.set(false),
        }
        self.now_ms.set(now.ms);
    }

    /// The clock moved on: recompute waiting times and deadlines, start afresh on a
    /// new day, and store what only this page holds if there is room now.
    fn tick(&self) {
        let now = web::now();
        if self.day.with_value(|d| *d != now.day()) {
            web::prune_old(self.keep_days);
            self.reload();
        }
        if self.unsaved.with_untracked(|u| !u.is_empty()) {
            if let Some(store) = web::store() {
                let mut stored = Vec::new();
                self.unsaved.update(|unsaved| {
                    unsaved.retain(|i| {
                        let ok = store.put(i).is_ok();
                        if ok {
                            stored.push(i.clone());
                        }
                        !ok
                    })
                });
                stored.into_iter().for_each(|i| self.upsert(i));
            }
        }
        self.now_ms.set(now.ms);
    }

    /// One intake is new or changed.
    fn upsert(&self, intake: Intake) {
        if self.day.with_value(|d| *d != intake.day) {
            return;
        }
        self.unsaved.update(|u| u.retain(|i| i.id != intake.id));
        self.stored.update(
            |stored| match stored.iter_mut().find(|i| i.id == intake.id) {
                Some(old) => *old = intake,
                None => stored.push(intake),
            },
        );
    }

    /// Feedback is new or changed.
    fn upsert_feedback(&self, feedback: Feedback) {
        if self.day.with_value(|d| *d != feedback.day) {
            return;
        }
        self.feedback
            .update(|all| match all.iter_mut().find(|f| f.id == feedback.id) {
                Some(old) => *old = feedback,
                None => all.push(feedback),
            });
    }

    /// Another window wrote one key: read just that one.
    fn key_changed(&self, key: &str) {
        let Some(store) = web::store() else { return };
        match store.read_record(key) {
            Some(Ok(Record::Intake(intake))) => self.upsert(intake),
            Some(Ok(Record::Feedback(feedback))) => self.upsert_feedback(feedback),
            Some(Err(reason)) => self.set_aside.update(|a| {
                if !a.iter().any(|(k, _)| k == key) {
                    a.push((key.to_string(), reason));
                }
            }),
            // Removed: pruned or cleared elsewhere.
            None => {
                let id = key
                    .trim_start_matches(INTAKE_PREFIX)
                    .trim_start_matches(FEEDBACK_PREFIX);
                if self.stored.with_untracked(|s| s.iter().any(|i| i.id == id)) {
                    self.stored.update(|s| s.retain(|i| i.id != id));
                }
                if self
                    .feedback
                    .with_untracked(|s| s.iter().any(|f| f.id == id))
                {
                    self.feedback.update(|s| s.retain(|f| f.id != id));
                }
                self.set_aside.update(|a| a.retain(|(k, _)| k != key));
            }
        }
    }

    /// An intake (or feedback) a kiosk window could not store.
    pub fn receive_unsaved(&self, record: &str) {
        let Ok(intake) = codec::decode(record) else {
            // Feedback is kept here if there is room, and shown either way.
            if let Ok(feedback) = codec::decode_feedback(record) {
                if let Some(store) = web::store() {
                    let _ = store.put_feedback(&feedback);
                }
                self.upsert_feedback(feedback);
            }
            return;
        };
        let known = self
            .stored
            .with_untracked(|s| s.iter().any(|i| i.id == intake.id))
            || self
                .unsaved
                .with_untracked(|u| u.iter().any(|i| i.id == intake.id));
        if !known {
            self.unsaved.update(|u| u.push(intake));
        }
        self.now_ms.set(web::now().ms);
    }

    /// Changes one feedback in storage (read fresh), or in memory if it could not be stored.
    pub fn change_feedback(&self, id: &str, change: impl FnOnce(&mut Feedback)) {
        let store = web::store();
        let written = match store {
            Some(store) if store.read_feedback(id).is_some() => {
                store.update_feedback(id, change).map(|changed| {
                    if let Some(feedback) = changed {
                        if let Some(sync) = self.sync {
                            sync.changed(&feedback.id);
                        }
                        self.upsert_feedback(feedback);
                    }
                })
            }
            // Only on this page (storage was full when it came): change it here.
            _ => {
                self.feedback.update(|all| {
                    if let Some(f) = all.iter_mut().find(|f| f.id == id) {
                        change(f)
                    }
                });
                Ok(())
            }
        };
        self.write_failed.set(written.is_err());
        // The follow-up is gone from the list: the heading takes focus.
        if let Some(h) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(HEADING_ID))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = h.focus();
        }
    }

    /// Deletes today's intakes and feedback from this device ("clear today").
    pub fn clear_today(&self) {
        if let Some(store) = web::store() {
            store.clear_day(&web::now().day());
        }
        self.unsaved.set(Vec::new());
        self.reload();
    }

    /// Changes one intake in storage (read fresh, so another window's change stays).
    /// The control that had focus gets it back once the queue has re-rendered (a
    /// card that moves is re-inserted, which drops focus); if it is gone, the heading.
    pub fn change(&self, id: &str, change: impl FnOnce(&mut Intake)) {
        let in_memory = self
            .unsaved
            .with_untracked(|u| u.iter().any(|i| i.id == id));
        let written = if in_memory {
            self.unsaved.update(|u| {
                if let Some(i) = u.iter_mut().find(|i| i.id == id) {
                    change(i)
                }
            });
            Ok(())
        } else {
            match web::store() {
                Some(store) => store.update(id, change).map(|changed| {
                    if let Some(intake) = changed {
                        if let Some(sync) = self.sync {
                            sync.changed(&intake.id);
                        }
                        self.upsert(intake);
                    }
                }),
                None => Err(StoreError::Unavailable(String::new())),
            }
        };
        self.write_failed.set(written.is_err());
        self.now_ms.set(web::now().ms);
        let document = web_sys::window().and_then(|w| w.document());
        let focused = document
            .as_ref()
            .and_then(|d| d.active_element())
            .map(|e| e.id());
        if let (Some(document), Some(focused)) = (document, focused.filter(|f| !f.is_empty())) {
            request_animation_frame(move || {
                let target = document
                    .get_element_by_id(&focused)
                    .or_else(|| document.get_element_by_id(HEADING_ID));
                if let Some(el) = target
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            });
        }
    }
}

/// Today's check-ins as a CSV file, saved by the browser (`lobby-2026-11-22.csv`).
fn export_today(desk: DeskState, config: &crate::domain::config::Config) {
    let now = web::now();
    let intakes: Vec<Intake> = desk.stored.with_untracked(|stored| {
        desk.unsaved
            .with_untracked(|unsaved| stored.iter().chain(unsaved).cloned().collect())
    });
    let text = desk.feedback.with_untracked(|feedback| {
        crate::domain::export::to_csv(&intakes, feedback, config, now.utc_offset_min)
    });
    web::download(
        &format!("lobby-{}.csv", now.day()),
        "text/csv;charset=utf-8",
        &text,
    );
}

/// "2 damaged or cut short, 1 from a newer version of Lobby".
fn set_aside_reasons(i: crate::ui::I18n, reasons: &[(String, Unreadable)]) -> String {
    let mut counts = std::collections::BTreeMap::new();
    for (_, r) in reasons {
        let key = match r {
            Unreadable::Corrupt => "desk.aside_corrupt",
            Unreadable::UnknownSchema(_) => "desk.aside_newer",
            Unreadable::NotAnIntake => "desk.aside_foreign",
        };
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .map(|(key, n)| i.tw(key, &[("n", &n.to_string())]))
        .collect::<Vec<_>>()
        .join(", ")
}

const HEADING_ID: &str = "desk-heading";

/// How the shared queue's sync stands: connected and when it last synced, how many
/// changes wait to be sent, or plainly what stopped it.
#[component]
fn SyncState(sync: Sync) -> impl IntoView {
    let i = use_i18n();
    let line = move || {
        let waiting = sync.waiting.get();
        let state = match sync.link.get() {
            Link::Starting => i.t("desk.sync_starting"),
            Link::Connected => {
                let at = sync
                    .last_ok_ms
                    .get()
                    .map(|ms| web::local_time(i.lang.get_untracked(), ms))
                    .unwrap_or_default();
                i.tw("desk.sync_connected", &[("time", &at)])
            }
            Link::Offline => i.t("desk.sync_offline"),
            Link::Failed(p) => problem(i, &p),
        };
        if waiting == 0 {
            state
        } else {
            let w = i.tw_count(
                "desk.sync_waiting",
                waiting as i64,
                &[("n", &waiting.to_string())],
            );
            format!("{state} {w}")
        }
    };
    let down = move || sync.link.with(Link::is_down);
    view! {
        <p class="sync" class:warning=down data-testid="sync" role=move || if down() { "alert" } else { "status" }>
            {line}
        </p>
    }
}

fn problem(i: I18n, p: &Problem) -> String {
    match p {
        Problem::Credentials => i.t("desk.sync_failed_credentials"),
        Problem::Refused(reason) => i.tw("desk.sync_failed_refused", &[("reason", reason)]),
        Problem::NoDatabase => i.t("desk.sync_failed_no_database"),
        Problem::Blocked(origin) => i.tw("desk.sync_failed_blocked", &[("origin", origin)]),
        Problem::Server(status) => i.tw(
            "desk.sync_failed_server",
            &[("status", &status.to_string())],
        ),
    }
}

/// Waiting briefs drawn at first, and added by each "Show more".
const PAGE: usize = 30;

#[component]
pub fn Queue(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let config = expect_context::<crate::domain::config::Config>();
    // The day's records were read while the PIN was asked for (see
    // `DeskState::start`); the waiting times are brought up to now.
    desk.tick();
    // Left alone, the desk locks itself: briefs hold names and notes.
    let last_activity = web::use_last_activity();
    let lock_after_ms =
        expect_context::<crate::domain::config::Config>().desk_lock_seconds as i64 * 1000;
    web::every(Duration::from_secs(1), move || {
        if web::now().ms - last_activity.get_value() >= lock_after_ms {
            unlocked.set(false);
        }
    });
    web::every(TICK, move || desk.tick());

    let briefs = Memo::new(move |_| {
        desk.stored.with(|stored| {
            desk.unsaved
                .with(|unsaved| queue(stored.iter().chain(unsaved), desk.now_ms.get()))
        })
    });
    // Cards are keyed by intake only and read their brief from here, so a tick or a
    // change updates a card in place and keyboard focus stays where it was.
    let by_id = Memo::new(move |_| {
        briefs.with(|b| {
            b.iter()
                .map(|b| (b.id.clone(), b.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let ids = move |done: bool| {
        briefs.with(|b| {
            b.iter()
                .filter(|b| (b.status == Status::Done) == done)
                .map(|b| b.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let open = Memo::new(move |_| ids(false));
    // The most urgent first, a page at a time: a desk with hundreds waiting draws
    // what staff can read, and stays quick to answer.
    let shown = RwSignal::new(PAGE);
    let open_shown =
        Memo::new(move |_| open.with(|o| o.iter().take(shown.get()).cloned().collect::<Vec<_>>()));
    let not_shown = move || open.with(Vec::len).saturating_sub(shown.get());
    let done = Memo::new(move |_| ids(true));
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
    let card = move |id: String| {
        let brief = {
            let id = id.clone();
            Memo::new(move |_| by_id.with(|m| m.get(&id).cloned()))
        };
        let feedback = {
            let id = id.clone();
            Memo::new(move |_| feedback_of.with(|m| m.get(&id).cloned().unwrap_or_default()))
        };
        let arrived = Signal::derive(move || alerts.fresh.with(|f| f.contains(&id)));
        view! { <li><BriefCard brief feedback arrived /></li> }
    };
    let today_open = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let heading = focused_heading();
    let history_open = RwSignal::new(false);

    view! {
        <main class="desk">
            <header class="desk-bar">
                <h1 id=HEADING_ID tabindex="-1" node_ref=heading>{move || i.t("desk.queue")}</h1>
                <span class="count" aria-live="polite">{move || open.with(Vec::len)}</span>
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
                <button type="button" class="secondary" on:click=move |_| export_today(desk, &config)>
                    {i.t("desk.export")}
                </button>
                <button type="button" class="secondary" aria-expanded=move || if confirming.get() { "true" } else { "false" } on:click=move |_| confirming.set(true)>
                    {i.t("desk.clear_today")}
                </button>
                <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                    {move || i.t("desk.lock")}
                </button>
                </div>
            </header>
            <p class="arrival" class:person=move || alerts.latest.with(|l| l.as_ref().is_some_and(|a| a.1)) role="status" data-testid="arrival">
                {move || alerts.latest.with(|l| l.as_ref().map(|(text, _)| text.clone()))}
            </p>
            <Show when=move || confirming.get()>
                <ClearToday confirming />
            </Show>
            {desk.sync.map(|sync| view! { <SyncState sync /> })}
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
            <Show when=move || desk.set_aside.with(|a| !a.is_empty())>
                <p class="warning" role="alert">
                    {move || {
                        desk.set_aside.with(|reasons| {
                            let n = reasons.len();
                            i.tw_count(
                                "desk.set_aside",
                                n as i64,
                                &[("n", &n.to_string()), ("why", &set_aside_reasons(i, reasons))],
                            )
                        })
                    }}
                </p>
            </Show>
            <FollowUps />
            <Show when=move || open.with(Vec::is_empty)>
                <p class="empty">{move || i.t("desk.queue_empty")}</p>
            </Show>
            <ol class="briefs">
                <For each=move || open_shown.get() key=|id| id.clone() children=card />
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
                on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    history_open.set(open);
                }
            >
                <summary>{move || i.tw("desk.history", &[("n", &done.with(Vec::len).to_string())])}</summary>
                <Show when=move || history_open.get()>
                    <ol class="briefs done">
                        <For each=move || done.get() key=|id| id.clone() children=card />
                    </ol>
                </Show>
            </details>
            // The day's figures, computed only while open.
            <details
                class="today"
                on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    today_open.set(open);
                }
            >
                <summary>{i.t("desk.today")}</summary>
                <Show when=move || today_open.get()>
                    <Today />
                </Show>
            </details>
        </main>
    }
}

/// New check-ins announced: a flash on the card, a line read out politely, and a
/// chime (staff can turn it off; the choice is kept on this device).
#[derive(Clone, Copy)]
struct Alerts {
    /// Cards that flash: checked in within the last few seconds.
    fresh: RwSignal<std::collections::HashSet<String>>,
    /// The latest arrival, said in words, and whether they want a person.
    latest: RwSignal<Option<(String, bool)>>,
    chime: RwSignal<bool>,
}

const CHIME_KEY: &str = "lobby.desk.chime";
/// How long a new card flashes and its line stays.
const FRESH: Duration = Duration::from_secs(8);

impl Alerts {
    fn start(desk: DeskState) -> Self {
        let i = use_i18n();
        let alerts = Alerts {
            fresh: RwSignal::new(Default::default()),
            latest: RwSignal::new(None),
            chime: RwSignal::new(web::local_get(CHIME_KEY).as_deref() != Some("off")),
        };
        // Everything already there when the desk opens is not new.
        let known = StoredValue::new(desk.stored.with_untracked(|s| {
            s.iter()
                .map(|i| i.id.clone())
                .collect::<std::collections::HashSet<_>>()
        }));
        Effect::new(move || {
            let arrivals: Vec<(String, String, bool)> = desk.stored.with(|stored| {
                desk.unsaved.with(|unsaved| {
                    stored
                        .iter()
                        .chain(unsaved)
                        .filter(|i| i.status == Status::Waiting)
                        .filter(|i| known.with_value(|k| !k.contains(&i.id)))
                        .map(|i| (i.id.clone(), i.ticket_label(), i.wants_person))
                        .collect()
                })
            });
            known.update_value(|k| k.extend(arrivals.iter().map(|a| a.0.clone())));
            // What the shared database held before this desk opened is not news.
            let arrivals: Vec<_> = arrivals
                .into_iter()
                .filter(|a| desk.sync.is_none_or(|s| s.is_news(&a.0)))
                .collect();
            if arrivals.is_empty() {
                return;
            }
            let person = arrivals.iter().any(|a| a.2);
            let text = arrivals
                .iter()
                .map(|(_, ticket, wants_person)| {
                    if *wants_person {
                        i.tw("desk.alert_person", &[("ticket", ticket)])
                    } else {
                        i.tw("desk.alert_arrival", &[("ticket", ticket)])
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            alerts.latest.set(Some((text, person)));
            let ids: Vec<String> = arrivals.into_iter().map(|a| a.0).collect();
            alerts.fresh.update(|f| f.extend(ids.iter().cloned()));
            if alerts.chime.get_untracked() {
                web::chime(person);
            }
            set_timeout(
                move || {
                    alerts.fresh.try_update(|f| {
                        ids.iter().for_each(|id| {
                            f.remove(id);
                        })
                    });
                    if alerts.fresh.try_with_untracked(|f| f.is_empty()) == Some(true) {
                        alerts.latest.try_set(None);
                    }
                },
                FRESH,
            );
        });
        alerts
    }

    fn toggle_chime(&self) {
        let on = !self.chime.get_untracked();
        self.chime.set(on);
        web::local_set(CHIME_KEY, if on { "on" } else { "off" });
        if on {
            // Heard at once: staff know what it sounds like.
            web::chime(false);
        }
    }
}

/// "Clear today": deletes only after a plain question and a second, deliberate tap.
#[component]
fn ClearToday(confirming: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let n = desk.stored.with_untracked(Vec::len) + desk.unsaved.with_untracked(Vec::len);
    let cancel = NodeRef::<leptos::html::Button>::new();
    // The safe choice has focus first.
    Effect::new(move || {
        if let Some(b) = cancel.get() {
            let _ = b.focus();
        }
    });
    view! {
        <section class="confirm" role="alertdialog" aria-labelledby="clear-title" aria-describedby="clear-body">
            <h2 id="clear-title">{i.t("desk.clear_title")}</h2>
            <p id="clear-body">{i.tw_count("desk.clear_body", n as i64, &[("n", &n.to_string())])}</p>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        desk.clear_today();
                        confirming.set(false);
                    }
                >
                    {i.t("desk.clear_confirm")}
                </button>
                <button type="button" class="secondary" node_ref=cancel on:click=move |_| confirming.set(false)>
                    {i.t("desk.cancel")}
                </button>
            </div>
        </section>
    }
}
