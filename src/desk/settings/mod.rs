//! Settings, at the desk behind its PIN: everything kiosk.json holds, edited in
//! a form checked as it is typed by the rules kiosk.json keeps, previewed, and
//! saved for every device (or, with no shop's server, on this one). The PIN,
//! the paired devices and the file itself have parts of their own.
mod fields;
mod file;
mod form;
mod lists;
mod own_questions;
mod pin;
mod preview;
mod state;
mod wording;

use leptos::prelude::*;

use super::lock::use_auto_lock;
use super::server::own_account;
use crate::domain::settings::{field_id, section_of};
use crate::ui::{focused_heading, use_i18n};
use crate::web;
pub use pin::PIN_PART;
use state::Phase;
pub use state::SettingsState;

#[component]
pub fn Settings(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let config = expect_context::<crate::domain::config::Config>();
    use_auto_lock(unlocked, config.desk_lock_seconds);
    expect_context::<super::state::DeskState>().keep_ticking();
    let heading = focused_heading();
    let paired = own_account(web::use_storage());
    let devices_open = RwSignal::new(false);
    let shared = state.shared();
    let phase = move || state.phase.get();
    // Drawn once a draft is there: not again at each key typed into it.
    let editing = Memo::new(move |_| state.draft.with(Option::is_some));
    let form = move || {
        editing.get().then(|| {
            view! {
                <form::BusinessPart />
                <wording::ReasonsPart />
                <own_questions::QuestionsPart />
                <lists::HelpPart />
                <lists::SpendingPart />
                <lists::DeadlinesPart />
                <form::TimingsPart />
            }
        })
    };
    view! {
        <main class="desk settings" data-testid="settings">
            <header class="desk-bar">
                <h1 id="settings-title" tabindex="-1" node_ref=heading>{i.t("desk.settings")}</h1>
                <div class="desk-tools">
                    <button type="button" class="secondary" on:click=move |_| state.close()>
                        {i.t("desk.settings_back")}
                    </button>
                    <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                        {i.t("desk.lock")}
                    </button>
                </div>
            </header>
            <p class="notice" data-testid="settings-where">
                {if shared { i.t("desk.settings_shared") } else { i.t("desk.settings_here") }}
            </p>
            // Asked again as the settings are saved.
            <Show when=move || {
                state.phase.track();
                state.saved_here()
            }>
                <p class="notice">
                    {i.t("desk.settings_saved_here")}
                    " "
                    <button type="button" class="secondary small" on:click=move |_| state.use_the_file()>
                        {i.t("desk.settings_use_file")}
                    </button>
                </p>
            </Show>
            <nav class="settings-nav" aria-label=i.t("desk.settings_parts")>
                <ul>
                    {[
                        ("settings-business", "desk.settings_business"),
                        ("settings-reasons", "desk.settings_reasons"),
                        ("settings-questions", "desk.settings_questions"),
                        ("settings-help", "desk.settings_help_items"),
                        ("settings-spending", "desk.settings_spending"),
                        ("settings-deadlines", "desk.settings_deadlines"),
                        ("settings-timings", "desk.settings_timings"),
                        (PIN_PART, "desk.settings_pin"),
                        ("settings-file", "desk.settings_file"),
                    ]
                        .into_iter()
                        .map(|(id, key)| view! {
                            <li><a href=format!("#{id}") on:click=move |ev| {
                                ev.prevent_default();
                                web::document::reveal(id);
                                web::document::focus_id(&format!("{id}-title"));
                            }>{i.t(key)}</a></li>
                        })
                        .collect_view()}
                </ul>
            </nav>
            {move || match phase() {
                Phase::Loading => Some(view! { <p role="status">{i.t("desk.settings_loading")}</p> }.into_any()),
                Phase::Unreadable(reason) => Some(view! {
                    <div class="warning" role="alert">
                        <p>{i.tw("desk.settings_unreadable", &[("reason", &reason)])}</p>
                        <button type="button" class="secondary" on:click=move |_| state.load()>{i.t("desk.settings_retry")}</button>
                    </div>
                }.into_any()),
                _ => None,
            }}
            <div class="settings-form">{form}</div>
            <pin::PinPart />
            {paired.map(|desk| view! {
                <section class="settings-part" id="settings-devices" aria-labelledby="settings-devices-title">
                    <h2 id="settings-devices-title">{i.t("desk.devices")}</h2>
                    <details class="devices-panel" on:toggle=move |ev| devices_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                        <summary>{i.t("desk.devices")}</summary>
                        <Show when=move || devices_open.get()>
                            <super::devices::Devices desk=desk.clone() />
                        </Show>
                    </details>
                </section>
            })}
            <file::FilePart />
            <ClearPart />
            <SaveBar />
        </main>
    }
}

/// Today's check-ins and feedback, deleted from this device at the end of a day
/// (after a plain question and a second, deliberate tap).
#[component]
fn ClearPart() -> impl IntoView {
    let i = use_i18n();
    let confirming = RwSignal::new(false);
    view! {
        <section class="settings-part" id="settings-clear" aria-labelledby="settings-clear-title">
            <h2 id="settings-clear-title" tabindex="-1">{i.t("desk.settings_clear")}</h2>
            <p class="part-hint">{i.t("desk.settings_clear_hint")}</p>
            <button type="button" class="secondary" aria-expanded=move || if confirming.get() { "true" } else { "false" }
                on:click=move |_| confirming.set(true)>
                {i.t("desk.clear_today")}
            </button>
            <Show when=move || confirming.get()>
                <super::clear_today::ClearToday confirming />
            </Show>
        </section>
    }
}

/// At the foot of the screen, always in sight: what stops a save, or the way to
/// preview and save; then the preview, a conflict with another desk, or how it went.
#[component]
fn SaveBar() -> impl IntoView {
    let i = use_i18n();
    let state = expect_context::<SettingsState>();
    let fault = move || state.fault();
    let changed = Memo::new(move |_| {
        state.draft.with(|d| {
            state
                .base
                .with(|b| matches!((d, b), (Some(d), Some(b)) if d != b))
        })
    });
    let go_to_fault = move |_| {
        if let Some(f) = untrack(fault) {
            web::document::reveal(section_of(&f.field));
            // The box at fault, else the list it is in.
            let mut field = f.field.clone();
            loop {
                if web::document::has_id(&field_id(&field)) {
                    web::document::focus_id(&field_id(&field));
                    break;
                }
                match field.rfind(['.', '[']) {
                    Some(cut) => field.truncate(cut),
                    None => {
                        web::document::focus_id(&format!("{}-title", section_of(&f.field)));
                        break;
                    }
                }
            }
        }
    };
    let preview = move |_| {
        state.phase.set(Phase::Previewing);
        web::document::focus_when_drawn("preview-title".into());
    };
    view! {
        <div class="save-bar" role="region" aria-label=i.t("desk.settings_save_region")>
            {move || match (state.phase.get(), fault()) {
                (Phase::Previewing | Phase::Saving, _) => view! { <preview::Preview /> }.into_any(),
                (Phase::Conflict(theirs), _) => view! { <preview::Conflict theirs=*theirs /> }.into_any(),
                (Phase::Loading | Phase::Unreadable(_), _) => ().into_any(),
                (_, Some(f)) => view! {
                    <p class="fault" role="alert" data-testid="settings-fault">
                        <span>{i.tw("desk.settings_fault", &[("detail", &f.to_string())])}</span>
                        " "
                        <button type="button" class="secondary small" on:click=go_to_fault>{i.t("desk.settings_go_to_fault")}</button>
                    </p>
                }.into_any(),
                (phase, None) => {
                    let said = match phase {
                        Phase::Saved => Some((i.t(if state.shared() { "desk.settings_saved_shared" } else { "desk.settings_saved_here_done" }), false)),
                        Phase::NotSaved(reason) => Some((i.tw("desk.settings_not_saved", &[("reason", &reason)]), true)),
                        Phase::NotKeptHere => Some((i.t("desk.settings_storage_full"), true)),
                        _ => None,
                    };
                    let failed = said.as_ref().is_some_and(|s| s.1);
                    view! {
                        <p id="settings-saved" tabindex="-1" role="status" class:error=failed>
                            {said.map(|s| s.0)}
                        </p>
                        <button type="button" class="primary" aria-disabled=move || (!changed.get()).then_some("true")
                            on:click=move |ev| if changed.get_untracked() { preview(ev) }>
                            {i.t("desk.settings_preview")}
                        </button>
                    }.into_any()
                }
            }}
        </div>
    }
}
