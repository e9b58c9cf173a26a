//! The figures of one known day, and of four known weeks that cross a month's end
//! and the end of summer time, with empty days among them.
use super::*;
use crate::domain::clock::DAY_MS;
use crate::domain::feedback::fixtures::feedback;
use crate::domain::feedback::{Age, Expectations, FOLLOW_UP_DUE_MS, FOLLOW_UP_LATE_MS};
use crate::domain::intake::fixtures::intake;
use crate::domain::intake::{Deadline, DeadlineChoice};
use crate::domain::wait::Quote;

const MIN: i64 = 60_000;

fn at(ticket: u32, checked_in_min: i64, priority: Option<Priority>) -> Intake {
    let mut i = intake(ticket);
    i.created_ms = checked_in_min * MIN;
    i.priority = priority;
    i
}

fn deadline(i: &mut Intake, at_ms: i64) {
    i.deadline = Some(Deadline {
        choice: DeadlineChoice::At,
        at_ms,
    });
}

fn quote(high_min: u32) -> Option<Quote> {
    Some(Quote {
        position: 2,
        low_min: 5,
        high_min,
    })
}

fn one_day(intakes: &[Intake], fb: &[Feedback], now_ms: i64) -> Figures {
    figures(&[Day {
        day: "2026-11-22".into(),
        utc_offset_min: 0,
        tally: Tally::of_day(intakes, fb, now_ms, false),
    }])
}

#[test]
fn figures_of_a_known_day() {
    // 1: time, deadline at 60, served at 10, done at 50 (met). Wait 10.
    let mut a = at(1, 0, Some(Priority::Time));
    deadline(&mut a, 60 * MIN);
    a.advance(Status::Serving, 10 * MIN);
    a.advance(Status::Done, 50 * MIN);
    // 2: cost, done straight away at 35 (wait 30).
    let mut b = at(2, 5, Some(Priority::Cost));
    b.advance(Status::Done, 35 * MIN);
    // 3: both, deadline at 40, done at 70 (missed). Wait 20.
    let mut c = at(3, 10, Some(Priority::Both));
    deadline(&mut c, 40 * MIN);
    c.advance(Status::Serving, 30 * MIN);
    c.advance(Status::Done, 70 * MIN);
    // 4: time, deadline at 200, still waiting (undecided). Wait 100 - 20 = 80.
    let mut d = at(4, 20, Some(Priority::Time));
    deadline(&mut d, 200 * MIN);
    // 5: time, deadline at 90, being served at 95 (missed: still open past it). Wait 65.
    let mut e = at(5, 30, Some(Priority::Time));
    deadline(&mut e, 90 * MIN);
    e.advance(Status::Serving, 95 * MIN);
    // 6: said nothing (asked for a person), waiting. Wait 100 - 90 = 10.
    let f = at(6, 90, None);

    let fb = [
        feedback(1, Expectations::Beyond, true),
        feedback(2, Expectations::Met, true),
        feedback(3, Expectations::Below, false),
        {
            let mut x = feedback(4, Expectations::Met, false);
            x.handle(99 * MIN, "called".into());
            x
        },
    ];
    let s = one_day(&[a, b, c, d, e, f], &fb, 100 * MIN);
    let t = &s.total;
    assert_eq!((t.served, t.serving, t.waiting, t.arrivals), (3, 1, 2, 6));
    // (10 + 30 + 20 + 80 + 65 + 10) / 6 = 35.8
    assert_eq!(s.average_wait_min, Some(35));
    assert_eq!(s.longest_wait_min, Some(80));
    // The sixth of six, sorted: 10 10 20 30 65 80.
    assert_eq!(s.p90_wait_min, Some(80));
    assert_eq!(t.priorities, [3, 1, 1, 0, 1]);
    assert_eq!((t.deadlines_met, t.deadlines_decided), (1, 3));
    assert_eq!(t.expectations, [1, 2, 1]);
    // Feedback without a priority read from its check-in counts as "not said".
    assert_eq!(t.respected[4], [2, 2]);
    assert_eq!((t.follow_ups, t.follow_ups_open), (2, 1));
    assert_eq!(s.walkouts(), 0);
}

#[test]
fn an_empty_day_has_no_waits() {
    let s = one_day(&[], &[], 0);
    assert_eq!(s.total.arrivals, 0);
    assert_eq!(
        (s.average_wait_min, s.p90_wait_min, s.median_handle_min),
        (None, None, None)
    );
    assert_eq!(s.heatmap, [[0; 24]; 7]);
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
    // 4: promised by 120, being served at 100: undecided. 5: quoted up to 200,
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

    let s = one_day(&[a, b, c, d, e, f, g], &[], 100 * MIN);
    let t = &s.total;
    assert_eq!((t.promises_kept, t.promises_decided), (1, 3));
    assert_eq!((t.quotes_held, t.quotes_decided), (1, 3));
    // Of the two quoted and taken: 20 and 10 quoted, 15 and 30 waited.
    assert_eq!((s.quoted_min, s.quoted_waited_min), (Some(15), Some(22)));
    assert_eq!(t.left, 1);

    let none = one_day(&[at(1, 0, None)], &[], 100 * MIN);
    assert_eq!(
        (none.total.promises_decided, none.total.quotes_decided),
        (0, 0)
    );
    assert_eq!((none.quoted_min, none.quoted_waited_min), (None, None));
}

#[test]
fn a_day_over_counts_those_still_waiting_as_walkouts() {
    let mut kept = at(1, 0, Some(Priority::Time));
    kept.quote = quote(10);
    kept.promised_ms = Some(30 * MIN);
    let mut taken = at(2, 0, Some(Priority::Cost));
    taken.advance(Status::Serving, 12 * MIN);
    let over = Tally::of_day(&[kept.clone(), taken.clone()], &[], 600 * MIN, true);
    assert_eq!((over.unserved, over.waiting, over.serving), (1, 0, 1));
    // Only the one taken waited; the one who never was is no quote or promise broken.
    assert_eq!(over.waits.count(), 1);
    assert_eq!((over.quotes_decided, over.promises_decided), (0, 0));
    let today = Tally::of_day(&[kept.clone(), taken], &[], 600 * MIN, false);
    // Past two hours the bins are five minutes wide; the longest is still exact.
    let long = one_day(&[kept], &[], 134 * MIN + 30_000);
    assert_eq!(
        (long.longest_wait_min, long.p90_wait_min),
        (Some(134), Some(130))
    );
    assert_eq!((today.unserved, today.waiting), (0, 1));
    assert_eq!((today.quotes_decided, today.promises_decided), (1, 1));
}

#[test]
fn bins_hold_whole_minutes_up_to_two_hours_and_coarser_beyond() {
    for (minutes, floor) in [
        (0, 0),
        (1, 1),
        (119, 119),
        (120, 120),
        (124, 120),
        (125, 125),
        (239, 235),
        (240, 240),
        (479, 465),
        (480, 480),
        (72 * 60 - 1, 71 * 60),
        (72 * 60, 72 * 60),
        (1_000_000, 72 * 60),
    ] {
        assert_eq!(bin_floor(bin_of(minutes)), floor, "{minutes} min");
    }
    assert_eq!(bin_of(1_000_000), BINS - 1);
    let mut h = Histogram::default();
    for m in [5, 1, 3, 2, 4] {
        h.add(m * MIN + 59_999);
    }
    assert_eq!(
        (h.percentile(50), h.percentile(90), h.percentile(100)),
        (Some(3), Some(5), Some(5))
    );
    assert_eq!(Histogram::default().percentile(50), None);
}

#[test]
fn follow_ups_age_amber_after_a_day_and_red_after_two() {
    let raised = 1_000 * MIN;
    assert_eq!(Age::of(raised, raised), Age::Fresh);
    assert_eq!(Age::of(raised, raised + FOLLOW_UP_LATE_MS - 1), Age::Fresh);
    assert_eq!(Age::of(raised, raised + FOLLOW_UP_LATE_MS), Age::Late);
    assert_eq!(Age::of(raised, raised + FOLLOW_UP_DUE_MS - 1), Age::Late);
    assert_eq!(Age::of(raised, raised + FOLLOW_UP_DUE_MS), Age::Overdue);
}

#[test]
fn ranges_cross_months_and_years_and_refuse_nonsense() {
    assert_eq!(
        days_between("2026-10-30", "2026-11-02").unwrap(),
        ["2026-10-30", "2026-10-31", "2026-11-01", "2026-11-02"]
    );
    assert_eq!(
        days_between("2026-12-31", "2027-01-01").unwrap(),
        ["2026-12-31", "2027-01-01"]
    );
    assert_eq!(days_between("2024-02-28", "2024-03-01").unwrap().len(), 3);
    assert_eq!(days_between("2026-11-08", "2026-11-08").unwrap().len(), 1);
    assert_eq!(days_between("2026-11-08", "2026-11-07"), None);
    assert_eq!(days_between("2026-02-30", "2026-03-01"), None);
    assert_eq!(
        days_between("2025-01-01", "2026-01-02"),
        None,
        "over 366 days"
    );
    assert_eq!(days_between("2025-01-01", "2026-01-01").unwrap().len(), 366);
    assert_eq!(weekday("2026-11-09"), Some(0), "a Monday");
    assert_eq!(weekday("2026-11-08"), Some(6), "a Sunday");
    assert_eq!(weekday("2026-02-30"), None);
}

/// Four known weeks in New York, Monday 12 October to Sunday 8 November 2026:
/// summer time ends on Sunday 1 November (UTC-4, then UTC-5).
mod four_weeks {
    use super::*;

    pub fn offset(day: &str) -> i32 {
        if day < "2026-11-01" {
            -240
        } else {
            -300
        }
    }

    /// A local wall-clock time on `day`, as a UTC timestamp.
    pub fn local(day: &str, hour: i64, minute: i64) -> i64 {
        let (y, m, d) = parse_day(day).unwrap();
        days_from_civil(y, m, d) * DAY_MS + (hour * 60 + minute) * MIN
            - i64::from(offset(day)) * MIN
    }

    pub struct Week {
        pub intakes: Vec<Intake>,
        pub feedback: Vec<Feedback>,
    }

    /// Each weekday: A (time first, 09:00, taken after 10 min, deadline met,
    /// quote held), B (cost first, 09:20, taken after 30, promise broken, quote
    /// not held), C (neither, 12:00, taken after 5; on Fridays walks out at
    /// 12:30). Tuesdays add one who said nothing (09:05, taken after 40).
    /// Saturdays: D (both, 10:00) is still waiting at closing. Sundays: nobody.
    /// Feedback: A respected but on Fridays; B not respected on Mondays and
    /// Tuesdays (below expectations: follow-ups, handled after 2 h on Mondays and
    /// 30 h on Tuesdays); A's on Fridays handled after 60 h, but the last still open.
    pub fn day_records(day: &str) -> Week {
        let wd = weekday(day).unwrap();
        let mut w = Week {
            intakes: vec![],
            feedback: vec![],
        };
        let mut n = 0;
        let mut add = |w: &mut Week, h, m, p: Option<Priority>| {
            n += 1;
            let mut i = intake(n);
            i.id = format!("{day}-{n}");
            i.day = day.into();
            i.created_ms = local(day, h, m);
            i.priority = p;
            w.intakes.push(i);
            w.intakes.len() - 1
        };
        let fb = |w: &mut Week, of: usize, e, respected, handled_after_h: Option<i64>| {
            let i = &w.intakes[of];
            let mut f = feedback(i.ticket, e, respected);
            f.id = format!("feedback-{}", i.id);
            f.day = i.day.clone();
            f.priority = i.priority;
            f.created_ms = i.done_at().unwrap() + 5 * MIN;
            if let Some(h) = handled_after_h {
                f.handle(f.created_ms + h * 60 * MIN, "called".into());
            }
            w.feedback.push(f);
        };
        if wd < 5 {
            let a = add(&mut w, 9, 0, Some(Priority::Time));
            let i = &mut w.intakes[a];
            deadline(i, local(day, 10, 0));
            i.quote = quote(15);
            i.advance(Status::Serving, local(day, 9, 10));
            i.advance(Status::Done, local(day, 9, 50));
            let b = add(&mut w, 9, 20, Some(Priority::Cost));
            let i = &mut w.intakes[b];
            i.quote = quote(20);
            i.advance(Status::Serving, local(day, 9, 50));
            i.promised_ms = Some(local(day, 10, 0));
            i.advance(Status::Done, local(day, 10, 30));
            let c = add(&mut w, 12, 0, Some(Priority::Quality));
            let i = &mut w.intakes[c];
            if wd == 4 {
                i.advance(Status::Left, local(day, 12, 30));
            } else {
                i.advance(Status::Serving, local(day, 12, 5));
                i.advance(Status::Done, local(day, 12, 20));
            }
            if wd == 1 {
                let x = add(&mut w, 9, 5, None);
                w.intakes[x].advance(Status::Done, local(day, 9, 45));
            }
            let last_friday = day == "2026-11-06";
            fb(
                &mut w,
                a,
                Expectations::Met,
                wd != 4,
                (wd == 4 && !last_friday).then_some(60),
            );
            match wd {
                0 => fb(&mut w, b, Expectations::Below, false, Some(2)),
                1 => fb(&mut w, b, Expectations::Below, false, Some(30)),
                _ => fb(&mut w, b, Expectations::Met, true, None),
            }
        } else if wd == 5 {
            add(&mut w, 10, 0, Some(Priority::Both));
        }
        w
    }

    /// The desk's view of `days` on Monday 9 November at 10:00.
    pub fn figures_of(days: &[String]) -> Figures {
        let now = local("2026-11-09", 10, 0);
        let tallies: Vec<Day> = days
            .iter()
            .map(|d| {
                let w = day_records(d);
                Day {
                    day: d.clone(),
                    utc_offset_min: offset(d),
                    tally: Tally::of_day(&w.intakes, &w.feedback, now, true),
                }
            })
            .collect();
        figures(&tallies)
    }
}

#[test]
fn four_known_weeks() {
    let days = days_between("2026-10-12", "2026-11-08").unwrap();
    assert_eq!(days.len(), 28);
    let f = four_weeks::figures_of(&days);
    let t = &f.total;
    // 20 weekdays of three, four Tuesdays' extra one, four Saturdays of one.
    assert_eq!(t.arrivals, 68);
    assert_eq!((t.served, t.serving, t.waiting), (60, 0, 0));
    // Four Fridays' walkouts, four Saturdays' still waiting at closing.
    assert_eq!((t.left, t.unserved, f.walkouts()), (4, 4, 8));
    // Waits: 10 x20, 30 x20, 5 x16, 40 x4 = 1040 over 60: 17.3.
    assert_eq!(t.waits.count(), 60);
    assert_eq!(f.average_wait_min, Some(17));
    // The 54th of 60: five (16), ten (20), then thirty from the 37th to the 56th.
    assert_eq!(f.p90_wait_min, Some(30));
    assert_eq!(f.longest_wait_min, Some(40));
    // Quotes: A's 15 held by 10, B's 20 not held by 30.
    assert_eq!((t.quotes_held, t.quotes_decided), (20, 40));
    assert_eq!((f.quoted_min, f.quoted_waited_min), (Some(17), Some(20)));
    assert_eq!((t.promises_kept, t.promises_decided), (0, 20));
    assert_eq!((t.deadlines_met, t.deadlines_decided), (20, 20));
    // Time, cost, both, neither, not said.
    assert_eq!(t.priorities, [20, 20, 4, 20, 4]);
    // Time first: 16 of 20 respected (80%); cost first: 12 of 20 (60%).
    assert_eq!(t.respected[0], [16, 4]);
    assert_eq!(t.respected[1], [12, 8]);
    assert_eq!(
        percents(&[t.respected[0][0] as usize, t.respected[0][1] as usize]),
        [80, 20]
    );
    assert_eq!(t.expectations, [8, 32, 0]);
    // Follow-ups: 8 from B, 4 from A. Handled within 48 h: the 8 of B. Decided:
    // all 12 (the open one was raised on Friday, over 48 h before Monday 10:00).
    assert_eq!((t.follow_ups, t.follow_ups_open), (12, 1));
    assert_eq!((t.follow_ups_in_time, t.follow_ups_decided), (8, 12));
    // Handled after 2 h x4, 30 h x4, 60 h x3: the 6th of 11 is 30 h.
    assert_eq!(f.median_handle_min, Some(30 * 60));

    // The same local hours before and after summer time ends.
    let h = &f.heatmap;
    assert_eq!(h[0][9], 8, "Mondays at 9: A and B, four times");
    assert_eq!(h[1][9], 12, "Tuesdays at 9: three");
    assert_eq!(h[4][12], 4);
    assert_eq!(h[5][10], 4, "Saturdays at 10");
    assert_eq!(h[6], [0; 24], "Sundays: nobody");
    assert_eq!(
        h[0][8] + h[0][10],
        0,
        "no hour moved by the change of clocks"
    );
    assert_eq!(h.iter().flatten().sum::<u32>(), 68);
}

#[test]
fn a_range_across_the_month_end_and_the_change_of_clocks() {
    // Friday 30 October to Tuesday 3 November: Friday, Saturday, Sunday (the
    // change), Monday, Tuesday.
    let days = days_between("2026-10-30", "2026-11-03").unwrap();
    let f = four_weeks::figures_of(&days);
    let t = &f.total;
    assert_eq!(t.arrivals, 3 + 1 + 3 + 4);
    assert_eq!((t.left, t.unserved), (1, 1));
    // Friday: A 10; Monday: A 10, B 30, C 5; Tuesday: A 10, B 30, C 5, x 40; Friday B 30.
    assert_eq!(t.waits.count(), 9);
    assert_eq!(
        f.average_wait_min,
        Some((10 + 30 + 10 + 30 + 5 + 10 + 30 + 5 + 40) / 9)
    );
    assert_eq!(f.heatmap[4][9], 2, "Friday (summer time) at 9");
    assert_eq!(f.heatmap[0][9], 2, "Monday (winter time) at 9");
    assert_eq!(f.heatmap[1][9], 3);
    assert_eq!(f.heatmap[6], [0; 24]);
    // A Sunday alone: nothing to say, and nothing divided by zero.
    let sunday = four_weeks::figures_of(&days_between("2026-11-01", "2026-11-01").unwrap());
    assert_eq!(sunday.total.arrivals, 0);
    assert_eq!((sunday.average_wait_min, sunday.quoted_min), (None, None));
}

#[test]
fn tallies_add_up_in_any_grouping() {
    let days = days_between("2026-10-12", "2026-11-08").unwrap();
    let whole = four_weeks::figures_of(&days);
    let halves = [
        four_weeks::figures_of(&days[..13]).total,
        four_weeks::figures_of(&days[13..]).total,
    ];
    let mut sum = Tally::default();
    halves.iter().for_each(|t| sum.merge(t));
    assert_eq!(sum, whole.total);
    // And the sum of the days is the tally of all their records at once, so no
    // count is forgotten by `merge`.
    let now = four_weeks::local("2026-11-09", 10, 0);
    let (mut intakes, mut feedback) = (vec![], vec![]);
    for d in &days {
        let w = four_weeks::day_records(d);
        intakes.extend(w.intakes);
        feedback.extend(w.feedback);
    }
    assert_eq!(Tally::of_day(&intakes, &feedback, now, true), whole.total);
}

#[test]
fn the_database_view_sums_in_the_same_order() {
    let setup = include_str!("../../../scripts/couch-setup.mjs");
    assert!(
        setup.contains(&format!("TALLY_FIELDS = '{TALLY_FIELDS}'")),
        "scripts/couch-setup.mjs sums the counts in another order"
    );
    let fields: usize = TALLY_FIELDS
        .split(' ')
        .map(|f| f.split_once('*').map_or(1, |(_, n)| n.parse().unwrap()))
        .sum();
    assert_eq!(fields, 38);
    assert!(setup.contains("for (var k = 0; k < 38; k++)"));
    assert!(setup.contains("var STEPS = [[120, 1], [240, 5], [480, 15], [4320, 60]];"));
    assert_eq!(STEPS, [(120, 1), (240, 5), (480, 15), (72 * 60, 60)]);
}

#[test]
fn tallies_read_from_the_view_rows() {
    let rows = serde_json::json!({"rows": [
        {"key": ["2026-11-02", "n"], "value": [2, 1, 1, 0, 0, 0, 1_200_000, 1, 1, 0, 0, 0,
            1, 1, 0, 0, 1, 2, 1, 15, 600_000, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]},
        {"key": ["2026-11-02", "q", 56], "value": 2},
        {"key": ["2026-11-02", "w", 10], "value": 2},
        {"key": ["2026-11-03", "h", 130], "value": 1},
        {"key": ["2026-11-03", "x", 1], "value": 1},
        {"key": ["2026-11-03", "w", 9999], "value": 1},
        {"key": "nonsense", "value": 1},
    ]});
    let days = Tally::from_view(&rows);
    assert_eq!(days.len(), 2);
    let d = &days["2026-11-02"];
    assert_eq!(
        (d.arrivals, d.served, d.serving, d.wait_ms),
        (2, 1, 1, 1_200_000)
    );
    assert_eq!(d.priorities, [1, 1, 0, 0, 0]);
    assert_eq!((d.quotes_held, d.quotes_decided, d.quoted_min), (1, 2, 15));
    assert_eq!(d.respected[0], [2, 0]);
    assert_eq!(d.arrivals_by_quarter[56], 2);
    assert_eq!(d.waits.percentile(50), Some(10));
    assert_eq!(
        days["2026-11-03"].handle_times.percentile(50),
        Some(170),
        "bin 130: 120 min and ten of five"
    );
    assert_eq!(days["2026-11-03"].waits.count(), 0);
}
