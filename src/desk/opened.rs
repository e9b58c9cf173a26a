//! Which brief is open beside the queue (or over it, on a narrow screen), where
//! focus goes as it opens and closes, and the few seconds in which a customer
//! marked done or gone can be brought back.
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::focus::HEADING_ID;
use super::row::row_id;
use super::state::DeskState;
use crate::domain::intake::Status;
use crate::web;

/// How long *Undo* stays after *Done* or *Left*.
pub const UNDO_FOR: Duration = Duration::from_secs(10);

/// A customer just taken off the queue, and where Undo puts them back.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub id: String,
    pub ticket: String,
    pub to: Status,
    pub back_to: Status,
}

#[derive(Clone, Copy)]
pub struct Opened {
    /// The intake whose brief is open.
    pub id: RwSignal<Option<String>>,
    /// The last customer marked done or gone, while Undo is offered.
    pub finished: RwSignal<Option<Finished>>,
    undo_timer: StoredValue<Option<TimeoutHandle>>,
    /// Staff notes typed and not saved, by intake, while their brief is closed.
    drafts: StoredValue<HashMap<String, String>>,
}

/// The opened brief's heading, where focus goes when it opens.
pub fn heading_id(id: &str) -> String {
    format!("brief-{id}")
}

impl Opened {
    pub fn new() -> Self {
        Opened {
            id: RwSignal::new(None),
            finished: RwSignal::new(None),
            undo_timer: StoredValue::new(None),
            drafts: StoredValue::new(HashMap::new()),
        }
    }

    /// The note typed for `id` and not saved, if any.
    pub fn draft(&self, id: &str) -> Option<String> {
        self.drafts.with_value(|d| d.get(id).cloned())
    }

    /// Keeps (or, with `None`, forgets) the note typed for `id` and not saved.
    pub fn keep_draft(&self, id: &str, typed: Option<String>) {
        self.drafts.update_value(|d| match typed {
            Some(t) => {
                d.insert(id.to_string(), t);
            }
            None => {
                d.remove(id);
            }
        });
    }

    /// Opens a brief and moves focus to its heading once it is drawn.
    pub fn open(&self, id: String) {
        let heading = heading_id(&id);
        self.id.set(Some(id));
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            web::document::focus_id(&heading);
            // Beside the queue, the whole brief with its buttons comes into view.
            web::document::reveal("brief-pane");
        });
    }

    /// Closes the brief; focus goes back to its line in the queue, or to the
    /// queue's heading when that line has gone (the customer was done).
    pub fn close(&self) {
        let Some(id) = self.id.get_untracked() else {
            return;
        };
        self.id.set(None);
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            let row = row_id(&id);
            let back = web::document::document()
                .and_then(|d| d.get_element_by_id(&row))
                .map(|_| row)
                .unwrap_or_else(|| HEADING_ID.to_string());
            web::document::focus_id(&back);
        });
    }

    /// *Done* or *Left*: the customer leaves the queue, with `note` (typed and not
    /// yet saved) kept; the brief closes and *Undo* is offered for a few seconds.
    pub fn finish(
        &self,
        desk: DeskState,
        id: &str,
        ticket: String,
        to: Status,
        note: Option<String>,
    ) {
        let mut back_to = None;
        desk.change(id, |i| {
            let before = i.status;
            if i.advance(to, web::now().ms) {
                back_to = Some(before);
            }
            if let Some(note) = note {
                i.staff_note = note;
            }
        });
        let Some(back_to) = back_to else {
            return;
        };
        self.close();
        self.finished.set(Some(Finished {
            id: id.to_string(),
            ticket,
            to,
            back_to,
        }));
        if let Some(old) = self.undo_timer.get_value() {
            old.clear();
        }
        let finished = self.finished;
        let shown = id.to_string();
        self.undo_timer.set_value(
            set_timeout_with_handle(
                move || {
                    if finished.with_untracked(|f| f.as_ref().is_some_and(|f| f.id == shown)) {
                        // Undo goes: focus on it goes to the queue's heading, not the page.
                        let on_undo = web::document::document()
                            .and_then(|d| d.active_element())
                            .and_then(|e| e.closest(".undo").ok().flatten())
                            .is_some();
                        finished.set(None);
                        if on_undo {
                            web::document::focus_when_drawn(HEADING_ID.to_string());
                        }
                    }
                },
                UNDO_FOR,
            )
            .ok(),
        );
    }

    /// Puts the last customer finished back where they were, and opens their brief.
    pub fn undo(&self, desk: DeskState) {
        let Some(f) = self.finished.get_untracked() else {
            return;
        };
        self.finished.set(None);
        desk.change(&f.id, |i| {
            i.reopen(f.back_to, web::now().ms);
        });
        self.open(f.id);
    }
}
