//! The desk PIN's slow hash in the browser: PBKDF2 by WebCrypto, which only a
//! secure context has (https, or this computer's own address), else by the
//! compiled-in PBKDF2 (`domain::pin`), slower but the same bytes, so that a desk
//! on the shop's plain-http LAN still unlocks.
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::pin::{self, PinHash};

/// PBKDF2-HMAC-SHA-256 by WebCrypto, or `None` where the page has none.
async fn subtle_pbkdf2(pin: &str, salt: &[u8], iterations: u32, len: usize) -> Option<Vec<u8>> {
    let subtle = subtle()?;
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
    /// The PIN last found to match a stored hash in this page, as a quick check:
    /// that hash, a key of this page's, and the HMAC-SHA-256 of the PIN under it.
    /// The desk locks itself after a few minutes alone, and is unlocked again many
    /// times a day: the slow hash (600,000 rounds, a few hundred milliseconds on a
    /// slow PC) is worked out once a page, not at each. The key is WebCrypto's and
    /// cannot be read out of the browser (not extractable), so the check held here
    /// cannot be searched for the PIN away from this page, as a plain digest could;
    /// what is stored or served is the slow hash alone. Without WebCrypto (plain
    /// http) nothing is kept, and each unlock works the slow hash out.
    static CHECKED: std::cell::RefCell<Option<Checked>> = const { std::cell::RefCell::new(None) };
}

struct Checked {
    stored: String,
    key: web_sys::CryptoKey,
    mac: Vec<u8>,
}

/// WebCrypto's SubtleCrypto, where the page has it (a secure context).
fn subtle() -> Option<web_sys::SubtleCrypto> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    (!subtle.is_undefined() && !subtle.is_null()).then_some(subtle)
}

/// A new HMAC-SHA-256 key of this page's, which cannot be read out.
async fn page_key() -> Option<web_sys::CryptoKey> {
    let params = js_sys::Object::new();
    js_sys::Reflect::set(&params, &"name".into(), &"HMAC".into()).ok()?;
    js_sys::Reflect::set(&params, &"hash".into(), &"SHA-256".into()).ok()?;
    let usages = js_sys::Array::of1(&JsValue::from_str("sign"));
    let key = subtle()?
        .generate_key_with_object(&params, false, &usages)
        .ok()?;
    JsFuture::from(key).await.ok()?.dyn_into().ok()
}

/// The HMAC of `pin` under `key`.
async fn mac(key: &web_sys::CryptoKey, pin: &str) -> Option<Vec<u8>> {
    let signed = subtle()?
        .sign_with_str_and_u8_array("HMAC", key, pin.as_bytes())
        .ok()?;
    let signed = JsFuture::from(signed).await.ok()?;
    Some(js_sys::Uint8Array::new(&signed).to_vec())
}

/// Whether `pin` matches the stored hash.
pub async fn verify(pin: &str, stored: &str) -> bool {
    let known = CHECKED.with_borrow(|c| {
        c.as_ref()
            .filter(|c| c.stored == stored)
            .map(|c| (c.key.clone(), c.mac.clone()))
    });
    if let Some((key, expected)) = known {
        if let Some(given) = mac(&key, pin).await {
            return pin::same_bytes(&expected, &given);
        }
    }
    let Some(hash) = PinHash::parse(stored) else {
        return false;
    };
    let matches = hash.matches(&derive(&hash, pin).await);
    if matches {
        if let Some(key) = page_key().await {
            if let Some(mac) = mac(&key, pin).await {
                CHECKED.set(Some(Checked {
                    stored: stored.to_string(),
                    key,
                    mac,
                }));
            }
        }
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
