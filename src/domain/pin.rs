//! The desk PIN is kept only as a salted, stretched hash: `v1$<salt hex>$<digest hex>`.
use sha2::{Digest, Sha256};

const ROUNDS: u32 = 10_000;

/// A PIN a person can type on the desk's pad: 4 to 8 digits.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

fn digest(salt: &[u8], pin: &str) -> [u8; 32] {
    let mut d: [u8; 32] = Sha256::new()
        .chain_update(salt)
        .chain_update(pin.as_bytes())
        .finalize()
        .into();
    for _ in 1..ROUNDS {
        d = Sha256::new()
            .chain_update(salt)
            .chain_update(d)
            .finalize()
            .into();
    }
    d
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The stored form of a PIN with the given salt.
pub fn hash_pin(pin: &str, salt: &[u8]) -> String {
    format!("v1${}${}", hex(salt), hex(&digest(salt, pin)))
}

/// Salt and digest of a stored hash, or `None` when it is not one.
fn parse(stored: &str) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut parts = stored.split('$');
    let (Some("v1"), Some(salt), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (salt, d) = (unhex(salt)?, unhex(d)?);
    (salt.len() >= 8 && d.len() == 32).then_some((salt, d))
}

pub fn is_valid_hash(stored: &str) -> bool {
    parse(stored).is_some()
}

/// Whether `pin` matches the stored hash; compares every byte whatever the first mismatch.
pub fn verify_pin(pin: &str, stored: &str) -> bool {
    let Some((salt, expected)) = parse(stored) else {
        return false;
    };
    let got = digest(&salt, pin);
    got.iter()
        .zip(&expected)
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_the_right_pin_only() {
        let stored = hash_pin("2468", b"0123456789abcdef");
        assert!(is_valid_hash(&stored));
        assert!(verify_pin("2468", &stored));
        for wrong in ["2469", "246", "24680", "", "8642"] {
            assert!(!verify_pin(wrong, &stored), "{wrong}");
        }
        assert!(
            !stored.contains("2468"),
            "the PIN never appears in its hash"
        );
    }

    #[test]
    fn salt_changes_the_hash() {
        assert_ne!(
            hash_pin("2468", b"saltsalt1"),
            hash_pin("2468", b"saltsalt2")
        );
    }

    #[test]
    fn malformed_hashes_are_refused() {
        for bad in [
            "",
            "2468",
            "v1$zz$00",
            "v2$0011223344556677$00",
            "v1$00$",
            "v1$0011223344556677$abcd",
        ] {
            assert!(!is_valid_hash(bad), "{bad}");
            assert!(!verify_pin("2468", bad));
        }
    }

    #[test]
    fn pins_are_four_to_eight_digits() {
        assert!(is_valid_pin("2468") && is_valid_pin("12345678"));
        assert!(!is_valid_pin("123") && !is_valid_pin("123456789") && !is_valid_pin("12a4"));
    }
}

/// Wrong PINs allowed before the desk locks for a while.
pub const FREE_TRIES: u32 = 5;
/// The first lock-out; each further wrong PIN doubles it, up to `MAX_LOCK_MS`.
pub const FIRST_LOCK_MS: i64 = 30_000;
pub const MAX_LOCK_MS: i64 = 15 * 60_000;

/// Wrong tries at the desk PIN, kept across reloads so a reload does not reset them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PinTries {
    pub failures: u32,
    pub locked_until_ms: i64,
}

impl PinTries {
    /// Milliseconds of lock-out left, if locked now.
    pub fn locked_for(&self, now_ms: i64) -> Option<i64> {
        (self.locked_until_ms > now_ms).then(|| self.locked_until_ms - now_ms)
    }

    /// A wrong PIN: from the fifth on, lock for 30 s, then 60 s, 120 s ... up to 15 min.
    pub fn fail(&mut self, now_ms: i64) {
        self.failures += 1;
        if self.failures >= FREE_TRIES {
            let doublings = (self.failures - FREE_TRIES).min(10);
            let lock = (FIRST_LOCK_MS << doublings).min(MAX_LOCK_MS);
            self.locked_until_ms = now_ms + lock;
        }
    }
}

#[cfg(test)]
mod lockout_tests {
    use super::*;

    #[test]
    fn five_wrong_tries_lock_for_a_growing_time() {
        let mut t = PinTries::default();
        for _ in 0..4 {
            t.fail(0);
            assert_eq!(t.locked_for(0), None, "four wrong tries are free");
        }
        t.fail(0);
        assert_eq!(t.locked_for(0), Some(30_000));
        assert_eq!(t.locked_for(30_000), None);
        t.fail(30_000);
        assert_eq!(t.locked_for(30_000), Some(60_000));
        t.fail(90_000);
        assert_eq!(t.locked_for(90_000), Some(120_000));
        for _ in 0..20 {
            t.fail(1_000_000);
        }
        assert_eq!(t.locked_for(1_000_000), Some(MAX_LOCK_MS));
    }
}
