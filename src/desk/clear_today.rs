//! Deleting the day's records from this device.
use leptos::prelude::*;

use super::state::DeskState;
use crate::ui::use_i18n;

/// "Clear today": deletes only after a plain question and a second, deliberate tap.
#[component]
pub fn ClearToday(confirming: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = expect_context::<DeskState>();
    let n = desk.stored.with_untracked(Vec::len) + desk.unsaved.with_untracked(Vec::len);
    let cancel = NodeRef::<leptos::html::Button>::new();
    // The safe choice has focus first.
    Effect::new(move || {
        if let Some(b) = cancel.get() {
            let _ = b.focus();
        }
    });
    view! {
        <section class="confirm" role="alertdialog" aria-labelledby="clear-title" aria-describedby="clear-body">
            <h2 id="clear-title">{i.t("desk.clear_title")}</h2>
            <p id="clear-body">{i.tw_count("desk.clear_body", n as i64, &[("n", &n.to_string())])}</p>
            <div class="actions">
                <button
                    type="button"
                    class="danger"
                    on:click=move |_| {
                        desk.clear_today();
                        confirming.set(false);
                    }
                >
                    {i.t("desk.clear_confirm")}
                </button>
                <button type="button" class="secondary" node_ref=cancel on:click=move |_| confirming.set(false)>
                    {i.t("desk.cancel")}
                </button>
            </div>
        </section>
    }
}
