//! Intake -> the staff brief: what a person at the desk reads in three seconds.
//! Everything here is a code; the desk view words it in the staff's language.
use super::intake::{Deadline, Detail, Intake, Limit, Priority, Status};
use super::questions::Answer;

/// A deadline this close (or past) is at risk: warn, and move the customer up.
pub const DEADLINE_WARN_MIN: i64 = 30;
/// A promise this close (or past) is about to be broken: warn.
pub const PROMISE_WARN_MIN: i64 = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// Came back because something wasn't right.
    Recovery,
    /// Would rather talk to a person.
    WantsPerson,
    /// Must leave before the end of the wait they were quoted.
    LeavesBeforeQuote,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Headline {
    TimeFirst {
        deadline: Option<Deadline>,
    },
    CostFirst {
        estimate_first: bool,
        limit: Option<Limit>,
    },
    Both {
        deadline: Option<Deadline>,
        estimate_first: bool,
        limit: Option<Limit>,
    },
    QualityFirst,
    /// They asked for a person before saying what matters.
    NotSaid,
}

/// One line of how to approach this customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approach {
    CameBack,
    TimeFirst,
    CostFirst,
    Both,
    QualityFirst,
    WalkThrough,
    KeepBrief,
    TalkFirst,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// The deadline has passed.
    Overdue,
    /// Within `DEADLINE_WARN_MIN` minutes of the deadline.
    AtRisk,
    Normal,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Brief {
    pub id: String,
    pub ticket: u32,
    /// `12`, or `A-12` when kiosks share a database.
    pub ticket_label: String,
    pub name: String,
    /// The language the customer used (a code): staff may greet them in it.
    pub language: String,
    pub reason: Option<String>,
    pub flags: Vec<Flag>,
    pub headline: Headline,
    /// Minutes until the deadline, negative once past.
    pub minutes_left: Option<i64>,
    /// Whole minutes since the deadline passed (0 in its first minute).
    pub minutes_past: Option<i64>,
    pub urgency: Urgency,
    pub approach: Vec<Approach>,
    /// Help items with whether the desk has ticked them off.
    pub help: Vec<(String, bool)>,
    pub note: String,
    /// Answers to the business's own questions (codes; the desk words them).
    pub answers: Vec<Answer>,
    /// The desk's own note.
    pub staff_note: String,
    pub waited_min: i64,
    pub status: Status,
    /// When the desk took them, while being served.
    pub serving_since_ms: Option<i64>,
    /// Closed as done by their feedback on the way out.
    pub closed_by_feedback: bool,
    /// The wait the kiosk quoted them.
    pub quote: Option<super::wait::Quote>,
    /// The desk's promise, and the minutes left to it, counted up (negative, the
    /// minutes late, once past): while they are with the desk or waiting.
    pub promised_ms: Option<i64>,
    pub promise_left_min: Option<i64>,
    /// Within [`PROMISE_WARN_MIN`] minutes of being broken, or broken.
    pub promise_at_risk: bool,
    pub phone: String,
    created_ms: i64,
}

/// Where a waiting customer stands in the queue: the first tier first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// A deadline within `DEADLINE_WARN_MIN` minutes, or passed.
    DeadlineAtRisk,
    /// Came back, or wants a person, with no deadline at risk.
    Flagged,
    Ordinary,
}

fn minutes_floor(ms: i64) -> i64 {
    ms.div_euclid(60_000)
}

/// Whole minutes to a promise, counted up (what is left of a 30-minute promise
/// set a moment ago is 30 minutes; at the very moment, 0); once it has passed,
/// minus the minutes late, counted up too (a moment late is a minute late).
fn minutes_to(ms: i64) -> i64 {
    let up = |ms: i64| (ms + 59_999) / 60_000;
    if ms >= 0 {
        up(ms)
    } else {
        -up(-ms)
    }
}

impl Brief {
    pub fn of(intake: &Intake, now_ms: i64) -> Brief {
        let mut flags = Vec::new();
        if intake.recovery {
            flags.push(Flag::Recovery);
        }
        if intake.wants_person {
            flags.push(Flag::WantsPerson);
        }
        if leaves_before_quote(intake) {
            flags.push(Flag::LeavesBeforeQuote);
        }
        let estimate_first = intake.estimate_first.unwrap_or(false);
        let headline = match intake.priority {
            Some(Priority::Time) => Headline::TimeFirst {
                deadline: intake.deadline,
            },
            Some(Priority::Cost) => Headline::CostFirst {
                estimate_first,
                limit: intake.limit,
            },
            Some(Priority::Both) => Headline::Both {
                deadline: intake.deadline,
                estimate_first,
                limit: intake.limit,
            },
            Some(Priority::Quality) => Headline::QualityFirst,
            None => Headline::NotSaid,
        };
        let minutes_left = intake
            .deadline
            .filter(|_| intake.priority.is_some_and(Priority::asks_deadline))
            .map(|d| minutes_floor(d.at_ms - now_ms));
        let minutes_past = intake
            .deadline
            .filter(|d| minutes_left.is_some() && d.at_ms < now_ms)
            .map(|d| minutes_floor(now_ms - d.at_ms));
        let urgency = match minutes_left {
            Some(m) if m < 0 => Urgency::Overdue,
            Some(m) if m <= DEADLINE_WARN_MIN => Urgency::AtRisk,
            _ => Urgency::Normal,
        };
        let mut approach = Vec::new();
        if intake.recovery {
            approach.push(Approach::CameBack);
        }
        approach.extend(intake.priority.map(|p| match p {
            Priority::Time => Approach::TimeFirst,
            Priority::Cost => Approach::CostFirst,
            Priority::Both => Approach::Both,
            Priority::Quality => Approach::QualityFirst,
        }));
        approach.extend(intake.detail.map(|d| match d {
            Detail::WalkThrough => Approach::WalkThrough,
            Detail::Brief => Approach::KeepBrief,
        }));
        if approach.is_empty() && intake.wants_person {
            approach.push(Approach::TalkFirst);
        }
        approach.truncate(2);
        let help = intake
            .help
            .iter()
            .map(|h| (h.clone(), intake.done_help.contains(h)))
            .collect();
        Brief {
            id: intake.id.clone(),
            ticket: intake.ticket,
            ticket_label: intake.ticket_label(),
            name: intake.name.clone(),
            language: intake.language.clone(),
            reason: intake.reason.clone(),
            flags,
            headline,
            minutes_left,
            minutes_past,
            urgency,
            approach,
            help,
            note: intake.note.clone(),
            answers: intake.answers.clone(),
            staff_note: intake.staff_note.clone(),
            // Their wait ends when the desk takes them.
            waited_min: minutes_floor(intake.served_at().unwrap_or(now_ms) - intake.created_ms)
                .max(0),
            status: intake.status,
            serving_since_ms: (intake.status == Status::Serving)
                .then_some(intake.status_ms)
                .flatten(),
            closed_by_feedback: intake.closed_by_feedback,
            quote: intake.quote,
            promised_ms: intake.promised_ms,
            promise_left_min: intake
                .promised_ms
                .filter(|_| intake.status.is_open())
                .map(|at| minutes_to(at - now_ms)),
            promise_at_risk: intake.promised_ms.is_some_and(|at| {
                intake.status.is_open() && at - now_ms <= PROMISE_WARN_MIN * 60_000
            }),
            phone: intake.phone.clone(),
            created_ms: intake.created_ms,
        }
    }

    pub fn tier(&self) -> Tier {
        if self.urgency != Urgency::Normal {
            Tier::DeadlineAtRisk
        } else if !self.flags.is_empty() {
            Tier::Flagged
        } else {
            Tier::Ordinary
        }
    }

    /// Sort key: waiting before serving before done; then the tier; among deadlines
    /// at risk, the nearest (or longest passed) first; otherwise whoever has waited
    /// longest. The id settles the rest, so every desk shows the same queue in the
    /// same order.
    fn attention_key(&self) -> (Status, Tier, i64, i64, u32, &str) {
        let tier = self.tier();
        let minutes_left = match tier {
            Tier::DeadlineAtRisk => self.minutes_left.unwrap_or(0),
            _ => 0,
        };
        (
            self.status,
            tier,
            minutes_left,
            self.created_ms,
            self.ticket,
            &self.id,
        )
    }
}

/// A customer still waiting who must leave before the pessimistic end of the
/// wait they were quoted: the desk is told at once, not when the deadline nears.
fn leaves_before_quote(intake: &Intake) -> bool {
    let (Some(deadline), Some(quote)) = (intake.deadline, intake.quote) else {
        return false;
    };
    intake.status == Status::Waiting
        && intake.priority.is_some_and(Priority::asks_deadline)
        && deadline.at_ms < intake.created_ms + i64::from(quote.high_min) * 60_000
}

/// Today's queue, the person who most needs attention first.
pub fn queue<'a>(intakes: impl IntoIterator<Item = &'a Intake>, now_ms: i64) -> Vec<Brief> {
    let mut briefs: Vec<Brief> = intakes.into_iter().map(|i| Brief::of(i, now_ms)).collect();
    briefs.sort_by(|a, b| a.attention_key().cmp(&b.attention_key()));
    briefs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::DeadlineChoice;

    const NOW: i64 = 10 * 3_600_000;
    const MIN: i64 = 60_000;

    fn deadline_in(minutes: i64) -> Option<Deadline> {
        Some(Deadline {
            choice: DeadlineChoice::At,
            at_ms: NOW + minutes * MIN,
        })
    }

    /// Every combination of priority (or none), detail (or none), recovery and
    /// wants-a-person: the brief's headline, flags and approach follow the rules.
    #[test]
    fn every_combination_of_answers_gives_a_sound_brief() {
        let priorities = [
            None,
            Some(Priority::Time),
            Some(Priority::Cost),
            Some(Priority::Both),
            Some(Priority::Quality),
        ];
        let details = [None, Some(Detail::Brief), Some(Detail::WalkThrough)];
        let mut seen = 0;
        for priority in priorities {
            for detail in details {
                for recovery in [false, true] {
                    for wants_person in [false, true] {
                        let mut i = intake(1);
                        i.priority = priority;
                        i.detail = detail;
                        i.recovery = recovery;
                        i.wants_person = wants_person;
                        i.deadline = priority.filter(|p| p.asks_deadline()).and(deadline_in(45));
                        if priority.is_some_and(Priority::asks_budget) {
                            i.estimate_first = Some(true);
                            i.limit = Some(Limit::Amount(250));
                        }
                        let b = Brief::of(&i, NOW);
                        let ctx = format!(
                            "{priority:?} {detail:?} recovery={recovery} person={wants_person}"
                        );

                        // Flags: recovery first, then wants a person.
                        let mut flags = vec![];
                        if recovery {
                            flags.push(Flag::Recovery)
                        }
                        if wants_person {
                            flags.push(Flag::WantsPerson)
                        }
                        assert_eq!(b.flags, flags, "{ctx}");

                        let expected_headline = match priority {
                            None => Headline::NotSaid,
                            Some(Priority::Time) => Headline::TimeFirst {
                                deadline: deadline_in(45),
                            },
                            Some(Priority::Cost) => Headline::CostFirst {
                                estimate_first: true,
                                limit: Some(Limit::Amount(250)),
                            },
                            Some(Priority::Both) => Headline::Both {
                                deadline: deadline_in(45),
                                estimate_first: true,
                                limit: Some(Limit::Amount(250)),
                            },
                            Some(Priority::Quality) => Headline::QualityFirst,
                        };
                        assert_eq!(b.headline, expected_headline, "{ctx}");
                        assert_eq!(
                            b.minutes_left,
                            priority.filter(|p| p.asks_deadline()).map(|_| 45),
                            "{ctx}"
                        );

                        // Approach: one or two lines, came-back first, then priority, then detail.
                        let mut lines = vec![];
                        if recovery {
                            lines.push(Approach::CameBack)
                        }
                        if let Some(p) = priority {
                            lines.push(match p {
                                Priority::Time => Approach::TimeFirst,
                                Priority::Cost => Approach::CostFirst,
                                Priority::Both => Approach::Both,
                                Priority::Quality => Approach::QualityFirst,
                            });
                        }
                        if let Some(d) = detail {
                            lines.push(if d == Detail::Brief {
                                Approach::KeepBrief
                            } else {
                                Approach::WalkThrough
                            });
                        }
                        if lines.is_empty() && wants_person {
                            lines.push(Approach::TalkFirst)
                        }
                        lines.truncate(2);
                        assert_eq!(b.approach, lines, "{ctx}");
                        let nothing_said =
                            priority.is_none() && detail.is_none() && !recovery && !wants_person;
                        assert!(nothing_said || (1..=2).contains(&b.approach.len()), "{ctx}");
                        seen += 1;
                    }
                }
            }
        }
        assert_eq!(seen, 5 * 3 * 2 * 2);
    }

    #[test]
    fn deadlines_count_down_and_warn() {
        let mut i = intake(1);
        i.priority = Some(Priority::Time);
        for (left, urgency) in [
            (90, Urgency::Normal),
            (31, Urgency::Normal),
            (30, Urgency::AtRisk),
            (0, Urgency::AtRisk),
            (-1, Urgency::Overdue),
        ] {
            i.deadline = deadline_in(left);
            let b = Brief::of(&i, NOW);
            assert_eq!((b.minutes_left, b.urgency), (Some(left), urgency), "{left}");
        }
        // Half a minute past the deadline is already overdue, not "0 minutes left".
        i.deadline = Some(Deadline {
            choice: DeadlineChoice::At,
            at_ms: NOW - MIN / 2,
        });
        assert_eq!(Brief::of(&i, NOW).urgency, Urgency::Overdue);
        assert_eq!(Brief::of(&i, NOW).minutes_past, Some(0), "just passed");
        // Three minutes past is three minutes, not two.
        i.deadline = deadline_in(-3);
        assert_eq!(Brief::of(&i, NOW).minutes_past, Some(3));
        assert_eq!(Brief::of(&i, NOW - 4 * MIN).minutes_past, None, "not yet");
        // A deadline left over from an answer changed to "cost" does not count.
        i.priority = Some(Priority::Cost);
        i.deadline = deadline_in(5);
        assert_eq!(
            (Brief::of(&i, NOW).minutes_left, Brief::of(&i, NOW).urgency),
            (None, Urgency::Normal)
        );
    }

    #[test]
    fn waiting_time_and_ticked_help() {
        let mut i = intake(1);
        i.created_ms = NOW - 7 * MIN - 59_000;
        i.help = vec!["coffee".into(), "wifi".into()];
        i.done_help = vec!["wifi".into()];
        let b = Brief::of(&i, NOW);
        assert_eq!(b.waited_min, 7);
        assert_eq!(
            b.help,
            vec![("coffee".into(), false), ("wifi".into(), true)]
        );
        // A clock that went backwards never shows negative waiting.
        assert_eq!(Brief::of(&i, i.created_ms - MIN).waited_min, 0);
    }

    #[test]
    fn the_queue_puts_who_needs_attention_first() {
        let mut plain_old = intake(1);
        plain_old.created_ms = NOW - 40 * MIN;
        let mut plain_new = intake(2);
        plain_new.created_ms = NOW - 5 * MIN;
        let mut deadline_soon = intake(3);
        deadline_soon.created_ms = NOW - 2 * MIN;
        deadline_soon.priority = Some(Priority::Time);
        deadline_soon.deadline = deadline_in(20);
        let mut deadline_far = intake(4);
        deadline_far.created_ms = NOW - 50 * MIN;
        deadline_far.priority = Some(Priority::Time);
        deadline_far.deadline = deadline_in(120);
        let mut came_back = intake(5);
        came_back.created_ms = NOW - MIN;
        came_back.recovery = true;
        let mut wants_person = intake(6);
        wants_person.created_ms = NOW - 3 * MIN;
        wants_person.wants_person = true;
        let mut serving = intake(7);
        serving.created_ms = NOW - 60 * MIN;
        serving.recovery = true;
        serving.status = Status::Serving;

        let all = [
            &plain_old,
            &plain_new,
            &deadline_soon,
            &deadline_far,
            &came_back,
            &wants_person,
            &serving,
        ];
        let order: Vec<u32> = queue(all, NOW).iter().map(|b| b.ticket).collect();
        // Deadline at risk, then flags (longest waiting first among them), then longest waiting; serving last.
        assert_eq!(order, vec![3, 6, 5, 4, 1, 2, 7]);
    }

    /// The day the rule was written for: 40 waiting, among them a deadline passed 3
    /// minutes ago, one 6 minutes away, a came-back customer with 506 minutes left,
    /// people who want a person, deadlines far off, and plain waiting.
    #[test]
    fn forty_waiting_deadlines_at_risk_then_flags_then_the_longest_wait() {
        let mut all = Vec::new();
        for t in 1..=40u32 {
            let mut i = intake(t);
            // Ticket 1 checked in first: 80 minutes ago, one every two minutes.
            i.created_ms = NOW - (82 - 2 * t as i64) * MIN;
            all.push(i);
        }
        let set_deadline = |i: &mut Intake, minutes: i64| {
            i.priority = Some(Priority::Time);
            i.deadline = deadline_in(minutes);
        };
        set_deadline(&mut all[24], 6); // 25
        set_deadline(&mut all[32], -3); // 33: passed 3 minutes ago
        set_deadline(&mut all[9], 30); // 10: on the edge, at risk
        set_deadline(&mut all[3], 31); // 4: just outside
        set_deadline(&mut all[1], 506); // 2
        all[1].recovery = true; // came back, 506 minutes left
        all[29].wants_person = true; // 30
        all[6].wants_person = true; // 7
        set_deadline(&mut all[38], 12); // 39
        all[38].recovery = true; // came back with a deadline at risk
        all[15].priority = Some(Priority::Cost); // 16: a cost-first customer is ordinary
        all[0].advance(Status::Serving, NOW - 10 * MIN); // 1: being served
        all[19].advance(Status::Done, NOW - 5 * MIN); // 20: done

        let briefs = queue(&all, NOW);
        let order: Vec<u32> = briefs.iter().map(|b| b.ticket).collect();
        let ordinary: Vec<u32> = (3..=40)
            .filter(|t| ![2, 7, 10, 20, 25, 30, 33, 39].contains(t))
            .collect();
        let mut expected = vec![33, 25, 39, 10, 2, 7, 30];
        expected.extend(&ordinary);
        expected.extend([1, 20]);
        assert_eq!(order, expected);
        assert_eq!(order.len(), 40);
        // The tiers, as staff read them.
        assert_eq!(briefs[0].urgency, Urgency::Overdue);
        assert_eq!(
            briefs[4].tier(),
            Tier::Flagged,
            "506 minutes left is no risk"
        );
        assert_eq!(
            briefs
                .iter()
                .position(|b| b.ticket == 4)
                .map(|p| briefs[p].tier()),
            Some(Tier::Ordinary),
            "31 minutes left is not yet at risk"
        );
        assert_eq!(briefs[38].serving_since_ms, Some(NOW - 10 * MIN));
        assert_eq!(
            briefs[38].waited_min, 70,
            "the wait stopped when serving began"
        );
    }

    #[test]
    fn a_deadline_inside_the_quoted_wait_is_flagged_at_once() {
        use crate::domain::wait::Quote;
        // Checked in at NOW, must leave in 35 minutes, quoted up to 40.
        let mut i = intake(1);
        i.created_ms = NOW;
        i.priority = Some(Priority::Time);
        i.deadline = deadline_in(35);
        i.quote = Some(Quote {
            position: 3,
            low_min: 25,
            high_min: 40,
        });
        let b = Brief::of(&i, NOW);
        assert_eq!(b.flags, vec![Flag::LeavesBeforeQuote]);
        assert_eq!(
            b.tier(),
            Tier::Flagged,
            "moved up at once, not when the deadline nears"
        );
        // A deadline after the quote's upper end: no flag.
        i.deadline = deadline_in(40);
        assert!(Brief::of(&i, NOW).flags.is_empty());
        // Nor without a quote, nor for cost, nor once they are taken.
        i.deadline = deadline_in(35);
        let mut unquoted = i.clone();
        unquoted.quote = None;
        assert!(Brief::of(&unquoted, NOW).flags.is_empty());
        let mut cost = i.clone();
        cost.priority = Some(Priority::Cost);
        assert!(Brief::of(&cost, NOW).flags.is_empty());
        i.advance(Status::Serving, NOW + MIN);
        assert!(Brief::of(&i, NOW + MIN).flags.is_empty());
    }

    #[test]
    fn a_promise_warns_fifteen_minutes_before_it_would_be_broken() {
        let mut i = intake(1);
        i.advance(Status::Serving, NOW);
        i.promised_ms = Some(NOW + 60 * MIN);
        let at = |i: &Intake, now: i64| {
            let b = Brief::of(i, now);
            (b.promise_left_min, b.promise_at_risk)
        };
        assert_eq!(at(&i, NOW), (Some(60), false));
        assert_eq!(at(&i, NOW + 1), (Some(60), false), "counted up");
        assert_eq!(at(&i, NOW + 44 * MIN), (Some(16), false));
        assert_eq!(at(&i, NOW + 45 * MIN - 1), (Some(16), false));
        assert_eq!(at(&i, NOW + 45 * MIN), (Some(15), true));
        assert_eq!(at(&i, NOW + 60 * MIN), (Some(0), true), "due now");
        assert_eq!(at(&i, NOW + 60 * MIN + 1), (Some(-1), true), "broken");
        assert_eq!(at(&i, NOW + 61 * MIN), (Some(-1), true));
        assert_eq!(at(&i, NOW + 61 * MIN + 1), (Some(-2), true));
        // Done: nothing left to warn of.
        i.advance(Status::Done, NOW + 50 * MIN);
        assert_eq!(at(&i, NOW + 70 * MIN), (None, false));
    }
}
