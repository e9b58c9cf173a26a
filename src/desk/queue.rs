//! Today's queue: read from the store, refreshed when another window files or
//! changes an intake, and re-sorted as waiting times and deadlines tick.
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::card::BriefCard;
use crate::domain::brief::queue;
use crate::domain::intake::{Intake, Status};
use crate::store::codec::{self, Unreadable};
use crate::store::{StoreError, INTAKE_PREFIX};
use crate::sync::{use_sync, Link, Problem, Sync};
use crate::ui::{focused_heading, use_i18n, I18n};
use crate::web;

/// How often waiting times and deadlines are recomputed.
const TICK: Duration = Duration::from_secs(15);

#[derive(Clone, Copy)]
pub struct DeskState {
    /// Today's intakes as stored.
    pub stored: RwSignal<Vec<Intake>>,
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
}

impl DeskState {
    pub fn new() -> Self {
        Self {
            stored: RwSignal::new(Vec::new()),
            unsaved: RwSignal::new(Vec::new()),
            set_aside: RwSignal::new(Vec::new()),
            day: StoredValue::new(web::now().day()),
            storage_ok: RwSignal::new(true),
            write_failed: RwSignal::new(false),
            now_ms: RwSignal::new(web::now().ms),
            sync: use_sync(),
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

    /// Another window wrote one key: read just that one.
    fn key_changed(&self, key: &str) {
        let Some(store) = web::store() else { return };
        match store.read_key(key) {
            Some(Ok(intake)) => self.upsert(intake),
            Some(Err(reason)) => self.set_aside.update(|a| {
                if !a.iter().any(|(k, _)| k == key) {
                    a.push((key.to_string(), reason));
                }
            }),
            // Removed: pruned or cleared elsewhere.
            None => {
                let id = key.trim_start_matches(INTAKE_PREFIX);
                self.stored.update(|s| s.retain(|i| i.id != id));
                self.set_aside.update(|a| a.retain(|(k, _)| k != key));
            }
        }
    }

    /// An intake a kiosk window could not store.
    pub fn receive_unsaved(&self, record: &str) {
        let Ok(intake) = codec::decode(record) else {
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
    let text = crate::domain::export::to_csv(&intakes, config, now.utc_offset_min);
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

#[component]
pub fn Queue(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let config = expect_context::<crate::domain::config::Config>();
    if let Some(store) = web::store() {
        store.prune(&web::now().day_before(config.keep_days - 1));
    }
    desk.reload();
    // Another tab or window of this browser filed or changed an intake.
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        match ev.key() {
            Some(key) if key.starts_with(INTAKE_PREFIX) => desk.key_changed(&key),
            Some(_) => {}
            // Storage was cleared.
            None => desk.reload(),
        }
    });
    on_cleanup(move || listener.remove());
    // The shared database brought intakes into this device's storage.
    if let Some(sync) = desk.sync {
        Effect::new(move || {
            sync.arrived.with(|ids| {
                for id in ids {
                    desk.key_changed(&format!("{INTAKE_PREFIX}{id}"));
                }
            })
        });
    }
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
    let done = Memo::new(move |_| ids(true));
    let card = move |id: String| {
        let brief = Memo::new(move |_| by_id.with(|m| m.get(&id).cloned()));
        view! { <li><BriefCard brief /></li> }
    };
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
                            i.lang.set(lang);
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
                <button type="button" class="secondary" on:click=move |_| export_today(desk, &config)>
                    {i.t("desk.export")}
                </button>
                <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                    {move || i.t("desk.lock")}
                </button>
                </div>
            </header>
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
            <Show when=move || open.with(Vec::is_empty)>
                <p class="empty">{move || i.t("desk.queue_empty")}</p>
            </Show>
            <ol class="briefs">
                <For each=move || open.get() key=|id| id.clone() children=card />
            </ol>
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
        </main>
    }
}
