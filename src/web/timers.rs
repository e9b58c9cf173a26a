//! Waiting: a repeating timer that ends with its component, a pause, the moment
//! after a paint, and a wait that something else can cut short.
use std::time::Duration;

use leptos::prelude::*;

/// Runs `f` every `every` while the calling component lives. A tick already queued
/// when the component goes away is skipped: it would touch disposed signals.
/// (leptos-use's `use_interval_fn` does the same for 3 KB more of download:
/// docs/benchmarks.md.)
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

/// Resolves once what is on screen now has been painted (the next frame, then a
/// task after it): for work that must not hold up a first paint.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
                },
                Duration::ZERO,
            )
        })
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// A pause that [`Alarm::ring`] ends early: a loop naps until there is work,
/// woken the moment it comes instead of looking every little while.
#[derive(Clone, Copy)]
pub struct Alarm {
    /// Ends the nap under way, if one is.
    wake: StoredValue<Option<send_wrapper::SendWrapper<js_sys::Function>>>,
    /// Rung while nobody napped: the next nap ends at once.
    rung: StoredValue<bool>,
}

impl Default for Alarm {
    fn default() -> Self {
        Self {
            wake: StoredValue::new(None),
            rung: StoredValue::new(false),
        }
    }
}

impl Alarm {
    /// Ends the current nap, or the next one at its start.
    pub fn ring(&self) {
        match self.wake.try_update_value(Option::take).flatten() {
            Some(wake) => {
                let _ = wake.call0(&wasm_bindgen::JsValue::UNDEFINED);
            }
            None => {
                self.rung.try_set_value(true);
            }
        }
    }

    /// Waits up to `ms`, or until the alarm rings.
    pub async fn nap(&self, ms: i32) {
        if self.rung.try_update_value(std::mem::take) == Some(true) {
            return;
        }
        let wake = self.wake;
        let mut timer = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            if let Some(w) = web_sys::window() {
                timer = w
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
                    .ok();
            }
            wake.set_value(Some(send_wrapper::SendWrapper::new(resolve)));
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        // Woken early: the timer has nothing left to end.
        if let (Some(w), Some(timer)) = (web_sys::window(), timer) {
            w.clear_timeout_with_handle(timer);
        }
        self.wake.try_set_value(None);
        self.rung.try_set_value(false);
    }
}
