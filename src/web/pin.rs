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

/// What `pin` derives to under `hash` (`stored`), taken from [`prepare`] when it
/// was started for this PIN.
async fn derive(hash: &PinHash, stored: &str, pin: &str) -> Vec<u8> {
    if let Some(bits) = prepared(pin, stored).await {
        return bits;
    }
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

thread_local! {
    /// The slow hash of the PIN as it stands in the field, being worked out while
    /// staff finish typing and reach for Unlock (see [`prepare`]).
    static PREPARED: std::cell::RefCell<Option<Prepared>> = const { std::cell::RefCell::new(None) };
}

struct Prepared {
    pin: String,
    stored: String,
    /// Resolves with the derived bytes (a `Uint8Array`), or `null`.
    bits: js_sys::Promise,
}

/// Starts working out the slow hash of `pin`, as typed so far, so that Unlock
/// finds it done: a few hundred milliseconds of a slow PC that staff spend
/// reaching for the button. Only where WebCrypto works it out, on a thread of
/// the browser's own (the compiled-in hash would hold up the typing), and only
/// for a PIN that could be one, when this page has no quick check of it yet.
/// Nothing is compared here: a try is counted only when Unlock is pressed.
pub fn prepare(pin: &str, stored: &str) {
    if !pin::is_valid_pin(pin) || subtle().is_none() || knows(stored) {
        forget_prepared();
        return;
    }
    if is_prepared(pin, stored) {
        return;
    }
    let Some(PinHash::Pbkdf2 {
        iterations,
        salt,
        hash,
    }) = PinHash::parse(stored)
    else {
        return;
    };
    let typed = pin.to_string();
    let bits = wasm_bindgen_futures::future_to_promise(async move {
        Ok(subtle_pbkdf2(&typed, &salt, iterations, hash.len())
            .await
            .map_or(JsValue::NULL, |bits| {
                js_sys::Uint8Array::from(&bits[..]).into()
            }))
    });
    PREPARED.set(Some(Prepared {
        pin: pin.to_string(),
        stored: stored.to_string(),
        bits,
    }));
}

/// The bytes [`prepare`] worked out for this PIN and hash, once; `None` when it
/// was not started for them, or could not work them out.
async fn prepared(pin: &str, stored: &str) -> Option<Vec<u8>> {
    let bits = PREPARED
        .take()
        .filter(|p| p.pin == pin && p.stored == stored)?
        .bits;
    let bits = JsFuture::from(bits).await.ok()?;
    bits.dyn_ref::<js_sys::Uint8Array>()
        .map(js_sys::Uint8Array::to_vec)
}

/// Lets go of the PIN [`prepare`] holds: the field was emptied, the desk is
/// locked out, or its lock screen has gone.
pub fn forget_prepared() {
    PREPARED.take();
}

/// Whether the slow hash of `pin` under `stored` is being worked out (or is
/// done) for the next Unlock.
pub fn is_prepared(pin: &str, stored: &str) -> bool {
    PREPARED.with_borrow(|p| {
        p.as_ref()
            .is_some_and(|p| p.pin == pin && p.stored == stored)
    })
}

/// Whether this page holds a quick check of the PIN for `stored`.
fn knows(stored: &str) -> bool {
    CHECKED.with_borrow(|c| c.as_ref().is_some_and(|c| c.stored == stored))
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
    let matches = hash.matches(&derive(&hash, stored, pin).await);
    if matches {
        // Made after the desk is open, not before: the next Unlock needs it.
        let (pin, stored) = (pin.to_string(), stored.to_string());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(key) = page_key().await {
                if let Some(mac) = mac(&key, &pin).await {
                    CHECKED.set(Some(Checked { stored, key, mac }));
                }
            }
        });
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
