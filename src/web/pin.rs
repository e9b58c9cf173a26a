//! The desk PIN's slow hash in the browser: PBKDF2 by WebCrypto, which only a
//! secure context has (https, or this computer's own address), else by the
//! compiled-in PBKDF2 (`domain::pin`), slower but the same bytes, so that a desk
//! on the shop's plain-http LAN still unlocks.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::pin::{self, PinHash};

/// PBKDF2-HMAC-SHA-256 by WebCrypto, or `None` where the page has none.
async fn subtle_pbkdf2(pin: &str, salt: &[u8], iterations: u32, len: usize) -> Option<Vec<u8>> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    if subtle.is_undefined() || subtle.is_null() {
        return None;
    }
    let usages = js_sys::Array::of1(&JsValue::from_str("deriveBits"));
    let raw = js_sys::Uint8Array::from(pin.as_bytes());
    let key = subtle
        .import_key_with_str("raw", &raw, "PBKDF2", false, &usages)
        .ok()?;
    let key: web_sys::CryptoKey = JsFuture::from(key).await.ok()?.dyn_into().ok()?;
    let salt = js_sys::Uint8Array::from(salt);
    let params =
        web_sys::Pbkdf2Params::new("PBKDF2", &JsValue::from_str("SHA-256"), iterations, &salt);
    let bits = subtle
        .derive_bits_with_object(&params, &key, (len * 8) as u32)
        .ok()?;
    let bits = JsFuture::from(bits).await.ok()?;
    Some(js_sys::Uint8Array::new(&bits).to_vec())
}

/// What `pin` derives to under `hash`.
async fn derive(hash: &PinHash, pin: &str) -> Vec<u8> {
    if let PinHash::Pbkdf2 {
        iterations,
        salt,
        hash: expected,
    } = hash
    {
        if let Some(bits) = subtle_pbkdf2(pin, salt, *iterations, expected.len()).await {
            return bits;
        }
    }
    // Computed here: let "Checking…" be painted first, this takes a moment.
    super::after_paint().await;
    hash.derive(pin)
}

thread_local! {
    /// The PIN last found to match a stored hash in this page, as a quick digest:
    /// that hash, a random key of this page's, and SHA-256 of the key and the PIN.
    /// The desk locks itself after a few minutes alone, and is unlocked again many
    /// times a day: the slow hash (600,000 rounds, a few hundred milliseconds on a
    /// slow PC) is worked out once a page, not at each. The digest lives in this
    /// page's memory only, beside the day's check-ins it guards; what is stored or
    /// served is the slow hash alone. Wrong tries are counted and locked out alike.
    static CHECKED: std::cell::RefCell<Option<Checked>> = const { std::cell::RefCell::new(None) };
}

struct Checked {
    stored: String,
    key: [u8; 16],
    digest: Vec<u8>,
}

fn quick_digest(key: &[u8], pin: &str) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha256::new()
        .chain_update(key)
        .chain_update(pin.as_bytes())
        .finalize()
        .to_vec()
}

/// Whether `pin` matches the stored hash.
pub async fn verify(pin: &str, stored: &str) -> bool {
    let known = CHECKED.with_borrow(|c| {
        c.as_ref()
            .filter(|c| c.stored == stored)
            .map(|c| pin::same_bytes(&c.digest, &quick_digest(&c.key, pin)))
    });
    if let Some(matches) = known {
        return matches;
    }
    let Some(hash) = PinHash::parse(stored) else {
        return false;
    };
    let matches = hash.matches(&derive(&hash, pin).await);
    let mut key = [0u8; 16];
    let random = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut key).is_ok());
    if matches && random {
        let digest = quick_digest(&key, pin);
        CHECKED.set(Some(Checked {
            stored: stored.to_string(),
            key,
            digest,
        }));
    }
    matches
}

/// The stored form of a new PIN, with 16 random bytes of salt.
pub async fn hash_new(pin: &str) -> Option<String> {
    let mut salt = [0u8; 16];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut salt)
        .ok()?;
    let len = pin::output_len();
    let bits = match subtle_pbkdf2(pin, &salt, pin::ITERATIONS, len).await {
        Some(bits) => bits,
        None => {
            super::after_paint().await;
            pin::derive(pin, &salt, pin::ITERATIONS, len)
        }
    };
    Some(pin::format_hash(&salt, pin::ITERATIONS, &bits))
}
