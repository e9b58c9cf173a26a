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

/// Reads `text` aloud in `lang`, instead of anything still being read.
pub fn speak(text: &str, lang: &str) {
    let Some(speech) = speech() else { return };
    speech.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang(lang);
        speech.speak(&utterance);
    }
}
