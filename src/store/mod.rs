//! Intakes kept behind one interface: local storage today; syncing across devices
//! later, behind the same `Store`.
pub mod codec;
pub mod local;

use crate::domain::intake::Intake;
use codec::SetAside;

/// Key prefix of one stored intake; one key per intake, so two windows writing
/// different intakes at once never overwrite each other.
pub const INTAKE_PREFIX: &str = "lobby.intake.";
pub const DEVICE_KEY: &str = "lobby.device";
/// Wrong desk PIN tries and the lock-out (never the PIN).
pub const PIN_TRIES_KEY: &str = "lobby.desk_pin_tries";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser's storage is full: the intake could not be kept here.
    Full,
    /// Storage refused for another reason (private mode, disabled, ...).
    Unavailable(String),
}

/// Where the bytes live: the browser's local storage, or memory in tests.
pub trait Backend {
    fn keys(&self) -> Vec<String>;
    fn get(&self, key: &str) -> Option<String>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

/// Everything readable in storage: the intact intakes, and what was set aside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub intakes: Vec<Intake>,
    pub set_aside: Vec<SetAside>,
}

pub struct Store<B: Backend> {
    backend: B,
}

impl<B: Backend> Store<B> {
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    pub fn load(&self) -> Loaded {
        let mut loaded = Loaded::default();
        for key in self
            .backend
            .keys()
            .into_iter()
            .filter(|k| k.starts_with(INTAKE_PREFIX))
        {
            let Some(text) = self.backend.get(&key) else {
                continue;
            };
            match codec::decode(&text) {
                Ok(intake) => loaded.intakes.push(intake),
                Err(reason) => loaded.set_aside.push(SetAside { key, reason }),
            }
        }
        loaded.intakes.sort_by_key(|i| (i.created_ms, i.ticket));
        loaded
    }

    /// Stores a new intake, or replaces the one with the same id.
    pub fn put(&self, intake: &Intake) -> Result<(), StoreError> {
        self.backend.set(
            &format!("{INTAKE_PREFIX}{}", intake.id),
            &codec::encode(intake),
        )
    }

    /// Reads one intake fresh from storage, changes it and writes it back, so a
    /// change made meanwhile in another window is not overwritten.
    pub fn update(
        &self,
        id: &str,
        change: impl FnOnce(&mut Intake),
    ) -> Result<Option<Intake>, StoreError> {
        let Some(text) = self.backend.get(&format!("{INTAKE_PREFIX}{id}")) else {
            return Ok(None);
        };
        let Ok(mut intake) = codec::decode(&text) else {
            return Ok(None);
        };
        change(&mut intake);
        self.put(&intake)?;
        Ok(Some(intake))
    }

    /// This device's id, made once and kept.
    pub fn device_id(&self, fresh: impl FnOnce() -> String) -> String {
        match self.backend.get(DEVICE_KEY) {
            Some(id) if !id.is_empty() && id.len() <= 64 => id,
            _ => {
                let id = fresh();
                // If storage refuses, the id still serves this session.
                let _ = self.backend.set(DEVICE_KEY, &id);
                id
            }
        }
    }
}

/// An in-memory backend for tests, and a stand-in when the browser has no storage.
#[derive(Default)]
pub struct Memory {
    pub map: std::cell::RefCell<std::collections::BTreeMap<String, String>>,
    /// Refuse writes past this many bytes in all, like a full browser storage.
    pub quota: Option<usize>,
}

impl Backend for Memory {
    fn keys(&self) -> Vec<String> {
        self.map.borrow().keys().cloned().collect()
    }
    fn get(&self, key: &str) -> Option<String> {
        self.map.borrow().get(key).cloned()
    }
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        let mut map = self.map.borrow_mut();
        if let Some(quota) = self.quota {
            let used: usize = map
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if used + key.len() + value.len() > quota {
                return Err(StoreError::Full);
            }
        }
        map.insert(key.to_string(), value.to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::Status;

    #[test]
    fn put_load_and_update_round_trip() {
        let store = Store::new(Memory::default());
        let mut a = intake(1);
        a.created_ms = 20;
        let mut b = intake(2);
        b.created_ms = 10;
        store.put(&a).unwrap();
        store.put(&b).unwrap();
        let loaded = store.load();
        assert_eq!(loaded.intakes, vec![b.clone(), a.clone()], "oldest first");
        let updated = store
            .update(&a.id, |i| {
                i.advance(Status::Done, 99);
            })
            .unwrap()
            .unwrap();
        assert_eq!(updated.status, Status::Done);
        assert_eq!(store.load().intakes[1].status, Status::Done);
        assert_eq!(store.update("missing", |_| ()).unwrap(), None);
    }

    #[test]
    fn unreadable_records_are_set_aside_not_dropped() {
        let store = Store::new(Memory::default());
        store.put(&intake(1)).unwrap();
        store
            .backend
            .map
            .borrow_mut()
            .insert(format!("{INTAKE_PREFIX}bad"), "{not json".into());
        store
            .backend
            .map
            .borrow_mut()
            .insert("someone.else".into(), "ignored".into());
        let loaded = store.load();
        assert_eq!(loaded.intakes.len(), 1);
        assert_eq!(loaded.set_aside.len(), 1);
        assert_eq!(loaded.set_aside[0].key, format!("{INTAKE_PREFIX}bad"));
        assert!(
            store.backend.get(&format!("{INTAKE_PREFIX}bad")).is_some(),
            "left in place"
        );
    }

    #[test]
    fn a_full_storage_refuses_without_losing_what_is_there() {
        let store = Store::new(Memory {
            quota: Some(1_500),
            ..Memory::default()
        });
        store.put(&intake(1)).unwrap();
        let mut big = intake(2);
        big.note = "x".repeat(2_000);
        assert_eq!(store.put(&big), Err(StoreError::Full));
        assert_eq!(store.load().intakes, vec![intake(1)]);
    }

    #[test]
    fn the_device_id_is_made_once() {
        let store = Store::new(Memory::default());
        let first = store.device_id(|| "dev-a".into());
        assert_eq!(first, "dev-a");
        assert_eq!(store.device_id(|| "dev-b".into()), "dev-a");
    }
}
