//! The state of this page's sync, shared through context: how the link stands,
//! what waits to be sent, and who is told of arrivals.
use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::store::codec::Unreadable;
use crate::store::sync_state::SKIPPED_KEPT;
use crate::web::timers::Alarm;
use crate::web::{self, use_storage, Storage};

/// Longest wait between retries after a failure.
pub(super) const MAX_BACKOFF_MS: i32 = 15_000;
/// How long an ordinary request may take.
pub(super) const REQUEST_MS: i32 = 20_000;

/// How this device's sync stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Link {
    Starting,
    Connected,
    /// The database cannot be reached (no network, or the server is down). Changes
    /// are kept here and sent when it is back.
    Offline,
    Failed(Problem),
}

impl Link {
    /// Changes cannot reach the database now.
    pub fn is_down(&self) -> bool {
        matches!(self, Link::Offline | Link::Failed(_))
    }
}

/// Why sync stopped, in terms staff or whoever set the device up can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The database refused this device's name or password.
    Credentials,
    /// The database refused a change: its rules, or this device's role.
    Refused(String),
    /// There is no database at `sync.url`.
    NoDatabase,
    /// This build's Content-Security-Policy does not allow connecting to the database.
    Blocked(String),
    /// Any other answer the server gave.
    Server(u16),
    /// This device's storage is full: what the database brought cannot be kept
    /// here, so the desk reads no further until it can.
    StorageFull,
}

pub(super) enum Failure {
    Offline,
    /// The request took longer than allowed (for a long poll: nothing new).
    TimedOut,
    Problem(Problem),
}

/// Told the id of an intake that came from the database.
type Listener = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// The sync of this page, shared through context.
#[derive(Clone, Copy)]
pub struct SyncLink {
    pub role: SyncRole,
    /// Paired with the shop's server: a refused account means it was unpaired.
    pub paired: bool,
    /// A kiosk's ticket letter, which its numbers of the day follow on from.
    pub letter: Option<char>,
    pub link: RwSignal<Link>,
    /// Changes made here and not yet in the database.
    pub waiting: RwSignal<usize>,
    pub last_ok_ms: RwSignal<Option<i64>>,
    /// Documents of the database this desk could not read, and why: read past,
    /// left in the database, and said on the desk.
    pub skipped: RwSignal<Vec<(String, Unreadable)>>,
    /// Told the id of each intake just written to this device's storage from the
    /// database (the desk reads it into its queue).
    on_arrival: StoredValue<Option<Listener>>,
    /// Ids a desk read in its first catch-up: what the database held when the
    /// desk opened, which is not news (see [`SyncLink::is_news`]).
    pub(super) held: StoredValue<std::collections::HashSet<String>>,
    /// Ids to send, each with a count of its changes: a change made while an
    /// intake is on its way is sent too.
    pub(super) pending: StoredValue<BTreeMap<String, u32>>,
    /// Rung when there is something to send: the send loop's nap ends.
    wake: Alarm,
    storage: Storage,
}

impl SyncLink {
    /// The sync's state, with what was waiting to be sent before a reload.
    pub(super) fn new(config: &SyncConfig) -> SyncLink {
        let storage = use_storage();
        let mut pending = BTreeMap::new();
        if let Some(store) = storage.store() {
            // What was waiting before a reload, and anything filed but never sent.
            for id in store.pending().into_iter().chain(store.never_sent()) {
                pending.insert(id, 0);
            }
        }
        SyncLink {
            role: config.role,
            paired: config.paired,
            letter: config.letter.as_deref().and_then(|l| l.chars().next()),
            link: RwSignal::new(Link::Starting),
            waiting: RwSignal::new(pending.len()),
            last_ok_ms: RwSignal::new(None),
            skipped: RwSignal::new(Vec::new()),
            on_arrival: StoredValue::new(None),
            held: StoredValue::new(Default::default()),
            pending: StoredValue::new(pending),
            wake: Alarm::default(),
            storage,
        }
    }

    /// An intake was filed or changed here: send it.
    pub fn changed(&self, id: &str) {
        self.pending
            .update_value(|p| *p.entry(id.to_string()).or_default() += 1);
        self.save_pending();
        self.wake.ring();
    }

    /// Sent: forget it, unless it changed again meanwhile.
    pub(super) fn sent(&self, id: &str, version: u32) {
        self.pending.update_value(|p| {
            if p.get(id) == Some(&version) {
                p.remove(id);
            }
        });
        self.save_pending();
    }

    fn save_pending(&self) {
        let ids = self.pending.with_value(|p| p.keys().cloned().collect());
        if let Some(store) = self.storage.store() {
            // When storage is full the list lives on in this page; intakes never
            // confirmed are found again on reload (`never_sent`).
            let _ = store.set_pending(&ids);
        }
        self.waiting.set(ids.len());
    }

    /// What a desk read past before this page opened (a kiosk reads nothing).
    pub(super) fn recall_read_past(&self) {
        if let Some(store) = self.storage.store() {
            self.skipped.set(store.skipped());
        }
    }

    /// Documents of the database read past because they could not be read: each
    /// once, however often the feed brings it.
    pub(super) fn read_past(&self, unread: Vec<(String, Unreadable)>) {
        if unread.is_empty() {
            return;
        }
        self.skipped.update(|all| {
            for (id, why) in unread {
                all.retain(|(known, _)| id.is_empty() || *known != id);
                all.push((id, why));
            }
            let from = all.len().saturating_sub(SKIPPED_KEPT);
            all.drain(..from);
        });
        self.keep_skipped();
    }

    /// A document read past before has been read, or deleted, since: no longer said.
    pub(super) fn read_after_all(&self, id: &str) {
        if self
            .skipped
            .with_untracked(|all| all.iter().any(|(known, _)| known == id))
        {
            self.skipped
                .update(|all| all.retain(|(known, _)| known != id));
            self.keep_skipped();
        }
    }

    fn keep_skipped(&self) {
        if let Some(store) = self.storage.store() {
            let _ = self.skipped.with_untracked(|all| store.set_skipped(all));
        }
    }

    /// The database answered. A full storage stays said: only the read loop,
    /// once it could store again, clears it ([`SyncLink::stored_again`]).
    pub(super) fn ok(&self) {
        if self
            .link
            .with_untracked(|l| *l != Link::Failed(Problem::StorageFull))
        {
            self.link.set(Link::Connected);
        }
        self.last_ok_ms.set(Some(web::now().ms));
    }

    /// The read loop stored a page: connected, storage full or not before.
    pub(super) fn stored_again(&self) {
        self.link.set(Link::Connected);
        self.last_ok_ms.set(Some(web::now().ms));
    }

    pub(super) fn fail(&self, failure: Failure) {
        self.link.set(match failure {
            Failure::Offline | Failure::TimedOut => Link::Offline,
            Failure::Problem(p) => Link::Failed(p),
        });
    }

    /// Whether an intake that reached this desk is news, not something the
    /// database held before the desk opened. Decided by id as each page of the
    /// catch-up is read, not by a flag read later: the desk draws a page after
    /// the loop has gone on to the next.
    pub fn is_news(&self, id: &str) -> bool {
        !self.held.with_value(|h| h.contains(id))
    }

    /// Waits up to `ms`, or less when something is to be sent.
    pub(super) async fn nap(&self, ms: i32) {
        self.wake.nap(ms).await;
    }

    /// Calls `f` with the id of each intake the database brings into this
    /// device's storage, while the calling component lives.
    pub fn on_arrival(&self, f: impl Fn(&str) + Send + Sync + 'static) {
        self.on_arrival.set_value(Some(std::sync::Arc::new(f)));
        let listener = self.on_arrival;
        on_cleanup(move || {
            listener.try_set_value(None);
        });
    }

    /// These intakes came from the database into this device's storage.
    pub(super) fn arrived(&self, ids: &[String]) {
        if let Some(f) = self.on_arrival.try_get_value().flatten() {
            ids.iter().for_each(|id| f(id));
        }
    }

    /// The storage this sync reads from and writes to.
    pub(super) fn storage(&self) -> Storage {
        self.storage
    }
}
