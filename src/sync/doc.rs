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

/// The largest entry of the `_changes` feed a desk takes, as JSON text. A
/// check-in is a few KB and the database's rules cap a document well below
/// this; anything larger was not written by Lobby, and would fill the device's
/// storage with one document.
pub const MAX_ENTRY_BYTES: usize = 64 * 1024;

/// One entry of the `_changes` feed.
#[derive(Clone, Debug, Deserialize)]
pub struct Change {
    pub id: String,
    #[serde(default)]
    pub deleted: bool,
    #[serde(default)]
    pub doc: Option<Value>,
}

/// An entry of the feed this desk could not read, set aside: the database
/// keeps it, the desk reads on past it and says so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// The document's id, when even that could not be read: empty.
    pub id: String,
    pub reason: Unreadable,
}

/// A page of the `_changes` feed, and where the next one starts.
#[derive(Clone, Debug)]
pub struct Changes {
    pub results: Vec<Change>,
    /// Entries that could not be read: each is set aside on its own, so one
    /// document no reader could take never stops the ones after it.
    pub skipped: Vec<Skipped>,
    /// The `since` of the next request, as the server wrote it (CouchDB 3 writes a
    /// string, others a number).
    pub last_seq: String,
}

/// Why a page of changes could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadPage {
    /// Not a page of changes at all (an error page, a reply cut short): ask again.
    Unreadable,
    /// A page that cannot be read as a whole, though it says where the next one
    /// starts: read it one entry at a time, and step over the entry at fault.
    StepOver { last_seq: String },
}

/// Reads a page of the `_changes` feed. Each entry is read on its own (a lone
/// surrogate in a name, nesting deeper than a reader allows, a document far too
/// large, are each one entry set aside, never the page).
pub fn parse_changes(text: &str) -> Result<Changes, BadPage> {
    use serde_json::value::RawValue;
    #[derive(Deserialize)]
    struct Page<'a> {
        #[serde(borrow)]
        results: Vec<&'a RawValue>,
        last_seq: Value,
    }
    let text = text.trim();
    let Ok(page) = serde_json::from_str::<Page>(text) else {
        return Err(match last_seq_of(text) {
            Some(last_seq) => BadPage::StepOver { last_seq },
            None => BadPage::Unreadable,
        });
    };
    let last_seq = seq_text(page.last_seq).ok_or(BadPage::Unreadable)?;
    let mut results = Vec::with_capacity(page.results.len());
    let mut skipped = Vec::new();
    for raw in page.results {
        let entry = raw.get();
        let read = if entry.len() > MAX_ENTRY_BYTES {
            Err(Unreadable::TooLarge)
        } else {
            serde_json::from_str::<Change>(entry).map_err(|_| Unreadable::Corrupt)
        };
        match read {
            Ok(change) => results.push(change),
            Err(reason) => skipped.push(Skipped {
                id: id_of(entry),
                reason,
            }),
        }
    }
    Ok(Changes {
        results,
        skipped,
        last_seq,
    })
}

/// Changes read from the database at a time.
pub const PAGE: usize = 100;

/// Where a desk's reading of the `_changes` feed stands: its read position, and
/// whether it reads one entry at a time to step over one at fault. Plain Rust,
/// so the paging is tested natively against feeds of any shape.
#[derive(Clone, Debug)]
pub struct Feed {
    /// The `since` of the next request.
    pub since: String,
    /// Reading one entry at a time up to where the page that could not be read
    /// as a whole ended.
    one_by_one: Option<String>,
}

/// What to do with a page of the feed.
#[derive(Debug)]
pub enum Read {
    /// Store these changes, then move on ([`Feed::stored`]).
    Page(Changes),
    /// Ask again, one entry at a time, from the same position.
    Narrow,
    /// Not a page of changes: ask again later.
    Failed,
}

impl Feed {
    pub fn new(since: String) -> Feed {
        Feed {
            since,
            one_by_one: None,
        }
    }

    /// How many changes to ask for.
    pub fn limit(&self) -> usize {
        if self.one_by_one.is_some() {
            1
        } else {
            PAGE
        }
    }

    /// Reads the text of a page asked for with [`Feed::limit`].
    pub fn read(&mut self, text: &str) -> Read {
        match parse_changes(text) {
            Ok(page) => Read::Page(page),
            // Nothing to step over to: ask again later.
            Err(BadPage::StepOver { last_seq }) if last_seq == self.since => Read::Failed,
            // One entry, unreadable even alone: set aside, and read on past it.
            Err(BadPage::StepOver { last_seq }) if self.one_by_one.is_some() => {
                Read::Page(Changes {
                    results: Vec::new(),
                    skipped: vec![Skipped {
                        id: String::new(),
                        reason: Unreadable::Corrupt,
                    }],
                    last_seq,
                })
            }
            Err(BadPage::StepOver { last_seq }) => {
                self.one_by_one = Some(last_seq);
                Read::Narrow
            }
            Err(BadPage::Unreadable) => Read::Failed,
        }
    }

    /// A page of `entries` is stored (or set aside): the next read starts after
    /// it; whole pages again once past the page that could not be read whole,
    /// or at the end of the feed.
    pub fn stored(&mut self, last_seq: String, entries: usize) {
        if entries == 0 || self.one_by_one.as_ref() == Some(&last_seq) {
            self.one_by_one = None;
        }
        self.since = last_seq;
    }
}

/// A sequence as the next request sends it back.
fn seq_text(seq: Value) -> Option<String> {
    match seq {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The id of an entry that could not be read whole (its other parts are only
/// stepped over, however they are written).
fn id_of(entry: &str) -> String {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    serde_json::from_str::<Id>(entry)
        .map(|e| e.id)
        .unwrap_or_default()
}

/// Where the next page starts, from a page that cannot be read as a whole: the
/// last `"last_seq":` and the value after it, which CouchDB writes at the end.
fn last_seq_of(text: &str) -> Option<String> {
    const KEY: &str = "\"last_seq\"";
    let at = text.rfind(KEY)? + KEY.len();
    let rest = text[at..].trim_start().strip_prefix(':')?;
    let value = serde_json::Deserializer::from_str(rest)
        .into_iter::<Value>()
        .next()?
        .ok()?;
    seq_text(value)
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
    // A promise made on one desk is kept; two: the later time, the same on every
    // desk (the one the customer must not be told is broken).
    merged.promised_ms = match (a.promised_ms, b.promised_ms) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    };
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

    #[test]
    fn a_promise_made_on_one_desk_survives_a_change_on_another() {
        let mut promised = intake(1);
        promised.advance(Status::Serving, 5);
        promised.promised_ms = Some(100);
        let mut done = intake(1);
        done.advance(Status::Serving, 5);
        done.advance(Status::Done, 9);
        for (a, b) in [(&promised, &done), (&done, &promised)] {
            let m = merge(a, b);
            assert_eq!((m.status, m.promised_ms), (Status::Done, Some(100)));
        }
        let mut later = promised.clone();
        later.promised_ms = Some(200);
        assert_eq!(merge(&promised, &later).promised_ms, Some(200));
        assert_eq!(merge(&later, &promised).promised_ms, Some(200));
    }

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

    /// A feed entry as the database writes it, for the document `doc`.
    fn entry(seq: usize, id: &str, doc: &str) -> String {
        format!(r#"{{"seq":{seq},"id":"{id}","changes":[{{"rev":"1-a"}}],"doc":{doc}}}"#)
    }

    fn page(entries: &[String], last_seq: usize) -> String {
        format!(
            r#"{{"results":[{}],"last_seq":{last_seq},"pending":0}}"#,
            entries.join(",")
        )
    }

    fn intake_doc(n: u32) -> String {
        to_doc(&Record::Intake(intake(n)), Some("1-a"))
    }

    #[test]
    fn one_document_no_reader_can_take_is_set_aside_and_the_rest_are_read() {
        let surrogate = intake_doc(2).replace(r#""name":"""#, r#""name":"\ud800""#);
        assert!(surrogate.contains(r"\ud800"));
        let deep = format!(
            r#"{{"_id":"dev-3","x":{}1{}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        let large = intake_doc(4).replace(
            r#""name":"""#,
            &format!(r#""name":"{}""#, "x".repeat(MAX_ENTRY_BYTES)),
        );
        let text = page(
            &[
                entry(1, "dev-1", &intake_doc(1)),
                entry(2, "dev-2", &surrogate),
                entry(3, "dev-3", &deep),
                entry(4, "dev-4", &large),
                entry(5, "dev-5", &intake_doc(5)),
            ],
            5,
        );
        let read = parse_changes(&text).unwrap();
        let ids: Vec<&str> = read.results.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["dev-1", "dev-5"]);
        assert_eq!(
            read.skipped,
            vec![
                Skipped {
                    id: "dev-2".into(),
                    reason: Unreadable::Corrupt
                },
                Skipped {
                    id: "dev-3".into(),
                    reason: Unreadable::Corrupt
                },
                Skipped {
                    id: "dev-4".into(),
                    reason: Unreadable::TooLarge
                },
            ]
        );
        assert_eq!(read.last_seq, "5");
        assert!(from_doc(read.results[1].doc.clone().unwrap()).is_ok());
    }

    #[test]
    fn a_page_that_cannot_be_read_whole_is_read_again_one_entry_at_a_time() {
        // A raw control character inside a string: no JSON reader takes the page.
        let bad = intake_doc(2).replace(r#""name":"""#, "\"name\":\"\u{1}\"");
        let text = page(
            &[entry(1, "dev-1", &intake_doc(1)), entry(2, "dev-2", &bad)],
            2,
        );
        assert_eq!(
            parse_changes(&text).unwrap_err(),
            BadPage::StepOver {
                last_seq: "2".into()
            }
        );
        let mut feed = Feed::new("0".into());
        assert_eq!(feed.limit(), PAGE);
        assert!(matches!(feed.read(&text), Read::Narrow));
        assert_eq!((feed.limit(), feed.since.as_str()), (1, "0"));
        // Alone, the first is read; the second is stepped over.
        let Read::Page(first) = feed.read(&page(&[entry(1, "dev-1", &intake_doc(1))], 1)) else {
            panic!("the first entry reads alone")
        };
        assert_eq!(first.results.len(), 1);
        feed.stored(first.last_seq, 1);
        assert_eq!(
            feed.limit(),
            1,
            "one at a time up to where the bad page ended"
        );
        let Read::Page(second) = feed.read(&page(&[entry(2, "dev-2", &bad)], 2)) else {
            panic!("stepped over")
        };
        assert_eq!((second.skipped.len(), second.last_seq.as_str()), (1, "2"));
        feed.stored(second.last_seq, 1);
        assert_eq!(feed.limit(), PAGE, "whole pages again past it");
        // A page that cannot be read and does not move on: asked again later, never a loop.
        let stuck = r#"{"results":[{"id":"\u{1}"}],"last_seq":2}"#;
        assert!(matches!(feed.read(stuck), Read::Failed));
        // Not a page at all: nothing to step over to.
        assert!(matches!(feed.read("<html>"), Read::Failed));
        assert!(matches!(feed.read(r#"{"results":[{"id":"#), Read::Failed));
    }

    #[test]
    fn a_reason_set_aside_is_remembered_by_its_code() {
        for why in [
            Unreadable::Corrupt,
            Unreadable::NotAnIntake,
            Unreadable::TooLarge,
            Unreadable::UnknownSchema(0),
        ] {
            assert_eq!(Unreadable::from_code(why.code()), why);
        }
        assert_eq!(Unreadable::from_code("anything"), Unreadable::Corrupt);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod feed_pages {
        use super::*;
        use proptest::prelude::*;

        /// How an entry of the feed is spoiled.
        #[derive(Clone, Debug)]
        enum Spoil {
            Intact,
            /// One character of its text replaced.
            Char(usize, char),
            LoneSurrogate,
            Deep(usize),
            Large,
        }

        fn spoil() -> impl Strategy<Value = Spoil> {
            prop_oneof![
                4 => Just(Spoil::Intact),
                2 => (any::<usize>(), prop::sample::select(vec!['"', '\\', '{', '}', '[', ']', ',', ':', 'x', '\u{1}', '\u{e9}', '7'])).prop_map(|(at, c)| Spoil::Char(at, c)),
                1 => Just(Spoil::LoneSurrogate),
                1 => (100usize..400).prop_map(Spoil::Deep),
                1 => Just(Spoil::Large),
            ]
        }

        fn spoiled(n: usize, how: &Spoil) -> String {
            let id = format!("dev-{n}");
            let doc = intake_doc(n as u32);
            let seq = n + 1;
            match how {
                Spoil::Intact => entry(seq, &id, &doc),
                Spoil::Char(at, c) => {
                    let text = entry(seq, &id, &doc);
                    let chars: Vec<char> = text.chars().collect();
                    let at = at % chars.len();
                    chars[..at]
                        .iter()
                        .chain(std::iter::once(c))
                        .chain(&chars[at + 1..])
                        .collect()
                }
                Spoil::LoneSurrogate => entry(seq, &id, &doc.replace(r#""day""#, r#""\udc00day""#)),
                Spoil::Deep(depth) => entry(
                    seq,
                    &id,
                    &format!("{}{}", "[".repeat(*depth), "]".repeat(*depth)),
                ),
                Spoil::Large => entry(
                    seq,
                    &id,
                    &doc.replace(
                        r#""note":"""#,
                        &format!(r#""note":"{}""#, "n".repeat(MAX_ENTRY_BYTES)),
                    ),
                ),
            }
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            /// A feed of entries, some spoiled, read as a desk reads it, page by
            /// page from a database that serves `limit` entries from `since`:
            /// never a panic, always to the end, and every intact document read.
            #[test]
            fn every_intact_document_is_read_past_any_spoiled_one(spoils in prop::collection::vec(spoil(), 1..140)) {
                let entries: Vec<String> = spoils.iter().enumerate().map(|(n, how)| spoiled(n, how)).collect();
                let mut feed = Feed::new("0".into());
                let mut read = BTreeSet::new();
                let mut asked = 0;
                while feed.since.parse::<usize>().unwrap() < entries.len() {
                    asked += 1;
                    prop_assert!(asked < 4 * entries.len() + 10, "the reader went round in circles");
                    let from: usize = feed.since.parse().unwrap();
                    let to = (from + feed.limit()).min(entries.len());
                    let text = page(&entries[from..to], to);
                    match feed.read(&text) {
                        Read::Page(changes) => {
                            let count = changes.results.len() + changes.skipped.len();
                            for c in changes.results {
                                if let Some(doc) = c.doc {
                                    if let Ok(remote) = from_doc(doc) {
                                        read.insert(remote.record.id().to_string());
                                    }
                                }
                            }
                            feed.stored(changes.last_seq, count);
                        }
                        Read::Narrow => prop_assert_eq!(feed.limit(), 1),
                        Read::Failed => prop_assert!(false, "a page that says where the next one starts is never a failure"),
                    }
                }
                for (n, how) in spoils.iter().enumerate() {
                    if matches!(how, Spoil::Intact) {
                        prop_assert!(read.contains(&format!("dev-{n}")), "dev-{} was lost", n);
                    }
                }
            }

            /// Any text at all: read or refused, never a panic.
            #[test]
            fn any_text_is_read_or_refused(text in ".{0,400}") {
                let _ = parse_changes(&text);
                let _ = Feed::new("0".into()).read(&text);
            }
        }
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
