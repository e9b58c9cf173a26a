//! One stored intake as text: `{"schema": N, "intake": {...}}`. Older schemas are
//! migrated on reading; decoding never panics, and what cannot be read is set
//! aside with the reason.
use serde::{Deserialize, Serialize};

use crate::domain::feedback::Feedback;
use crate::domain::intake::Intake;

/// The schema this version writes.
/// - 1: the first release.
/// - 2: adds `language`, the customer's language (version-1 records were all English).
pub const SCHEMA: u32 = 2;

#[derive(Serialize)]
struct RecordOut<'a> {
    schema: u32,
    intake: &'a Intake,
}

#[derive(Deserialize)]
struct RecordIn {
    schema: u32,
    intake: serde_json::Value,
}

/// Why a stored record could not be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unreadable {
    /// Not JSON, or cut short.
    Corrupt,
    /// Written by a newer Lobby than this one (or a schema that never existed).
    UnknownSchema(u32),
    /// JSON of a known schema, but not an intake (or not feedback, under a feedback key).
    NotAnIntake,
    /// Far larger than any record Lobby writes (from the database: never stored).
    TooLarge,
}

impl Unreadable {
    /// As remembered on a device: `corrupt`, `newer`, `foreign`, `large`.
    pub fn code(self) -> &'static str {
        match self {
            Unreadable::Corrupt => "corrupt",
            Unreadable::UnknownSchema(_) => "newer",
            Unreadable::NotAnIntake => "foreign",
            Unreadable::TooLarge => "large",
        }
    }

    /// The reason a code names; anything else reads as damaged.
    pub fn from_code(code: &str) -> Unreadable {
        match code {
            "newer" => Unreadable::UnknownSchema(0),
            "foreign" => Unreadable::NotAnIntake,
            "large" => Unreadable::TooLarge,
            _ => Unreadable::Corrupt,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub key: String,
    pub reason: Unreadable,
}

pub fn encode(intake: &Intake) -> String {
    serde_json::to_string(&RecordOut {
        schema: SCHEMA,
        intake,
    })
    .expect("an intake always serialises")
}

pub fn decode(text: &str) -> Result<Intake, Unreadable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Unreadable::Corrupt)?;
    decode_value(value)
}

/// Reads a record already parsed as JSON (a database document is one, with more fields).
pub fn decode_value(value: serde_json::Value) -> Result<Intake, Unreadable> {
    // Well-formed JSON without our envelope is someone else's data, not damage.
    let record: RecordIn = serde_json::from_value(value).map_err(|_| Unreadable::NotAnIntake)?;
    let intake = migrate(record.schema, record.intake)?;
    let intake: Intake = serde_json::from_value(intake).map_err(|_| Unreadable::NotAnIntake)?;
    // A record's id says its type: one that disagrees would be kept under one key
    // and looked up under another.
    if crate::domain::feedback::is_feedback_id(&intake.id) {
        return Err(Unreadable::NotAnIntake);
    }
    Ok(intake)
}

/// The schema of stored feedback.
/// - 1: the first release with feedback.
pub const FEEDBACK_SCHEMA: u32 = 1;

#[derive(Serialize)]
struct FeedbackOut<'a> {
    schema: u32,
    feedback: &'a Feedback,
}

#[derive(Deserialize)]
struct FeedbackIn {
    schema: u32,
    feedback: serde_json::Value,
}

/// Feedback as stored: `{"schema": N, "feedback": {...}}`.
pub fn encode_feedback(feedback: &Feedback) -> String {
    serde_json::to_string(&FeedbackOut {
        schema: FEEDBACK_SCHEMA,
        feedback,
    })
    .expect("feedback always serialises")
}

pub fn decode_feedback(text: &str) -> Result<Feedback, Unreadable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Unreadable::Corrupt)?;
    decode_feedback_value(value)
}

pub fn decode_feedback_value(value: serde_json::Value) -> Result<Feedback, Unreadable> {
    let record: FeedbackIn = serde_json::from_value(value).map_err(|_| Unreadable::NotAnIntake)?;
    readable(record.schema, FEEDBACK_SCHEMA)?;
    let feedback: Feedback =
        serde_json::from_value(record.feedback).map_err(|_| Unreadable::NotAnIntake)?;
    if !crate::domain::feedback::is_feedback_id(&feedback.id) {
        return Err(Unreadable::NotAnIntake);
    }
    Ok(feedback)
}

/// The day of a stored intake or feedback (by its key) of a schema this version
/// reads, without decoding the rest: pruning looks at every record, and decoding
/// each in full made a desk with a full day slow to open.
pub fn day_of(key: &str, text: &str) -> Option<String> {
    let (field, newest) = if key.starts_with(super::keys::INTAKE_PREFIX) {
        ("intake", SCHEMA)
    } else if key.starts_with(super::keys::FEEDBACK_PREFIX) {
        ("feedback", FEEDBACK_SCHEMA)
    } else {
        return None;
    };
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    let schema = value.get("schema")?.as_u64()?;
    readable(u32::try_from(schema).ok()?, newest).ok()?;
    match value.get_mut(field)?.get_mut("day")?.take() {
        serde_json::Value::String(day) => Some(day),
        _ => None,
    }
}

/// Schemas run from 1 to the newest this version writes; any other was written by
/// a newer Lobby (or never existed).
fn readable(schema: u32, newest: u32) -> Result<(), Unreadable> {
    if schema == 0 || schema > newest {
        return Err(Unreadable::UnknownSchema(schema));
    }
    Ok(())
}

/// Brings a record of an older schema up to `SCHEMA`, one version at a time.
fn migrate(schema: u32, mut intake: serde_json::Value) -> Result<serde_json::Value, Unreadable> {
    readable(schema, SCHEMA)?;
    if schema < 2 {
        let fields = intake.as_object_mut().ok_or(Unreadable::NotAnIntake)?;
        fields.entry("language").or_insert_with(|| "en".into());
    }
    Ok(intake)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::{Deadline, DeadlineChoice, Limit, Priority, Status};

    #[test]
    fn round_trips_every_field() {
        let mut i = intake(7);
        i.name = "Zoë 👍🏽 <b>".into();
        i.priority = Some(Priority::Both);
        i.deadline = Some(Deadline {
            choice: DeadlineChoice::At,
            at_ms: 123,
        });
        i.estimate_first = Some(false);
        i.limit = Some(Limit::Amount(250));
        i.help = vec!["coffee".into()];
        i.note = "line\n\"quoted\"".into();
        i.language = "es".into();
        assert_eq!(decode(&encode(&i)), Ok(i));
    }

    #[test]
    fn stores_codes_not_display_text() {
        let mut i = intake(1);
        i.priority = Some(Priority::Quality);
        i.limit = Some(Limit::NoLimit);
        let text = encode(&i);
        assert!(text.contains(r#""priority":"quality""#), "{text}");
        assert!(text.contains(r#""limit":"no_limit""#), "{text}");
        assert!(text.starts_with(r#"{"schema":2,"#));
    }

    #[test]
    fn a_record_whose_id_says_another_type_is_not_read() {
        let mut i = intake(1);
        i.id = "feedback-dev-1".into();
        assert_eq!(decode(&encode(&i)), Err(Unreadable::NotAnIntake));
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let mut f = feedback(3, Expectations::Below, false);
        f.id = "dev-3".into();
        assert_eq!(
            decode_feedback(&encode_feedback(&f)),
            Err(Unreadable::NotAnIntake)
        );
    }

    #[test]
    fn feedback_round_trips_and_bad_feedback_says_why() {
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let mut f = feedback(3, Expectations::Below, false);
        f.ticket = "A-3".into();
        f.comment = "Waited \"forever\", 👎".into();
        f.handle(9, "Called, sorry".into());
        let text = encode_feedback(&f);
        assert!(text.starts_with(r#"{"schema":1,"feedback":{"#), "{text}");
        assert_eq!(decode_feedback(&text), Ok(f));
        assert_eq!(decode_feedback("{oops"), Err(Unreadable::Corrupt));
        assert_eq!(
            decode_feedback(r#"{"schema":9,"feedback":{}}"#),
            Err(Unreadable::UnknownSchema(9))
        );
        assert_eq!(
            decode_feedback(r#"{"schema":1,"feedback":{"id":"x"}}"#),
            Err(Unreadable::NotAnIntake)
        );
    }

    #[test]
    fn the_day_alone_is_read_from_records_this_version_reads() {
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let (ik, fk) = ("lobby.intake.x", "lobby.feedback.x");
        let i = intake(2);
        assert_eq!(day_of(ik, &encode(&i)), Some(i.day.clone()));
        let f = feedback(1, Expectations::Met, true);
        assert_eq!(day_of(fk, &encode_feedback(&f)), Some(f.day.clone()));
        let v1 = r#"{"schema":1,"intake":{"day":"2026-11-20","name":"Ana"}}"#;
        assert_eq!(day_of(ik, v1).as_deref(), Some("2026-11-20"));
        // Not this version's to judge, or not a record at all: no day, so never pruned.
        for (key, text) in [
            (ik, r#"{"schema":3,"intake":{"day":"2026-11-20"}}"#),
            (ik, r#"{"schema":0,"intake":{"day":"2026-11-20"}}"#),
            (fk, r#"{"schema":2,"feedback":{"day":"2026-11-20"}}"#),
            (ik, r#"{"schema":1,"feedback":{"day":"2026-11-20"}}"#),
            (ik, r#"{"schema":1,"intake":{"day":20261120}}"#),
            (ik, r#"{"schema":1,"intake":{"day":"2026-11"#),
            (ik, r#"{"theme":"dark"}"#),
            (
                "lobby.ticket",
                r#"{"schema":1,"intake":{"day":"2026-11-20"}}"#,
            ),
        ] {
            assert_eq!(day_of(key, text), None, "{key} {text}");
        }
    }

    /// A record exactly as the first release wrote it.
    #[test]
    fn reads_a_version_1_record() {
        let v1 = r#"{"schema":1,"intake":{"id":"k7-00ff","device":"k7","created_ms":1795338000000,"day":"2026-11-22","ticket":3,"name":"Ana","reason":"repair","recovery":false,"wants_person":false,"priority":"time","deadline":{"choice":"by_noon","at_ms":1795348800000},"estimate_first":null,"limit":null,"help":["coffee","wifi"],"detail":"brief","note":"","status":"serving","done_help":["wifi"],"status_ms":1795338600000}}"#;
        let i = decode(v1).expect("a version-1 record reads");
        assert_eq!(
            (i.ticket, i.name.as_str(), i.language.as_str()),
            (3, "Ana", "en")
        );
        assert_eq!(i.priority, Some(Priority::Time));
        assert_eq!(i.deadline.map(|d| d.choice), Some(DeadlineChoice::ByNoon));
        assert_eq!(
            (i.status, i.done_help.clone()),
            (Status::Serving, vec!["wifi".to_string()])
        );
        // Written back, it is a current record.
        assert!(encode(&i).starts_with(r#"{"schema":2,"#));
    }

    #[test]
    fn bad_records_say_why() {
        let good = encode(&intake(1));
        assert_eq!(decode("{not json"), Err(Unreadable::Corrupt));
        assert_eq!(decode(&good[..good.len() / 2]), Err(Unreadable::Corrupt));
        assert_eq!(
            decode(&good.replace(r#""schema":2"#, r#""schema":9"#)),
            Err(Unreadable::UnknownSchema(9))
        );
        assert_eq!(
            decode(&good.replace(r#""schema":2"#, r#""schema":0"#)),
            Err(Unreadable::UnknownSchema(0))
        );
        assert_eq!(
            decode(r#"{"schema":2,"intake":{"hello":"world"}}"#),
            Err(Unreadable::NotAnIntake)
        );
        assert_eq!(
            decode(r#"{"schema":1,"intake":[1,2]}"#),
            Err(Unreadable::NotAnIntake)
        );
        assert_eq!(
            decode(r#"{"schema":"2","intake":{}}"#),
            Err(Unreadable::NotAnIntake)
        );
        assert_eq!(decode(r#"{"theme":"dark"}"#), Err(Unreadable::NotAnIntake));
        assert_eq!(decode("[]"), Err(Unreadable::NotAnIntake));
    }
}

/// Property tests: any records round-trip, and no input makes the decoder panic.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::intake::{Deadline, DeadlineChoice, Detail, Limit, Priority, Status};
    use crate::store::{Memory, Store};

    fn any_intake() -> impl Strategy<Value = Intake> {
        let answers = (
            proptest::option::of(prop_oneof![
                Just(Priority::Time),
                Just(Priority::Cost),
                Just(Priority::Both),
                Just(Priority::Quality)
            ]),
            proptest::option::of((
                prop_oneof![
                    Just(DeadlineChoice::WithinHour),
                    Just(DeadlineChoice::ByNoon),
                    Just(DeadlineChoice::EndOfDay),
                    Just(DeadlineChoice::At)
                ],
                any::<i64>(),
            )),
            proptest::option::of(any::<bool>()),
            proptest::option::of(prop_oneof![
                any::<u32>().prop_map(Limit::Amount),
                Just(Limit::NoLimit)
            ]),
            proptest::option::of(prop_oneof![Just(Detail::Brief), Just(Detail::WalkThrough)]),
            prop_oneof![
                Just(Status::Waiting),
                Just(Status::Serving),
                Just(Status::Done),
                Just(Status::Left)
            ],
        );
        let identity = (
            "[a-z0-9-]{1,40}",
            "[a-z0-9]{1,16}",
            any::<i64>(),
            "[0-9-]{0,12}",
            any::<u32>(),
        );
        let text = (
            any::<String>(),
            proptest::option::of(any::<String>()),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(any::<String>(), 0..5),
            any::<String>(),
            proptest::collection::vec(any::<String>(), 0..3),
            proptest::option::of(any::<i64>()),
            "[a-z]{2}",
        );
        (identity, text, answers).prop_map(
            |(
                (id, device, created_ms, day, ticket),
                (name, reason, recovery, wants_person, help, note, done_help, status_ms, language),
                (priority, deadline, estimate_first, limit, detail, status),
            )| Intake {
                id,
                device,
                created_ms,
                day,
                ticket,
                letter: (ticket % 3 == 0)
                    .then(|| char::from(b'A' + (ticket % 26) as u8).to_string()),
                name,
                reason,
                recovery,
                wants_person,
                priority,
                deadline: deadline.map(|(choice, at_ms)| Deadline { choice, at_ms }),
                estimate_first,
                limit,
                help: help.clone(),
                detail,
                note: note.clone(),
                // Answers to the business's own questions, from text already drawn.
                answers: help
                    .iter()
                    .map(|h| crate::domain::questions::Answer {
                        question: format!("q{}", h.len() % 3),
                        value: h.clone(),
                    })
                    .collect(),
                status,
                done_help,
                status_ms,
                // Derived from fields already drawn, so the tuple sizes stay within proptest's.
                served_ms: status_ms.map(|ms| ms / 2),
                staff_note: note.chars().rev().collect(),
                reopened: ticket % 4,
                closed_by_feedback: recovery && wants_person,
                language,
                quote: status_ms.map(|ms| crate::domain::wait::Quote {
                    position: ticket,
                    low_min: ms.rem_euclid(60) as u32,
                    high_min: ms.rem_euclid(60) as u32 + 10,
                }),
                phone: if wants_person {
                    format!("+1555{ticket}")
                } else {
                    String::new()
                },
                promised_ms: status_ms.map(|ms| ms + 1),
            },
        )
    }

    proptest! {
        #[test]
        fn any_record_round_trips(i in any_intake()) {
            prop_assert_eq!(decode(&encode(&i)), Ok(i));
        }

        #[test]
        fn any_sequence_of_records_round_trips_through_the_store(records in proptest::collection::vec(any_intake(), 0..20)) {
            let store = Store::new(Memory::default());
            let mut latest = std::collections::BTreeMap::new();
            for r in &records {
                store.put(r).unwrap();
                latest.insert(r.id.clone(), r.clone());
            }
            let loaded = store.load();
            prop_assert!(loaded.set_aside.is_empty());
            let mut got: Vec<_> = loaded.intakes;
            got.sort_by(|a, b| a.id.cmp(&b.id));
            let want: Vec<_> = latest.into_values().collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn any_bytes_decode_to_an_intake_or_a_reason(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = decode(&text);
        }

        #[test]
        fn any_cut_or_damage_of_a_record_is_caught(i in any_intake(), cut in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let text = encode(&i);
            let at = cut.index(text.len());
            // Cut short: never an intake that differs from what was written.
            if let Ok(read) = decode(&text[..text.floor_char_boundary(at)]) {
                prop_assert_eq!(read, i.clone());
            }
            // One byte replaced: an intake or a reason, never a panic.
            let mut damaged = text.into_bytes();
            damaged[at] = byte;
            let _ = decode(&String::from_utf8_lossy(&damaged));
        }
    }
}
