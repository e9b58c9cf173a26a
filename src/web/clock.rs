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
