//! When someone last used the page.
use leptos::prelude::*;

/// When someone last touched, clicked, scrolled or typed anywhere on the page,
/// kept up to date while the calling component lives.
pub fn use_last_activity() -> StoredValue<i64> {
    let last = StoredValue::new(super::clock::now().ms);
    let touched = move || last.set_value(super::clock::now().ms);
    let listeners = [
        window_event_listener(leptos::ev::pointerdown, move |_| touched()),
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::input, move |_| touched()),
        window_event_listener(leptos::ev::wheel, move |_| touched()),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    last
}
