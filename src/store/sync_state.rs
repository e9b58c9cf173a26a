//! What sync needs to remember on this device, beside the intakes: each intake's
//! last known database revision, the intakes changed here and not yet sent, and
//! how far the desk has read the database's changes.
use std::collections::BTreeSet;

use super::codec::Unreadable;
use super::{Backend, Store, StoreError, FEEDBACK_PREFIX, INTAKE_PREFIX};
use crate::sync::doc::generation;

/// Revision of one intake in the database: `lobby.rev.<id>` = `3-abc`.
pub const REV_PREFIX: &str = "lobby.rev.";
/// Ids of intakes changed here and not yet in the database (a JSON list).
pub const PENDING_KEY: &str = "lobby.sync.pending";
/// Where the desk's next read of the database's changes starts.
pub const SEQ_KEY: &str = "lobby.sync.seq";
/// Documents of the database the desk could not read and read on past: a JSON
/// list of `[id, why]`, the latest [`SKIPPED_KEPT`].
pub const SKIPPED_KEY: &str = "lobby.sync.skipped";
/// How many documents read past are remembered by id.
pub const SKIPPED_KEPT: usize = 50;

impl<B: Backend> Store<B> {
    pub fn rev(&self, id: &str) -> Option<String> {
        self.backend.get(&format!("{REV_PREFIX}{id}"))
    }

    /// Remembers a revision, never an older one than already known (a slow reply
    /// must not undo a newer one that arrived first).
    pub fn set_rev(&self, id: &str, rev: &str) -> Result<(), StoreError> {
        if self
            .rev(id)
            .is_some_and(|known| generation(&known) > generation(rev))
        {
            return Ok(());
        }
        self.backend.set(&format!("{REV_PREFIX}{id}"), rev)
    }

    pub fn pending(&self) -> BTreeSet<String> {
        self.backend
            .get(PENDING_KEY)
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    pub fn set_pending(&self, ids: &BTreeSet<String>) -> Result<(), StoreError> {
        if ids.is_empty() {
            self.backend.remove(PENDING_KEY);
            return Ok(());
        }
        self.backend
            .set(PENDING_KEY, &serde_json::to_string(ids).unwrap_or_default())
    }

    /// Intakes and feedback stored here that the database has never confirmed:
    /// sent by nobody yet.
    pub fn never_sent(&self) -> BTreeSet<String> {
        let keys = self.backend.keys();
        let known: BTreeSet<&str> = keys
            .iter()
            .filter_map(|k| k.strip_prefix(REV_PREFIX))
            .collect();
        keys.iter()
            .filter_map(|k| {
                k.strip_prefix(INTAKE_PREFIX)
                    .or_else(|| k.strip_prefix(FEEDBACK_PREFIX))
            })
            .filter(|id| !known.contains(id))
            .map(str::to_string)
            .collect()
    }

    pub fn seq(&self) -> Option<String> {
        self.backend.get(SEQ_KEY)
    }

    pub fn set_seq(&self, seq: &str) -> Result<(), StoreError> {
        self.backend.set(SEQ_KEY, seq)
    }

    /// Documents of the database this desk read past, unread, and why.
    pub fn skipped(&self) -> Vec<(String, Unreadable)> {
        self.backend
            .get(SKIPPED_KEY)
            .and_then(|t| serde_json::from_str::<Vec<(String, String)>>(&t).ok())
            .unwrap_or_default()
            .into_iter()
            .map(|(id, why)| (id, Unreadable::from_code(&why)))
            .collect()
    }

    pub fn set_skipped(&self, skipped: &[(String, Unreadable)]) -> Result<(), StoreError> {
        let from = skipped.len().saturating_sub(SKIPPED_KEPT);
        let coded: Vec<(&str, &str)> = skipped[from..]
            .iter()
            .map(|(id, why)| (id.as_str(), why.code()))
            .collect();
        self.backend.set(
            SKIPPED_KEY,
            &serde_json::to_string(&coded).unwrap_or_default(),
        )
    }

    /// Forgets the revisions of intakes no longer kept here (after pruning).
    pub(super) fn prune_revs(&self) {
        let keys = self.backend.keys();
        for key in keys.iter().filter(|k| k.starts_with(REV_PREFIX)) {
            let id = &key[REV_PREFIX.len()..];
            let kept = |prefix: &str| self.backend.get(&format!("{prefix}{id}")).is_some();
            if !kept(INTAKE_PREFIX) && !kept(FEEDBACK_PREFIX) {
                self.backend.remove(key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::store::Memory;

    #[test]
    fn documents_read_past_are_remembered_the_latest_first_kept() {
        let store = Store::new(Memory::default());
        assert!(store.skipped().is_empty());
        let many: Vec<(String, Unreadable)> = (0..SKIPPED_KEPT + 5)
            .map(|n| (format!("doc-{n}"), Unreadable::TooLarge))
            .collect();
        store.set_skipped(&many).unwrap();
        let kept = store.skipped();
        assert_eq!(kept.len(), SKIPPED_KEPT);
        assert_eq!(kept.last(), many.last());
        assert_eq!(kept[0].0, "doc-5");
    }

    #[test]
    fn revisions_only_move_forward() {
        let store = Store::new(Memory::default());
        assert_eq!(store.rev("a"), None);
        store.set_rev("a", "2-b").unwrap();
        store.set_rev("a", "1-a").unwrap();
        assert_eq!(store.rev("a").as_deref(), Some("2-b"));
        store.set_rev("a", "3-c").unwrap();
        assert_eq!(store.rev("a").as_deref(), Some("3-c"));
    }

    #[test]
    fn pending_survives_and_empties() {
        let store = Store::new(Memory::default());
        assert!(store.pending().is_empty());
        let ids: BTreeSet<String> = ["x".to_string(), "y".to_string()].into();
        store.set_pending(&ids).unwrap();
        assert_eq!(store.pending(), ids);
        store.set_pending(&BTreeSet::new()).unwrap();
        assert!(store.pending().is_empty());
        assert!(store.backend.get(PENDING_KEY).is_none());
    }

    #[test]
    fn intakes_without_a_revision_were_never_sent() {
        let store = Store::new(Memory::default());
        store.put(&intake(1)).unwrap();
        store.put(&intake(2)).unwrap();
        store.set_rev("dev-1", "1-a").unwrap();
        assert_eq!(store.never_sent(), ["dev-2".to_string()].into());
        assert_eq!(
            store.read_by_id("dev-2"),
            Some(crate::store::Record::Intake(intake(2)))
        );
        assert_eq!(store.read_by_id("nobody"), None);
    }

    #[test]
    fn pruning_forgets_the_revisions_of_removed_intakes() {
        let store = Store::new(Memory::default());
        let mut old = intake(1);
        old.day = "2026-11-01".into();
        store.put(&old).unwrap();
        store.put(&intake(2)).unwrap();
        store.set_rev("dev-1", "1-a").unwrap();
        store.set_rev("dev-2", "1-b").unwrap();
        assert_eq!(store.prune("2026-11-20", |_, _| false), 1);
        assert_eq!(store.rev("dev-1"), None);
        assert_eq!(store.rev("dev-2").as_deref(), Some("1-b"));
    }
}
