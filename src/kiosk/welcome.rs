use leptos::prelude::*;

use super::visit::{use_kiosk, KioskState};
use crate::domain::config::Config;
use crate::domain::flow::{Flow, Step};
use crate::ui::{focused_heading, use_i18n};

#[component]
pub fn Welcome() -> impl IntoView {
    // A customer's phone that went back: the way out is over, and this is no
    // check-in screen of theirs.
    if super::visitor::is_visitor() {
        return view! { <super::visitor::Closing /> }.into_any();
    }
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    // Drawn anew when the language changes, like every screen.
    let title = i.tw("welcome.title", &[("business", &config.business.name)]);
    let heading = focused_heading();
    state.announce(title.clone());
    // Nobody is in the middle of anything here: a new build may take over at once.
    crate::web::service_worker::quiet_while_shown();
    act_on_kept_taps(state, config.clone());
    view! {
        <div class="welcome">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            <p class="lead">{i.t("welcome.lead")}</p>
            <button type="button" class="primary big" on:click=move |_| state.go(Flow::start)>
                {i.t("welcome.check_in")}
            </button>
            <button type="button" class="talk" on:click=move |_| state.talk(&config)>
                {i.t("kiosk.talk")}
            </button>
            // On the way out: a second, quieter path.
            <button type="button" class="secondary leaving" on:click=move |_| state.go(Flow::leave)>
                {i.t("welcome.leaving")}
            </button>
            // For staff, on a paired tablet: which kiosk this is, and unpairing it.
            {state.sync.is_some_and(|s| s.paired).then(|| view! {
                <button type="button" class="staff-door" on:click=move |_| state.go(Flow::staff)>
                    {i.t("staff.open")}
                </button>
            })}
        </div>
    }
    .into_any()
}

/// What a customer tapped on the Welcome written into the page before the program
/// came (src/web/welcome.js kept it): their language and larger text, then the
/// way they chose, once this Welcome is drawn. Only while this visit is still at
/// Welcome: a tap on the program's own buttons meanwhile (while a language's
/// words came) has gone on already, and new settings may have begun another visit.
fn act_on_kept_taps(state: KioskState, config: Config) {
    let kept = crate::web::document::take_kept_taps();
    if kept.is_empty() {
        return;
    }
    let at_welcome =
        move || state.flow.try_with_untracked(|f| f.step == Step::Welcome) == Some(true);
    leptos::task::spawn_local(async move {
        let language = kept.iter().rev().find_map(|t| t.strip_prefix("lang:"));
        if let Some(code) = language.and_then(crate::i18n::code) {
            // Should its words not come, the customer goes on in the language shown.
            if crate::i18n::load(code).await.is_ok() && at_welcome() {
                state.lang.try_set(code);
            }
        }
        if !at_welcome() {
            return;
        }
        if kept.iter().filter(|t| *t == "larger").count() % 2 == 1 {
            state.larger.try_update(|l| *l = !*l);
        }
        match kept
            .iter()
            .find(|t| !t.contains(':') && *t != "larger")
            .map(String::as_str)
        {
            Some("check_in") => state.go(Flow::start),
            Some("talk") => state.talk(&config),
            Some("leaving") => state.go(Flow::leave),
            _ => {}
        }
    });
}
