//! The only door to this browser's storage: the intake store, the device's small
//! settings, and the tab's own session storage. Handed out through context
//! ([`provide_storage`], [`use_storage`]) so that no component reaches for
//! `window` itself.
use leptos::prelude::*;

use crate::store::local::LocalStorage;
use crate::store::{Backend, Store};

/// This browser's storage, as a page may use it: had only from [`use_storage`].
#[derive(Clone, Copy, Debug)]
pub struct Storage {
    _private: (),
}

/// Makes the browser's storage available to the components below.
pub fn provide_storage() -> Storage {
    let storage = Storage { _private: () };
    provide_context(storage);
    storage
}

/// The storage provided by [`provide_storage`].
pub fn use_storage() -> Storage {
    expect_context::<Storage>()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// When a desk page last pruned this browser's storage (ms): a kiosk page leaves
/// the pruning to a desk seen within two days, whose history it shares.
pub const DESK_HERE: &str = "lobby.desk.here";

impl Storage {
    /// A desk pruned this storage within two days: it keeps its own days here.
    pub fn desk_prunes_here(&self) -> bool {
        self.setting(DESK_HERE)
            .and_then(|at| at.parse::<i64>().ok())
            .is_some_and(|at| {
                (super::clock::now().ms - at).abs() < 2 * crate::domain::clock::DAY_MS
            })
    }
}

impl Storage {
    /// The intake store, or `None` when this browser keeps nothing.
    pub fn store(&self) -> Option<Store<LocalStorage>> {
        LocalStorage::open().map(Store::new)
    }

    /// Deletes intakes and feedback older than `days`, today included: on a kiosk,
    /// at start-up and hourly.
    pub fn prune_old(&self, days: u32) {
        if let Some(store) = self.store() {
            store.prune(
                &super::clock::now().day_before(days.saturating_sub(1)),
                |_, _| false,
            );
        }
    }

    /// The same on a desk, at start-up and on each new day, keeping feedback whose
    /// follow-up is still to do: the desk's work until someone handles it.
    pub fn prune_old_keeping_follow_ups(&self, days: u32) {
        if let Some(store) = self.store() {
            store.prune(
                &super::clock::now().day_before(days.saturating_sub(1)),
                crate::store::follow_up_to_do(super::clock::now().ms),
            );
        }
    }

    /// A small setting of this device (not an intake), e.g. the desk's chime.
    pub fn setting(&self, key: &str) -> Option<String> {
        LocalStorage::open().and_then(|s| s.get(key))
    }

    /// Keeps a small setting: false when storage refused it (full, or none).
    pub fn set_setting(&self, key: &str, value: &str) -> bool {
        LocalStorage::open().is_some_and(|s| s.set(key, value).is_ok())
    }

    /// Forgets a setting of this device.
    pub fn remove_setting(&self, key: &str) {
        if let Some(s) = LocalStorage::open() {
            s.remove(key);
        }
    }

    /// Keeps a setting that must last (a paired device's account): whether it was kept.
    pub fn try_set_setting(&self, key: &str, value: &str) -> bool {
        LocalStorage::open()
            .is_some_and(|s| s.set(key, value).is_ok() && s.get(key).as_deref() == Some(value))
    }

    /// What this tab keeps for itself: it survives a reload, not the tab.
    pub fn session_item(&self, key: &str) -> Option<String> {
        session().and_then(|s| s.get_item(key).ok().flatten())
    }

    /// Keeps `value` for this tab, or forgets the key when it is `None`.
    pub fn set_session_item(&self, key: &str, value: Option<&str>) {
        if let Some(s) = session() {
            let _ = match value {
                Some(value) => s.set_item(key, value),
                None => s.remove_item(key),
            };
        }
    }
}
