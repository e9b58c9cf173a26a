//! Staff at the tablet: which kiosk it is, and unpairing it behind the desk's
//! PIN. The tablet does not hold the PIN's hash: the shop's server checks the
//! PIN typed here, and counts wrong ones.
use leptos::prelude::*;

use super::visit::use_kiosk;
use crate::domain::config::{Config, SyncRole};
use crate::domain::flow::Flow;
use crate::domain::pairing::storage_key;
use crate::sync::api::Refused;
use crate::ui::{focused_heading, use_i18n};
use crate::web;

#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    Working,
    /// A catalogue key.
    Fault(&'static str),
    /// Too many wrong PINs: seconds to wait.
    Wait(u32),
    Unpaired,
}

#[component]
pub fn StaffStep() -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let business = config.business.name.clone();
    let account = config.sync.clone().filter(|s| s.paired);
    let heading = focused_heading();
    let pin = RwSignal::new(String::new());
    let said = RwSignal::new(Said::Nothing);
    let title = match &account {
        Some(s) => i.tw(
            "staff.title",
            &[
                ("letter", s.letter.as_deref().unwrap_or("")),
                ("business", &business),
            ],
        ),
        None => i.t("staff.not_paired"),
    };
    state.announce(title.clone());
    let unpair = {
        let account = account.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(account) = account.clone() else {
                return;
            };
            if said.get_untracked() == Said::Working {
                return;
            }
            // What was filed here and not sent yet would be lost with the account.
            if state.sync.is_some_and(|s| s.waiting.get_untracked() > 0) {
                said.set(Said::Fault("staff.still_sending"));
                return;
            }
            let typed = pin.get_untracked();
            pin.set(String::new());
            if !crate::domain::pin::is_valid_pin(&typed) {
                said.set(Said::Fault("staff.wrong_pin"));
                return;
            }
            said.set(Said::Working);
            leptos::task::spawn_local(async move {
                let path = format!(
                    "devices/{}",
                    String::from(js_sys::encode_uri_component(&account.user))
                );
                // The PIN is digits only (checked above): no serialiser needed.
                let body = format!(r#"{{"pin":"{typed}"}}"#);
                let next = match crate::sync::api::api(&account, "DELETE", &path, Some(body)).await
                {
                    // Unpaired now, or already (its account no longer opens anything).
                    Ok(_) | Err(Refused { status: 401, .. }) => {
                        state.storage.remove_setting(storage_key(SyncRole::Kiosk));
                        Said::Unpaired
                    }
                    Err(Refused { status: 403, .. }) => Said::Fault("staff.wrong_pin"),
                    Err(Refused {
                        status: 429, body, ..
                    }) => Said::Wait(wait_seconds(&body)),
                    Err(_) => Said::Fault("staff.unreachable"),
                };
                said.set(next);
            });
        }
    };
    let message = move || match said.get() {
        Said::Nothing | Said::Unpaired => String::new(),
        Said::Working => i.t("staff.working"),
        Said::Fault(key) => i.t(key),
        Said::Wait(s) => i.try_again_in("staff.wait", "staff.wait_minutes", i64::from(s)),
    };
    view! {
        <div class="question staff" data-testid="staff">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            <Show
                when=move || said.get() != Said::Unpaired
                fallback=move || view! {
                    <p class="lead" role="status">{i.t("staff.unpaired")}</p>
                    <button type="button" class="primary big" on:click=move |_| web::document::replace_page("/")>
                        {i.t("pair.start_kiosk")}
                    </button>
                }
            >
                {account.is_some().then(|| view! {
                    <form class="text-answer" on:submit=unpair.clone()>
                        <p class="hint">{i.t("staff.hint")}</p>
                        <label for="staff-pin">{i.t("staff.pin_label")}</label>
                        <input id="staff-pin" type="password" inputmode="numeric" autocomplete="off" maxlength="8"
                            aria-describedby="staff-said" prop:value=move || pin.get()
                            on:input=move |ev| pin.set(event_target_value(&ev)) />
                        <p id="staff-said" class="error" role="alert">{message}</p>
                        <button type="submit" class="secondary">{i.t("staff.unpair")}</button>
                    </form>
                })}
                <button type="button" class="primary" on:click=move |_| state.go(Flow::back)>
                    {i.t("kiosk.back")}
                </button>
            </Show>
        </div>
    }
}

/// The seconds to wait in the server's answer `{"wait_s": 30}`.
fn wait_seconds(text: &str) -> u32 {
    text.split("\"wait_s\":")
        .nth(1)
        .map(|rest| {
            rest.trim_start()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(30)
}
