//! The page itself: its language, size of text, colours, title, policy and focus.
use leptos::prelude::request_animation_frame;
use wasm_bindgen::JsCast;

pub fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn root() -> Option<web_sys::Element> {
    document().and_then(|d| d.document_element())
}

/// Sets the page's `lang` and `dir` (right to left for Arabic) for `lang`, and
/// the words a fault is told in.
pub fn set_page_language(lang: &str) {
    if let Some(root) = root() {
        let _ = root.set_attribute("lang", lang);
        let _ = root.set_attribute("dir", crate::i18n::direction(lang));
    }
    super::fault::set_words(lang);
}

/// Larger text for this customer: every size is in rem, so the root's size scales all.
pub fn set_larger_text(on: bool) {
    if let Some(root) = root() {
        let _ = root.class_list().toggle_with_force("larger", on);
    }
}

/// The business's name in the title bar, and its colour (with the text colour
/// that reads on it) for the whole page.
pub fn set_brand(name: &str, color: &str, on_color: &str) {
    // Through the CSS object model, which the Content-Security-Policy allows
    // (a style attribute would need 'unsafe-inline').
    if let Some(root) = root().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = root.style().set_property("--brand", color);
        let _ = root.style().set_property("--on-brand", on_color);
    }
    if let Some(doc) = document() {
        doc.set_title(name);
    }
}

/// Scrolls the page back to its top.
pub fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The address of this page, e.g. `/` or `/desk`.
pub fn path() -> String {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default()
}

/// A pairing link's fragment (`#pair=…`), taken out of the address bar and
/// out of this history entry at once: the secret is not left on a shared
/// screen. Any other fragment is left alone and not returned.
pub fn take_pairing_fragment() -> Option<String> {
    take_fragment("#pair=")
}

/// The address's fragment when it starts with `prefix`, taken out of the
/// address bar and the history (see [`take_pairing_fragment`]).
pub fn take_fragment(prefix: &str) -> Option<String> {
    let window = web_sys::window()?;
    let location = window.location();
    let fragment = location.hash().ok().filter(|h| h.starts_with(prefix))?;
    let clean = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    Some(fragment)
}

/// Whether the page was served in a secure context (https, or this computer's
/// own loopback): a service worker, and so an offline copy, needs one.
pub fn is_secure() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context())
}

/// Opens `path` in place of this page (no entry left in the history).
pub fn replace_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().replace(path);
    }
}

/// The origin this page was served from, e.g. `https://shop.example`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Whether the page's Content-Security-Policy lets it connect to `origin`
/// (`scheme://host:port`). A page without a policy may connect anywhere.
pub fn csp_allows_connecting_to(origin: &str) -> bool {
    let policy = document()
        .and_then(|d| {
            d.query_selector("meta[http-equiv='Content-Security-Policy']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    match policy {
        Some(policy) => {
            crate::domain::csp::allows_page_connecting_to(&policy, &self::origin(), origin)
        }
        None => true,
    }
}

fn focus_by_id(document: &web_sys::Document, id: &str) -> bool {
    document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Whether the page has an element with this id.
pub fn has_id(id: &str) -> bool {
    document().is_some_and(|d| d.get_element_by_id(id).is_some())
}

/// Moves keyboard focus to the element with this id (a heading, say).
pub fn focus_id(id: &str) {
    if let Some(document) = document() {
        focus_by_id(&document, id);
    }
}

/// Focuses the element `id` once what has just changed is drawn: after the
/// reactive updates already queued have run (a microtask, not a frame, so it
/// does not wait for a paint nor for a tab in the background).
pub fn focus_when_drawn(id: String) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        focus_id(&id);
    });
}

/// Scrolls the page the least that brings the element `id` wholly into view (as
/// far as it fits), as a brief opened beside the queue.
pub fn reveal(id: &str) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id(id)) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// [`reveal`]s the element `id` once what has just changed is drawn: a field
/// that opens below the fold, with its Continue, comes into view.
pub fn reveal_when_drawn(id: &'static str) {
    leptos::task::spawn_local(async move {
        leptos::task::tick().await;
        reveal(id);
    });
}

/// Runs `change`, which may re-render the control that has focus (a card that
/// moves in a list is re-inserted, which drops focus): once the page has been
/// drawn, focus goes back to that control, or to `fallback` if it is gone. Only
/// when focus was dropped: if the person has moved on meanwhile (a Tab pressed
/// before the frame came, on a slow machine), focus stays where they put it.
pub fn keeping_focus(fallback: &'static str, change: impl FnOnce()) {
    let document = document();
    let focused = document
        .as_ref()
        .and_then(|d| d.active_element())
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    change();
    let (Some(document), Some(focused)) = (document, focused) else {
        return;
    };
    request_animation_frame(move || {
        let dropped = match document.active_element() {
            None => true,
            Some(el) => {
                !el.is_connected()
                    || document
                        .body()
                        .is_some_and(|b| el == *b.unchecked_ref::<web_sys::Element>())
            }
        };
        if dropped && !focus_by_id(&document, &focused) {
            focus_by_id(&document, fallback);
        }
    });
}

/// Opens the browser's printing of this page (at once, with no dialog, where
/// the kiosk's browser runs with `--kiosk-printing`).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The Welcome the build wrote into the kiosk's page (scripts/prerender.mjs),
/// taken away as the program draws its own: called where that is drawn, so both
/// happen in one task and the screen never shows neither or both.
pub fn remove_prerendered() {
    if let Some(welcome) = document().and_then(|d| d.get_element_by_id("prerendered")) {
        welcome.remove();
    }
}

/// The taps a customer made on the written Welcome before the program came, in
/// order (`check_in`, `talk`, `leaving`, `larger`, `lang:es`; src/web/welcome.js),
/// taken so that they are acted on once.
pub fn take_kept_taps() -> Vec<String> {
    let Some(root) = root() else {
        return Vec::new();
    };
    let kept = root.get_attribute("data-kept").unwrap_or_default();
    let _ = root.remove_attribute("data-kept");
    kept.split_whitespace().map(str::to_string).collect()
}
