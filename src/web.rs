//! Browser glue: the clock, random ids, storage and formatting that need the browser.
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::clock::Now;
use crate::store::local::LocalStorage;
use crate::store::Store;

/// A part of the kiosk's program that is fetched after start-up (the `split`
/// feature, see scripts/split.mjs) could not be fetched: offline before it was
/// ever cached, or gone with a new build.
#[derive(Clone, Copy, Debug)]
pub struct PartMissing;

/// How long a page waits before asking again for a part that could not be
/// fetched. Until it comes, a kiosk's check-ins wait in storage.
pub const PART_RETRY_MS: i32 = 10_000;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

pub fn now() -> Now {
    let date = js_sys::Date::new_0();
    Now::new(date.get_time() as i64, -(date.get_timezone_offset() as i32))
}

/// Sixteen random hex digits from the browser's crypto (any page, secure or not).
pub fn random_hex() -> String {
    let mut bytes = [0u8; 8];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The intake store, or `None` when this browser keeps nothing.
pub fn store() -> Option<Store<LocalStorage>> {
    LocalStorage::open().map(Store::new)
}

/// Deletes intakes and feedback older than the configured retention (`keep_days`,
/// today included): on start-up and on each new day, on kiosks and desks alike.
pub fn prune_old(keep_days: u32) {
    if let Some(store) = store() {
        store.prune(&now().day_before(keep_days.saturating_sub(1)));
    }
}

/// A small setting of this device (not an intake), e.g. the desk's chime.
pub fn local_get(key: &str) -> Option<String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(key).ok().flatten())
}

/// Keeps a small setting; if storage refuses, it lasts as long as the page.
pub fn local_set(key: &str, value: &str) {
    if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(key, value);
    }
}

thread_local! {
    /// One audio context for the page: browsers limit how many there may be.
    static AUDIO: std::cell::RefCell<Option<web_sys::AudioContext>> = const { std::cell::RefCell::new(None) };
}

/// A short, soft chime: two notes for a new check-in, three for someone who wants
/// a person. Silent where the browser has no audio.
pub fn chime(urgent: bool) {
    let ctx = AUDIO.with(|a| {
        let mut a = a.borrow_mut();
        if a.is_none() {
            *a = web_sys::AudioContext::new().ok();
        }
        a.clone()
    });
    let Some(ctx) = ctx else { return };
    let _ = ctx.resume();
    let notes: &[f32] = if urgent {
        &[880.0, 660.0, 880.0]
    } else {
        &[660.0, 880.0]
    };
    let t = ctx.current_time();
    for (n, frequency) in notes.iter().enumerate() {
        let start = t + n as f64 * 0.18;
        let play = || -> Result<(), wasm_bindgen::JsValue> {
            let osc = ctx.create_oscillator()?;
            osc.set_type(web_sys::OscillatorType::Sine);
            osc.frequency().set_value(*frequency);
            let gain = ctx.create_gain()?;
            gain.gain().set_value_at_time(0.0001, start)?;
            gain.gain()
                .exponential_ramp_to_value_at_time(0.2, start + 0.02)?;
            gain.gain()
                .exponential_ramp_to_value_at_time(0.0001, start + 0.16)?;
            osc.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&ctx.destination())?;
            osc.start_with_when(start)?;
            osc.stop_with_when(start + 0.17)?;
            Ok(())
        };
        if play().is_err() {
            return;
        }
    }
}

thread_local! {
    /// The time format and plural rules of the language last asked for: making
    /// them is slow (a desk draws dozens of times and counts at once).
    static INTL: std::cell::RefCell<Option<(String, js_sys::Intl::DateTimeFormat, js_sys::Intl::PluralRules)>> =
        const { std::cell::RefCell::new(None) };
}

fn with_intl<T>(
    lang: &str,
    f: impl FnOnce(&js_sys::Intl::DateTimeFormat, &js_sys::Intl::PluralRules) -> T,
) -> T {
    INTL.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((_, time, plural)) = cell.as_ref().filter(|(l, ..)| l == lang) {
            return f(time, plural);
        }
        let locales = js_sys::Array::of1(&lang.into());
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"hour".into(), &"numeric".into());
        let _ = js_sys::Reflect::set(&options, &"minute".into(), &"2-digit".into());
        let time = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        let plural = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
        let out = f(&time, &plural);
        *cell = Some((lang.to_string(), time, plural));
        out
    })
}

/// A moment as the customer's clock shows it, e.g. "12:30 PM" in English.
pub fn local_time(lang: &str, ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    with_intl(lang, |time, _| {
        time.format()
            .call1(&wasm_bindgen::JsValue::UNDEFINED, &date)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    })
}

/// The plural category (`one`, `other`, ...) of `n` in `lang`, by the browser's rules.
pub fn plural_category(lang: &str, n: i64) -> String {
    with_intl(lang, |_, plural| {
        plural
            .select(n as f64)
            .as_string()
            .unwrap_or_else(|| "other".into())
    })
}

/// Between the kiosk and desk windows of one browser: intakes that storage refused.
const CHANNEL: &str = "lobby.unsaved";

/// Hands an intake the kiosk could not store to any open desk window.
pub fn broadcast_unsaved(record: &str) {
    if let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) {
        let _ = channel.post_message(&record.into());
        channel.close();
    }
}

/// Receives what `broadcast_unsaved` sends, while the calling component lives.
pub fn on_unsaved(f: impl Fn(String) + 'static) {
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

/// An amount with the configured currency symbol and thousands grouped: "$1,000".
pub fn money(symbol: &str, amount: u32) -> String {
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{symbol}{grouped}")
}

/// When someone last touched, clicked, scrolled or typed anywhere on the page,
/// kept up to date while the calling component lives.
pub fn use_last_activity() -> StoredValue<i64> {
    let last = StoredValue::new(now().ms);
    let touched = move || last.set_value(now().ms);
    let listeners = [
        window_event_listener(leptos::ev::pointerdown, move |_| touched()),
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::input, move |_| touched()),
        window_event_listener(leptos::ev::wheel, move |_| touched()),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    last
}

/// Runs `f` every `every` while the calling component lives. A tick already queued
/// when the component goes away is skipped: it would touch disposed signals.
pub fn every(every: Duration, f: impl Fn() + 'static) {
    let alive = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let running = alive.clone();
    let tick = move || {
        if running.load(std::sync::atomic::Ordering::Relaxed) {
            f()
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, every) {
        on_cleanup(move || {
            alive.store(false, std::sync::atomic::Ordering::Relaxed);
            handle.clear();
        });
    }
}

/// Waits `ms` milliseconds without blocking the page.
/// Resolves once what is on screen now has been painted (the next frame, then a
/// task after it): for work that must not hold up a first paint.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::request_animation_frame(move || {
            leptos::prelude::set_timeout(
                move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
                },
                std::time::Duration::ZERO,
            )
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Base64 of the UTF-8 bytes of `text` (for an HTTP Basic `Authorization` header).
pub fn base64(text: &str) -> String {
    // btoa takes one character per byte.
    let bytes: String = text.bytes().map(char::from).collect();
    web_sys::window()
        .and_then(|w| w.btoa(&bytes).ok())
        .unwrap_or_default()
}

/// Whether the page's Content-Security-Policy lets it connect to `origin`
/// (`scheme://host:port`). A page without a policy may connect anywhere.
pub fn csp_allows_connecting_to(origin: &str) -> bool {
    let policy = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[http-equiv='Content-Security-Policy']")
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    match policy {
        Some(policy) => crate::domain::csp::allows_connecting_to(&policy, origin),
        None => true,
    }
}

/// Sets the page's `lang` and `dir` (right to left for Arabic) for `lang`.
pub fn set_page_language(lang: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang);
        let _ = root.set_attribute("dir", crate::i18n::direction(lang));
    }
}

/// Larger text for this customer: every size is in rem, so the root's size scales all.
pub fn set_larger_text(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.class_list().toggle_with_force("larger", on);
    }
}

fn speech() -> Option<web_sys::SpeechSynthesis> {
    let window = web_sys::window()?;
    // Absent in some browsers: then there is no read-aloud button at all.
    js_sys::Reflect::has(&window, &"speechSynthesis".into())
        .ok()
        .filter(|has| *has)?;
    window.speech_synthesis().ok()
}

/// Whether this browser can read text aloud.
pub fn can_speak() -> bool {
    speech().is_some()
}

/// Reads `text` aloud in `lang`, instead of anything still being read.
pub fn speak(text: &str, lang: &str) {
    let Some(speech) = speech() else { return };
    speech.cancel();
    if let Ok(utterance) = web_sys::SpeechSynthesisUtterance::new_with_text(text) {
        utterance.set_lang(lang);
        speech.speak(&utterance);
    }
}

/// Offers `text` as a file to save, named `filename` (a CSV export, say).
pub fn download(filename: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document.create_element("a") {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", filename);
        if let Ok(link) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(link) {
            link.click();
        }
    }
    // The browser has the file by now; the URL need not outlive this page's turn.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        Duration::from_secs(10),
    );
}

thread_local! {
    /// A new build has taken over from the one this page runs: reload when quiet.
    static NEW_BUILD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// How often a kiosk left running asks whether there is a new build.
const UPDATE_CHECK: Duration = Duration::from_secs(30 * 60);

/// Registers the service worker (`sw.js`, written for each build), which keeps the
/// app starting with the network down. When a new build has installed itself
/// whole and taken over, this page reloads into it at a quiet moment: at once if
/// nobody is using it (Welcome, or the desk's PIN screen), else at the end of the
/// visit ([`reload_if_new_build`]).
pub fn service_worker() {
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
    let had_one = std::cell::Cell::new(container.controller().is_some());
    let on_change = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if had_one.replace(true) {
            NEW_BUILD.with(|n| n.set(true));
            if is_quiet() {
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
            let _ = registration.update();
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

/// Nobody is in the middle of anything: the kiosk's Welcome, or the desk's PIN screen.
fn is_quiet() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".welcome, .desk-lock").ok().flatten())
        .is_some()
}

/// Reloads into a new build if one has taken over (called as a visit ends).
pub fn reload_if_new_build() {
    if NEW_BUILD.with(|n| n.get()) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    }
}
