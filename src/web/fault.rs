//! A fault never freezes a screen. The watchdog `fault.js` is inlined into each
//! page's `index.html` (Trunk, `rel="inline"`) before the program, so it also
//! catches a program that fails to start. On a Rust panic (the hook below calls
//! its `lobbyFault`) or any error or rejected promise nothing handled, it
//! replaces the whole screen, so nobody's answers stay on it, with a calm
//! message in the language on screen, and starts the page again from its path
//! (no query or fragment; `location.replace`: no history entry) after 4 s, or
//! 6 s when it shows a check-in's number; 30 s, then 2 min, when it keeps
//! failing within three minutes (kept in session storage); and only once the
//! page answers, so that a server that is away leaves the message on screen
//! rather than the browser's error page. This side keeps its words
//! (`data-fault-*` on `<html>`), gives it the number of a check-in being
//! filed, tells it of a panic, and tells it when a page must not start again.
use wasm_bindgen::JsCast;

fn root() -> Option<web_sys::Element> {
    super::document::document().and_then(|d| d.document_element())
}

/// A panic is logged as before, then said to the watchdog: with the release
/// build's `panic = "abort"` the program cannot go on.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let fall = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &"lobbyFault".into()).ok())
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(fall) = fall {
            let _ = fall.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    }));
}

/// The watchdog's words in `lang`, whose catalogue is loaded.
pub fn set_words(lang: &str) {
    let Some(root) = root() else { return };
    for (name, key) in [
        ("data-fault-title", "fault.title"),
        ("data-fault-restart", "fault.restart"),
        ("data-fault-ticket", "fault.ticket"),
    ] {
        let _ = root.set_attribute(name, &crate::i18n::tr(lang, key));
    }
}

/// The ticket of the check-in being filed, from the moment it has a number
/// until the next customer: a fault meanwhile tells the customer to show it at
/// the desk.
pub fn set_number(ticket: Option<&str>) {
    let Some(root) = root() else { return };
    let _ = match ticket {
        Some(ticket) => root.set_attribute("data-fault-number", ticket),
        None => root.remove_attribute("data-fault-number"),
    };
}

/// A promise whose outcome nothing waits for (a chime's audio resuming, an
/// update check of the service worker, which fails offline): its rejection is
/// no fault, so it is taken here rather than reaching the watchdog.
pub fn let_settle(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) {
    if let Ok(promise) = promise {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// A page with nowhere to start again (a customer's own phone, opened from a
/// printed number): a fault shows the message and stays, as Welcome would be a
/// check-in screen on a phone that is no kiosk.
pub fn stay() {
    if let Some(root) = root() {
        let _ = root.set_attribute("data-fault-stay", "");
    }
}
