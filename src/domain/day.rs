//! The desk's day at a glance: who was served and who waits, how long waits were,
//! what mattered to customers, whether deadlines were met, and what they said.
use super::feedback::{Expectations, Feedback};
use super::intake::{Intake, Priority, Status};

/// The day's figures. Waits run from check-in to the moment the desk first took the
/// customer, or to now for those still waiting.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub served: usize,
    pub serving: usize,
    pub waiting: usize,
    /// Walkouts: left before being served.
    pub left: usize,
    /// Whole minutes, rounded down; `None` when nobody checked in.
    pub average_wait_min: Option<i64>,
    pub longest_wait_min: Option<i64>,
    /// Time, cost, both, quality ("neither"), and not said: in that order.
    pub priorities: [usize; 5],
    /// Deadlines met (done by the time the customer needed), and all deadlines
    /// decided so far (met, or missed: done late or still open past it).
    pub deadlines_met: usize,
    pub deadlines_decided: usize,
    /// Below, met, beyond: in that order.
    pub expectations: [usize; 3],
    /// What mattered most was respected / not respected.
    pub respected: [usize; 2],
    /// Follow-ups raised, and those still open.
    pub follow_ups: usize,
    pub follow_ups_open: usize,
    /// Promises kept (done by the time the desk said), and all decided so far
    /// (kept, or broken: done late or still open past it).
    pub promises_kept: usize,
    pub promises_decided: usize,
    /// Waits quoted at the kiosk that held (taken by the quote's upper end),
    /// and all decided so far (taken, or still waiting past it).
    pub quotes_held: usize,
    pub quotes_decided: usize,
    /// Of those taken, the average upper end quoted and the average wait that
    /// came, whole minutes.
    pub quoted_min: Option<i64>,
    pub quoted_waited_min: Option<i64>,
}

pub fn summary(intakes: &[Intake], feedback: &[Feedback], now_ms: i64) -> Summary {
    let mut s = Summary::default();
    let mut waits = Vec::with_capacity(intakes.len());
    // Each wait taken that was quoted: the upper end quoted, minutes, and the wait, ms.
    let mut quoted: Vec<(i64, i64)> = Vec::new();
    for i in intakes {
        match i.status {
            Status::Waiting => s.waiting += 1,
            Status::Serving => s.serving += 1,
            Status::Done => s.served += 1,
            Status::Left => s.left += 1,
        }
        let ended = i.served_at().unwrap_or(now_ms);
        waits.push((ended - i.created_ms).max(0));
        s.priorities[match i.priority {
            Some(Priority::Time) => 0,
            Some(Priority::Cost) => 1,
            Some(Priority::Both) => 2,
            Some(Priority::Quality) => 3,
            None => 4,
        }] += 1;
        // A walkout is no promise broken: nobody served them.
        if let Some(at) = i.promised_ms.filter(|_| i.status != Status::Left) {
            decide(
                i.done_at(),
                at,
                now_ms,
                &mut s.promises_kept,
                &mut s.promises_decided,
            );
        }
        if let Some(q) = i.quote.filter(|_| i.status != Status::Left) {
            let by = i.created_ms + i64::from(q.high_min) * 60_000;
            decide(
                i.served_at(),
                by,
                now_ms,
                &mut s.quotes_held,
                &mut s.quotes_decided,
            );
            if let Some(served) = i.served_at() {
                quoted.push((i64::from(q.high_min), (served - i.created_ms).max(0)));
            }
        }
        if let Some(d) = i.deadline {
            decide(
                i.done_at(),
                d.at_ms,
                now_ms,
                &mut s.deadlines_met,
                &mut s.deadlines_decided,
            );
        }
    }
    if !waits.is_empty() {
        let total: i64 = waits.iter().sum();
        s.average_wait_min = Some(total / waits.len() as i64 / 60_000);
        s.longest_wait_min = waits.iter().max().map(|w| w / 60_000);
    }
    if !quoted.is_empty() {
        let n = quoted.len() as i64;
        s.quoted_min = Some(quoted.iter().map(|q| q.0).sum::<i64>() / n);
        s.quoted_waited_min = Some(quoted.iter().map(|q| q.1).sum::<i64>() / n / 60_000);
    }
    for f in feedback {
        s.expectations[match f.expectations {
            Expectations::Below => 0,
            Expectations::Met => 1,
            Expectations::Beyond => 2,
        }] += 1;
        s.respected[usize::from(!f.respected)] += 1;
        if f.needs_follow_up() {
            s.follow_ups += 1;
            if f.follow_up.is_none() {
                s.follow_ups_open += 1;
            }
        }
    }
    s
}

/// Counts a time kept to: met when what it was for happened by `by` (or at
/// it); decided then, or once `by` has passed without it.
fn decide(happened: Option<i64>, by: i64, now_ms: i64, met: &mut usize, decided: &mut usize) {
    match happened {
        Some(t) => {
            *decided += 1;
            if t <= by {
                *met += 1;
            }
        }
        None if now_ms > by => *decided += 1,
        None => {}
    }
}

/// Each count as a whole-number percentage of all, rounded on its own: equal counts
/// always read the same (the bar itself is drawn from the exact shares).
pub fn percents(counts: &[usize]) -> Vec<u32> {
    let total: usize = counts.iter().sum();
    counts
        .iter()
        .map(|&c| match total {
            0 => 0,
            t => ((c * 200 + t) / (2 * t)) as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::feedback::fixtures::feedback;
    use crate::domain::intake::fixtures::intake;
    use crate::domain::intake::{Deadline, DeadlineChoice};

    const MIN: i64 = 60_000;

    fn at(ticket: u32, checked_in_min: i64, priority: Option<Priority>) -> Intake {
        let mut i = intake(ticket);
        i.created_ms = checked_in_min * MIN;
        i.priority = priority;
        i
    }

    fn deadline(i: &mut Intake, at_min: i64) {
        i.deadline = Some(Deadline {
            choice: DeadlineChoice::At,
            at_ms: at_min * MIN,
        });
    }

    #[test]
    fn figures_of_a_known_day() {
        // 1: time, deadline at 60, served at 10, done at 50 (met). Wait 10.
        let mut a = at(1, 0, Some(Priority::Time));
        deadline(&mut a, 60);
        a.advance(Status::Serving, 10 * MIN);
        a.advance(Status::Done, 50 * MIN);
        // 2: cost, done straight away at 35 (wait 30).
        let mut b = at(2, 5, Some(Priority::Cost));
        b.advance(Status::Done, 35 * MIN);
        // 3: both, deadline at 40, done at 70 (missed). Wait 20.
        let mut c = at(3, 10, Some(Priority::Both));
        deadline(&mut c, 40);
        c.advance(Status::Serving, 30 * MIN);
        c.advance(Status::Done, 70 * MIN);
        // 4: time, deadline at 200, still waiting (undecided). Wait 100 - 20 = 80.
        let mut d = at(4, 20, Some(Priority::Time));
        deadline(&mut d, 200);
        // 5: time, deadline at 90, being served at 95 (missed: still open past it). Wait 65.
        let mut e = at(5, 30, Some(Priority::Time));
        deadline(&mut e, 90);
        e.advance(Status::Serving, 95 * MIN);
        // 6: said nothing (asked for a person), waiting. Wait 100 - 90 = 10.
        let f = at(6, 90, None);

        let fb = [
            feedback(1, Expectations::Beyond, true),
            feedback(2, Expectations::Met, true),
            feedback(3, Expectations::Below, false),
            {
                let mut x = feedback(4, Expectations::Met, false);
                x.handle(99, "called".into());
                x
            },
        ];
        let s = summary(&[a, b, c, d, e, f], &fb, 100 * MIN);
        assert_eq!((s.served, s.serving, s.waiting), (3, 1, 2));
        // (10 + 30 + 20 + 80 + 65 + 10) / 6 = 35.8
        assert_eq!(s.average_wait_min, Some(35));
        assert_eq!(s.longest_wait_min, Some(80));
        assert_eq!(s.priorities, [3, 1, 1, 0, 1]);
        assert_eq!((s.deadlines_met, s.deadlines_decided), (1, 3));
        assert_eq!(s.expectations, [1, 2, 1]);
        assert_eq!(s.respected, [2, 2]);
        assert_eq!((s.follow_ups, s.follow_ups_open), (2, 1));
    }

    #[test]
    fn an_empty_day_has_no_waits() {
        let s = summary(&[], &[], 0);
        assert_eq!(s, Summary::default());
        assert_eq!(s.average_wait_min, None);
    }

    #[test]
    fn equal_counts_read_the_same_percentage() {
        assert_eq!(percents(&[1, 1, 1]), vec![33, 33, 33]);
        assert_eq!(percents(&[3, 1, 1, 0, 1]), vec![50, 17, 17, 0, 17]);
        assert_eq!(percents(&[0, 2, 0]), vec![0, 100, 0]);
        assert_eq!(percents(&[0, 0]), vec![0, 0]);
        assert_eq!(percents(&[2, 1]), vec![67, 33]);
        assert_eq!(percents(&[1, 7]), vec![13, 88], "halves round up");
    }

    #[test]
    fn promises_kept_and_waits_against_their_quote() {
        use crate::domain::wait::Quote;
        let quote = |high_min| {
            Some(Quote {
                position: 2,
                low_min: 5,
                high_min,
            })
        };
        // 1: promised by 60, done at 50: kept. Quoted up to 20, taken at 15: held.
        let mut a = at(1, 0, None);
        a.quote = quote(20);
        a.advance(Status::Serving, 15 * MIN);
        a.promised_ms = Some(60 * MIN);
        a.advance(Status::Done, 50 * MIN);
        // 2: promised by 60, done at 61: broken. Quoted up to 10, taken at 30: not held.
        let mut b = at(2, 0, None);
        b.quote = quote(10);
        b.advance(Status::Serving, 30 * MIN);
        b.promised_ms = Some(60 * MIN);
        b.advance(Status::Done, 61 * MIN);
        // 3: promised by 90, still being served at 100: broken. No quote.
        let mut c = at(3, 0, None);
        c.advance(Status::Serving, 40 * MIN);
        c.promised_ms = Some(90 * MIN);
        // 4: promised by 120, being served at 100: undecided. Quoted up to 200,
        // still waiting at 100 (created at 0): undecided.
        let mut d = at(4, 0, None);
        d.advance(Status::Serving, 95 * MIN);
        d.promised_ms = Some(120 * MIN);
        let mut e = at(5, 0, None);
        e.quote = quote(200);
        // 6: quoted up to 30, still waiting at 100: decided, not held.
        let mut f = at(6, 0, None);
        f.quote = quote(30);
        // 7: quoted and promised, but walked out: no measure of either.
        let mut g = at(7, 0, None);
        g.quote = quote(5);
        g.promised_ms = Some(10 * MIN);
        g.advance(Status::Left, 50 * MIN);

        let s = summary(&[a, b, c, d, e, f, g], &[], 100 * MIN);
        assert_eq!((s.promises_kept, s.promises_decided), (1, 3));
        assert_eq!((s.quotes_held, s.quotes_decided), (1, 3));
        // Of the two quoted and taken: 20 and 10 quoted, 15 and 30 waited.
        assert_eq!((s.quoted_min, s.quoted_waited_min), (Some(15), Some(22)));

        let none = summary(&[at(1, 0, None)], &[], 100 * MIN);
        assert_eq!((none.promises_decided, none.quotes_decided), (0, 0));
        assert_eq!((none.quoted_min, none.quoted_waited_min), (None, None));
    }
}
