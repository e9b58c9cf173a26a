//! The staff's view: behind a PIN, a live queue of briefs.
mod alerts;
mod answers;
mod card;
mod clear_today;
mod contact;
mod desk_pin;
mod devices;
mod figures;
mod focus;
mod follow_up;
mod lobby;
mod lock;
mod opened;
mod promise;
mod queue;
mod records;
mod row;
mod server;
mod settings;
mod state;
mod sync_status;

use leptos::prelude::*;

use crate::configuration::LiveConfig;

#[component]
pub fn Desk() -> impl IntoView {
    // Unlocked for this page only: a reload, or another tab, asks for the PIN again.
    let unlocked = RwSignal::new(false);
    // Above the lock, so a check-in a kiosk could not store is received and kept
    // while the desk is locked too.
    let desk = state::DeskState::new();
    provide_context(desk);
    desk_pin::DeskPin::provide(
        &expect_context::<crate::domain::config::Config>(),
        crate::web::use_storage(),
    );
    // Which brief is open, and the Undo offered: kept when the queue is drawn
    // again in another language.
    provide_context(opened::Opened::new());
    desk.start();
    crate::web::channel::use_unsaved(move |record| desk.receive_unsaved(&record));
    // Briefs are in the staff's language, whatever language the customer used.
    let i = crate::ui::use_i18n();
    Effect::new(move || crate::web::document::set_page_language(i.lang.get()));
    // Settings saved at another desk are taken up here within a minute.
    let live = expect_context::<LiveConfig>();
    live.refresh_every(move |fresh| live.adopt(fresh));
    lobby::keep_current(desk, move || live.current.with(|c| c.board_names));
    let settings = settings::SettingsState::provide(live, crate::web::use_storage());
    let figures = figures::FiguresOpen::provide();
    view! {
        <Show
            when=move || unlocked.get()
            fallback=move || {
                // Unlocked again, the desk opens on its queue (a draft of the
                // settings not saved is kept for when Settings opens again).
                settings.open.set(false);
                figures.shown.set(false);
                view! { <lock::Lock unlocked /> }
            }
        >
            // Drawn again in another language when staff pick one. The queue is
            // drawn again with a new configuration too; Settings, which works on
            // a draft of its own, is not (it would lose the place being typed in).
            {move || {
                i.lang.track();
                if settings.open.get() {
                    provide_context(live.current.get_untracked());
                    view! { <settings::Settings unlocked /> }.into_any()
                } else if figures.shown.get() {
                    provide_context(live.current.get());
                    view! { <figures::Figures unlocked /> }.into_any()
                } else {
                    provide_context(live.current.get());
                    view! { <queue::Queue unlocked /> }.into_any()
                }
            }}
        </Show>
    }
}
