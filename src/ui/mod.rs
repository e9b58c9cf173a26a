//! Small shared components and the translation hook.
use leptos::prelude::*;

use crate::i18n;

/// The current language, shared by every screen. Texts read it without
/// subscribing: a subscription per text outlived its screen in the reactive graph
/// and grew the kiosk's memory with every customer (the soak test measures it).
/// When the language can be switched, redraw the screen from its root instead.
#[derive(Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<&'static str>,
}

impl I18n {
    pub fn provide(lang: &'static str) -> Self {
        let i = I18n {
            lang: RwSignal::new(lang),
        };
        provide_context(i);
        i
    }

    /// The catalogue's text for `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        i18n::tr(self.lang.get_untracked(), key)
    }

    /// `t` with `{placeholders}` filled in.
    pub fn tw(&self, key: &str, args: &[(&str, &str)]) -> String {
        i18n::tr_with(self.lang.get_untracked(), key, args)
    }

    /// `tw` for a sentence about a count: `key.one`, `key.other` (and, for languages
    /// that have them, `key.two`, `key.few`, `key.many`, `key.zero`), as the
    /// language's plural rules pick for `n`.
    pub fn tw_count(&self, key: &str, n: i64, args: &[(&str, &str)]) -> String {
        let lang = self.lang.get_untracked();
        let category = crate::web::intl::plural_category(lang, n);
        i18n::tr_count(lang, key, &category, args)
    }

    /// "Try again in …" after wrong PINs: counted in seconds (`in_seconds`, `{s}`)
    /// up to a minute, and in whole minutes, rounded up, beyond (`in_minutes`, `{m}`):
    /// never "900 seconds".
    pub fn try_again_in(&self, in_seconds: &str, in_minutes: &str, seconds: i64) -> String {
        if seconds > 60 {
            let m = (seconds + 59) / 60;
            self.tw_count(in_minutes, m, &[("m", &m.to_string())])
        } else {
            self.tw_count(in_seconds, seconds, &[("s", &seconds.to_string())])
        }
    }

    /// Items one after another, with the language's separator ("A, B" or "A، B").
    pub fn list(&self, items: &[String]) -> String {
        items.join(&self.t("text.list_separator"))
    }

    /// How long a wait is, in words: "Usually 15 to 25 minutes.", "Usually no
    /// more than 10 minutes.", or that the desk will tell (no figures to
    /// quote from); `None` for whoever is next, who has no wait to be told.
    pub fn wait_words(&self, wait: Option<crate::domain::wait::Estimate>) -> Option<String> {
        use crate::domain::wait::Estimate;
        match wait {
            Some(Estimate::Next) => None,
            Some(Estimate::Range {
                low_min: 0,
                high_min,
                ..
            }) => Some(self.tw("done.wait_up_to", &[("high", &high_min.to_string())])),
            Some(Estimate::Range {
                low_min, high_min, ..
            }) => Some(self.tw(
                "done.wait_range",
                &[
                    ("low", &low_min.to_string()),
                    ("high", &high_min.to_string()),
                ],
            )),
            _ => Some(self.t("done.wait_unknown")),
        }
    }

    /// A span of minutes as staff read it: "45 min", "2 h", "8 h 26 min".
    pub fn duration(&self, minutes: i64) -> String {
        let (h, m) = crate::domain::clock::hours_and_minutes(minutes);
        let (h, m) = (h.to_string(), m.to_string());
        match (h.as_str(), m.as_str()) {
            ("0", _) => self.tw("time.min", &[("m", &m)]),
            (_, "0") => self.tw("time.h", &[("h", &h)]),
            _ => self.tw("time.h_min", &[("h", &h), ("m", &m)]),
        }
    }
}

/// Switches `lang` to `code` once that language's words are here (fetched the
/// first time, in a moment). Until then, and if they cannot be fetched, the
/// page stays in the language it has, and `unavailable` is called.
pub fn switch_language(
    lang: RwSignal<&'static str>,
    code: &'static str,
    unavailable: impl FnOnce() + 'static,
) {
    leptos::task::spawn_local(async move {
        match i18n::load(code).await {
            Ok(()) => {
                if lang.try_get_untracked().is_some_and(|l| l != code) {
                    lang.try_set(code);
                }
            }
            Err(e) => {
                leptos::logging::warn!("language {code} not available: {e}");
                unavailable();
            }
        }
    });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// A big choice: a real button with a label and an optional smaller hint.
/// `pressed` shows (and tells a screen reader) that this is the current answer.
#[component]
pub fn Choice(
    #[prop(into)] label: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    #[prop(into)] pressed: Signal<bool>,
    on_choose: impl Fn() + 'static,
) -> impl IntoView {
    choice(label, hint, pressed, Box::new(on_choose))
}

/// [`Choice`], drawn by one function for every kind of answer: a copy for each
/// answer's own closure made the kiosk's download larger.
fn choice(
    label: Signal<String>,
    hint: Option<Signal<String>>,
    pressed: Signal<bool>,
    on_choose: Box<dyn Fn()>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="choice"
            aria-pressed=move || if pressed.get() { "true" } else { "false" }
            on:click=move |_| on_choose()
        >
            <span class="choice-label">{label}</span>
            {hint.map(|h| view! { <span class="choice-hint">{h}</span> })}
        </button>
    }
}

/// A heading that takes focus when its screen appears, so a screen reader starts there.
pub fn focused_heading() -> NodeRef<leptos::html::H1> {
    let heading = NodeRef::<leptos::html::H1>::new();
    Effect::new(move || {
        // Not a heading drawn into no page (`kiosk::parts::warm_up`).
        if let Some(h) = heading.get().filter(|h| h.is_connected()) {
            let _ = h.focus();
            // Each screen starts at its top, with Back and progress in view.
            crate::web::document::scroll_to_top();
        }
    });
    heading
}
