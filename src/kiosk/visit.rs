//! One customer's visit: the kiosk's state, shared by its screens through context.
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::flow::{Flow, Step};
use crate::domain::idle::Idle;
use crate::sync::SyncLink;
use crate::web::{self, PartMissing, Storage};

/// How long a new screen ignores taps: the second tap of a double tap must not
/// answer the next question.
const SETTLE_MS: u64 = 350;

/// What the Done screen shows once an intake is filed; the answers themselves are gone.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// As the customer reads it: `12`, or `A-12`.
    pub ticket: String,
    pub name: String,
    pub wants_person: bool,
    pub saved: bool,
    /// The wait quoted, when there were figures to quote from.
    pub wait: Option<crate::domain::wait::Estimate>,
    /// When they must leave, if they said.
    pub deadline_ms: Option<i64>,
    /// When they checked in (a printed number says so).
    pub checked_in_ms: i64,
    /// Their check-in's id: a printed number's QR code carries it.
    pub intake_id: String,
}

/// The kiosk's state, shared by its screens through context.
///
/// `flow`, `settling`, `outcome`, `lang`, `larger` and `idle`
/// belong to one customer's visit and are made anew for the next one (see
/// [`super::Kiosk`]); the rest lives as long as the page.
#[derive(Clone, Copy)]
pub struct KioskState {
    pub flow: RwSignal<Flow>,
    pub settling: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// The language the customer is using, filed with the intake. Each visit
    /// starts in the business's default language.
    pub lang: RwSignal<&'static str>,
    /// The customer asked for larger text (for this visit only).
    pub larger: RwSignal<bool>,
    /// The heading of the screen now showing, said politely to a screen reader
    /// (the page's, not the visit's: its element stays as visits come and go).
    pub(super) announcement: RwSignal<String>,
    /// Whether "Are you still there?" is asking (it takes Escape for itself).
    pub idle: RwSignal<Idle>,
    /// Counts visits: a new value starts a new visit with fresh state.
    pub(super) visit: RwSignal<u32>,
    /// Sends filed intakes to the shared database, when there is one.
    pub sync: Option<SyncLink>,
    pub(super) storage: Storage,
    /// The last ticket this page gave, and its day: numbers never repeat, even when
    /// storage cannot keep the counter.
    pub(super) last_ticket: StoredValue<Option<(String, u32)>>,
    /// Intakes storage refused, as records: offered to the desk again and again
    /// until one of them is stored.
    pub(super) outbox: StoredValue<Vec<String>>,
    /// The screens after Welcome, once fetched, or why they could not be.
    pub(super) later: StoredValue<Option<Fetched>>,
}

impl KioskState {
    /// Applies a change to the flow unless the screen is still settling; a change of
    /// step starts a new settling period.
    pub fn go(&self, change: impl FnOnce(&mut Flow)) {
        if self.settling.get_untracked() {
            return;
        }
        let before = self.flow.with_untracked(|f| f.step);
        self.flow.update(change);
        match self.flow.with_untracked(|f| f.step) {
            // Back to Welcome is the end of a visit, as after Finish.
            Step::Welcome if before != Step::Welcome => self.reset(),
            step if step != before => self.settle(),
            _ => {}
        }
    }

    pub(super) fn settle(&self) {
        self.settling.set(true);
        let settling = self.settling;
        // The kiosk may be gone by then (a move to /desk): `try_set` does nothing in that case.
        set_timeout(
            move || {
                settling.try_set(false);
            },
            Duration::from_millis(SETTLE_MS),
        );
    }

    /// Says the heading of the screen now showing to a screen reader: a change
    /// of the live region's text is what it reads.
    pub fn announce(&self, heading: String) {
        self.announcement.try_set(heading);
    }

    /// A visit with no customer, for drawing screens out of sight
    /// (`parts::warm_up`): signals of its own, no sync, and nothing of the page's
    /// that a screen could change (its visits, its announcement, its outbox).
    pub(super) fn ghost(&self, questions: usize) -> KioskState {
        KioskState {
            flow: RwSignal::new(Flow::new(questions)),
            settling: RwSignal::new(false),
            outcome: RwSignal::new(None),
            lang: RwSignal::new(self.lang.get_untracked()),
            larger: RwSignal::new(false),
            announcement: RwSignal::new(String::new()),
            idle: RwSignal::new(Idle::Active),
            visit: RwSignal::new(0),
            sync: None,
            storage: self.storage,
            last_ticket: StoredValue::new(None),
            outbox: StoredValue::new(Vec::new()),
            later: self.later,
        }
    }

    /// Back to Welcome with nothing of the last customer left: the next visit
    /// starts with new state, and everything of this one is dropped.
    pub fn reset(&self) {
        // Walked away from the comment (or Back): the feedback is shared as it
        // is. Sharing it twice is harmless: the database keeps one.
        if let (Some(sync), Some(id)) = (
            self.sync,
            self.flow
                .try_with_untracked(|f| f.leaving.kept.as_ref().map(|k| k.id.clone()))
                .flatten(),
        ) {
            sync.changed(&id);
        }
        // A customer's phone: what they said on the way out goes now.
        if let Some(send) = super::visitor::ON_RESET.get() {
            send();
        }
        web::fault::set_number(None);
        self.visit.update(|v| *v = v.wrapping_add(1));
        // Between customers: the moment to move to a new build, if there is one.
        web::service_worker::reload_if_new_build();
    }
}

/// What the kiosk's start-up program calls in the part fetched after it: the
/// screens after Welcome (see `parts.rs`).
#[derive(Clone, Copy)]
pub struct LaterScreens {
    /// Draws a screen after Welcome.
    pub draw: fn(Step) -> AnyView,
    /// Files a check-in (`KioskState::file`).
    pub file: fn(&KioskState, &Config, bool),
    /// Stores what storage refused before (`filing::flush_outbox`).
    pub flush: fn(Storage, StoredValue<Vec<String>>, Option<SyncLink>),
    /// Draws each question once, out of sight (`parts::draw_ahead`).
    pub warm: fn(KioskState, Config),
}

/// The screens after Welcome, or that they could not be had.
pub type Fetched = Result<LaterScreens, PartMissing>;

pub fn use_kiosk() -> KioskState {
    expect_context::<KioskState>()
}
