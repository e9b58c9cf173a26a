//! The staff's view: behind a PIN, a live queue of briefs.
mod card;
mod lock;
mod queue;

use leptos::prelude::*;

#[component]
pub fn Desk() -> impl IntoView {
    // Unlocked for this page only: a reload, or another tab, asks for the PIN again.
    let unlocked = RwSignal::new(false);
    view! {
        <Show when=move || unlocked.get() fallback=move || view! { <lock::Lock unlocked /> }>
            <queue::Queue unlocked />
        </Show>
    }
}
