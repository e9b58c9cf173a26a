//! Talking to the CouchDB database: one request with a time limit, and what its
//! answer means.
use leptos::prelude::*;
use serde_json::Value;

use super::doc::{from_doc, Remote};
use super::state::{Failure, Problem, REQUEST_MS};
use crate::domain::config::SyncConfig;

#[derive(Clone)]
pub(super) struct Couch {
    db: String,
    auth: String,
}

pub(super) struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(self.body.trim()).unwrap_or(Value::Null)
    }

    pub fn problem(&self) -> Failure {
        Failure::Problem(match self.status {
            401 => Problem::Credentials,
            403 => Problem::Refused(
                self.json()["reason"]
                    .as_str()
                    .unwrap_or("forbidden")
                    .to_string(),
            ),
            404 => Problem::NoDatabase,
            s => Problem::Server(s),
        })
    }
}

impl Couch {
    /// The database of `sync.url`, with this device's name and password.
    pub fn new(config: &SyncConfig) -> Couch {
        Couch {
            db: config.database().to_string(),
            auth: format!(
                "Basic {}",
                crate::web::encoding::base64(&format!("{}:{}", config.user, config.password))
            ),
        }
    }

    pub async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        timeout_ms: i32,
    ) -> Result<Reply, Failure> {
        let url = if path.is_empty() {
            self.db.clone()
        } else {
            format!("{}/{path}", self.db)
        };
        request(method, &url, Some(&self.auth), body, timeout_ms).await
    }

    /// A question to the shop's server's own API (`/api/{path}`) with this
    /// device's account.
    pub async fn ask_server(&self, path: &str) -> Result<Reply, Failure> {
        request(
            "GET",
            &format!("/api/{path}"),
            Some(&self.auth),
            None,
            REQUEST_MS,
        )
        .await
    }

    pub async fn get(&self, id: &str, rev: Option<&str>) -> Result<Remote, Failure> {
        let path = match rev {
            Some(rev) => format!("{}?rev={}", doc_path(id), encode(rev)),
            None => format!("{}?conflicts=true", doc_path(id)),
        };
        let reply = self.call("GET", &path, None, REQUEST_MS).await?;
        if reply.status != 200 {
            return Err(reply.problem());
        }
        from_doc(reply.json()).map_err(|_| Failure::Problem(Problem::Server(reply.status)))
    }
}

/// One request with a time limit (with `auth` when given): its answer, or why
/// there is none.
pub(super) async fn request(
    method: &str,
    url: &str,
    auth: Option<&str>,
    body: Option<String>,
    timeout_ms: i32,
) -> Result<Reply, Failure> {
    use gloo_net::http::Request;
    let builder = match method {
        "PUT" => Request::put(url),
        "DELETE" => Request::delete(url),
        _ => Request::get(url),
    };
    let abort = web_sys::AbortController::new().ok();
    let timer = abort.clone().and_then(|a| {
        set_timeout_with_handle(
            move || a.abort(),
            std::time::Duration::from_millis(timeout_ms as u64),
        )
        .ok()
    });
    let builder = match auth {
        Some(auth) => builder.header("Authorization", auth),
        None => builder,
    };
    let builder = builder
        .header("Accept", "application/json")
        .cache(web_sys::RequestCache::NoStore)
        .abort_signal(abort.as_ref().map(|a| a.signal()).as_ref());
    let sent = match body {
        Some(body) => match builder
            .header("Content-Type", "application/json")
            .body(body)
        {
            Ok(request) => request.send().await,
            Err(e) => Err(e),
        },
        None => builder.send().await,
    };
    let timed_out = abort.as_ref().is_some_and(|a| a.signal().aborted());
    let reply = match sent {
        Ok(response) => match response.text().await {
            Ok(body) => Ok(Reply {
                status: response.status(),
                body,
            }),
            Err(_) if timed_out => Err(Failure::TimedOut),
            Err(_) => Err(Failure::Offline),
        },
        Err(_) if timed_out => Err(Failure::TimedOut),
        Err(_) => Err(Failure::Offline),
    };
    if let Some(timer) = timer {
        timer.clear();
    }
    reply
}

pub(super) fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

pub(super) fn doc_path(id: &str) -> String {
    encode(id)
}
