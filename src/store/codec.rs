//! One stored intake as text: `{"schema": N, "intake": {...}}`. Decoding never
//! panics; what cannot be read is set aside with the reason.
use serde::{Deserialize, Serialize};

use crate::domain::intake::Intake;

pub const SCHEMA: u32 = 1;

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON, or cut short.
    Corrupt,
    /// Written by a newer Lobby than this one.
    NewerSchema(u32),
    /// JSON of the right schema, but not an intake.
    NotAnIntake,
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
    let record: RecordIn = serde_json::from_str(text).map_err(|_| Unreadable::Corrupt)?;
    if record.schema > SCHEMA || record.schema == 0 {
        return Err(Unreadable::NewerSchema(record.schema));
    }
    serde_json::from_value(record.intake).map_err(|_| Unreadable::NotAnIntake)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::{Deadline, DeadlineChoice, Limit, Priority};

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
        assert!(text.starts_with(r#"{"schema":1,"#));
    }

    #[test]
    fn bad_records_say_why() {
        let good = encode(&intake(1));
        assert_eq!(decode("{not json"), Err(Unreadable::Corrupt));
        assert_eq!(decode(&good[..good.len() / 2]), Err(Unreadable::Corrupt));
        assert_eq!(
            decode(&good.replace(r#""schema":1"#, r#""schema":9"#)),
            Err(Unreadable::NewerSchema(9))
        );
        assert_eq!(
            decode(r#"{"schema":1,"intake":{"hello":"world"}}"#),
            Err(Unreadable::NotAnIntake)
        );
    }
}
