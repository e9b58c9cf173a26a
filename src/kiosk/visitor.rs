//! A visitor: a customer's own phone, opened from the QR code of a printed
//! number (`/#leaving=B-12`), which is no device of the shop. It answers the
//! way-out questions, sends them to the shop's server (`sync::visitor`), keeps
//! nothing once the shop has them, and then says the page may be closed: it
//! never becomes a check-in screen.
use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::feedback::Feedback;
use crate::ui::{focused_heading, use_i18n};
use crate::web::Storage;

thread_local! {
    static VISITOR: Cell<bool> = const { Cell::new(false) };
}

/// This page was opened from a printed number on a device of no shop.
pub fn arrived() {
    VISITOR.set(true);
}

pub fn is_visitor() -> bool {
    VISITOR.get()
}

/// Sends the visitor's feedback; once the shop's server has it, the phone
/// forgets it.
pub fn send(storage: Storage, feedback: Feedback) {
    leptos::task::spawn_local(async move {
        if crate::sync::visitor::send_feedback(&feedback).await {
            if let Some(store) = storage.store() {
                store.remove_feedback(&feedback.id);
            }
        }
    });
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
