use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::flow::Flow;
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
