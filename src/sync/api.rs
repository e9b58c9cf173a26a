//! The shop's server's own API (`/api/`), called with a paired device's
//! account: a desk's settings, PIN and devices, a tablet unpairing itself.
use crate::domain::config::SyncConfig;
use crate::web;

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

/// One call to the shop's server's API with a paired device's account: the answer's text.
pub async fn api(
    account: &SyncConfig,
    method: &str,
    path: &str,
    body: Option<String>,
) -> Result<String, Refused> {
    use gloo_net::http::Request;
    let url = format!("/api/{path}");
    let auth = format!(
        "Basic {}",
        web::encoding::base64(&format!("{}:{}", account.user, account.password))
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
