//! Figures over days and weeks: who came when, how long they waited against what
//! they were told, who left unserved, and whom the business fails on what mattered
//! most. Each day is summed into a [`Tally`] that adds up with any other day's, so
//! a range of days is their sum, whether the days come from this device's storage
//! or from the shop's database.
use serde::{Deserialize, Serialize};

use super::clock::{days_from_civil, parse_day, MINUTE_MS};
use super::feedback::{Feedback, FOLLOW_UP_DUE_MS};
use super::intake::{Intake, Priority, Status};

mod histogram;
#[cfg(test)]
use histogram::{bin_floor, bin_of, STEPS};
pub use histogram::{Histogram, BINS};

pub const HOUR_MS: i64 = 60 * MINUTE_MS;
/// Arrivals are counted by quarter of an hour in UTC, so each day's own offset
/// (summer time, half-hour zones) puts them in the right local hour.
pub const QUARTERS: usize = 96;
/// The longest range the desk sums at once.
pub const MAX_RANGE_DAYS: usize = 366;

/// One day's counts (or several days' sum). Everything adds up, bins included.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Tally {
    pub arrivals: u32,
    /// Arrivals by UTC quarter of an hour of the day ([`QUARTERS`] of them).
    pub arrivals_by_quarter: Vec<u32>,
    /// Done, and taken by the desk but not done yet.
    pub served: u32,
    pub serving: u32,
    /// Still waiting on a day not over yet.
    pub waiting: u32,
    /// Walkouts: marked *Left* by the desk, and still waiting when their day was over.
    pub left: u32,
    pub unserved: u32,
    /// Each wait, from check-in to the desk taking them (to now, for those still
    /// waiting today); and their sum, for an exact average.
    pub waits: Histogram,
    pub wait_ms: i64,
    /// The longest wait exactly, where the records are at hand (the database's
    /// view sums and leaves it 0: the bins then say it).
    pub longest_wait_ms: i64,
    /// Time, cost, both, neither, not said: in that order.
    pub priorities: [u32; 5],
    pub deadlines_met: u32,
    pub deadlines_decided: u32,
    pub promises_kept: u32,
    pub promises_decided: u32,
    pub quotes_held: u32,
    pub quotes_decided: u32,
    /// Of those quoted and taken: how many, the upper ends quoted (minutes) and
    /// the waits that came (ms), summed.
    pub quoted: u32,
    pub quoted_min: i64,
    pub quoted_waited_ms: i64,
    /// Below, met, beyond.
    pub expectations: [u32; 3],
    /// By what mattered most (in the order of `priorities`): respected, not.
    pub respected: [[u32; 2]; 5],
    pub follow_ups: u32,
    pub follow_ups_open: u32,
    /// Handled within [`FOLLOW_UP_DUE_MS`], and all decided (handled, or open
    /// past it); how long each handled one took.
    pub follow_ups_in_time: u32,
    pub follow_ups_decided: u32,
    pub handle_times: Histogram,
}

fn priority_index(p: Option<Priority>) -> usize {
    match p {
        Some(Priority::Time) => 0,
        Some(Priority::Cost) => 1,
        Some(Priority::Both) => 2,
        Some(Priority::Quality) => 3,
        None => 4,
    }
}

/// Counts a time kept to: met when what it was for happened by `by` (or at
/// it); decided then, or once `by` has passed without it.
fn decide(happened: Option<i64>, by: i64, now_ms: i64, met: &mut u32, decided: &mut u32) {
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

impl Tally {
    /// The tally of one day's intakes and feedback, as of `now_ms`. On a day that
    /// is `over`, those still waiting left unserved; on today they wait on, and
    /// their wait so far counts.
    pub fn of_day(intakes: &[Intake], feedback: &[Feedback], now_ms: i64, over: bool) -> Self {
        let mut t = Tally::default();
        for i in intakes {
            t.add_intake(i, now_ms, over);
        }
        for f in feedback {
            t.add_feedback(f, now_ms);
        }
        t
    }

    pub fn add_intake(&mut self, i: &Intake, now_ms: i64, over: bool) {
        self.arrivals += 1;
        if self.arrivals_by_quarter.len() < QUARTERS {
            self.arrivals_by_quarter.resize(QUARTERS, 0);
        }
        let quarter = i
            .created_ms
            .div_euclid(15 * MINUTE_MS)
            .rem_euclid(QUARTERS as i64);
        self.arrivals_by_quarter[quarter as usize] += 1;
        let waited = match i.status {
            Status::Waiting if over => {
                self.unserved += 1;
                None
            }
            Status::Waiting => {
                self.waiting += 1;
                Some(now_ms)
            }
            Status::Serving => {
                self.serving += 1;
                i.served_at()
            }
            Status::Done => {
                self.served += 1;
                i.served_at()
            }
            Status::Left => {
                self.left += 1;
                None
            }
        };
        if let Some(end) = waited {
            let wait = (end - i.created_ms).max(0);
            self.waits.add(wait);
            self.wait_ms += wait;
            self.longest_wait_ms = self.longest_wait_ms.max(wait);
        }
        self.priorities[priority_index(i.priority)] += 1;
        // A walkout is no promise broken, nor a quote: nobody served them.
        let walked_out = i.status == Status::Left || (over && i.status == Status::Waiting);
        if let Some(at) = i.promised_ms.filter(|_| !walked_out) {
            decide(
                i.done_at(),
                at,
                now_ms,
                &mut self.promises_kept,
                &mut self.promises_decided,
            );
        }
        if let Some(q) = i.quote.filter(|_| !walked_out) {
            let by = i.created_ms + i64::from(q.high_min) * MINUTE_MS;
            decide(
                i.served_at(),
                by,
                now_ms,
                &mut self.quotes_held,
                &mut self.quotes_decided,
            );
            if let Some(served) = i.served_at() {
                self.quoted += 1;
                self.quoted_min += i64::from(q.high_min);
                self.quoted_waited_ms += (served - i.created_ms).max(0);
            }
        }
        if let Some(d) = i.deadline {
            decide(
                i.done_at(),
                d.at_ms,
                now_ms,
                &mut self.deadlines_met,
                &mut self.deadlines_decided,
            );
        }
    }

    pub fn add_feedback(&mut self, f: &Feedback, now_ms: i64) {
        self.expectations[match f.expectations {
            super::feedback::Expectations::Below => 0,
            super::feedback::Expectations::Met => 1,
            super::feedback::Expectations::Beyond => 2,
        }] += 1;
        self.respected[priority_index(f.priority)][usize::from(!f.respected)] += 1;
        if !f.needs_follow_up() {
            return;
        }
        self.follow_ups += 1;
        let due = f.created_ms + FOLLOW_UP_DUE_MS;
        match &f.follow_up {
            Some(done) => {
                self.handle_times.add(done.at_ms - f.created_ms);
                self.follow_ups_decided += 1;
                if done.at_ms <= due {
                    self.follow_ups_in_time += 1;
                }
            }
            None => {
                self.follow_ups_open += 1;
                if now_ms > due {
                    self.follow_ups_decided += 1;
                }
            }
        }
    }

    /// Adds another tally to this one.
    pub fn merge(&mut self, o: &Tally) {
        fn add<const N: usize>(a: &mut [u32; N], b: &[u32; N]) {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
        }
        self.arrivals += o.arrivals;
        if self.arrivals_by_quarter.len() < o.arrivals_by_quarter.len() {
            self.arrivals_by_quarter
                .resize(o.arrivals_by_quarter.len(), 0);
        }
        for (a, b) in self
            .arrivals_by_quarter
            .iter_mut()
            .zip(&o.arrivals_by_quarter)
        {
            *a += b;
        }
        self.served += o.served;
        self.serving += o.serving;
        self.waiting += o.waiting;
        self.left += o.left;
        self.unserved += o.unserved;
        self.waits.merge(&o.waits);
        self.wait_ms += o.wait_ms;
        self.longest_wait_ms = self.longest_wait_ms.max(o.longest_wait_ms);
        add(&mut self.priorities, &o.priorities);
        self.deadlines_met += o.deadlines_met;
        self.deadlines_decided += o.deadlines_decided;
        self.promises_kept += o.promises_kept;
        self.promises_decided += o.promises_decided;
        self.quotes_held += o.quotes_held;
        self.quotes_decided += o.quotes_decided;
        self.quoted += o.quoted;
        self.quoted_min += o.quoted_min;
        self.quoted_waited_ms += o.quoted_waited_ms;
        add(&mut self.expectations, &o.expectations);
        for (a, b) in self.respected.iter_mut().zip(&o.respected) {
            add(a, b);
        }
        self.follow_ups += o.follow_ups;
        self.follow_ups_open += o.follow_ups_open;
        self.follow_ups_in_time += o.follow_ups_in_time;
        self.follow_ups_decided += o.follow_ups_decided;
        self.handle_times.merge(&o.handle_times);
    }
}

/// The counts of a tally in the order the database's view `days` sums them
/// (`TALLY_FIELDS` in scripts/couch-setup.mjs); `*n` is n counts in a row.
pub const TALLY_FIELDS: &str = "arrivals served serving waiting left unserved wait_ms priorities*5 deadlines_met deadlines_decided promises_kept promises_decided quotes_held quotes_decided quoted quoted_min quoted_waited_ms expectations*3 respected*10 follow_ups follow_ups_open follow_ups_in_time follow_ups_decided";

impl Tally {
    /// Sets the counts from the view's sum, in the order of [`TALLY_FIELDS`].
    fn set_counts(&mut self, n: &[i64]) {
        let at = |i: usize| n.get(i).copied().unwrap_or(0);
        let count = |i: usize| u32::try_from(at(i).max(0)).unwrap_or(u32::MAX);
        self.arrivals = count(0);
        self.served = count(1);
        self.serving = count(2);
        self.waiting = count(3);
        self.left = count(4);
        self.unserved = count(5);
        self.wait_ms = at(6);
        self.priorities = std::array::from_fn(|p| count(7 + p));
        self.deadlines_met = count(12);
        self.deadlines_decided = count(13);
        self.promises_kept = count(14);
        self.promises_decided = count(15);
        self.quotes_held = count(16);
        self.quotes_decided = count(17);
        self.quoted = count(18);
        self.quoted_min = at(19);
        self.quoted_waited_ms = at(20);
        self.expectations = std::array::from_fn(|e| count(21 + e));
        self.respected = std::array::from_fn(|p| [count(24 + 2 * p), count(25 + 2 * p)]);
        self.follow_ups = count(34);
        self.follow_ups_open = count(35);
        self.follow_ups_in_time = count(36);
        self.follow_ups_decided = count(37);
    }

    /// Each day's tally from the rows of the view `days` read with `group_level=3`
    /// (`{"rows": [{"key": [day, kind, bin?], "value": ...}]}`); rows it cannot
    /// read are skipped.
    pub fn from_view(rows: &serde_json::Value) -> std::collections::BTreeMap<String, Tally> {
        let mut days: std::collections::BTreeMap<String, Tally> = Default::default();
        for row in rows["rows"].as_array().into_iter().flatten() {
            let key = &row["key"];
            let (Some(day), Some(kind)) = (key[0].as_str(), key[1].as_str()) else {
                continue;
            };
            let tally = days.entry(day.to_string()).or_default();
            let bin = key[2].as_u64().map(|b| b as usize);
            let n = row["value"].as_f64().map(|v| v.max(0.0) as u32);
            match (kind, bin, n) {
                ("n", _, _) => {
                    let counts: Vec<i64> = row["value"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|v| v.as_f64().unwrap_or(0.0) as i64)
                        .collect();
                    tally.set_counts(&counts);
                }
                ("q", Some(q), Some(n)) if q < QUARTERS => {
                    tally.arrivals_by_quarter.resize(QUARTERS, 0);
                    tally.arrivals_by_quarter[q] += n;
                }
                ("w", Some(b), Some(n)) if b < BINS => tally.waits.add_to_bin(b, n),
                ("h", Some(b), Some(n)) if b < BINS => tally.handle_times.add_to_bin(b, n),
                _ => {}
            }
        }
        days
    }
}

/// One day's tally, with the day (`YYYY-MM-DD`) and its local offset from UTC in
/// minutes (that of its noon), which places its arrivals on the local clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Day {
    pub day: String,
    pub utc_offset_min: i32,
    pub tally: Tally,
}

/// Figures over a range of days, as the desk shows them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Every day's counts summed.
    pub total: Tally,
    /// Whole minutes, rounded down; `None` when no wait was counted.
    pub average_wait_min: Option<i64>,
    pub p90_wait_min: Option<i64>,
    pub longest_wait_min: Option<i64>,
    /// Of those quoted and taken, the average upper end quoted and the average
    /// wait that came, whole minutes.
    pub quoted_min: Option<i64>,
    pub quoted_waited_min: Option<i64>,
    pub median_handle_min: Option<i64>,
    /// Arrivals by weekday (Monday first) and local hour.
    pub heatmap: [[u32; 24]; 7],
}

impl Figures {
    pub fn walkouts(&self) -> u32 {
        self.total.left + self.total.unserved
    }
}

pub fn figures(days: &[Day]) -> Figures {
    let mut f = Figures::default();
    for d in days {
        f.total.merge(&d.tally);
        let Some(weekday) = weekday(&d.day) else {
            continue;
        };
        for (q, &n) in d.tally.arrivals_by_quarter.iter().enumerate() {
            let local = (q as i64 * 15 + i64::from(d.utc_offset_min)).rem_euclid(24 * 60);
            f.heatmap[weekday][(local / 60) as usize] += n;
        }
    }
    let t = &f.total;
    let waits = i64::from(t.waits.count());
    if waits > 0 {
        f.average_wait_min = Some(t.wait_ms / waits / MINUTE_MS);
    }
    f.p90_wait_min = t.waits.percentile(90);
    f.longest_wait_min = match t.longest_wait_ms {
        0 => t.waits.percentile(100),
        ms => Some(ms / MINUTE_MS),
    };
    if t.quoted > 0 {
        let n = i64::from(t.quoted);
        f.quoted_min = Some(t.quoted_min / n);
        f.quoted_waited_min = Some(t.quoted_waited_ms / n / MINUTE_MS);
    }
    f.median_handle_min = t.handle_times.percentile(50);
    f
}

/// Monday 0 to Sunday 6, of a `YYYY-MM-DD` day.
pub fn weekday(day: &str) -> Option<usize> {
    let (y, m, d) = parse_day(day)?;
    // 1970-01-01 was a Thursday.
    Some((days_from_civil(y, m, d) + 3).rem_euclid(7) as usize)
}

/// Every day from `from` to `to`, both kept, in order; `None` when either is no
/// date, `to` comes first, or the range is longer than [`MAX_RANGE_DAYS`].
pub fn days_between(from: &str, to: &str) -> Option<Vec<String>> {
    let (fy, fm, fd) = parse_day(from)?;
    let (ty, tm, td) = parse_day(to)?;
    let (first, last) = (days_from_civil(fy, fm, fd), days_from_civil(ty, tm, td));
    if last < first || (last - first) as usize >= MAX_RANGE_DAYS {
        return None;
    }
    Some((first..=last).map(super::clock::day_of_days).collect())
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
mod tests;
