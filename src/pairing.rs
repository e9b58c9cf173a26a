//! The screen a pairing link opens, on either page: the one-time code is
//! redeemed with the shop's server, and the device keeps its role, letter or
//! number and account in its own storage; then it starts as that device.
use leptos::prelude::*;

use crate::domain::config::{Config, SyncRole};
use crate::domain::pairing::{storage_key, Paired};
use crate::ui::{focused_heading, use_i18n};
use crate::web::{self, use_storage};

#[derive(Clone, Debug, PartialEq)]
enum Pairing {
    Working,
    Done(Paired),
    Failed(Fault),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    /// The code was used, has expired, or never was.
    Used,
    /// The shop's server did not answer.
    Unreachable,
    /// This browser would not keep the account.
    Storage,
    /// Any other answer.
    Server(u16),
}

/// Redeems `code` with the shop's server: the device's account, once.
async fn redeem(code: &str) -> Result<Paired, Fault> {
    // The code is letters, digits, '-' and '_' only (`code_in_fragment`): no
    // serialiser needed, which the kiosk's start-up download does without.
    let body = format!(r#"{{"code":"{code}"}}"#);
    let response = gloo_net::http::Request::post("/api/pair")
        .header("Content-Type", "application/json")
        .body(body)
        .map_err(|_| Fault::Unreachable)?
        .send()
        .await
        .map_err(|_| Fault::Unreachable)?;
    match response.status() {
        200 => {
            let text = response.text().await.map_err(|_| Fault::Unreachable)?;
            Paired::from_json(&text).ok_or(Fault::Server(200))
        }
        404 => Err(Fault::Used),
        status => Err(Fault::Server(status)),
    }
}

/// The page a paired device starts on.
fn home(role: SyncRole) -> &'static str {
    match role {
        SyncRole::Kiosk => "/",
        SyncRole::Desk => "/desk",
    }
}

/// "Start the check-in screen", "Open the desk".
fn start_words(i: crate::ui::I18n, role: SyncRole) -> String {
    match role {
        SyncRole::Kiosk => i.t("pair.start_kiosk"),
        SyncRole::Desk => i.t("pair.start_desk"),
    }
}

/// `page`: the part of the page the link was opened on, where a device that
/// could not be paired carries on as it was.
#[component]
fn PairingScreen(code: String, page: SyncRole) -> impl IntoView {
    let i = use_i18n();
    let storage = use_storage();
    let business = expect_context::<Config>().business.name;
    let state = RwSignal::new(Pairing::Working);
    let attempt = move || {
        let code = code.clone();
        state.set(Pairing::Working);
        leptos::task::spawn_local(async move {
            let result = redeem(&code).await.and_then(|paired| {
                if storage.try_set_setting(storage_key(paired.role), &paired.to_stored()) {
                    Ok(paired)
                } else {
                    Err(Fault::Storage)
                }
            });
            state.set(match result {
                Ok(paired) => Pairing::Done(paired),
                Err(fault) => Pairing::Failed(fault),
            });
        });
    };
    attempt.clone()();
    let heading = focused_heading();
    let title = move || match state.get() {
        Pairing::Working => i.t("pair.working"),
        Pairing::Done(p) => match p.role {
            SyncRole::Kiosk => i.tw(
                "pair.kiosk_done",
                &[
                    ("letter", p.letter.as_deref().unwrap_or("")),
                    ("business", &business),
                ],
            ),
            SyncRole::Desk => i.tw(
                "pair.desk_done",
                &[
                    ("number", &p.number.unwrap_or(0).to_string()),
                    ("business", &business),
                ],
            ),
        },
        Pairing::Failed(_) => i.t("pair.failed_title"),
    };
    let detail = move || match state.get() {
        Pairing::Working => String::new(),
        Pairing::Done(_) => i.t("pair.done_body"),
        Pairing::Failed(Fault::Used) => i.t("pair.used"),
        Pairing::Failed(Fault::Unreachable) => i.t("pair.unreachable"),
        Pairing::Failed(Fault::Storage) => i.t("pair.storage"),
        Pairing::Failed(Fault::Server(status)) => {
            i.tw("pair.server", &[("status", &status.to_string())])
        }
    };
    let action = move || {
        match state.get() {
        Pairing::Done(p) => view! {
            <button type="button" class="primary big" on:click=move |_| web::document::replace_page(home(p.role))>
                {start_words(i, p.role)}
            </button>
        }
        .into_any(),
        Pairing::Failed(fault) => {
            let attempt = attempt.clone();
            view! {
                <div class="actions">
                    {(fault == Fault::Unreachable).then(|| view! {
                        <button type="button" class="primary" on:click=move |_| attempt()>
                            {i.t("pair.retry")}
                        </button>
                    })}
                    <button type="button" class="secondary" on:click=move |_| web::document::replace_page(home(page))>
                        {start_words(i, page)}
                    </button>
                </div>
            }
            .into_any()
        }
        Pairing::Working => ().into_any(),
    }
    };
    // Focus follows the heading as it changes, so a screen reader hears each step.
    Effect::new(move |_| {
        state.track();
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <main class="problem pairing" data-testid="pairing">
            <h1 tabindex="-1" node_ref=heading>{title}</h1>
            <p class="lead" role="status">{detail}</p>
            {action}
        </main>
    }
}

/// The pairing screen's program: a part of its own in the split kiosk, as
/// only a tablet being paired needs it.
#[cfg(feature = "split")]
type Draw = fn(String, SyncRole) -> AnyView;

fn draw(code: String, page: SyncRole) -> AnyView {
    view! { <PairingScreen code page /> }.into_any()
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(pairing, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_pairing() -> Result<Draw, web::PartMissing> {
    Ok(draw)
}

/// The screen a pairing link opens (fetched first where it is a part of its own).
#[component]
pub fn Pairing(code: String, page: SyncRole) -> impl IntoView {
    #[cfg(not(feature = "split"))]
    return draw(code, page);
    #[cfg(feature = "split")]
    {
        let i = use_i18n();
        let got = RwSignal::new(None::<Result<Draw, web::PartMissing>>);
        let fetch = move || {
            got.set(None);
            leptos::task::spawn_local(async move { got.set(Some(fetch_pairing().await)) });
        };
        fetch();
        (move || match got.get() {
            None => view! { <p class="loading" role="status">{i.t("app.loading")}</p> }.into_any(),
            Some(Ok(draw)) => draw(code.clone(), page),
            Some(Err(_)) => view! {
                <main class="problem pairing">
                    <h1 tabindex="-1" node_ref=focused_heading()>{i.t("kiosk.unavailable_title")}</h1>
                    <p class="lead">{i.t("pair.unreachable")}</p>
                    <button type="button" class="primary" on:click=move |_| fetch()>{i.t("pair.retry")}</button>
                </main>
            }
            .into_any(),
        })
        .into_any()
    }
}
