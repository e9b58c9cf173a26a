//! Intakes and feedback as CouchDB documents, the `_changes` feed, and how two
//! versions of one record become one. Plain Rust: tested natively.
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::feedback::{Feedback, FollowUp};
use crate::domain::intake::Intake;
use crate::store::codec::{self, Unreadable};
use crate::store::Record;

/// The `type` of an intake document.
pub const INTAKE_TYPE: &str = "intake";
/// The `type` of a feedback document.
pub const FEEDBACK_TYPE: &str = "feedback";

/// A record as a document: the stored record (`schema`, `intake` or `feedback`)
/// with the document's id, type and, for a change, the revision it replaces. The
/// record's id is the document's id, so sending it twice can never make two.
pub fn to_doc(record: &Record, rev: Option<&str>) -> String {
    /// Written in one go: building a JSON value and adding fields to it brought
    /// the code that writes any value into the kiosk's download.
    #[derive(Serialize)]
    struct Doc<'a> {
        #[serde(rename = "_id")]
        id: &'a str,
        #[serde(rename = "_rev", skip_serializing_if = "Option::is_none")]
        rev: Option<&'a str>,
        #[serde(rename = "type")]
        kind: &'static str,
        schema: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        intake: Option<&'a Intake>,
        #[serde(skip_serializing_if = "Option::is_none")]
        feedback: Option<&'a Feedback>,
    }
    let doc = match record {
        Record::Intake(i) => Doc {
            id: &i.id,
            rev,
            kind: INTAKE_TYPE,
            schema: codec::SCHEMA,
            intake: Some(i),
            feedback: None,
        },
        Record::Feedback(f) => Doc {
            id: &f.id,
            rev,
            kind: FEEDBACK_TYPE,
            schema: codec::FEEDBACK_SCHEMA,
            intake: None,
            feedback: Some(f),
        },
    };
    serde_json::to_string(&doc).expect("a record always serialises")
}

/// A document read from the database.
#[derive(Clone, Debug, PartialEq)]
pub struct Remote {
    pub record: Record,
    pub rev: String,
    /// Revisions that lost a conflict and still wait to be merged in.
    pub conflicts: Vec<String>,
}

/// Reads an intake or feedback document. Anything else (a design document,
/// another type, a record of a newer schema) is not one this version can show.
pub fn from_doc(doc: Value) -> Result<Remote, Unreadable> {
    let kind = doc.get("type").and_then(Value::as_str).map(str::to_string);
    if !matches!(kind.as_deref(), Some(INTAKE_TYPE | FEEDBACK_TYPE)) {
        return Err(Unreadable::NotAnIntake);
    }
    let rev = doc
        .get("_rev")
        .and_then(Value::as_str)
        .ok_or(Unreadable::NotAnIntake)?
        .to_string();
    let conflicts = doc
        .get("_conflicts")
        .and_then(Value::as_array)
        .map(|revs| {
            revs.iter()
                .filter_map(|r| r.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let id = doc.get("_id").and_then(Value::as_str).map(str::to_string);
    let record = match kind.as_deref() {
        Some(FEEDBACK_TYPE) => Record::Feedback(codec::decode_feedback_value(doc)?),
        _ => Record::Intake(codec::decode_value(doc)?),
    };
    if id.as_deref() != Some(record.id()) {
        return Err(Unreadable::NotAnIntake);
    }
    Ok(Remote {
        record,
        rev,
        conflicts,
    })
}

/// One entry of the `_changes` feed.
#[derive(Clone, Debug, Deserialize)]
pub struct Change {
    pub id: String,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub doc: Option<Value>,
}

/// A page of the `_changes` feed, and where the next one starts.
#[derive(Clone, Debug)]
pub struct Changes {
    pub results: Vec<Change>,
    /// The `since` of the next request, as the server wrote it (CouchDB 3 writes a
    /// string, others a number).
    pub last_seq: String,
}

pub fn parse_changes(text: &str) -> Result<Changes, String> {
    #[derive(Deserialize)]
    struct Page {
        results: Vec<Change>,
        last_seq: Value,
    }
    let page: Page = serde_json::from_str(text.trim()).map_err(|e| e.to_string())?;
    let last_seq = match page.last_seq {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        other => return Err(format!("unexpected last_seq {other}")),
    };
    Ok(Changes {
        results: page.results,
        last_seq,
    })
}

/// The revision's generation: `3-abc` is 3. Higher is newer along one history.
pub fn generation(rev: &str) -> u64 {
    rev.split_once('-')
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0)
}

/// Two versions of one intake, changed at the same time on different devices,
/// made one without losing either change: what the customer said never changes;
/// the status only moves forward (the further one wins, with its time), unless a
/// desk deliberately moved it back (Undo, Back to waiting): then the version with
/// more such moves decides the status, as it was made after the other; ticked help
/// items are united. The result does not depend on the order of `a` and `b`,
/// so every desk that merges the same two versions gets the same intake.
pub fn merge(a: &Intake, b: &Intake) -> Intake {
    let (ahead, behind) = match (a.reopened, a.status).cmp(&(b.reopened, b.status)) {
        std::cmp::Ordering::Less => (b, a),
        std::cmp::Ordering::Greater => (a, b),
        // Same status: the earlier change of status is when it really happened.
        std::cmp::Ordering::Equal => match (a.status_ms, b.status_ms) {
            (Some(x), Some(y)) if y < x => (b, a),
            (None, Some(_)) => (b, a),
            _ => (a, b),
        },
    };
    let mut merged = ahead.clone();
    // The wait ended when the first desk took them (since the last step back).
    if a.reopened == b.reopened {
        merged.served_ms = match (a.served_ms, b.served_ms) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
    }
    // A note written on one desk is kept; two different notes: the same one on every desk.
    merged.staff_note = std::cmp::max(&a.staff_note, &b.staff_note).clone();
    let ticked: BTreeSet<&String> = ahead.done_help.iter().chain(&behind.done_help).collect();
    // In the order the customer's help items are listed; anything else after, sorted.
    merged.done_help = ahead
        .help
        .iter()
        .filter(|h| ticked.contains(h))
        .chain(ticked.iter().copied().filter(|h| !ahead.help.contains(h)))
        .cloned()
        .collect();
    merged
}

/// Two versions of one feedback: what the customer said never changes; the
/// follow-up handled first stands, and a comment and a wish to talk are kept.
/// Order does not matter.
pub fn merge_feedback(a: &Feedback, b: &Feedback) -> Feedback {
    let first = |x: &FollowUp, y: &FollowUp| (x.at_ms, &x.note) <= (y.at_ms, &y.note);
    let mut merged = a.clone();
    merged.follow_up = match (&a.follow_up, &b.follow_up) {
        (Some(x), Some(y)) => Some(if first(x, y) { x.clone() } else { y.clone() }),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    merged.comment = std::cmp::max(&a.comment, &b.comment).clone();
    merged.wants_talk = a.wants_talk || b.wants_talk;
    merged
}

/// Two versions of one record made one (see [`merge`] and [`merge_feedback`]).
/// Records of different kinds under one id cannot happen; the first is kept.
pub fn merge_records(a: &Record, b: &Record) -> Record {
    match (a, b) {
        (Record::Intake(a), Record::Intake(b)) => Record::Intake(merge(a, b)),
        (Record::Feedback(a), Record::Feedback(b)) => Record::Feedback(merge_feedback(a, b)),
        _ => a.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::Status;

    fn with_help(ticket: u32) -> Intake {
        let mut i = intake(ticket);
        i.help = vec!["coffee".into(), "wifi".into(), "shuttle".into()];
        i
    }

    #[test]
    fn a_document_round_trips_with_its_id_type_and_revision() {
        let mut i = with_help(3);
        i.letter = Some("B".into());
        i.name = "Zoë \"quoted\" <b>".into();
        let text = to_doc(&Record::Intake(i.clone()), Some("2-abc"));
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(doc["_id"], "dev-3");
        assert_eq!(doc["type"], "intake");
        assert_eq!(doc["_rev"], "2-abc");
        assert_eq!(doc["schema"], codec::SCHEMA);
        let back = from_doc(doc).unwrap();
        assert_eq!(
            (back.record, back.rev, back.conflicts),
            (Record::Intake(i), "2-abc".to_string(), vec![])
        );
        // A new document carries no revision.
        let fresh: Value = serde_json::from_str(&to_doc(&Record::Intake(intake(1)), None)).unwrap();
        assert!(fresh.get("_rev").is_none());
    }

    #[test]
    fn other_documents_are_not_intakes() {
        let design = serde_json::json!({"_id": "_design/lobby", "_rev": "1-a", "validate_doc_update": "function(){}"});
        assert_eq!(from_doc(design), Err(Unreadable::NotAnIntake));
        let mut doc: Value =
            serde_json::from_str(&to_doc(&Record::Intake(intake(1)), Some("1-a"))).unwrap();
        doc["_id"] = "someone-else".into();
        assert_eq!(
            from_doc(doc),
            Err(Unreadable::NotAnIntake),
            "the id must match the intake's"
        );
        let mut newer: Value =
            serde_json::from_str(&to_doc(&Record::Intake(intake(1)), Some("1-a"))).unwrap();
        newer["schema"] = 99.into();
        assert_eq!(from_doc(newer), Err(Unreadable::UnknownSchema(99)));
    }

    #[test]
    fn feedback_is_a_document_of_its_own_type() {
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let mut f = feedback(2, Expectations::Below, false);
        f.comment = "Slow".into();
        let doc: Value =
            serde_json::from_str(&to_doc(&Record::Feedback(f.clone()), Some("1-a"))).unwrap();
        assert_eq!(doc["type"], "feedback");
        assert_eq!(doc["_id"], "feedback-dev-2");
        assert_eq!(from_doc(doc).unwrap().record, Record::Feedback(f));
    }

    #[test]
    fn the_first_follow_up_and_the_comment_survive_a_merge_either_way_round() {
        use crate::domain::feedback::{fixtures::feedback, Expectations};
        let plain = feedback(2, Expectations::Below, false);
        let mut on_one = plain.clone();
        on_one.handle(50, "Called back".into());
        let mut on_other = plain.clone();
        on_other.handle(40, "Spoke at the door".into());
        let mut commented = plain.clone();
        commented.comment = "Slow".into();
        let m = merge_feedback(&on_one, &on_other);
        assert_eq!(
            m.follow_up.as_ref().map(|u| u.note.as_str()),
            Some("Spoke at the door")
        );
        assert_eq!(merge_feedback(&on_other, &on_one), m);
        let m = merge_feedback(&commented, &on_one);
        assert_eq!((m.comment.as_str(), m.follow_up.is_some()), ("Slow", true));
        assert_eq!(merge_feedback(&on_one, &commented), m);
        let mut talk = plain.clone();
        talk.wants_talk = true;
        assert!(merge_feedback(&talk, &on_one).wants_talk);
        assert!(merge_feedback(&on_one, &talk).wants_talk);
    }

    #[test]
    fn conflicts_are_read() {
        let mut doc: Value =
            serde_json::from_str(&to_doc(&Record::Intake(intake(1)), Some("2-b"))).unwrap();
        doc["_conflicts"] = serde_json::json!(["2-a"]);
        assert_eq!(from_doc(doc).unwrap().conflicts, vec!["2-a".to_string()]);
    }

    #[test]
    fn the_changes_feed_is_read_with_either_kind_of_sequence() {
        let couch3 = r#"{"results":[{"seq":"5-g1A","id":"a","changes":[{"rev":"1-x"}],"doc":{"_id":"a"}},
            {"seq":"6-g1B","id":"b","changes":[{"rev":"2-y"}],"deleted":true}],"last_seq":"6-g1B","pending":0}"#;
        let page = parse_changes(couch3).unwrap();
        assert_eq!(page.last_seq, "6-g1B");
        assert_eq!(page.results.len(), 2);
        assert!(page.results[1].deleted && page.results[1].doc.is_none());
        // pouchdb-server numbers its sequence, and a long poll may end in heartbeat newlines.
        let pouch = "{\"results\":[],\"last_seq\":12}\n\n";
        assert_eq!(parse_changes(pouch).unwrap().last_seq, "12");
        assert!(parse_changes("<html>").is_err());
    }

    #[test]
    fn generations_order_revisions() {
        assert_eq!(generation("12-abc"), 12);
        assert_eq!(generation("junk"), 0);
    }

    #[test]
    fn done_on_one_desk_and_a_tick_on_another_are_both_kept() {
        let base = with_help(1);
        let mut done = base.clone();
        done.advance(Status::Done, 5_000);
        let mut ticked = base.clone();
        ticked.toggle_help("wifi");
        let m = merge(&done, &ticked);
        assert_eq!(m.status, Status::Done);
        assert_eq!(m.status_ms, Some(5_000));
        assert_eq!(m.done_help, vec!["wifi".to_string()]);
        assert_eq!(
            merge(&ticked, &done),
            m,
            "the order of merging does not matter"
        );
    }

    #[test]
    fn a_status_never_goes_back_in_a_merge() {
        let mut serving = intake(1);
        serving.advance(Status::Serving, 100);
        let waiting = intake(1);
        assert_eq!(merge(&waiting, &serving).status, Status::Serving);
        assert_eq!(merge(&serving, &waiting).status, Status::Serving);
        // Both moved to Serving: the earlier time is when it happened.
        let mut later = intake(1);
        later.advance(Status::Serving, 200);
        assert_eq!(merge(&later, &serving).status_ms, Some(100));
        assert_eq!(merge(&serving, &later).status_ms, Some(100));
    }

    #[test]
    fn a_deliberate_step_back_wins_a_merge_and_a_later_step_forward_wins_again() {
        let mut done = with_help(2);
        done.advance(Status::Done, 100);
        // Another desk ticks an item on the version it had, still done.
        let mut ticked = done.clone();
        ticked.toggle_help("coffee");
        // This desk presses Back to waiting.
        let mut back = done.clone();
        back.reopen(Status::Waiting, 200);
        let m = merge(&ticked, &back);
        assert_eq!(
            (m.status, m.served_ms, m.reopened),
            (Status::Waiting, None, 1)
        );
        assert_eq!(m.done_help, vec!["coffee".to_string()], "the tick is kept");
        assert_eq!(merge(&back, &ticked), m);
        // Served again after the step back: forward once more, whatever the other held.
        let mut again = back.clone();
        again.advance(Status::Serving, 300);
        let m = merge(&again, &done);
        assert_eq!((m.status, m.served_ms), (Status::Serving, Some(300)));
        assert_eq!(merge(&done, &again), m);
    }

    #[test]
    fn ticks_are_united_in_the_customers_order() {
        let mut a = with_help(1);
        a.done_help = vec!["shuttle".into()];
        let mut b = with_help(1);
        b.done_help = vec!["coffee".into(), "shuttle".into()];
        assert_eq!(
            merge(&a, &b).done_help,
            vec!["coffee".to_string(), "shuttle".to_string()]
        );
        assert_eq!(merge(&b, &a).done_help, merge(&a, &b).done_help);
    }

    #[test]
    fn merging_a_version_with_itself_changes_nothing() {
        let mut i = with_help(4);
        i.advance(Status::Serving, 10);
        i.toggle_help("coffee");
        assert_eq!(merge(&i, &i), i);
    }

    #[test]
    fn a_staff_note_and_the_first_serving_time_survive_a_merge() {
        let mut a = with_help(5);
        a.advance(Status::Serving, 10);
        let mut b = with_help(5);
        b.advance(Status::Serving, 12);
        b.advance(Status::Done, 20);
        a.staff_note = "loaner booked".into();
        let m = merge(&a, &b);
        assert_eq!((m.status, m.served_ms), (Status::Done, Some(10)));
        assert_eq!(m.staff_note, "loaner booked");
        assert_eq!(merge(&b, &a), m, "same result either way round");
    }
}
