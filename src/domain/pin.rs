//! The desk PIN is kept only as a salted, slow hash, never the PIN. Today's form is
//! the PHC string of PBKDF2-HMAC-SHA-256 at 600,000 iterations (what OWASP asks of
//! PBKDF2-SHA-256): `$pbkdf2-sha256$i=600000,l=32$<salt>$<hash>`, salt and hash in
//! unpadded standard Base64. The browser derives it with WebCrypto where it may (a
//! secure context), else with [`derive`] compiled in. Hashes of the first form,
//! `v1$<salt hex>$<digest hex>` (10,000 rounds of SHA-256), still unlock, and are
//! replaced by today's form on the first unlock ([`needs_rehash`]).
use base64ct::{Base64Unpadded, Encoding};
use sha2::{Digest, Sha256};

/// Iterations of PBKDF2 for a new hash.
pub const ITERATIONS: u32 = 600_000;
/// Whether `a` and `b` are the same bytes, comparing every byte whatever the first
/// mismatch (a PIN's digest is not given away by how long a check takes).
pub fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Fewer iterations than this is not a PIN hash Lobby accepts at all.
const MIN_ITERATIONS: u32 = 100_000;
const OUTPUT_LEN: usize = 32;
/// The sample configuration's PIN, printed in the README: a desk still using it
/// says so, and offers to change it.
pub const SAMPLE_PIN: &str = "2468";
const V1_ROUNDS: u32 = 10_000;

/// A PIN a person can type on the desk's pad: 4 to 8 digits.
pub fn is_valid_pin(pin: &str) -> bool {
    (4..=8).contains(&pin.len()) && pin.bytes().all(|b| b.is_ascii_digit())
}

/// A stored hash, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PinHash {
    /// `$pbkdf2-sha256$...`: derive `hash.len()` bytes with these and compare.
    Pbkdf2 {
        iterations: u32,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    /// `v1$...`, the first form.
    V1 { salt: Vec<u8>, digest: Vec<u8> },
}

impl PinHash {
    /// Reads a stored hash, or `None` when it is not one.
    pub fn parse(stored: &str) -> Option<PinHash> {
        if let Some(rest) = stored.strip_prefix("$pbkdf2-sha256$") {
            return parse_pbkdf2(rest);
        }
        let mut parts = stored.split('$');
        let (Some("v1"), Some(salt), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let (salt, digest) = (unhex(salt)?, unhex(d)?);
        (salt.len() >= 8 && digest.len() == 32).then_some(PinHash::V1 { salt, digest })
    }

    /// Whether `derived` (from [`derive`] or WebCrypto, with this hash's salt and
    /// iterations) is this hash; compares every byte whatever the first mismatch.
    pub fn matches(&self, derived: &[u8]) -> bool {
        let expected = match self {
            PinHash::Pbkdf2 { hash, .. } => hash,
            PinHash::V1 { digest, .. } => digest,
        };
        same_bytes(derived, expected)
    }

    /// What `pin` derives to under this hash, computed here (the slow way in a browser).
    pub fn derive(&self, pin: &str) -> Vec<u8> {
        match self {
            PinHash::Pbkdf2 {
                iterations,
                salt,
                hash,
            } => derive(pin, salt, *iterations, hash.len()),
            PinHash::V1 { salt, .. } => v1_digest(salt, pin).to_vec(),
        }
    }
}

/// `i=600000,l=32$salt$hash` (the `l` is optional, as in the PHC format).
fn parse_pbkdf2(rest: &str) -> Option<PinHash> {
    let mut parts = rest.split('$');
    let (Some(params), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let mut iterations = None;
    let mut length = None;
    for param in params.split(',') {
        match param.split_once('=')? {
            ("i", n) => iterations = Some(n.parse::<u32>().ok()?),
            ("l", n) => length = Some(n.parse::<usize>().ok()?),
            _ => return None,
        }
    }
    let iterations = iterations.filter(|i| *i >= MIN_ITERATIONS)?;
    let salt = Base64Unpadded::decode_vec(salt).ok()?;
    let hash = Base64Unpadded::decode_vec(hash).ok()?;
    let length_ok = length.is_none_or(|l| l == hash.len());
    (salt.len() >= 8 && (16..=64).contains(&hash.len()) && length_ok).then_some(PinHash::Pbkdf2 {
        iterations,
        salt,
        hash,
    })
}

/// PBKDF2-HMAC-SHA-256 of `pin`.
pub fn derive(pin: &str, salt: &[u8], iterations: u32, len: usize) -> Vec<u8> {
    let mut out = vec![0u8; len];
    pbkdf2::pbkdf2_hmac::<Sha256>(pin.as_bytes(), salt, iterations, &mut out);
    out
}

/// The stored form of a PIN's hash from its salt and derived bytes.
pub fn format_hash(salt: &[u8], iterations: u32, hash: &[u8]) -> String {
    format!(
        "$pbkdf2-sha256$i={iterations},l={}${}${}",
        hash.len(),
        Base64Unpadded::encode_string(salt),
        Base64Unpadded::encode_string(hash)
    )
}

/// The stored form of `pin` with the given salt (16 random bytes), derived here.
pub fn hash_pin(pin: &str, salt: &[u8]) -> String {
    format_hash(salt, ITERATIONS, &derive(pin, salt, ITERATIONS, OUTPUT_LEN))
}

/// Bytes a new hash derives, for a caller deriving them itself (WebCrypto).
pub const fn output_len() -> usize {
    OUTPUT_LEN
}

fn v1_digest(salt: &[u8], pin: &str) -> [u8; 32] {
    let mut d: [u8; 32] = Sha256::new()
        .chain_update(salt)
        .chain_update(pin.as_bytes())
        .finalize()
        .into();
    for _ in 1..V1_ROUNDS {
        d = Sha256::new()
            .chain_update(salt)
            .chain_update(d)
            .finalize()
            .into();
    }
    d
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

/// Whether `stored` has the form of a PIN hash. Checked by its shape, without
/// decoding it: every page checks the configuration, and the kiosk, which never
/// verifies a PIN, need not carry a Base64 decoder for it. [`PinHash::parse`]
/// decodes it where a PIN is verified.
pub fn is_valid_hash(stored: &str) -> bool {
    /// Bytes an unpadded Base64 text decodes to, if it is one.
    fn decoded_len(text: &str) -> Option<usize> {
        let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'+' || b == b'/';
        (text.bytes().all(alphabet) && text.len() % 4 != 1).then_some(text.len() * 3 / 4)
    }
    let Some(rest) = stored.strip_prefix("$pbkdf2-sha256$") else {
        // The first form, `v1$<salt hex>$<digest hex>`, by its shape too.
        let mut parts = stored.split('$');
        let hex = |s: &str, min: usize, max: usize| {
            s.len().is_multiple_of(2)
                && (min..=max).contains(&(s.len() / 2))
                && s.bytes().all(|b| b.is_ascii_hexdigit())
        };
        return matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some("v1"), Some(salt), Some(digest), None) if hex(salt, 8, usize::MAX) && hex(digest, 32, 32)
        );
    };
    let mut parts = rest.split('$');
    let (Some(params), Some(salt), Some(hash), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let (Some(salt), Some(hash)) = (decoded_len(salt), decoded_len(hash)) else {
        return false;
    };
    let mut iterations = None;
    let mut length = None;
    for param in params.split(',') {
        match param.split_once('=') {
            Some(("i", n)) => iterations = n.parse::<u32>().ok(),
            Some(("l", n)) => length = Some(n.parse::<usize>().ok()),
            _ => return false,
        }
    }
    iterations.is_some_and(|i| i >= MIN_ITERATIONS)
        && length.is_none_or(|l| l == Some(hash))
        && salt >= 8
        && (16..=64).contains(&hash)
}

/// A hash of an older, weaker form, to be replaced once the PIN is known.
pub fn needs_rehash(stored: &str) -> bool {
    match PinHash::parse(stored) {
        Some(PinHash::Pbkdf2 { iterations, .. }) => iterations < ITERATIONS,
        Some(PinHash::V1 { .. }) => true,
        None => false,
    }
}

/// Whether `pin` matches the stored hash, computed here.
pub fn verify_pin(pin: &str, stored: &str) -> bool {
    PinHash::parse(stored).is_some_and(|h| h.matches(&h.derive(pin)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_the_right_pin_only() {
        let stored = hash_pin("2468", b"0123456789abcdef");
        assert!(
            stored.starts_with("$pbkdf2-sha256$i=600000,l=32$"),
            "{stored}"
        );
        assert!(is_valid_hash(&stored) && !needs_rehash(&stored));
        assert!(verify_pin("2468", &stored));
        for wrong in ["2469", "8642"] {
            assert!(!verify_pin(wrong, &stored), "{wrong}");
        }
        assert!(
            !stored.contains("2468"),
            "the PIN never appears in its hash"
        );
    }

    #[test]
    fn pbkdf2_is_the_standard_one() {
        // RFC 7914, section 11: PBKDF2-HMAC-SHA256 ("passwd", "salt", 1, 64).
        let out = derive("passwd", b"salt", 1, 64);
        assert_eq!(
            out[..16],
            [
                0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91, 0xc2, 0x25, 0x44,
                0xb6, 0x05
            ]
        );
        // A hash as another PBKDF2 implementation writes it is read the same way.
        let h = PinHash::parse(
            "$pbkdf2-sha256$i=100000$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .unwrap();
        assert!(
            matches!(h, PinHash::Pbkdf2 { iterations: 100_000, ref salt, ref hash } if salt == b"saltsalt" && hash.len() == 32)
        );
    }

    #[test]
    fn first_form_hashes_still_unlock_and_ask_to_be_replaced() {
        // Made by the first `make pin-hash PIN=2468`.
        let v1 = "v1$e3617dfcc46c1b2da34413c171c34594$435e83ced2541f3274f02c05b0d0c9816f4e71baf63baf27c670b672a2aa8fcb";
        assert!(verify_pin("2468", v1) && !verify_pin("1357", v1));
        assert!(needs_rehash(v1));
        let fewer = format_hash(
            b"saltsalt",
            200_000,
            &derive("2468", b"saltsalt", 200_000, 32),
        );
        assert!(verify_pin("2468", &fewer) && needs_rehash(&fewer));
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
            "$pbkdf2-sha256$i=1000$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=600000,l=16$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=600000$c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha256$i=600000$c2FsdHNhbHQ$not base64",
            "$pbkdf2-sha256$x=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$pbkdf2-sha512$i=600000$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ] {
            assert!(!is_valid_hash(bad), "{bad}");
            assert!(PinHash::parse(bad).is_none(), "{bad}");
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
