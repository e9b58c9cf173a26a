//! Text as the browser encodes it.

/// Base64 of the UTF-8 bytes of `text` (for an HTTP Basic `Authorization` header).
pub fn base64(text: &str) -> String {
    // btoa takes one character per byte.
    let bytes: String = text.bytes().map(char::from).collect();
    web_sys::window()
        .and_then(|w| w.btoa(&bytes).ok())
        .unwrap_or_default()
}
