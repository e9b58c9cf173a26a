//! The service worker, which keeps the app starting with the network down, and
//! moving to a new build at a moment nobody is in the middle of anything.
use std::cell::Cell;
use std::time::Duration;

use leptos::prelude::on_cleanup;

thread_local! {
    /// A new build has taken over from the one this page runs: reload when quiet.
    static NEW_BUILD: Cell<bool> = const { Cell::new(false) };
    /// How many screens now showing are quiet ones (see [`quiet_while_shown`]).
    static QUIET: Cell<u32> = const { Cell::new(0) };
}

/// How often a kiosk left running asks whether there is a new build.
const UPDATE_CHECK: Duration = Duration::from_secs(30 * 60);

/// Registers the service worker (`sw.js`, written for each build). When a new
/// build has installed itself whole and taken over, this page reloads into it at
/// a quiet moment: at once if a quiet screen is showing, else at the end of the
/// visit ([`reload_if_new_build`]).
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    // The first worker taking over a page that had none is not a new build; every
    // change after that is.
    let had_one = Cell::new(container.controller().is_some());
    let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if had_one.replace(true) {
            NEW_BUILD.with(|n| n.set(true));
            if QUIET.with(Cell::get) > 0 {
                reload_if_new_build();
            }
        }
    });
    container.set_oncontrollerchange(Some(wasm_bindgen::JsCast::unchecked_ref(
        on_change.as_ref(),
    )));
    on_change.forget();
    let registered = container.register("/sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registered).await else {
            return;
        };
        let registration: web_sys::ServiceWorkerRegistration =
            wasm_bindgen::JsCast::unchecked_into(registration);
        let check = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
            super::fault::let_settle(registration.update());
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_interval_with_callback_and_timeout_and_arguments_0(
                wasm_bindgen::JsCast::unchecked_ref(check.as_ref()),
                UPDATE_CHECK.as_millis() as i32,
            );
        }
        check.forget();
    });
}

/// Marks the calling component's screen as one where nobody is in the middle of
/// anything (the kiosk's Welcome, the kiosk's "could not be fetched" screen, the
/// desk's PIN screen), for as long as it shows:
/// a new build taking over then reloads the page at once.
pub fn quiet_while_shown() {
    QUIET.with(|q| q.set(q.get() + 1));
    on_cleanup(|| QUIET.with(|q| q.set(q.get().saturating_sub(1))));
}

/// Reloads into a new build if one has taken over (called as a visit ends).
pub fn reload_if_new_build() {
    if NEW_BUILD.with(Cell::get) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}
