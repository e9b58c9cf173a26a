//! Today's queue: read from the store, refreshed when another window files or
//! changes an intake, and re-sorted as waiting times and deadlines tick.
use std::collections::HashMap;
use std::time::Duration;

use leptos::prelude::*;

use super::card::BriefCard;
use crate::domain::brief::queue;
use crate::domain::intake::{Intake, Status};
use crate::store::INTAKE_PREFIX;
use crate::ui::{focused_heading, use_i18n};
use crate::web;

/// How often waiting times and deadlines are recomputed.
const TICK: Duration = Duration::from_secs(15);

#[derive(Clone, Copy)]
pub struct DeskState {
    pub intakes: RwSignal<Vec<Intake>>,
    pub set_aside: RwSignal<usize>,
    pub storage_ok: RwSignal<bool>,
    pub now_ms: RwSignal<i64>,
}

impl DeskState {
    pub fn reload(&self) {
        let today = web::now().day();
        match web::store() {
            Some(store) => {
                let loaded = store.load();
                self.intakes.set(
                    loaded
                        .intakes
                        .into_iter()
                        .filter(|i| i.day == today)
                        .collect(),
                );
                self.set_aside.set(loaded.set_aside.len());
                self.storage_ok.set(true);
            }
            None => self.storage_ok.set(false),
        }
        self.now_ms.set(web::now().ms);
    }

    /// Changes one intake in storage (read fresh, so another window's change stays).
    /// The control that had focus gets it back once the queue has re-rendered (a
    /// card that moves is re-inserted, which drops focus); if it is gone, the heading.
    pub fn change(&self, id: &str, change: impl FnOnce(&mut Intake)) {
        if let Some(store) = web::store() {
            let _ = store.update(id, change);
        }
        self.reload();
        let document = web_sys::window().and_then(|w| w.document());
        let focused = document
            .as_ref()
            .and_then(|d| d.active_element())
            .map(|e| e.id());
        if let (Some(document), Some(focused)) = (document, focused.filter(|f| !f.is_empty())) {
            request_animation_frame(move || {
                let target = document
                    .get_element_by_id(&focused)
                    .or_else(|| document.get_element_by_id(HEADING_ID));
                if let Some(el) = target
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = el.focus();
                }
            });
        }
    }
}

const HEADING_ID: &str = "desk-heading";

#[component]
pub fn Queue(unlocked: RwSignal<bool>) -> impl IntoView {
    let i = use_i18n();
    let desk = DeskState {
        intakes: RwSignal::new(Vec::new()),
        set_aside: RwSignal::new(0),
        storage_ok: RwSignal::new(true),
        now_ms: RwSignal::new(web::now().ms),
    };
    provide_context(desk);
    desk.reload();
    // Another tab or window of this browser filed or changed an intake.
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().is_none_or(|k| k.starts_with(INTAKE_PREFIX)) {
            desk.reload();
        }
    });
    on_cleanup(move || listener.remove());
    web::every(TICK, move || desk.reload());

    let briefs = Memo::new(move |_| desk.intakes.with(|all| queue(all, desk.now_ms.get())));
    // Cards are keyed by intake only and read their brief from here, so a tick or a
    // change updates a card in place and keyboard focus stays where it was.
    let by_id = Memo::new(move |_| {
        briefs.with(|b| {
            b.iter()
                .map(|b| (b.id.clone(), b.clone()))
                .collect::<HashMap<_, _>>()
        })
    });
    let ids = move |done: bool| {
        briefs.with(|b| {
            b.iter()
                .filter(|b| (b.status == Status::Done) == done)
                .map(|b| b.id.clone())
                .collect::<Vec<_>>()
        })
    };
    let open = Memo::new(move |_| ids(false));
    let done = Memo::new(move |_| ids(true));
    let card = move |id: String| {
        let brief = Memo::new(move |_| by_id.with(|m| m.get(&id).cloned()));
        view! { <li><BriefCard brief /></li> }
    };
    let heading = focused_heading();

    view! {
        <main class="desk">
            <header class="desk-bar">
                <h1 id=HEADING_ID tabindex="-1" node_ref=heading>{move || i.t("desk.queue")}</h1>
                <span class="count" aria-live="polite">{move || open.with(Vec::len)}</span>
                <button type="button" class="secondary" on:click=move |_| unlocked.set(false)>
                    {move || i.t("desk.lock")}
                </button>
            </header>
            <Show when=move || !desk.storage_ok.get()>
                <p class="warning" role="alert">{move || i.t("desk.storage_unavailable")}</p>
            </Show>
            <Show when=move || { desk.set_aside.get() > 0 }>
                <p class="warning" role="alert">
                    {move || i.tw("desk.set_aside", &[("n", &desk.set_aside.get().to_string())])}
                </p>
            </Show>
            <Show when=move || open.with(Vec::is_empty)>
                <p class="empty">{move || i.t("desk.queue_empty")}</p>
            </Show>
            <ol class="briefs">
                <For each=move || open.get() key=|id| id.clone() children=card />
            </ol>
            <details class="history">
                <summary>{move || i.tw("desk.history", &[("n", &done.with(Vec::len).to_string())])}</summary>
                <ol class="briefs done">
                    <For each=move || done.get() key=|id| id.clone() children=card />
                </ol>
            </details>
        </main>
    }
}
