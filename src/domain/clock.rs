//! Wall-clock helpers in plain arithmetic, so deadlines and days are testable.
//! The browser supplies `now_ms` and the local UTC offset; nothing here reads a clock.

pub const MINUTE_MS: i64 = 60_000;
pub const DAY_MS: i64 = 24 * 60 * MINUTE_MS;

/// The moment and the local time zone, as the browser reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Now {
    pub ms: i64,
    /// Minutes to add to UTC to get local time (JS `-getTimezoneOffset()`).
    pub utc_offset_min: i32,
}

impl Now {
    pub fn new(ms: i64, utc_offset_min: i32) -> Self {
        Self { ms, utc_offset_min }
    }

    fn local_ms(&self) -> i64 {
        self.ms + self.utc_offset_min as i64 * MINUTE_MS
    }

    /// Local midnight that starts today, as a UTC timestamp.
    pub fn midnight_ms(&self) -> i64 {
        self.local_ms().div_euclid(DAY_MS) * DAY_MS - self.utc_offset_min as i64 * MINUTE_MS
    }

    /// Today's local date as `YYYY-MM-DD`: tickets count from 1 on each new day.
    pub fn day(&self) -> String {
        day_of_days(self.local_ms().div_euclid(DAY_MS))
    }

    /// The local date `days` days before today.
    pub fn day_before(&self, days: u32) -> String {
        Now::new(self.ms - days as i64 * DAY_MS, self.utc_offset_min).day()
    }

    /// A local wall-clock time today, as a UTC timestamp.
    pub fn today_at(&self, time: ClockTime) -> i64 {
        self.midnight_ms() + time.minutes_of_day() as i64 * MINUTE_MS
    }

    /// Local wall-clock time of a timestamp, in the same zone as `self`.
    pub fn local_time_of(&self, ms: i64) -> ClockTime {
        let minutes = (ms + self.utc_offset_min as i64 * MINUTE_MS).div_euclid(MINUTE_MS);
        let of_day = minutes.rem_euclid(24 * 60) as u16;
        ClockTime {
            hour: (of_day / 60) as u8,
            minute: (of_day % 60) as u8,
        }
    }
}

/// `YYYY-MM-DD` for days since 1970-01-01.
pub fn day_of_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A real `YYYY-MM-DD` date as year, month and day.
pub fn parse_day(day: &str) -> Option<(i64, u32, u32)> {
    let mut parts = day.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    // Only a date that reads back the same is real (no 31 June).
    (day_of_days(days_from_civil(y, m, d)) == day).then_some((y, m, d))
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A time of day on the wall clock, `HH:MM` in JSON and on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ClockTime {
    pub hour: u8,
    pub minute: u8,
}

impl ClockTime {
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self { hour, minute })
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (h, m) = s.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        Self::new(h.parse().ok()?, m.parse().ok()?)
    }

    pub fn minutes_of_day(&self) -> u16 {
        self.hour as u16 * 60 + self.minute as u16
    }
}

impl std::fmt::Display for ClockTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl serde::Serialize for ClockTime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ClockTime::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("`{s}` is not a time of day like 17:30"))
        })
    }
}

/// Whole hours and the minutes left over, for a span of minutes (never negative).
pub fn hours_and_minutes(minutes: i64) -> (i64, i64) {
    let minutes = minutes.max(0);
    (minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-22 13:20:00 UTC
    const T: i64 = 1_795_305_600_000 + 13 * 3_600_000 + 20 * 60_000;

    #[test]
    fn day_and_midnight_follow_the_local_zone() {
        let utc = Now::new(T, 0);
        assert_eq!(utc.day(), "2026-11-22");
        assert_eq!(utc.local_time_of(T), ClockTime::new(13, 20).unwrap());
        // Eleven hours behind UTC it is still the early morning of the 22nd.
        let west = Now::new(T, -11 * 60);
        assert_eq!(west.day(), "2026-11-22");
        assert_eq!(west.local_time_of(T).to_string(), "02:20");
        // Eleven hours ahead it is already the 23rd.
        let east = Now::new(T, 11 * 60);
        assert_eq!(east.day(), "2026-11-23");
        assert_eq!(east.local_time_of(east.midnight_ms()).to_string(), "00:00");
        assert!(east.midnight_ms() <= T && T - east.midnight_ms() < DAY_MS);
    }

    #[test]
    fn days_before_cross_months() {
        let now = Now::new(T, 0);
        assert_eq!(now.day_before(0), "2026-11-22");
        assert_eq!(now.day_before(22), "2026-10-31");
        assert_eq!(now.day_before(365), "2025-11-22");
    }

    #[test]
    fn days_read_back_only_when_real() {
        assert_eq!(parse_day("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(day_of_days(days_from_civil(2026, 12, 31) + 1), "2027-01-01");
        for bad in [
            "2026-02-29",
            "2026-06-31",
            "2026-13-01",
            "2026-1-01",
            "26-01-01",
            "",
            "2026-01-01-",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn today_at_gives_the_local_wall_time() {
        let now = Now::new(T, 60);
        let noon = now.today_at(ClockTime::new(12, 0).unwrap());
        assert_eq!(now.local_time_of(noon).to_string(), "12:00");
        assert_eq!(noon, 1_795_305_600_000 + 11 * 3_600_000);
    }

    #[test]
    fn clock_time_parses_only_real_times() {
        assert_eq!(ClockTime::parse("9:05"), ClockTime::new(9, 5));
        assert_eq!(ClockTime::parse("17:30").unwrap().to_string(), "17:30");
        for bad in [
            "24:00", "12:60", "noon", "", "1230", "12:5", "-1:30", "123:00",
        ] {
            assert_eq!(ClockTime::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn long_spans_read_as_hours_and_minutes() {
        assert_eq!(hours_and_minutes(506), (8, 26));
        assert_eq!(hours_and_minutes(59), (0, 59));
        assert_eq!(hours_and_minutes(60), (1, 0));
        assert_eq!(hours_and_minutes(-5), (0, 0));
    }
}
