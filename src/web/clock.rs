//! The time of day, and random ids (both from the browser).
use crate::domain::clock::Now;

pub fn now() -> Now {
    let date = js_sys::Date::new_0();
    Now::new(date.get_time() as i64, -(date.get_timezone_offset() as i32))
}

/// Sixteen random hex digits from the browser's crypto (any page, secure or not).
pub fn random_hex() -> String {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Minutes to add to UTC for local time at noon on `day` (`YYYY-MM-DD`), as this
/// browser's time zone had it then: summer time or not.
pub fn utc_offset_on(day: &str) -> i32 {
    let Some((y, m, d)) = crate::domain::clock::parse_day(day) else {
        return now().utc_offset_min;
    };
    let noon = js_sys::Date::new_with_year_month_day_hr_min_sec(
        y as u32,
        m as i32 - 1,
        d as i32,
        12,
        0,
        0,
    );
    -(noon.get_timezone_offset() as i32)
}

/// Minutes to add to UTC for local time at the moment `ms`, in this browser's zone.
pub fn utc_offset_at(ms: i64) -> i32 {
    -(js_sys::Date::new(&(ms as f64).into()).get_timezone_offset() as i32)
}
