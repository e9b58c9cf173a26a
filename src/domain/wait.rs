//! "How long?": an honest wait for a customer who has just checked in, from
//! today's queue and the desk's own service times (Serving to Done, the recent
//! ones counting more). Quoted as a range whose upper end is pessimistic:
//! customers already overestimate waits, and a quote that turns out short does
//! more harm than a long one. With too little history, no figure at all.
//!
//! A kiosk quotes from a [`Lobby`]: counts and durations the desk keeps
//! current, and nothing about any customer. Integer arithmetic only: the
//! kiosk's download carries no float formatting.
use serde::{Deserialize, Serialize};

use super::clock::MINUTE_MS;
use super::intake::{Intake, Status};

/// The most recent service times the estimate learns from.
pub const RECENT: usize = 20;
/// Fewer services finished today than this: no figure ("the desk will tell you").
pub const MIN_HISTORY: usize = 3;
/// Shorter than this, Serving then Done was a slip; longer, a visit left open.
const MIN_SERVICE_MS: i64 = MINUTE_MS / 2;
const MAX_SERVICE_MS: i64 = 3 * 60 * MINUTE_MS;
/// Each older service counts this many hundredths of the one after it: the last
/// eight or so decide, so a brisk afternoon is not quoted at the morning's pace.
const DECAY_PCT: u64 = 75;
/// Quotes are in steps of this many minutes; a range is never narrower than two.
const STEP_MIN: u32 = 5;
/// Two services overlapping for less than this are one person at the desk
/// taking the next customer before pressing Done on the last.
const HANDOVER_MS: i64 = 5 * MINUTE_MS;
/// More waiting than this, or a figure that cannot be true: no quote.
const MAX_AHEAD: u32 = 500;
/// A wait longer than this at its pessimistic end is no quote to give at a
/// kiosk ("the desk will tell you"); the database takes no quote past a day.
pub const MAX_QUOTE_MIN: u32 = 240;

/// What a kiosk needs to quote a wait, and nothing about any customer: how
/// many wait and are being served now, how many serve at once, and the day's
/// recent service times. Kept current by the desk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lobby {
    /// The local day these figures are of (`YYYY-MM-DD`): another day's say nothing.
    pub day: String,
    pub waiting: u32,
    pub serving: u32,
    /// Customers served at once at the busiest moment today (at least 1): how
    /// many people the desk has at work.
    pub staff: u32,
    /// Today's most recent service times, whole seconds, oldest first.
    pub recent_s: Vec<u32>,
}

/// What the kiosk told a customer at check-in, kept with their check-in: the
/// desk sees it, and the day's figures hold it against the wait that came.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub position: u32,
    /// 0 to [`STEP_MIN`] when they were told they were next.
    pub low_min: u32,
    pub high_min: u32,
}

/// At most this many tickets each under "now serving" and "next up".
pub const SHOWN: usize = 20;
/// Figures older than this (no desk open to keep them) give no quote.
pub const STALE_MS: i64 = 15 * MINUTE_MS;
/// A desk writes the status again after this long even when nothing changed,
/// so that readers can tell it is still current.
pub const HEARTBEAT_MS: i64 = 5 * MINUTE_MS;

/// The lobby as its screens may show it, kept current by the desk: the
/// figures a wait is quoted from, and who is being served and who is next, by
/// ticket (with a first name only where the business turns names on).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LobbyStatus {
    pub at_ms: i64,
    pub lobby: Lobby,
    pub serving: Vec<Called>,
    pub next: Vec<Called>,
}

/// One customer as the lobby sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Called {
    pub ticket: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The lobby's status on `day` at `now_ms`: those being served in the order the
/// desk took them, the next up in the desk's own order; first names only with `names`.
pub fn lobby_status(intakes: &[Intake], day: &str, now_ms: i64, names: bool) -> LobbyStatus {
    let today: Vec<&Intake> = intakes.iter().filter(|i| i.day == day).collect();
    let called = |i: &Intake| Called {
        ticket: i.ticket_label(),
        name: names
            .then(|| i.name.split_whitespace().next().map(str::to_string))
            .flatten(),
    };
    let mut serving: Vec<&Intake> = today
        .iter()
        .copied()
        .filter(|i| i.status == Status::Serving)
        .collect();
    serving.sort_by_key(|i| (i.served_ms, i.ticket));
    let next = super::brief::queue(
        today
            .iter()
            .copied()
            .filter(|i| i.status == Status::Waiting),
        now_ms,
    );
    let by_id = |id: &str| today.iter().copied().find(|i| i.id == id);
    LobbyStatus {
        at_ms: now_ms,
        lobby: lobby(intakes, day, now_ms),
        serving: serving.into_iter().take(SHOWN).map(called).collect(),
        next: next
            .iter()
            .take(SHOWN)
            .filter_map(|b| by_id(&b.id).map(called))
            .collect(),
    }
}

impl LobbyStatus {
    /// The wait of whoever checks in now, when these figures are today's and
    /// current; `None` when the desk has not kept them (nobody can tell).
    pub fn quote_now(&self, today: &str, now_ms: i64) -> Option<Estimate> {
        let current = (now_ms - self.at_ms).abs() <= STALE_MS;
        (self.lobby.day == today && current).then(|| estimate(&self.lobby, self.lobby.waiting))
    }

    /// Whether this, just made, is worth writing over `written`: something a
    /// reader shows has changed, or the last write is getting old.
    pub fn worth_writing(&self, written: Option<&LobbyStatus>) -> bool {
        written.is_none_or(|w| {
            w.lobby != self.lobby
                || w.serving != self.serving
                || w.next != self.next
                || self.at_ms - w.at_ms >= HEARTBEAT_MS
        })
    }
}

/// The figures of `day` from its intakes, at `now_ms`.
pub fn lobby(intakes: &[Intake], day: &str, now_ms: i64) -> Lobby {
    let today: Vec<&Intake> = intakes.iter().filter(|i| i.day == day).collect();
    let mut done: Vec<(i64, i64)> = today
        .iter()
        .filter(|i| i.status == Status::Done && !i.closed_by_feedback)
        .filter_map(|i| Some((i.status_ms?, i.status_ms? - i.served_ms?)))
        .filter(|(_, took)| (MIN_SERVICE_MS..=MAX_SERVICE_MS).contains(took))
        .collect();
    done.sort_unstable();
    let from = done.len().saturating_sub(RECENT);
    Lobby {
        day: day.to_string(),
        waiting: count(&today, Status::Waiting),
        serving: count(&today, Status::Serving),
        staff: most_at_once(&today, now_ms).max(1),
        recent_s: done[from..]
            .iter()
            .map(|(_, took)| (took / 1000) as u32)
            .collect(),
    }
}

fn count(intakes: &[&Intake], status: Status) -> u32 {
    intakes.iter().filter(|i| i.status == status).count() as u32
}

/// The most customers being served at one moment: each service runs from when
/// the desk took them to when it was done (or now, for those being served), at
/// most [`MAX_SERVICE_MS`] (a visit left open), less its last [`HANDOVER_MS`]
/// (the next customer taken before Done was pressed on the last).
fn most_at_once(intakes: &[&Intake], now_ms: i64) -> u32 {
    let mut moments: Vec<(i64, i32)> = Vec::new();
    for i in intakes {
        let Some(start) = i.served_ms else { continue };
        let end = match i.status {
            Status::Serving => now_ms,
            Status::Done => i.status_ms.unwrap_or(start),
            _ => continue,
        };
        let end = end.min(start.saturating_add(MAX_SERVICE_MS)) - HANDOVER_MS;
        if end > start {
            moments.extend([(start, 1), (end, -1)]);
        }
    }
    // An end before a start at the same moment: one desk taking the next customer.
    moments.sort_unstable();
    let (mut now, mut most) = (0i32, 0i32);
    for (_, step) in moments {
        now += step;
        most = most.max(now);
    }
    most as u32
}

/// A customer's wait as the kiosk quotes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Estimate {
    /// A desk is free: they are next.
    Next,
    /// "You're 3rd in line. Usually 15 to 25 minutes."
    Range {
        position: u32,
        low_min: u32,
        high_min: u32,
    },
    /// Too little history today to say: "the desk will tell you how long".
    Unknown { position: u32 },
}

impl Estimate {
    /// The pessimistic end of the wait, in minutes, when there is a figure.
    pub fn high_min(self) -> Option<u32> {
        match self {
            // A desk free now: held to a step, as kept with the check-in.
            Estimate::Next => Some(STEP_MIN),
            Estimate::Range { high_min, .. } => Some(high_min),
            Estimate::Unknown { .. } => None,
        }
    }

    /// What is kept with the check-in: no figure, nothing to keep.
    pub fn quote(self) -> Option<Quote> {
        match self {
            // "Next" is held to a step: a desk free now takes a minute or two.
            Estimate::Next => Some(Quote {
                position: 1,
                low_min: 0,
                high_min: STEP_MIN,
            }),
            Estimate::Range {
                position,
                low_min,
                high_min,
            } => Some(Quote {
                position,
                low_min,
                high_min,
            }),
            Estimate::Unknown { .. } => None,
        }
    }

    /// Whether a customer who must leave at `deadline_ms` may have to go before
    /// the wait's pessimistic end, from `now_ms`: then they are told so kindly,
    /// and the desk at once.
    pub fn ends_after(self, now_ms: i64, deadline_ms: i64) -> bool {
        self.high_min()
            .is_some_and(|m| now_ms + m as i64 * MINUTE_MS > deadline_ms)
    }
}

/// The wait of a customer with `ahead` people waiting before them. The
/// figures may come from a document a kiosk read: anything past belief gives
/// no quote rather than a short one.
pub fn estimate(lobby: &Lobby, ahead: u32) -> Estimate {
    let position = ahead.saturating_add(1);
    if ahead > MAX_AHEAD || lobby.staff > MAX_AHEAD || lobby.serving > MAX_AHEAD {
        return Estimate::Unknown { position };
    }
    let staff = lobby.staff.max(1);
    let free = staff.saturating_sub(lobby.serving);
    // Services to finish before a desk is free for them.
    let finishes = position.saturating_sub(free);
    if finishes == 0 {
        return Estimate::Next;
    }
    let longest_s = (MAX_SERVICE_MS / 1000) as u32;
    if lobby.recent_s.len() < MIN_HISTORY || lobby.recent_s.iter().any(|s| *s > longest_s) {
        return Estimate::Unknown { position };
    }
    let typical = weighted_quantile(&lobby.recent_s, 50) as u64;
    let long = weighted_quantile(&lobby.recent_s, 80) as u64;
    let (finishes, staff) = (finishes as u64, staff as u64);
    // Typically: the services to finish shared among the desks.
    let low_min = (finishes * typical / staff / 60) as u32 / STEP_MIN * STEP_MIN;
    // The pessimistic end: a long service for each, in rounds of one per desk
    // (three to finish on two desks is two rounds), and a quarter more.
    let high_s = finishes.div_ceil(staff) * long * 5 / 4;
    let high_min = (high_s.div_ceil(60) as u32).div_ceil(STEP_MIN).max(1) * STEP_MIN;
    let high_min = high_min.max(low_min + 2 * STEP_MIN);
    if high_min > MAX_QUOTE_MIN {
        return Estimate::Unknown { position };
    }
    Estimate::Range {
        position,
        low_min,
        high_min,
    }
}

/// The service time below which `pct` percent of the weight lies, the most
/// recent (last) service weighing most and each older one [`DECAY_PCT`]% of the next.
fn weighted_quantile(oldest_first: &[u32], pct: u64) -> u32 {
    let mut weighted: Vec<(u32, u64)> = Vec::with_capacity(oldest_first.len());
    let mut weight = 1_000_000u64;
    for &s in oldest_first.iter().rev() {
        weighted.push((s, weight));
        weight = weight * DECAY_PCT / 100;
    }
    let total: u64 = weighted.iter().map(|(_, w)| w).sum();
    weighted.sort_unstable();
    let mut below = 0;
    for (s, w) in &weighted {
        below += w;
        if below * 100 >= total * pct {
            return *s;
        }
    }
    weighted.last().map_or(0, |(s, _)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::intake::fixtures::intake;

    const DAY: &str = "2026-11-22";
    const NINE: i64 = 1_000_000;
    /// Noon: every service in these days has begun.
    const NOW: i64 = NINE + 180 * MINUTE_MS;

    /// A customer served from `start` (minutes after nine) for `took` minutes.
    fn served(n: u32, start: i64, took: i64) -> Intake {
        let mut i = intake(n);
        i.served_ms = Some(NINE + start * MINUTE_MS);
        i.status = Status::Done;
        i.status_ms = Some(NINE + (start + took) * MINUTE_MS);
        i
    }

    fn waiting(n: u32) -> Intake {
        intake(n)
    }

    fn serving(n: u32, start: i64) -> Intake {
        let mut i = intake(n);
        i.status = Status::Serving;
        i.served_ms = Some(NINE + start * MINUTE_MS);
        i
    }

    /// Figures of one person at the desk, with a customer now: these service times.
    fn one_desk_busy(recent_s: Vec<u32>) -> Lobby {
        Lobby {
            day: DAY.into(),
            waiting: 0,
            serving: 1,
            staff: 1,
            recent_s,
        }
    }

    /// One person at the desk: services of 10, 12 and 14 minutes; one being served, two waiting.
    fn morning() -> Vec<Intake> {
        vec![
            served(1, 0, 10),
            served(2, 10, 12),
            served(3, 22, 14),
            serving(4, 36),
            waiting(5),
            waiting(6),
        ]
    }

    #[test]
    fn a_day_of_service_is_counted_without_a_word_of_any_customer() {
        let day = morning();
        let l = lobby(&day, DAY, NOW);
        assert_eq!(
            l,
            Lobby {
                day: DAY.into(),
                waiting: 2,
                serving: 1,
                staff: 1,
                recent_s: vec![600, 720, 840],
            }
        );
        // Another day's figures are not today's.
        assert_eq!(lobby(&day, "2026-11-23", NOW).recent_s, Vec::<u32>::new());
    }

    #[test]
    fn one_desk_a_known_morning_quotes_third_in_line_honestly() {
        let day = morning();
        let l = lobby(&day, DAY, NOW);
        // The third in line waits for the one being served and the two ahead:
        // typically 3 × 12 = 36 min; pessimistically 3 × 14 × 1.25 = 52.5, so 55.
        assert_eq!(
            estimate(&l, 2),
            Estimate::Range {
                position: 3,
                low_min: 35,
                high_min: 55
            }
        );
        // The pessimistic end is never short of what a typical day would take.
        let Estimate::Range { high_min, .. } = estimate(&l, 2) else {
            unreachable!()
        };
        assert!(high_min as i64 * MINUTE_MS >= 3 * 14 * MINUTE_MS);
    }

    #[test]
    fn two_desks_halve_the_wait_and_a_free_desk_means_next() {
        // Two people served at once from 9:00 and 9:05.
        let day = vec![
            served(1, 0, 20),
            served(2, 5, 20),
            served(3, 20, 20),
            served(4, 25, 20),
        ];
        let l = lobby(&day, DAY, NOW);
        assert_eq!((l.staff, l.serving, l.waiting), (2, 0, 0));
        assert_eq!(estimate(&l, 0), Estimate::Next);
        assert_eq!(estimate(&l, 1), Estimate::Next, "two desks are free");
        // Four ahead, both desks free: three services to finish, on two desks:
        // typically 30 minutes; at worst two rounds of 20, and a quarter more.
        assert_eq!(
            estimate(&l, 4),
            Estimate::Range {
                position: 5,
                low_min: 30,
                high_min: 50
            }
        );
    }

    #[test]
    fn one_person_taking_the_next_customer_before_pressing_done_is_one_person() {
        // Serving pressed for the next a minute or two before Done on the last, all day.
        let day = vec![
            served(1, 0, 11),
            served(2, 10, 12),
            served(3, 21, 12),
            serving(4, 32),
        ];
        assert_eq!(lobby(&day, DAY, NOW).staff, 1);
        // A customer left on Serving since the morning counts as a second
        // person for three hours at most, not for the rest of the day.
        let mut forgotten = day.clone();
        forgotten[3] = serving(4, 0);
        assert_eq!(lobby(&forgotten, DAY, NINE + 600 * MINUTE_MS).staff, 2);
        let mut later = forgotten.clone();
        later.truncate(3);
        later.push(serving(4, 0));
        later[0] = served(1, 200, 11);
        later[1] = served(2, 210, 12);
        later[2] = served(3, 221, 12);
        assert_eq!(lobby(&later, DAY, NINE + 600 * MINUTE_MS).staff, 1);
    }

    #[test]
    fn figures_past_belief_give_no_quote_rather_than_a_short_one() {
        let sane = one_desk_busy(vec![600, 600, 600]);
        assert!(matches!(estimate(&sane, 3), Estimate::Range { .. }));
        assert_eq!(
            estimate(&sane, u32::MAX),
            Estimate::Unknown { position: u32::MAX }
        );
        let huge = Lobby {
            recent_s: vec![u32::MAX; 3],
            ..sane.clone()
        };
        assert_eq!(estimate(&huge, 3), Estimate::Unknown { position: 4 });
        let crowd = Lobby {
            staff: u32::MAX,
            serving: u32::MAX,
            ..sane
        };
        assert_eq!(estimate(&crowd, 3), Estimate::Unknown { position: 4 });
    }

    #[test]
    fn too_little_history_gives_no_figure() {
        let day = vec![served(1, 0, 10), served(2, 10, 12), serving(3, 22)];
        let l = lobby(&day, DAY, NOW);
        assert_eq!(estimate(&l, 0), Estimate::Unknown { position: 1 });
        assert_eq!(estimate(&l, 0).high_min(), None);
        assert!(!estimate(&l, 0).ends_after(0, 1));
        // Slips (Serving then Done at once) and visits left open are not history.
        let day = vec![
            served(1, 0, 0),
            served(2, 1, 400),
            served(3, 5, 10),
            serving(4, 30),
        ];
        assert_eq!(lobby(&day, DAY, NOW).recent_s, vec![600]);
    }

    #[test]
    fn recent_services_count_more_than_the_mornings() {
        // A slow morning of 40-minute services, then a brisk run of 10-minute ones.
        let mut day: Vec<Intake> = (0..6).map(|n| served(n, n as i64 * 40, 40)).collect();
        day.extend((6..12).map(|n| served(n, 240 + (n as i64 - 6) * 10, 10)));
        day.push(serving(12, 300));
        let l = lobby(&day, DAY, NOW);
        let Estimate::Range {
            low_min, high_min, ..
        } = estimate(&l, 0)
        else {
            panic!("a figure")
        };
        // Typical now is 10 minutes, not the day's 25 on average.
        assert_eq!(low_min, 10);
        assert!(high_min <= 20, "{high_min}");
        // Only the most recent RECENT are kept.
        let long: Vec<Intake> = (0..30).map(|n| served(n, n as i64 * 10, 10)).collect();
        assert_eq!(lobby(&long, DAY, NOW).recent_s.len(), RECENT);
    }

    #[test]
    fn a_deadline_inside_the_pessimistic_end_is_said() {
        let e = estimate(&lobby(&morning(), DAY, NOW), 0);
        let high = e.high_min().unwrap() as i64;
        assert!(e.ends_after(NINE, NINE + (high - 1) * MINUTE_MS));
        assert!(!e.ends_after(NINE, NINE + high * MINUTE_MS));
        assert!(!Estimate::Next.ends_after(NINE, NINE + STEP_MIN as i64 * MINUTE_MS));
        assert!(
            Estimate::Next.ends_after(NINE, NINE + MINUTE_MS),
            "next, but not in a minute"
        );
    }

    #[test]
    fn a_range_is_never_narrower_than_ten_minutes() {
        let l = one_desk_busy(vec![60, 60, 60]);
        assert_eq!(
            estimate(&l, 0),
            Estimate::Range {
                position: 1,
                low_min: 0,
                high_min: 10
            }
        );
    }

    #[test]
    fn the_lobby_status_shows_tickets_and_first_names_only_when_turned_on() {
        let mut day = morning();
        day[3].letter = Some("A".into());
        day[3].name = "Zoë Martín".into();
        day[4].name = "Ana".into();
        day[5].priority = Some(crate::domain::intake::Priority::Time);
        day[5].deadline = Some(crate::domain::intake::Deadline {
            choice: crate::domain::intake::DeadlineChoice::At,
            at_ms: NOW + 10 * MINUTE_MS,
        });
        let plain = lobby_status(&day, DAY, NOW, false);
        let tickets = |c: &[Called]| c.iter().map(|c| c.ticket.clone()).collect::<Vec<_>>();
        assert_eq!(tickets(&plain.serving), ["A-4"]);
        // The desk's own order: a deadline at risk first.
        assert_eq!(tickets(&plain.next), ["6", "5"]);
        assert!(plain
            .serving
            .iter()
            .chain(&plain.next)
            .all(|c| c.name.is_none()));
        assert_eq!((plain.at_ms, plain.lobby.waiting), (NOW, 2));
        let named = lobby_status(&day, DAY, NOW, true);
        assert_eq!(named.serving[0].name.as_deref(), Some("Zoë"));
        assert_eq!(named.next[1].name.as_deref(), Some("Ana"));
        assert_eq!(named.next[0].name, None, "no name given");
        // At most SHOWN of each.
        let crowd: Vec<Intake> = (1..=30).map(waiting).collect();
        assert_eq!(lobby_status(&crowd, DAY, NOW, false).next.len(), SHOWN);
    }

    #[test]
    fn a_status_quotes_only_for_its_day_and_while_a_desk_keeps_it() {
        let status = lobby_status(&morning(), DAY, NOW, false);
        // Whoever checks in now is third: two wait already.
        assert_eq!(status.quote_now(DAY, NOW), Some(estimate(&status.lobby, 2)));
        assert!(status.quote_now(DAY, NOW + STALE_MS).is_some());
        assert_eq!(
            status.quote_now(DAY, NOW + STALE_MS + 1),
            None,
            "no desk has kept it"
        );
        assert_eq!(status.quote_now("2026-11-23", NOW), None, "another day");
    }

    #[test]
    fn a_status_is_written_when_what_it_shows_changes_or_a_heartbeat_is_due() {
        let day = morning();
        let first = lobby_status(&day, DAY, NOW, false);
        assert!(first.worth_writing(None));
        assert!(!lobby_status(&day, DAY, NOW + MINUTE_MS, false).worth_writing(Some(&first)));
        assert!(lobby_status(&day, DAY, NOW + HEARTBEAT_MS, false).worth_writing(Some(&first)));
        let mut more = day.clone();
        more.push(waiting(7));
        assert!(lobby_status(&more, DAY, NOW + MINUTE_MS, false).worth_writing(Some(&first)));
    }

    #[test]
    fn what_is_kept_with_a_check_in_is_what_was_said() {
        assert_eq!(
            Estimate::Range {
                position: 3,
                low_min: 15,
                high_min: 25
            }
            .quote(),
            Some(Quote {
                position: 3,
                low_min: 15,
                high_min: 25
            })
        );
        assert_eq!(Estimate::Next.quote().map(|q| q.high_min), Some(STEP_MIN));
        assert_eq!(Estimate::Unknown { position: 2 }.quote(), None);
    }

    #[test]
    fn a_wait_of_hours_is_no_quote() {
        // One desk, two-hour services, ten ahead: the desk will say.
        let l = one_desk_busy(vec![7200; 5]);
        assert_eq!(estimate(&l, 10), Estimate::Unknown { position: 11 });
        // Every quote given is within what the database keeps.
        for ahead in 0..40 {
            if let Some(high) = estimate(&l, ahead).high_min() {
                assert!(high <= MAX_QUOTE_MIN, "{ahead}: {high}");
            }
        }
    }
}
