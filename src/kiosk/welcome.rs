use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::Config;
use crate::domain::flow::Flow;
use crate::ui::{focused_heading, use_i18n};

#[component]
pub fn Welcome() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let business = config.business.name.clone();
    let heading = focused_heading();
    state.announce(i.tw("welcome.title", &[("business", &business)]));
    // Nobody is in the middle of anything here: a new build may take over at once.
    crate::web::service_worker::quiet_while_shown();
    view! {
        <div class="welcome">
            <h1 tabindex="-1" node_ref=heading>{move || i.tw("welcome.title", &[("business", &business)])}</h1>
            <p class="lead">{move || i.t("welcome.lead")}</p>
            <button type="button" class="primary big" on:click=move |_| state.go(Flow::start)>
                {move || i.t("welcome.check_in")}
            </button>
            <button type="button" class="talk" on:click=move |_| state.talk(&config)>
                {move || i.t("kiosk.talk")}
            </button>
            // On the way out: a second, quieter path.
            <button type="button" class="secondary leaving" on:click=move |_| state.go(Flow::leave)>
                {move || i.t("welcome.leaving")}
            </button>
        </div>
    }
}
