//! Between the kiosk and desk windows of one browser: intakes that storage refused.
use leptos::prelude::*;

const CHANNEL: &str = "lobby.unsaved";

/// Hands an intake the kiosk could not store to any open desk window.
pub fn broadcast_unsaved(record: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&record.into());
        channel.close();
    }
}

/// Receives what [`broadcast_unsaved`] sends, while the calling component lives.
pub fn use_unsaved(f: impl Fn(String) + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            if let Some(text) = ev.data().as_string() {
                f(text)
            }
        });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    let held = send_wrapper::SendWrapper::new((channel, handler));
    on_cleanup(move || {
        let (channel, _handler) = held.take();
        channel.set_onmessage(None);
        channel.close();
    });
}
