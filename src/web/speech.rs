//! Reading aloud.

fn speech() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    // Absent in some browsers: then there is no read-aloud button at all.
    js_sys::Reflect::has(&window, &"speechSynthesis".into())
        .ok()
        .filter(|has| *has)?;
    window.speech_synthesis().ok()
}

/// Whether this browser can read text aloud.
pub fn can_speak() -> bool {
    speech().is_some()
}

/// Reads `text` aloud in `lang`, instead of anything still being read: in the
/// variety its words are written in (`es-US`), so the browser picks that voice.
pub fn speak(text: &str, lang: &str) {
    let Some(speech) = speech() else { return };
    speech.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        let variety = crate::i18n::locale(lang)
            .split("-u-")
            .next()
            .unwrap_or(lang);
        utterance.set_lang(variety);
        speech.speak(&utterance);
    }
}

/// Reads aloud, in `lang`, the text on the page of what `selectors` find, each
/// in turn (the question on screen, its hint and its answers).
pub fn read_aloud(selectors: &[&str], lang: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let texts = |selector: &str| -> Vec<String> {
        document
            .query_selector_all(selector)
            .map(|nodes| {
                (0..nodes.length())
                    .filter_map(|n| nodes.item(n).and_then(|node| node.text_content()))
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let parts: Vec<String> = selectors.iter().flat_map(|s| texts(s)).collect();
    speak(&parts.join(". "), lang);
}
