//! The desk's state: today's intakes and feedback as stored (and earlier days'
//! follow-ups still to do), kept up to date from
//! other windows of this browser and from the shared database, and the staff's
//! changes written back. No view and no focus here: the screens read it through
//! context and call its methods.
use leptos::prelude::*;

use crate::domain::feedback::{linked, Feedback};
use crate::domain::intake::Intake;
use crate::store::codec::{self, Unreadable};
use crate::store::{Record, StoreError, FEEDBACK_PREFIX, INTAKE_PREFIX};
use crate::sync::{use_sync, SyncLink};
use crate::web::{self, use_storage, Storage};

#[derive(Clone, Copy)]
pub struct DeskState {
    /// Today's intakes as stored.
    pub stored: RwSignal<Vec<Intake>>,
    /// Today's feedback as stored, and earlier days' still to follow up.
    pub feedback: RwSignal<Vec<Feedback>>,
    /// Intakes a kiosk window could not store (storage full), received by message:
    /// shown until they can be stored, so the desk never loses one.
    pub unsaved: RwSignal<Vec<Intake>>,
    /// Each unreadable stored record's key, and why it was set aside.
    pub set_aside: RwSignal<Vec<(String, Unreadable)>>,
    /// The day shown: a new day starts a new queue.
    pub(super) day: StoredValue<String>,
    pub storage_ok: RwSignal<bool>,
    /// The desk's own last change could not be written.
    pub write_failed: RwSignal<bool>,
    pub now_ms: RwSignal<i64>,
    /// The shared database, when this desk syncs through one.
    pub sync: Option<SyncLink>,
    /// Days of records this device keeps: the configuration's `keep_days` with a
    /// shop's database (which keeps the history), `history_days` without one.
    keep_days: u32,
    pub(super) storage: Storage,
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
            keep_days: expect_context::<crate::domain::config::Config>()
                .desk_days(use_sync().is_some()),
            storage: use_storage(),
        }
    }

    /// Reads the day's records and keeps them up to date, from when the page opens:
    /// with a full day stored, Unlock then only draws the queue. Nothing is on
    /// screen before Unlock; the records are on this device's storage anyway.
    pub fn start(self) {
        self.prune();
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
            sync.on_arrival(move |id| self.key_changed(&Record::key_of(id)));
        }
    }

    /// Reads every stored intake: when the desk opens, when another window cleared
    /// storage, and when a new day starts. Everything else updates one intake.
    pub fn reload(&self) {
        let now = web::now();
        match self.storage.store() {
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
                        .filter(|f| f.day == today || f.still_to_follow_up(now.ms))
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
        self.close_answered();
    }

    /// A customer who gave feedback on the way out has gone: a check-in the desk
    /// still has waiting or being served is closed as done, at the moment of the
    /// feedback. Never once the desk has moved it back on purpose, nor for
    /// feedback from a customer's own phone, which may come before they go.
    fn close_answered(&self) {
        let to_close: Vec<(String, i64)> = self.stored.with_untracked(|stored| {
            self.feedback.with_untracked(|all| {
                all.iter()
                    .filter(|f| !f.from_visitor())
                    .filter_map(|f| {
                        linked(f, stored)
                            .filter(|i| {
                                // Once moved back on purpose it stays open: the
                                // kiosk's clock may be ahead of the desk's.
                                i.status.is_open()
                                    && i.reopened == 0
                                    && f.created_ms > i.status_ms.unwrap_or(i.created_ms)
                            })
                            .map(|i| (i.id.clone(), f.created_ms))
                    })
                    .collect()
            })
        });
        for (id, at) in to_close {
            self.change(&id, |i| {
                i.close_by_feedback(at);
            });
        }
    }

    /// Deletes what is older than this desk keeps, and says when: a kiosk page in
    /// this browser leaves the pruning to a desk seen here lately.
    fn prune(&self) {
        self.storage
            .set_setting(web::storage::DESK_HERE, &web::now().ms.to_string());
        self.storage.prune_old_keeping_follow_ups(self.keep_days);
    }

    /// Ticks now and every 15 seconds while the screen that calls it is drawn:
    /// every screen behind the PIN (the queue, Figures, Settings) keeps the day.
    pub fn keep_ticking(self) {
        self.tick();
        web::every(std::time::Duration::from_secs(15), move || self.tick());
    }

    /// The clock moved on: recompute waiting times and deadlines, start afresh on a
    /// new day, and store what only this page holds if there is room now.
    pub fn tick(&self) {
        let now = web::now();
        if self.day.with_value(|d| *d != now.day()) {
            self.prune();
            self.reload();
        }
        if self.unsaved.with_untracked(|u| !u.is_empty()) {
            if let Some(store) = self.storage.store() {
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
    /// Earlier days' feedback is followed while its follow-up is still to do.
    fn upsert_feedback(&self, feedback: Feedback) {
        let wanted = self.day.with_value(|d| *d == feedback.day)
            || feedback.still_to_follow_up(web::now().ms);
        let known = self
            .feedback
            .with_untracked(|all| all.iter().any(|f| f.id == feedback.id));
        if !wanted && !known {
            return;
        }
        self.feedback
            .update(|all| match all.iter_mut().find(|f| f.id == feedback.id) {
                Some(old) => *old = feedback,
                None => all.push(feedback),
            });
    }

    /// Today's feedback alone (earlier days' follow-ups left out).
    pub fn feedback_today(&self) -> Vec<Feedback> {
        let today = self.day.get_value();
        self.feedback
            .with(|all| all.iter().filter(|f| f.day == today).cloned().collect())
    }

    /// Another window wrote one key: read just that one.
    fn key_changed(&self, key: &str) {
        let Some(store) = self.storage.store() else {
            return;
        };
        match store.read_record(key) {
            Some(Ok(Record::Intake(intake))) => {
                self.upsert(intake);
                self.close_answered();
            }
            Some(Ok(Record::Feedback(feedback))) => {
                self.upsert_feedback(feedback);
                self.close_answered();
            }
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
                if let Some(store) = self.storage.store() {
                    let _ = store.put_feedback(&feedback);
                }
                self.upsert_feedback(feedback);
                self.close_answered();
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
        let store = self.storage.store();
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
    }

    /// Deletes today's intakes and feedback from this device ("clear today").
    pub fn clear_today(&self) {
        if let Some(store) = self.storage.store() {
            store.clear_day(&web::now().day());
        }
        self.unsaved.set(Vec::new());
        self.reload();
    }

    /// Changes one intake in storage (read fresh, so another window's change stays).
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
            match self.storage.store() {
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
    }
}
