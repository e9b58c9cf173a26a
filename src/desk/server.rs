//! The shop's server's API (`/api/`), as a desk paired with it calls it: this
//! desk's own account, the PIN's hash, the shop's settings, the devices.
use serde::Deserialize;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::domain::pairing::{storage_key, sync_from_stored};
use crate::web::{self, Storage};

/// This desk's own account, when it was paired with the shop's server.
pub fn own_account(storage: Storage) -> Option<SyncConfig> {
    storage
        .setting(storage_key(SyncRole::Desk))
        .and_then(|text| sync_from_stored(&text, ""))
}

/// A call the server refused, or that did not reach it (`status` 0).
#[derive(Clone, Debug)]
pub struct Refused {
    pub status: u16,
    /// The server's reason in its words, or what went wrong on the way.
    pub reason: String,
    /// The answer's text: a conflict sends what is there now.
    pub body: String,
}

impl Refused {
    fn unreachable(reason: String) -> Refused {
        Refused {
            status: 0,
            reason,
            body: String::new(),
        }
    }
}

#[derive(Deserialize)]
struct DeskSettings {
    pin_hash: String,
}

/// The desk PIN's hash as the shop's server gives it to a signed-in desk (it
/// serves kiosk.json without it, so that no kiosk holds it).
pub async fn pin_hash_from_server(desk: &SyncConfig) -> Option<String> {
    let text = api(desk, "GET", "desk", None).await.ok()?;
    let settings: DeskSettings = serde_json::from_str(&text).ok()?;
    crate::domain::pin::is_valid_hash(&settings.pin_hash).then_some(settings.pin_hash)
}

/// One call to the shop's server's API with this desk's account: the answer's text.
pub async fn api(
    desk: &SyncConfig,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<String, Refused> {
    use gloo_net::http::Request;
    let url = format!("/api/{path}");
    let auth = format!(
        "Basic {}",
        web::encoding::base64(&format!("{}:{}", desk.user, desk.password))
    );
    let request = match method {
        "POST" => Request::post(&url),
        "PUT" => Request::put(&url),
        "DELETE" => Request::delete(&url),
        _ => Request::get(&url),
    }
    .header("Authorization", &auth)
    .header("Accept", "application/json");
    let sent = match body {
        Some(body) => {
            request
                .header("Content-Type", "application/json")
                .body(body)
                .map_err(|e| Refused::unreachable(e.to_string()))?
                .send()
                .await
        }
        None => request.send().await,
    };
    let response = sent.map_err(|e| Refused::unreachable(e.to_string()))?;
    let text = response
        .text()
        .await
        .map_err(|e| Refused::unreachable(e.to_string()))?;
    if response.ok() {
        return Ok(text);
    }
    let reason = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["reason"].as_str().map(str::to_string));
    Err(Refused {
        status: response.status(),
        reason: reason.unwrap_or_else(|| format!("HTTP {}", response.status())),
        body: text,
    })
}
