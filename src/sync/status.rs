//! The lobby's status (`domain::wait::LobbyStatus`): a desk keeps it current
//! in the shared database as one document, which kiosks quote a wait from and
//! the lobby's board shows. Nothing in it is any customer's but a ticket.
use std::cell::RefCell;

use serde_json::{json, Value};

use super::couch::{doc_path, request, Couch};
use super::state::REQUEST_MS;
use crate::domain::config::SyncConfig;
use crate::domain::wait::LobbyStatus;
use crate::web;

/// The status document's id: no check-in's id has a colon.
pub const STATUS_ID: &str = "status:lobby";
/// How long a kiosk waits for the status before it quotes nothing.
const READ_MS: i32 = 4_000;
/// How often the writer looks for a status to write: a change reaches the
/// lobby's board within about two seconds (src/board/mod.rs).
const WRITE_EVERY_MS: i32 = 500;

thread_local! {
    /// The latest status a desk made and has not written yet.
    static TO_WRITE: RefCell<Option<LobbyStatus>> = const { RefCell::new(None) };
}

/// A desk's newest status, written within a few seconds (only the newest is).
pub fn publish(status: LobbyStatus) {
    TO_WRITE.set(Some(status));
}

/// What came of one write.
enum Wrote {
    /// Written, or refused for good (an account unpaired, a body refused):
    /// the next status is written as it comes.
    Done,
    /// Not now (offline, the server, another desk's revision): again later,
    /// each time a little later.
    Again,
}

/// A revision not the latest this many times in a row, even after reading the
/// latest: not a race with another desk but a refusal, and given up.
const STALE_TRIES: u32 = 3;

/// Writes what the desk published, over whichever revision is there: every
/// desk makes the same status from the same queue, so the newest is right.
/// What could not be written is tried again with a growing pause, unless a
/// newer status came meanwhile.
pub(super) async fn write_loop(couch: Couch) {
    let mut rev: Option<String> = None;
    let mut pause = WRITE_EVERY_MS;
    let mut stale = 0;
    loop {
        web::sleep(pause).await;
        let Some(status) = TO_WRITE.take() else {
            pause = WRITE_EVERY_MS;
            continue;
        };
        let mut doc = json!({
            "_id": STATUS_ID,
            "type": "status",
            "schema": 1,
            "at_ms": status.at_ms,
            "lobby": status.lobby,
            "serving": status.serving,
            "next": status.next,
        });
        if let Some(rev) = &rev {
            doc["_rev"] = Value::String(rev.clone());
        }
        let path = doc_path(STATUS_ID);
        let wrote = match couch
            .call("PUT", &path, Some(doc.to_string()), REQUEST_MS)
            .await
        {
            Ok(reply) if reply.status == 201 || reply.status == 202 => {
                rev = reply.json()["rev"].as_str().map(str::to_string);
                stale = 0;
                Wrote::Done
            }
            // Another desk wrote it (CouchDB says 409; the rules, behind the
            // shop's server, 403 for a revision not the latest): learn its
            // revision, or that it is gone, and write over it next time.
            Ok(reply) if (reply.status == 409 || reply.status == 403) && stale < STALE_TRIES => {
                stale += 1;
                match couch.call("GET", &path, None, REQUEST_MS).await {
                    Ok(now) if now.status == 200 => {
                        rev = now.json()["_rev"].as_str().map(str::to_string)
                    }
                    Ok(now) if now.status == 404 => rev = None,
                    _ => {}
                }
                Wrote::Again
            }
            Ok(reply) if (400..500).contains(&reply.status) => {
                leptos::logging::warn!("the lobby's status was refused: {}", reply.body);
                stale = 0;
                Wrote::Done
            }
            _ => Wrote::Again,
        };
        match wrote {
            Wrote::Done => pause = WRITE_EVERY_MS,
            Wrote::Again => {
                pause = (pause * 2).min(super::state::MAX_BACKOFF_MS);
                TO_WRITE.with_borrow_mut(|next| {
                    next.get_or_insert(status);
                });
            }
        }
    }
}

/// The lobby's status as the desks last wrote it, for a kiosk's quote: through
/// the shop's server, which answers anyone (`/api/lobby`), or from the database
/// a kiosk of one's own CouchDB reads. `None` when it cannot be had now.
pub async fn read(config: &SyncConfig) -> Option<LobbyStatus> {
    if config.paired {
        return match read_public().await {
            Public::Status(status) => Some(status),
            _ => None,
        };
    }
    let reply = Couch::new(config)
        .call("GET", &doc_path(STATUS_ID), None, READ_MS)
        .await;
    status_in(reply.ok()?)
}

/// What the shop's server says of the lobby's status.
pub enum Public {
    Status(LobbyStatus),
    /// A shop's server, but no desk has kept the status yet.
    NotYet,
    /// No shop's server: the build is served as static files.
    NoServer,
    /// No answer now (the server away, the network down).
    Unreachable,
}

/// The lobby's status as the shop's server gives it to anyone (`/api/lobby`).
pub async fn read_public() -> Public {
    let Ok(reply) = request("GET", "/api/lobby", None, None, READ_MS).await else {
        return Public::Unreachable;
    };
    // The shop's server answers in JSON, whatever it says; a static server,
    // a plain 404.
    let answer: Option<Value> = serde_json::from_str(&reply.body).ok();
    match (reply.status, answer) {
        (200, Some(_)) => match serde_json::from_str(&reply.body) {
            Ok(status) => Public::Status(status),
            Err(_) => Public::Unreachable,
        },
        (404, Some(_)) => Public::NotYet,
        (404, None) => Public::NoServer,
        _ => Public::Unreachable,
    }
}

fn status_in(reply: super::couch::Reply) -> Option<LobbyStatus> {
    (reply.status == 200)
        .then(|| serde_json::from_str(&reply.body).ok())
        .flatten()
}
