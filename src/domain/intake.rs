//! What a customer told the kiosk. Answers are codes, never display text, so the
//! desk can show them in its own language.
use serde::{Deserialize, Serialize};

use super::clock::{ClockTime, Now, MINUTE_MS};
use super::questions::Answer;
use super::wait::Quote;

/// The one question that matters most: is it the time or the expense?
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Time,
    Cost,
    Both,
    /// "Neither: just do it right."
    Quality,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Time,
        Priority::Cost,
        Priority::Both,
        Priority::Quality,
    ];

    pub fn asks_deadline(self) -> bool {
        matches!(self, Priority::Time | Priority::Both)
    }

    pub fn asks_budget(self) -> bool {
        matches!(self, Priority::Cost | Priority::Both)
    }

    pub fn code(self) -> &'static str {
        match self {
            Priority::Time => "time",
            Priority::Cost => "cost",
            Priority::Both => "both",
            Priority::Quality => "quality",
        }
    }
}

/// When a customer in a hurry needs to be on their way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineChoice {
    WithinHour,
    ByNoon,
    EndOfDay,
    /// A time of day they picked.
    At,
}

impl DeadlineChoice {
    pub fn code(self) -> &'static str {
        match self {
            DeadlineChoice::WithinHour => "within_hour",
            DeadlineChoice::ByNoon => "by_noon",
            DeadlineChoice::EndOfDay => "end_of_day",
            DeadlineChoice::At => "at",
        }
    }
}

/// A deadline as chosen and as a moment, so the desk can count minutes left.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub choice: DeadlineChoice,
    pub at_ms: i64,
}

impl Deadline {
    /// Turns a choice into a moment today. `end_of_day` comes from the configuration;
    /// `picked` is the customer's own time for `DeadlineChoice::At`.
    pub fn resolve(
        choice: DeadlineChoice,
        now: Now,
        end_of_day: ClockTime,
        picked: Option<ClockTime>,
    ) -> Option<Self> {
        let at_ms = match choice {
            DeadlineChoice::WithinHour => now.ms + 60 * MINUTE_MS,
            DeadlineChoice::ByNoon => now.today_at(ClockTime {
                hour: 12,
                minute: 0,
            }),
            DeadlineChoice::EndOfDay => now.today_at(end_of_day),
            DeadlineChoice::At => now.today_at(picked?),
        };
        Some(Self { choice, at_ms })
    }
}

/// "Call me before spending more than ...".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Limit {
    Amount(u32),
    NoLimit,
}

/// How much the customer wants to be told.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Detail {
    Brief,
    WalkThrough,
}

impl Detail {
    pub fn code(self) -> &'static str {
        match self {
            Detail::Brief => "brief",
            Detail::WalkThrough => "walk_through",
        }
    }
}

/// Where an intake is at the desk. A status moves forward only, except by a
/// deliberate act of the desk ([`Intake::reopen`]).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Waiting,
    Serving,
    Done,
    /// Left before being served: a walkout.
    Left,
}

impl Status {
    /// As stored and exported: `waiting`, `serving`, `done`, `left`.
    pub fn code(self) -> &'static str {
        match self {
            Status::Waiting => "waiting",
            Status::Serving => "serving",
            Status::Done => "done",
            Status::Left => "left",
        }
    }

    /// Still in the queue: waiting, or with someone at the desk.
    pub fn is_open(self) -> bool {
        matches!(self, Status::Waiting | Status::Serving)
    }
}

/// One customer's check-in, as stored and as the desk reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Intake {
    /// Unique across devices: the device's id and a random part.
    pub id: String,
    pub device: String,
    pub created_ms: i64,
    /// Local date `YYYY-MM-DD`; tickets count from 1 each day.
    pub day: String,
    pub ticket: u32,
    /// The kiosk's ticket letter when several kiosks share a database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub letter: Option<String>,
    #[serde(default)]
    pub name: String,
    /// Code of one of the business's configured reasons.
    #[serde(default)]
    pub reason: Option<String>,
    /// Came back because something wasn't right: service recovery.
    #[serde(default)]
    pub recovery: bool,
    /// Would rather talk to a person.
    #[serde(default)]
    pub wants_person: bool,
    #[serde(default)]
    pub priority: Option<Priority>,
    #[serde(default)]
    pub deadline: Option<Deadline>,
    #[serde(default)]
    pub estimate_first: Option<bool>,
    #[serde(default)]
    pub limit: Option<Limit>,
    /// Codes of the help items chosen, in the configured order.
    #[serde(default)]
    pub help: Vec<String>,
    #[serde(default)]
    pub detail: Option<Detail>,
    #[serde(default)]
    pub note: String,
    /// Answers to the business's own questions, in their order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub status: Status,
    /// Help items the desk has ticked off.
    #[serde(default)]
    pub done_help: Vec<String>,
    /// When the status last changed.
    #[serde(default)]
    pub status_ms: Option<i64>,
    /// When the desk first took them (Serving, or straight to Done): the end of their wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub served_ms: Option<i64>,
    /// The desk's own short note ("loaner booked for 3 PM").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub staff_note: String,
    /// How many times the desk deliberately moved the status back (Undo, Back to
    /// waiting). A merge lets the version with more such moves decide the status.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub reopened: u32,
    /// Closed as done because the customer gave feedback on the way out while the
    /// desk still had them waiting or being served.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub closed_by_feedback: bool,
    /// The language the customer used, as a code: the desk may greet them in it.
    pub language: String,
    /// The wait the kiosk quoted them at check-in ("usually 15 to 25 minutes"),
    /// when it had the figures: part of what they were told, so it never changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<Quote>,
    /// A number for the texts or the call they asked for (digits, perhaps a
    /// leading `+`): kept with the check-in only, and gone with it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// The desk's promise: ready by this moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promised_ms: Option<i64>,
}

impl Intake {
    /// The ticket as the customer and the desk read it: `12`, or `A-12`.
    pub fn ticket_label(&self) -> String {
        ticket_label(self.letter.as_deref(), self.ticket)
    }

    /// Moves the status forward only; going back, or on from Done or Left, is refused.
    pub fn advance(&mut self, to: Status, at_ms: i64) -> bool {
        if to <= self.status || !self.status.is_open() {
            return false;
        }
        self.status = to;
        self.status_ms = Some(at_ms);
        // A walkout's wait ended without service.
        if to != Status::Left {
            self.served_ms.get_or_insert(at_ms);
        }
        true
    }

    /// The desk's deliberate step back (Undo, Back to waiting): to `to`, which must
    /// be open and behind the present status. Back to waiting, their wait goes on.
    pub fn reopen(&mut self, to: Status, at_ms: i64) -> bool {
        if !to.is_open() || to >= self.status {
            return false;
        }
        self.status = to;
        self.status_ms = Some(at_ms);
        self.reopened += 1;
        self.closed_by_feedback = false;
        if to == Status::Waiting {
            self.served_ms = None;
        }
        true
    }

    /// Feedback on the way out names this check-in: if the desk still has them in
    /// the queue, they have gone. Closed as done at the moment of the feedback.
    pub fn close_by_feedback(&mut self, at_ms: i64) -> bool {
        if !self.status.is_open() {
            return false;
        }
        self.advance(Status::Done, at_ms);
        self.closed_by_feedback = true;
        true
    }

    /// When their wait ended, if it has: records from before `served_ms` was kept
    /// have only the time of their last change of status.
    pub fn served_at(&self) -> Option<i64> {
        match self.status {
            Status::Waiting => None,
            _ => self.served_ms.or(self.status_ms),
        }
    }

    /// When the desk finished with them, if it has.
    pub fn done_at(&self) -> Option<i64> {
        (self.status == Status::Done)
            .then_some(self.status_ms)
            .flatten()
    }

    /// Ticks a help item off, or back on when ticked by mistake.
    pub fn toggle_help(&mut self, code: &str) {
        if !self.help.iter().any(|h| h == code) {
            return;
        }
        if let Some(i) = self.done_help.iter().position(|h| h == code) {
            self.done_help.remove(i);
        } else {
            self.done_help.push(code.to_string());
        }
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `12`, or `A-12` for kiosk A.
pub fn ticket_label(letter: Option<&str>, ticket: u32) -> String {
    match letter {
        Some(l) => format!("{l}-{ticket}"),
        None => ticket.to_string(),
    }
}

/// The next ticket number for `day`: one more than the highest issued that day.
pub fn next_ticket<'a>(intakes: impl IntoIterator<Item = &'a Intake>, day: &str) -> u32 {
    intakes
        .into_iter()
        .filter(|i| i.day == day)
        .map(|i| i.ticket)
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn intake(ticket: u32) -> Intake {
        Intake {
            id: format!("dev-{ticket}"),
            device: "dev".into(),
            created_ms: 1_000,
            day: "2026-11-22".into(),
            ticket,
            letter: None,
            name: String::new(),
            reason: Some("service".into()),
            recovery: false,
            wants_person: false,
            priority: None,
            deadline: None,
            estimate_first: None,
            limit: None,
            help: vec![],
            detail: None,
            note: String::new(),
            answers: Vec::new(),
            status: Status::Waiting,
            done_help: vec![],
            status_ms: None,
            served_ms: None,
            staff_note: String::new(),
            reopened: 0,
            closed_by_feedback: false,
            language: "en".into(),
            quote: None,
            phone: String::new(),
            promised_ms: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::intake;
    use super::*;

    #[test]
    fn status_only_moves_forward() {
        let mut i = intake(1);
        assert!(i.advance(Status::Serving, 5));
        assert!(!i.advance(Status::Waiting, 6));
        assert!(i.advance(Status::Done, 7));
        assert!(!i.advance(Status::Serving, 8));
        assert_eq!((i.status, i.status_ms), (Status::Done, Some(7)));
        assert_eq!(i.served_at(), Some(5), "the wait ended when serving began");
        assert!(
            !i.advance(Status::Left, 9),
            "a customer served does not walk out"
        );
    }

    #[test]
    fn only_a_deliberate_act_moves_a_status_back() {
        let mut i = intake(1);
        i.advance(Status::Serving, 5);
        i.advance(Status::Done, 7);
        // Undo: back to being served, the wait still ended at 5.
        assert!(i.reopen(Status::Serving, 8));
        assert_eq!(
            (i.status, i.served_at(), i.reopened),
            (Status::Serving, Some(5), 1)
        );
        assert!(!i.reopen(Status::Done, 9), "reopen never moves forward");
        // Back to waiting: their wait goes on.
        assert!(i.reopen(Status::Waiting, 10));
        assert_eq!(
            (i.status, i.served_at(), i.reopened),
            (Status::Waiting, None, 2)
        );
        assert!(!i.reopen(Status::Waiting, 11));
        // A walkout: no service, nothing further but a reopen.
        assert!(i.advance(Status::Left, 12));
        assert_eq!((i.served_at(), i.served_ms), (Some(12), None));
        assert!(!i.advance(Status::Done, 13));
        assert!(i.reopen(Status::Waiting, 14));
    }

    #[test]
    fn feedback_closes_a_check_in_still_open() {
        let mut i = intake(1);
        i.advance(Status::Serving, 5);
        assert!(i.close_by_feedback(9));
        assert_eq!(
            (i.status, i.status_ms, i.closed_by_feedback),
            (Status::Done, Some(9), true)
        );
        assert!(!i.close_by_feedback(10), "only once");
        let mut done = intake(2);
        done.advance(Status::Done, 5);
        assert!(!done.close_by_feedback(9));
        assert!(
            !done.closed_by_feedback,
            "a customer the desk finished stays as the desk left them"
        );
    }

    #[test]
    fn tickets_count_from_one_each_day() {
        let mut a = intake(4);
        a.day = "2026-11-21".into();
        let b = intake(2);
        assert_eq!(next_ticket([&a, &b], "2026-11-22"), 3);
        assert_eq!(next_ticket([&a, &b], "2026-11-23"), 1);
        assert_eq!(next_ticket([], "2026-11-23"), 1);
    }

    #[test]
    fn help_ticks_only_chosen_items_and_untick() {
        let mut i = intake(1);
        i.help = vec!["coffee".into(), "wifi".into()];
        i.toggle_help("coffee");
        i.toggle_help("loaner");
        assert_eq!(i.done_help, vec!["coffee".to_string()]);
        i.toggle_help("coffee");
        assert!(i.done_help.is_empty());
    }

    #[test]
    fn deadlines_resolve_to_moments_today() {
        // 09:30 UTC on 2026-11-22, in UTC.
        let now = Now::new(1_795_305_600_000 + 9 * 3_600_000 + 30 * 60_000, 0);
        let eod = ClockTime::new(17, 30).unwrap();
        let at = |c, p| {
            Deadline::resolve(c, now, eod, p).map(|d| now.local_time_of(d.at_ms).to_string())
        };
        assert_eq!(
            at(DeadlineChoice::WithinHour, None).as_deref(),
            Some("10:30")
        );
        assert_eq!(at(DeadlineChoice::ByNoon, None).as_deref(), Some("12:00"));
        assert_eq!(at(DeadlineChoice::EndOfDay, None).as_deref(), Some("17:30"));
        assert_eq!(
            at(DeadlineChoice::At, ClockTime::new(12, 30)).as_deref(),
            Some("12:30")
        );
        assert_eq!(
            at(DeadlineChoice::At, None),
            None,
            "a picked time needs the time"
        );
    }
}
