//! The bar on every kiosk screen: the customer's language and larger text.
use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::ui::use_i18n;

/// On every screen: the customer's language, each named in itself, and larger text.
#[component]
pub fn AccessBar() -> impl IntoView {
    let state = use_kiosk();
    // A language whose words could not be fetched: said plainly, below the buttons,
    // and brought into view.
    let unavailable = RwSignal::new(None::<&'static str>);
    let problem = NodeRef::<leptos::html::P>::new();
    Effect::new(move || {
        if let Some(p) = problem.get() {
            p.scroll_into_view_with_bool(false);
        }
    });
    move || {
        let i = use_i18n();
        let current = state.lang.get();
        let languages = crate::i18n::languages()
            .map(|code| {
                let name = crate::i18n::own_name(code);
                view! {
                    <button
                        type="button"
                        class="language"
                        lang=code
                        aria-pressed=if code == current { "true" } else { "false" }
                        on:click=move |_| {
                            unavailable.set(None);
                            crate::ui::switch_language(state.lang, code, move || {
                                unavailable.try_set(Some(code));
                            })
                        }
                    >
                        {name}
                    </button>
                }
            })
            .collect_view();
        view! {
            <nav class="access-bar" aria-label=i.t("kiosk.access")>
                <button
                    type="button"
                    class="larger-text"
                    aria-pressed=move || if state.larger.get() { "true" } else { "false" }
                    on:click=move |_| state.larger.update(|l| *l = !*l)
                >
                    <span aria-hidden="true">"A+ "</span>
                    {i.t("kiosk.larger_text")}
                </button>
                <div class="languages" role="group" aria-label=i.t("kiosk.language")>
                    {languages}
                </div>
                {move || unavailable.get().map(|code| view! {
                    <p class="language-problem" role="alert" node_ref=problem>
                        {i.tw("kiosk.language_unavailable", &[("language", crate::i18n::own_name(code))])}
                    </p>
                })}
            </nav>
        }
    }
}
