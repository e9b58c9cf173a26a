//! Intakes kept behind one interface: local storage, and what sync through a
//! shared database needs to remember.
pub mod codec;
mod keys;
pub mod local;
pub mod sync_state;

use crate::domain::feedback::Feedback;
use crate::domain::intake::{next_ticket, Intake};
use codec::{SetAside, Unreadable};
pub use keys::{
    DESK_PIN_HASH_KEY, DEVICE_KEY, FEEDBACK_PREFIX, INTAKE_PREFIX, PIN_TRIES_KEY, TICKET_KEY,
};

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
    fn remove(&self, key: &str);
}

/// Everything readable in storage: the intact intakes, and what was set aside.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    pub intakes: Vec<Intake>,
    pub feedback: Vec<Feedback>,
    pub set_aside: Vec<SetAside>,
}

pub struct Store<B: Backend> {
    backend: B,
}

/// Stored feedback whose follow-up is still to be done, as of `now_ms`: a desk
/// keeps it past its days (see `Feedback::still_to_follow_up`).
pub fn follow_up_to_do(now_ms: i64) -> impl Fn(&str, &str) -> bool {
    move |key, text| {
        key.starts_with(FEEDBACK_PREFIX)
            && codec::decode_feedback(text).is_ok_and(|f| f.still_to_follow_up(now_ms))
    }
}

impl<B: Backend> Store<B> {
    pub fn new(backend: B) -> Self {
        Self { backend }
    }

    pub fn load(&self) -> Loaded {
        let mut loaded = Loaded::default();
        for key in self.backend.keys() {
            let Some(record) = self.read_record(&key) else {
                continue;
            };
            match record {
                Ok(Record::Intake(intake)) => loaded.intakes.push(intake),
                Ok(Record::Feedback(feedback)) => loaded.feedback.push(feedback),
                Err(reason) => loaded.set_aside.push(SetAside { key, reason }),
            }
        }
        loaded.intakes.sort_by_key(|i| (i.created_ms, i.ticket));
        loaded
            .feedback
            .sort_by(|a, b| (a.created_ms, &a.id).cmp(&(b.created_ms, &b.id)));
        loaded
    }

    /// The readable intakes, in no particular order: what a kiosk needs to find a
    /// ticket or count the day's, without decoding feedback or sorting (the
    /// sorting is for the desk's queue, and its code stays out of the kiosk's download).
    pub fn intakes(&self) -> Vec<Intake> {
        self.backend
            .keys()
            .into_iter()
            .filter(|key| key.starts_with(INTAKE_PREFIX))
            .filter_map(|key| codec::decode(&self.backend.get(&key)?).ok())
            .collect()
    }

    /// The intake or feedback stored under `key`, if the key is one of ours.
    pub fn read_record(&self, key: &str) -> Option<Result<Record, Unreadable>> {
        if key.starts_with(INTAKE_PREFIX) {
            let text = self.backend.get(key)?;
            Some(codec::decode(&text).map(Record::Intake))
        } else if key.starts_with(FEEDBACK_PREFIX) {
            let text = self.backend.get(key)?;
            Some(codec::decode_feedback(&text).map(Record::Feedback))
        } else {
            None
        }
    }

    /// The intake or feedback with this id, if it is there and readable.
    pub fn read_by_id(&self, id: &str) -> Option<Record> {
        self.read_record(&Record::key_of(id)).and_then(Result::ok)
    }

    /// Stores an intake or feedback, new or replacing the one with its id.
    pub fn put_record(&self, record: &Record) -> Result<(), StoreError> {
        match record {
            Record::Intake(i) => self.put(i),
            Record::Feedback(f) => self.put_feedback(f),
        }
    }

    /// One stored feedback by id, if it is there and readable.
    pub fn read_feedback(&self, id: &str) -> Option<Feedback> {
        self.backend
            .get(&format!("{FEEDBACK_PREFIX}{id}"))
            .and_then(|t| codec::decode_feedback(&t).ok())
    }

    /// Stores new feedback, or replaces the one with the same id.
    pub fn put_feedback(&self, feedback: &Feedback) -> Result<(), StoreError> {
        self.backend.set(
            &format!("{FEEDBACK_PREFIX}{}", feedback.id),
            &codec::encode_feedback(feedback),
        )
    }

    /// Reads feedback fresh, changes it and writes it back (see [`Store::update`]).
    pub fn update_feedback(
        &self,
        id: &str,
        change: impl FnOnce(&mut Feedback),
    ) -> Result<Option<Feedback>, StoreError> {
        let Some(mut feedback) = self.read_feedback(id) else {
            return Ok(None);
        };
        change(&mut feedback);
        self.put_feedback(&feedback)?;
        Ok(Some(feedback))
    }

    /// Removes every intake and feedback of `day` from this device: "clear today".
    pub fn clear_day(&self, day: &str) -> usize {
        self.remove_where(|d, _, _| d == day)
    }

    /// Removes intakes and feedback whose day, key and text pass `doomed`;
    /// unreadable records stay.
    fn remove_where(&self, doomed: impl Fn(&str, &str, &str) -> bool) -> usize {
        let mut removed = 0;
        for key in self.backend.keys() {
            let Some(text) = self.backend.get(&key) else {
                continue;
            };
            let Some(day) = codec::day_of(&key, &text) else {
                continue;
            };
            if doomed(&day, &key, &text) {
                self.backend.remove(&key);
                removed += 1;
            }
        }
        if removed > 0 {
            self.prune_revs();
        }
        removed
    }

    /// The next ticket number for `day`, counted in one small record so filing does
    /// not read every stored intake; when that record is missing or damaged, the
    /// stored intakes of the day are counted instead.
    /// `at_least` is one more than the last ticket this page gave today, so numbers
    /// never repeat even when the counter cannot be written (storage full).
    pub fn take_ticket(&self, day: &str, at_least: u32) -> u32 {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Counter {
            day: String,
            last: u32,
        }
        let counter = self
            .backend
            .get(TICKET_KEY)
            .and_then(|t| serde_json::from_str::<Counter>(&t).ok());
        let next = match counter {
            Some(c) if c.day == day => c.last + 1,
            Some(_) => 1,
            None => next_ticket(&self.intakes(), day),
        }
        .max(at_least);
        let counter = Counter {
            day: day.to_string(),
            last: next,
        };
        // If this fails, the intake's own write fails too and the customer is told.
        let _ = self.backend.set(
            TICKET_KEY,
            &serde_json::to_string(&counter).unwrap_or_default(),
        );
        next
    }

    /// Removes intakes and feedback of days before `first_day_kept` (`YYYY-MM-DD`):
    /// the retention the business configured. Unreadable records are left alone,
    /// and so is any record `kept` keeps (by its key and text).
    pub fn prune(&self, first_day_kept: &str, kept: impl Fn(&str, &str) -> bool) -> usize {
        self.remove_where(|day, key, text| day < first_day_kept && !kept(key, text))
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

/// What one stored key holds. Records are read and written one at a time,
/// never kept in bulk as `Record`s: a box per intake would buy nothing.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Record {
    Intake(Intake),
    Feedback(Feedback),
}

impl Record {
    pub fn id(&self) -> &str {
        match self {
            Record::Intake(i) => &i.id,
            Record::Feedback(f) => &f.id,
        }
    }

    /// The storage key of the record with this id: feedback ids say what they are.
    pub fn key_of(id: &str) -> String {
        if crate::domain::feedback::is_feedback_id(id) {
            format!("{FEEDBACK_PREFIX}{id}")
        } else {
            format!("{INTAKE_PREFIX}{id}")
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
    fn remove(&self, key: &str) {
        self.map.borrow_mut().remove(key);
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
    fn a_kiosk_reads_the_readable_intakes_and_nothing_else() {
        let store = Store::new(Memory::default());
        store.put(&intake(1)).unwrap();
        store.put(&intake(2)).unwrap();
        store
            .put_feedback(&crate::domain::feedback::fixtures::feedback(
                1,
                crate::domain::feedback::Expectations::Met,
                true,
            ))
            .unwrap();
        store
            .backend
            .map
            .borrow_mut()
            .insert(format!("{INTAKE_PREFIX}bad"), "{not json".into());
        let mut tickets: Vec<u32> = store.intakes().iter().map(|i| i.ticket).collect();
        tickets.sort();
        assert_eq!(tickets, vec![1, 2]);
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
    fn tickets_count_from_one_each_day_without_reading_every_intake() {
        let store = Store::new(Memory::default());
        assert_eq!(store.take_ticket("2026-11-22", 1), 1);
        assert_eq!(store.take_ticket("2026-11-22", 1), 2);
        assert_eq!(
            store.take_ticket("2026-11-23", 1),
            1,
            "a new day starts at 1"
        );
        // Without the counter (damaged, or from before it existed), count the day's intakes.
        let mut i = intake(7);
        i.day = "2026-11-23".into();
        store.put(&i).unwrap();
        store
            .backend
            .map
            .borrow_mut()
            .insert(TICKET_KEY.into(), "{oops".into());
        assert_eq!(store.take_ticket("2026-11-23", 1), 8);
        assert_eq!(store.take_ticket("2026-11-23", 1), 9);
        // A counter that cannot be written does not make numbers repeat.
        let full = Store::new(Memory {
            quota: Some(0),
            ..Memory::default()
        });
        assert_eq!(full.take_ticket("2026-11-23", 1), 1);
        assert_eq!(full.take_ticket("2026-11-23", 2), 2);
    }

    #[test]
    fn pruning_removes_only_older_days() {
        let store = Store::new(Memory::default());
        for (n, day) in [
            (1, "2026-10-01"),
            (2, "2026-11-07"),
            (3, "2026-11-08"),
            (4, "2026-11-22"),
        ] {
            let mut i = intake(n);
            i.day = day.into();
            store.put(&i).unwrap();
        }
        store
            .backend
            .map
            .borrow_mut()
            .insert(format!("{INTAKE_PREFIX}bad"), "{bad".into());
        let mut old_feedback = crate::domain::feedback::fixtures::feedback(
            1,
            crate::domain::feedback::Expectations::Met,
            true,
        );
        old_feedback.day = "2026-11-07".into();
        store.put_feedback(&old_feedback).unwrap();
        // Unhappy, and nobody has called them yet: a desk keeps it until someone does.
        let mut to_call = old_feedback.clone();
        to_call.id = format!("{}-to-call", old_feedback.id);
        to_call.respected = false;
        store.put_feedback(&to_call).unwrap();
        let soon = to_call.created_ms + 3 * crate::domain::clock::DAY_MS;
        assert_eq!(store.prune("2026-11-08", follow_up_to_do(soon)), 3);
        assert_eq!(store.load().feedback, [to_call.clone()]);
        let weeks_on = to_call.created_ms + 15 * crate::domain::clock::DAY_MS;
        assert_eq!(
            store.prune("2026-11-08", follow_up_to_do(weeks_on)),
            1,
            "two weeks on, the figures have it, the desk no longer"
        );
        to_call.handle(1, "called".into());
        store.put_feedback(&to_call).unwrap();
        assert_eq!(
            store.prune("2026-11-08", follow_up_to_do(soon)),
            1,
            "handled, it goes"
        );
        assert!(
            store.load().feedback.is_empty(),
            "feedback goes with its day"
        );
        let days: Vec<String> = store.load().intakes.into_iter().map(|i| i.day).collect();
        assert_eq!(
            days,
            vec!["2026-11-08".to_string(), "2026-11-22".to_string()]
        );
        assert_eq!(
            store.load().set_aside.len(),
            1,
            "unreadable records are left alone"
        );
    }

    #[test]
    fn clearing_a_day_removes_its_intakes_and_feedback_only() {
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let store = Store::new(Memory::default());
        let mut yesterday = intake(1);
        yesterday.day = "2026-11-21".into();
        store.put(&yesterday).unwrap();
        store.put(&intake(2)).unwrap();
        store.put(&intake(3)).unwrap();
        store
            .put_feedback(&feedback(1, Expectations::Met, true))
            .unwrap();
        let changed = store
            .update_feedback(&feedback(1, Expectations::Met, true).id, |f| {
                f.comment = "thanks".into();
            })
            .unwrap()
            .unwrap();
        assert_eq!(store.load().feedback, vec![changed]);
        assert_eq!(store.clear_day("2026-11-22"), 3);
        let left = store.load();
        assert_eq!(left.intakes, vec![yesterday]);
        assert!(left.feedback.is_empty());
    }

    #[test]
    fn the_device_id_is_made_once() {
        let store = Store::new(Memory::default());
        let first = store.device_id(|| "dev-a".into());
        assert_eq!(first, "dev-a");
        assert_eq!(store.device_id(|| "dev-b".into()), "dev-a");
    }
}
