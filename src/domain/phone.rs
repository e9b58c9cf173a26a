//! A customer's phone number, for the texts or the call they asked for: checked
//! as numbers are written in the business's country (`business.country`), and
//! kept as the international number the desk's `sms:` and `tel:` links dial.
//! Plain Rust, tested natively.

/// At most this many characters typed: the longest international number (15
/// digits), a `+`, and room for spaces.
pub const TYPED_MAX: usize = 20;

/// How numbers are written in one country: its calling code, the national
/// number's digits once a leading trunk `0` is dropped, and an example.
struct Plan {
    calling_code: &'static str,
    /// Whether these national digits (no trunk prefix) make a number here.
    national: fn(&str) -> bool,
    /// Numbers written at home start with this digit, which international
    /// numbers drop (`0` in the UK, France, Germany).
    trunk: Option<char>,
    example: &'static str,
}

fn nanp(d: &str) -> bool {
    // Ten digits; no area code starts with 0 or 1.
    d.len() == 10 && d.as_bytes()[0] >= b'2'
}

fn plan(country: &str) -> Option<Plan> {
    Some(match country {
        "US" => Plan {
            calling_code: "1",
            national: nanp,
            trunk: Some('1'),
            example: "(555) 123-4567",
        },
        "CA" => Plan {
            calling_code: "1",
            national: nanp,
            trunk: Some('1'),
            example: "(416) 555-0123",
        },
        "MX" => Plan {
            calling_code: "52",
            national: |d| d.len() == 10,
            trunk: None,
            example: "55 1234 5678",
        },
        "ES" => Plan {
            calling_code: "34",
            national: |d| d.len() == 9 && matches!(d.as_bytes()[0], b'6'..=b'9'),
            trunk: None,
            example: "612 345 678",
        },
        "GB" => Plan {
            calling_code: "44",
            national: |d| d.len() == 10 && !d.starts_with('0'),
            trunk: Some('0'),
            example: "07700 900123",
        },
        "FR" => Plan {
            calling_code: "33",
            national: |d| d.len() == 9 && !d.starts_with('0'),
            trunk: Some('0'),
            example: "06 12 34 56 78",
        },
        "DE" => Plan {
            calling_code: "49",
            national: |d| (6..=13).contains(&d.len()) && !d.starts_with('0'),
            trunk: Some('0'),
            example: "0151 23456789",
        },
        _ => return None,
    })
}

/// The countries whose numbers are checked as written there; any other (or
/// none) takes any number of 6 to 15 digits, or an international one.
pub const COUNTRIES: [&str; 7] = ["US", "CA", "MX", "ES", "GB", "FR", "DE"];

/// A number as a customer in `country` would write it, to show beside a refusal.
pub fn example(country: &str) -> &'static str {
    plan(country).map_or("+44 7700 900123", |p| p.example)
}

/// The number typed, as the desk dials it (`+15551234567`; digits only where
/// the country is not one of [`COUNTRIES`]), or `None` when it cannot be a
/// number here. Spaces, dashes, dots and brackets are how people write
/// numbers, and are dropped; `00` before a number is `+`.
pub fn normalize(typed: &str, country: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.chars().count() > TYPED_MAX {
        return None;
    }
    let (international, rest) = match typed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => match typed.strip_prefix("00") {
            Some(rest) => (true, rest),
            None => (false, typed),
        },
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            // Arabic-Indic and Eastern Arabic-Indic digits, as an Arabic keyboard types them.
            '\u{660}'..='\u{669}' => digits.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
            '\u{6f0}'..='\u{6f9}' => digits.push(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
            ' ' | '-' | '.' | '(' | ')' => {}
            _ => return None,
        }
    }
    if international {
        // The calling code and the number: 8 to 15 digits, never starting with 0.
        let plausible = (8..=15).contains(&digits.len()) && !digits.starts_with('0');
        return plausible.then(|| format!("+{digits}"));
    }
    let Some(plan) = plan(country) else {
        return (6..=15).contains(&digits.len()).then_some(digits);
    };
    let national = match plan.trunk {
        Some(t) if digits.starts_with(t) && !(plan.national)(&digits) => &digits[1..],
        _ => &digits[..],
    };
    (plan.national)(national).then(|| format!("+{}{national}", plan.calling_code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written_in_the_us_become_international() {
        for typed in [
            "5551234567",
            "(555) 123-4567",
            "555.123.4567",
            "1 555 123 4567",
            "+1 555 123 4567",
            "001 555 123 4567",
        ] {
            assert_eq!(
                normalize(typed, "US").as_deref(),
                Some("+15551234567"),
                "{typed}"
            );
        }
        for wrong in [
            "",
            "555123456",
            "55512345678",
            "0551234567",
            "555-CALL-NOW",
            "555 123 4567 ext 2",
        ] {
            assert_eq!(normalize(wrong, "US"), None, "{wrong}");
        }
    }

    #[test]
    fn each_country_its_own_way() {
        let ok = [
            ("ES", "612 345 678", "+34612345678"),
            ("ES", "+34 612 345 678", "+34612345678"),
            ("GB", "07700 900123", "+447700900123"),
            ("GB", "7700 900123", "+447700900123"),
            ("MX", "55 1234 5678", "+525512345678"),
            ("FR", "06 12 34 56 78", "+33612345678"),
            ("DE", "0151 23456789", "+4915123456789"),
            ("CA", "(416) 555-0123", "+14165550123"),
        ];
        for (country, typed, dialled) in ok {
            assert_eq!(
                normalize(typed, country).as_deref(),
                Some(dialled),
                "{country} {typed}"
            );
            // The example shown beside a refusal is a number there.
            assert!(normalize(example(country), country).is_some(), "{country}");
        }
        assert_eq!(normalize("512 345 678", "ES"), None, "no Spanish mobile");
        assert_eq!(normalize("07700 90012", "GB"), None, "a digit short");
    }

    #[test]
    fn elsewhere_any_plausible_number_and_never_anything_else() {
        assert_eq!(normalize("0412 345 678", "").as_deref(), Some("0412345678"));
        assert_eq!(
            normalize("+61 412 345 678", "AU").as_deref(),
            Some("+61412345678")
        );
        assert_eq!(normalize("12345", ""), None);
        assert_eq!(normalize("+0 123 456 789", ""), None);
        assert_eq!(normalize("1234567890123456", ""), None);
        assert_eq!(normalize(&"1".repeat(40), "US"), None);
        assert_eq!(normalize("555 123 4567; DROP", "US"), None);
        assert_eq!(normalize("555 123 4567x", "US"), None);
        // Digits as an Arabic keyboard types them are digits.
        assert_eq!(
            normalize("٥٥٥١٢٣٤٥٦٧", "US").as_deref(),
            Some("+15551234567")
        );
    }
}
