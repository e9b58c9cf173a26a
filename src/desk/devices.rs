//! The shop's devices, on a desk paired with the shop's server: which are paired
//! and when each was last seen, adding one (a one-time link and its QR code) and
//! unpairing one. The server allows all of it to a desk account only.
use leptos::prelude::*;
use serde::Deserialize;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::domain::pairing::{storage_key, PairedDevice, PairingLink, Station, WaitingLink};
use crate::ui::{use_i18n, I18n};
use crate::web;

/// A day: a device not heard from for longer is said to be, without a time.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Clone, Deserialize)]
struct DeviceList {
    devices: Vec<PairedDevice>,
    #[serde(default)]
    waiting: Vec<WaitingLink>,
}

/// A call to the server's API, refused in the server's words.
async fn api(
    desk: &SyncConfig,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<String, String> {
    super::server::api(desk, method, path, body)
        .await
        .map_err(|refused| refused.reason)
}

/// "Kiosk B", "Desk 1".
fn device_name(i: I18n, station: &Station) -> String {
    match station.role {
        SyncRole::Kiosk => i.tw(
            "desk.device_kiosk",
            &[("letter", station.letter.as_deref().unwrap_or(""))],
        ),
        SyncRole::Desk => i.tw(
            "desk.device_desk",
            &[("number", &station.number.unwrap_or(0).to_string())],
        ),
    }
}

fn seen_words(i: I18n, last_seen_ms: Option<i64>) -> String {
    match last_seen_ms {
        None => i.t("desk.device_never"),
        Some(ms) if web::clock::now().ms - ms > DAY_MS => i.t("desk.device_seen_long_ago"),
        Some(ms) => i.tw(
            "desk.device_seen",
            &[("time", &web::intl::local_time(i.lang.get_untracked(), ms))],
        ),
    }
}

#[component]
pub fn Devices(desk: SyncConfig) -> impl IntoView {
    let i = use_i18n();
    let storage = web::use_storage();
    let own_name = StoredValue::new(desk.user.clone());
    let desk = StoredValue::new(desk);
    let list = RwSignal::new(None::<Result<DeviceList, String>>);
    let link = RwSignal::new(None::<Result<PairingLink, String>>);
    let confirming = RwSignal::new(None::<PairedDevice>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            let answer = api(&desk.get_value(), "GET", "devices", None).await;
            list.set(Some(answer.and_then(|text| {
                serde_json::from_str::<DeviceList>(&text).map_err(|e| e.to_string())
            })));
        });
    };
    refresh();
    // One request at a time: a second tap on Add would make a second link.
    let busy = RwSignal::new(false);
    // Where focus goes when what had it goes away (Done, Cancel, a device unpaired).
    const ADD_ID: &str = "devices-add";
    let back_to_add = move || web::document::focus_when_drawn(ADD_ID.into());
    let add = move |role: SyncRole| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let role_name = match role {
            SyncRole::Kiosk => "kiosk",
            SyncRole::Desk => "desk",
        };
        leptos::task::spawn_local(async move {
            let body = serde_json::json!({ "role": role_name }).to_string();
            let answer = api(&desk.get_value(), "POST", "pairings", Some(body)).await;
            link.set(Some(answer.and_then(|text| {
                serde_json::from_str::<PairingLink>(&text).map_err(|e| e.to_string())
            })));
            busy.set(false);
            refresh();
            web::document::focus_when_drawn("pairing-link-title".into());
        });
    };
    let unpair = move |device: PairedDevice| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let path = format!("devices/{}", js_sys::encode_uri_component(&device.account));
            let answer = api(&desk.get_value(), "DELETE", &path, None).await;
            busy.set(false);
            confirming.set(None);
            back_to_add();
            match answer {
                // This desk unpaired itself: it forgets its account and the PIN's
                // hash, and starts again as a desk that is not paired.
                Ok(_) if own_name.with_value(|own| *own == device.account) => {
                    storage.remove_setting(storage_key(SyncRole::Desk));
                    storage.remove_setting(crate::store::DESK_PIN_HASH_KEY);
                    web::document::replace_page("/desk");
                }
                Ok(_) => refresh(),
                Err(reason) => list.set(Some(Err(reason))),
            }
        });
    };

    let shown_link = move || {
        link.get().map(|answer| match answer {
            Ok(l) => {
                let w = &l.waiting;
                let name = device_name(i, &w.station);
                let until = web::intl::local_time(i.lang.get_untracked(), w.expires_ms);
                let side = l.qr.size + 8;
                view! {
                    <section class="pairing-link" aria-labelledby="pairing-link-title" data-testid="pairing-link">
                        <h3 id="pairing-link-title" tabindex="-1">{i.tw("desk.pairing_for", &[("device", &name)])}</h3>
                        <svg class="qr" viewBox=format!("-4 -4 {side} {side}") role="img" aria-label=i.tw("desk.pairing_qr", &[("device", &name)])>
                            <rect x="-4" y="-4" width=side.to_string() height=side.to_string() class="qr-light" />
                            <path d=l.qr.svg_path() class="qr-dark" />
                        </svg>
                        <p class="how">{i.tw("desk.pairing_how", &[("time", &until)])}</p>
                        <p class="link"><code>{l.link.clone()}</code></p>
                        <button type="button" class="secondary" on:click=move |_| { link.set(None); back_to_add(); }>
                            {i.t("desk.pairing_close")}
                        </button>
                    </section>
                }
                .into_any()
            }
            Err(reason) => view! {
                <p class="warning" role="alert">{i.tw("desk.pairing_failed", &[("reason", &reason)])}</p>
            }
            .into_any(),
        })
    };

    let row = move |device: PairedDevice| {
        let mut name = device_name(i, &device.station);
        if own_name.with_value(|own| *own == device.account) {
            name = i.tw("desk.device_this", &[("device", &name)]);
        }
        let seen = seen_words(i, device.last_seen_ms);
        let label = i.tw("desk.unpair_device", &[("device", &name)]);
        let account = device.account.clone();
        view! {
            <li data-account=account>
                <span class="device-name">{name}</span>
                <span class="seen">{seen}</span>
                <button type="button" class="secondary" aria-label=label on:click=move |_| confirming.set(Some(device.clone()))>
                    {i.t("desk.unpair")}
                </button>
            </li>
        }
    };
    let cancel_link = move |id: String| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let path = format!("pairings/{}", js_sys::encode_uri_component(&id));
            let answer = api(&desk.get_value(), "DELETE", &path, None).await;
            busy.set(false);
            // The link on screen, if it is this one, is of no use now.
            if link.with_untracked(|l| matches!(l, Some(Ok(l)) if l.waiting.id == id)) {
                link.set(None);
            }
            back_to_add();
            match answer {
                Ok(_) => refresh(),
                Err(reason) => list.set(Some(Err(reason))),
            }
        });
    };
    let waiting_row = move |w: WaitingLink| {
        let name = device_name(i, &w.station);
        let until = web::intl::local_time(i.lang.get_untracked(), w.expires_ms);
        let label = i.tw("desk.cancel_link_for", &[("device", &name)]);
        let id = w.id.clone();
        view! {
            <li>
                <span class="device-name">{name}</span>
                <span class="seen">{i.tw("desk.link_until", &[("time", &until)])}</span>
                <button type="button" class="secondary" aria-label=label on:click=move |_| cancel_link(id.clone())>
                    {i.t("desk.cancel_link")}
                </button>
            </li>
        }
    };
    let shown_list = move || {
        match list.get() {
        None => view! { <p role="status">{i.t("desk.devices_loading")}</p> }.into_any(),
        Some(Err(reason)) => view! {
            <p class="warning" role="alert">{i.tw("desk.devices_failed", &[("reason", &reason)])}</p>
        }
        .into_any(),
        Some(Ok(DeviceList { devices, waiting })) => {
            let devices = if devices.is_empty() {
                view! { <p>{i.t("desk.devices_none")}</p> }.into_any()
            } else {
                view! { <ul class="device-list">{devices.into_iter().map(&row).collect_view()}</ul> }
                    .into_any()
            };
            let waiting = (!waiting.is_empty()).then(|| {
                view! {
                    <h3 class="waiting-title">{i.t("desk.links_waiting")}</h3>
                    <ul class="device-list waiting-links" data-testid="links-waiting">
                        {waiting.into_iter().map(&waiting_row).collect_view()}
                    </ul>
                }
            });
            view! { {devices} {waiting} }.into_any()
        }
    }
    };
    let confirm = move || {
        confirming.get().map(|device| {
            let name = device_name(i, &device.station);
            let body = if own_name.with_value(|own| *own == device.account) {
                i.t("desk.unpair_self_body")
            } else {
                i.t("desk.unpair_body")
            };
            let cancel = NodeRef::<leptos::html::Button>::new();
            // The safe choice has focus first.
            Effect::new(move || {
                if let Some(b) = cancel.get() {
                    let _ = b.focus();
                }
            });
            view! {
                <section
                    class="confirm"
                    role="alertdialog"
                    aria-labelledby="unpair-title"
                    aria-describedby="unpair-body"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            confirming.set(None);
                            back_to_add();
                        }
                    }
                >
                    <h3 id="unpair-title">{i.tw("desk.unpair_title", &[("device", &name)])}</h3>
                    <p id="unpair-body">{body}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click=move |_| unpair(device.clone())>
                            {i.tw("desk.unpair_confirm", &[("device", &name)])}
                        </button>
                        <button type="button" class="secondary" node_ref=cancel on:click=move |_| { confirming.set(None); back_to_add(); }>
                            {i.t("desk.cancel")}
                        </button>
                    </div>
                </section>
            }
        })
    };
    view! {
        <div class="devices" data-testid="devices">
            <div class="actions">
                <button type="button" class="secondary" id=ADD_ID aria-disabled=move || busy.get().then_some("true") on:click=move |_| add(SyncRole::Kiosk)>{i.t("desk.add_kiosk")}</button>
                <button type="button" class="secondary" aria-disabled=move || busy.get().then_some("true") on:click=move |_| add(SyncRole::Desk)>{i.t("desk.add_desk")}</button>
            </div>
            {shown_link}
            {confirm}
            {shown_list}
        </div>
    }
}
