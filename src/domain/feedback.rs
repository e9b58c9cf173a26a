//! What a customer said on the way out, linked to what they said on the way in,
//! and the desk's follow-up when it went badly.
use serde::{Deserialize, Serialize};

use super::intake::{Intake, Priority};

/// "Did we meet your expectations?"
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expectations {
    Below,
    Met,
    Beyond,
}

impl Expectations {
    pub const ALL: [Expectations; 3] =
        [Expectations::Below, Expectations::Met, Expectations::Beyond];

    pub fn code(self) -> &'static str {
        match self {
            Expectations::Below => "below",
            Expectations::Met => "met",
            Expectations::Beyond => "beyond",
        }
    }
}

/// The desk's answer to feedback that went badly: when, and what they did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub at_ms: i64,
    #[serde(default)]
    pub note: String,
}

/// One customer's feedback.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    /// Starts with [`ID_PREFIX`], so a shared database tells it from an intake.
    pub id: String,
    pub device: String,
    pub created_ms: i64,
    /// Local date `YYYY-MM-DD`.
    pub day: String,
    /// The ticket as the customer typed it (`12`, `A-12`), or empty when skipped.
    #[serde(default)]
    pub ticket: String,
    /// The intake it belongs to, when this kiosk found it.
    #[serde(default)]
    pub intake_id: Option<String>,
    /// What mattered most on the way in, as the kiosk read it from the intake.
    #[serde(default)]
    pub priority: Option<Priority>,
    pub expectations: Expectations,
    /// "Did we respect what mattered most to you today?"
    pub respected: bool,
    #[serde(default)]
    pub comment: String,
    pub language: String,
    #[serde(default)]
    pub follow_up: Option<FollowUp>,
    /// Asked on the way out to talk to someone before they go.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wants_talk: bool,
}

/// A follow-up not handled after this long turns amber on the desk.
pub const FOLLOW_UP_LATE_MS: i64 = 24 * 60 * super::clock::MINUTE_MS;
/// The common rule: contact an unhappy customer within 48 hours.
pub const FOLLOW_UP_DUE_MS: i64 = 2 * FOLLOW_UP_LATE_MS;

/// How late a follow-up is: fresh, past a day (amber), past two (red).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    Fresh,
    Late,
    Overdue,
}

impl Age {
    pub fn of(raised_ms: i64, now_ms: i64) -> Self {
        match now_ms - raised_ms {
            d if d >= FOLLOW_UP_DUE_MS => Age::Overdue,
            d if d >= FOLLOW_UP_LATE_MS => Age::Late,
            _ => Age::Fresh,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Age::Fresh => "fresh",
            Age::Late => "late",
            Age::Overdue => "overdue",
        }
    }
}

/// Days a desk keeps an earlier day's follow-up still to do on top of its queue.
pub const FOLLOW_UP_KEPT_DAYS: u32 = 14;

/// Feedback ids start with this; intake ids never do.
pub const ID_PREFIX: &str = "feedback-";

pub fn is_feedback_id(id: &str) -> bool {
    id.starts_with(ID_PREFIX)
}

impl Feedback {
    /// Below expectations, what mattered most not respected, or a wish to talk
    /// before leaving: a chance to put it right before the customer is gone for good.
    pub fn needs_follow_up(&self) -> bool {
        self.expectations == Expectations::Below || !self.respected || self.wants_talk
    }

    /// Needs a follow-up that nobody has marked handled yet.
    pub fn follow_up_open(&self) -> bool {
        self.needs_follow_up() && self.follow_up.is_none()
    }

    /// A follow-up still to do that a desk keeps past its day: raised within
    /// [`FOLLOW_UP_KEPT_DAYS`] (beyond that, the figures count it, the queue no
    /// longer shows it).
    pub fn still_to_follow_up(&self, now_ms: i64) -> bool {
        self.follow_up_open()
            && now_ms - self.created_ms < i64::from(FOLLOW_UP_KEPT_DAYS) * super::clock::DAY_MS
    }

    /// Marks the follow-up handled, once: the first note stands.
    pub fn handle(&mut self, at_ms: i64, note: String) -> bool {
        if self.follow_up.is_some() {
            return false;
        }
        self.follow_up = Some(FollowUp { at_ms, note });
        true
    }
}

/// Digits as tickets are printed and called out, 0-9: an Arabic keyboard types
/// ٠-٩ (and a Persian or Urdu one ۰-۹), which mean the same.
pub fn western_digits(typed: &str) -> String {
    typed
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => {
                let zero = if c < '\u{06F0}' { 0x0660 } else { 0x06F0 };
                char::from_digit(u32::from(c) - zero, 10).unwrap_or(c)
            }
            c => c,
        })
        .collect()
}

/// A ticket as typed: `12`, `A-12`, `a12`, ` A 12 `, `١٢` all read; anything else is `None`.
pub fn parse_ticket(typed: &str) -> Option<(Option<char>, u32)> {
    let s: String = western_digits(typed)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    let mut chars = s.chars();
    let first = chars.next()?;
    let (letter, digits) = if first.is_ascii_alphabetic() {
        (Some(first.to_ascii_uppercase()), chars.as_str())
    } else {
        (None, s.as_str())
    };
    if digits.is_empty() || digits.len() > 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0).map(|n| (letter, n))
}

/// Today's intake a typed ticket names: the same number (and letter, if typed), and
/// only when exactly one intake of `day` matches, so feedback is never pinned on
/// the wrong customer.
pub fn find_intake<'a>(
    typed: &str,
    day: &str,
    intakes: impl IntoIterator<Item = &'a Intake>,
) -> Option<&'a Intake> {
    let (letter, number) = parse_ticket(typed)?;
    let mut found = intakes.into_iter().filter(|i| {
        i.day == day
            && i.ticket == number
            && letter.is_none_or(|l| {
                i.letter
                    .as_deref()
                    .is_some_and(|own| own.eq_ignore_ascii_case(&l.to_string()))
            })
    });
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// The intake this feedback belongs to: the one the kiosk linked, or else the one
/// its ticket names that day. Feedback that names a check-in this device no
/// longer has is linked to no other: its ticket may be someone else's today.
pub fn linked<'a>(feedback: &Feedback, intakes: &'a [Intake]) -> Option<&'a Intake> {
    match &feedback.intake_id {
        Some(id) => intakes.iter().find(|i| &i.id == id),
        None => find_intake(&feedback.ticket, &feedback.day, intakes),
    }
}

/// What the shop's server puts in the id of feedback it filed for a visitor (a
/// customer's own phone, from a printed number: scripts/devices.mjs).
pub const VISITOR_MARK: &str = "-visitor-";

impl Feedback {
    /// Sent from a customer's own phone: it may come while they still wait (a
    /// code scanned early), so it never closes their check-in by itself.
    pub fn from_visitor(&self) -> bool {
        self.id.contains(VISITOR_MARK)
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    pub fn feedback(n: u32, expectations: Expectations, respected: bool) -> Feedback {
        Feedback {
            id: format!("{ID_PREFIX}dev-{n}"),
            device: "dev".into(),
            created_ms: 2_000 + n as i64,
            day: "2026-11-22".into(),
            ticket: String::new(),
            intake_id: None,
            priority: None,
            expectations,
            respected,
            comment: String::new(),
            language: "en".into(),
            follow_up: None,
            wants_talk: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::feedback;
    use super::*;
    use crate::domain::intake::fixtures::intake;

    #[test]
    fn tickets_read_as_people_type_them() {
        assert_eq!(parse_ticket("12"), Some((None, 12)));
        assert_eq!(parse_ticket(" a-12 "), Some((Some('A'), 12)));
        assert_eq!(parse_ticket("B 7"), Some((Some('B'), 7)));
        // Arabic-Indic and Persian digits, as an Arabic keyboard types them.
        assert_eq!(parse_ticket("١٢"), Some((None, 12)));
        assert_eq!(parse_ticket("A-۱۰۷"), Some((Some('A'), 107)));
        assert_eq!(western_digits("٠١٢٣٤٥٦٧٨٩ ۰۹ x"), "0123456789 09 x");
        for bad in ["", "-", "A", "0", "12a", "AB12", "١٢ب", "9999999", "1.5"] {
            assert_eq!(parse_ticket(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_ticket_links_only_to_one_of_the_days_intakes() {
        let mut yesterday = intake(3);
        yesterday.day = "2026-11-21".into();
        let today = intake(3);
        let day = "2026-11-22";
        let found =
            |typed: &str, list: &[Intake]| find_intake(typed, day, list).map(|i| i.id.clone());
        assert_eq!(
            found("3", &[yesterday.clone(), today.clone()]),
            Some(today.id.clone())
        );
        assert_eq!(found("4", std::slice::from_ref(&today)), None);
        // Two kiosks both gave a 3 today: the number alone names nobody.
        let mut a = intake(3);
        a.id = "a-3".into();
        a.letter = Some("A".into());
        let mut b = intake(3);
        b.id = "b-3".into();
        b.letter = Some("B".into());
        let both = [a, b];
        assert_eq!(found("3", &both), None);
        assert_eq!(found("b-3", &both), Some("b-3".to_string()));
        assert_eq!(found("C3", &both), None);
    }

    #[test]
    fn the_kiosks_link_comes_first() {
        let mut f = feedback(1, Expectations::Met, true);
        let list = [intake(1), intake(2)];
        assert_eq!(linked(&f, &list), None, "no ticket, no link");
        f.ticket = "2".into();
        assert_eq!(linked(&f, &list).map(|i| i.ticket), Some(2));
        f.intake_id = Some(list[0].id.clone());
        assert_eq!(linked(&f, &list).map(|i| i.ticket), Some(1));
        // A check-in this device no longer has: its ticket is not followed to
        // whoever has that number now.
        f.intake_id = Some("gone-7".into());
        assert_eq!(linked(&f, &list), None);
    }

    #[test]
    fn feedback_from_a_visitors_phone_says_so() {
        let mut f = feedback(1, Expectations::Met, true);
        assert!(!f.from_visitor());
        f.id = "feedback-kiosk1-visitor-0123456789abcdef".into();
        assert!(f.from_visitor());
    }

    #[test]
    fn below_or_not_respected_asks_for_a_follow_up_until_handled() {
        assert!(!feedback(1, Expectations::Met, true).needs_follow_up());
        assert!(!feedback(1, Expectations::Beyond, true).needs_follow_up());
        assert!(feedback(1, Expectations::Beyond, false).needs_follow_up());
        let mut f = feedback(1, Expectations::Below, true);
        assert!(f.follow_up_open());
        assert!(f.handle(50, "Called back, refund offered".into()));
        assert!(!f.follow_up_open());
        assert!(!f.handle(60, "again".into()), "the first note stands");
        assert_eq!(f.follow_up.as_ref().map(|u| u.at_ms), Some(50));
    }

    #[test]
    fn a_wish_to_talk_on_the_way_out_asks_for_a_follow_up_even_after_a_good_visit() {
        let mut f = feedback(1, Expectations::Beyond, true);
        f.wants_talk = true;
        assert!(f.follow_up_open());
        assert!(f.handle(50, "Spoke at the door".into()));
        assert!(!f.follow_up_open());
    }
}
