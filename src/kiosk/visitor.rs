//! A visitor: a customer's own phone, opened from the QR code of a printed
//! number (`/#leaving=B-12~<check-in id>`), which is no device of the shop. It
//! answers the way-out questions and sends them to the shop's server, which
//! takes them for that check-in (`POST /api/feedback`); it keeps nothing of
//! them in its storage, and ends on the thanks, never on a check-in screen.
//!
//! The answers go once, whole: when the comment is settled, or, should the
//! customer go back, walk away or close the page first, with what they had
//! said (`navigator.sendBeacon`, which outlives the page).
use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::feedback::{parse_ticket, Feedback};
use crate::ui::{focused_heading, use_i18n};

thread_local! {
    static VISITOR: Cell<bool> = const { Cell::new(false) };
    /// The ticket and check-in the printed number came with.
    static LINKED: RefCell<Option<(String, String)>> = const { RefCell::new(None) };
    /// The answers kept and not sent yet.
    static PENDING: RefCell<Option<Feedback>> = const { RefCell::new(None) };
    /// Run when a visit ends: sends what is pending (set once there is).
    pub static ON_RESET: Cell<Option<fn()>> = const { Cell::new(None) };
}

/// This page was opened from a printed number on a device of no shop.
pub fn arrived(ticket: &str, intake_id: Option<String>) {
    VISITOR.set(true);
    crate::web::fault::stay();
    LINKED.set(intake_id.map(|id| (ticket.to_string(), id)));
}

pub fn is_visitor() -> bool {
    VISITOR.get()
}

/// The check-in of the printed number, when `typed` is still its ticket (as
/// the way out reads a ticket: `b12` is `B-12`).
pub fn linked_intake(typed: &str) -> Option<String> {
    let typed = parse_ticket(typed)?;
    LINKED.with_borrow(|l| {
        l.as_ref()
            .filter(|(ticket, _)| parse_ticket(ticket) == Some(typed))
            .map(|(_, id)| id.clone())
    })
}

/// The answers so far, to be sent once settled (or when the page goes).
pub fn hold(feedback: Feedback) {
    if PENDING.replace(Some(feedback)).is_none() && ON_RESET.get().is_none() {
        ON_RESET.set(Some(send_pending));
        if let Some(window) = web_sys::window() {
            let send = wasm_bindgen::closure::Closure::<dyn Fn()>::new(send_pending);
            let _ =
                window.add_event_listener_with_callback("pagehide", send.as_ref().unchecked_ref());
            send.forget();
        }
    }
}

/// Sends the answers held, once.
pub fn send_pending() {
    let Some(feedback) = PENDING.take() else {
        return;
    };
    let sent = serde_json::to_string(&feedback).ok().and_then(|json| {
        let parts = js_sys::Array::of1(&json.into());
        let kind = web_sys::BlobPropertyBag::new();
        kind.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &kind).ok()?;
        let navigator = web_sys::window()?.navigator();
        navigator
            .send_beacon_with_opt_blob("/api/feedback", Some(&blob))
            .ok()
    });
    if sent != Some(true) {
        leptos::logging::warn!("the answers could not be sent to the shop");
    }
}

/// The way out's thanks on a visitor's phone: nothing more to do here, so no
/// countdown back to a Welcome that is not theirs.
#[component]
pub fn Closing() -> impl IntoView {
    let i = use_i18n();
    let state = super::visit::use_kiosk();
    state.announce(i.t("leaving.thanks_title"));
    view! {
        <div class="done">
            <h1 tabindex="-1" node_ref=focused_heading()>{i.t("leaving.thanks_title")}</h1>
            <p class="lead">{i.t("leaving.thanks_lead")}</p>
            <p class="lead" data-testid="visitor-closing">{i.t("leaving.visitor_close")}</p>
        </div>
    }
}
