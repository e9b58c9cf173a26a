//! The staff's view: behind a PIN, a live queue of briefs.
mod alerts;
mod card;
mod clear_today;
mod devices;
mod focus;
mod follow_up;
mod lock;
mod opened;
mod queue;
mod row;
mod state;
mod sync_status;
mod today;

use leptos::prelude::*;

#[component]
pub fn Desk() -> impl IntoView {
    // Unlocked for this page only: a reload, or another tab, asks for the PIN again.
    let unlocked = RwSignal::new(false);
    // Above the lock, so a check-in a kiosk could not store is received and kept
    // while the desk is locked too.
    let desk = state::DeskState::new();
    provide_context(desk);
    // Which brief is open, and the Undo offered: kept when the queue is drawn
    // again in another language.
    provide_context(opened::Opened::new());
    desk.start();
    crate::web::channel::use_unsaved(move |record| desk.receive_unsaved(&record));
    // Briefs are in the staff's language, whatever language the customer used.
    let i = crate::ui::use_i18n();
    Effect::new(move || crate::web::document::set_page_language(i.lang.get()));
    view! {
        <Show when=move || unlocked.get() fallback=move || view! { <lock::Lock unlocked /> }>
            // Drawn again in another language when staff pick one.
            {move || {
                i.lang.track();
                view! { <queue::Queue unlocked /> }
            }}
        </Show>
    }
}
