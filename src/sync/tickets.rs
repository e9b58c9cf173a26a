//! A kiosk that starts with no memory of today's tickets (its storage wiped, or
//! a new tablet paired with an old one's letter) takes up where its letter left
//! off: the day's highest number for its letter, from the database, so no
//! number is given twice in a day.
use std::cell::RefCell;

use super::couch::{encode, Couch, Reply};
use super::state::{SyncLink, MAX_BACKOFF_MS, REQUEST_MS};
use crate::web;

thread_local! {
    /// The day and the highest ticket the database had for this kiosk's letter.
    static FLOOR: RefCell<Option<(String, u32)>> = const { RefCell::new(None) };
}

/// The highest ticket of `day` the database had for this kiosk's letter when
/// it started (0 when none, or not known yet): the next ticket is above it.
pub fn floor(day: &str) -> u32 {
    FLOOR.with(|f| match &*f.borrow() {
        Some((known, n)) if known == day => *n,
        _ => 0,
    })
}

/// Asks the database once it answers: the shop's server for a paired kiosk
/// (`GET /api/tickets`, which knows its letter), else the view `tickets` of
/// `_design/lobby` (scripts/couch-setup.mjs).
pub(super) async fn take_up(sync: SyncLink, couch: Couch) {
    let mut backoff = 0;
    loop {
        let day = web::now().day();
        let asked = if sync.paired {
            couch.ask_server(&format!("tickets?day={day}")).await
        } else {
            let letter = sync.letter.map(String::from).unwrap_or_default();
            let key = serde_json::json!([day, letter]).to_string();
            let path = format!(
                "_design/lobby/_view/tickets?group=true&key={}",
                encode(&key)
            );
            couch.call("GET", &path, None, REQUEST_MS).await
        };
        match asked.ok().and_then(|reply| highest(&reply)) {
            Some(n) => {
                FLOOR.with(|f| *f.borrow_mut() = Some((day, n)));
                return;
            }
            None => {
                backoff = (backoff * 2).clamp(1_000, MAX_BACKOFF_MS);
                web::sleep(backoff).await;
            }
        }
    }
}

/// The highest ticket in an answer of the server or of the view; `Some(0)`
/// where there is nothing to learn (a database set up before the view, a
/// server before `/api/tickets`, an account that may not ask), `None` to ask
/// again: also on 401, which the shop's server answers when the database
/// cannot check the account for a moment.
fn highest(reply: &Reply) -> Option<u32> {
    match reply.status {
        200 => {
            let json = reply.json();
            let n = json["highest"]
                .as_f64()
                .or_else(|| json["rows"][0]["value"]["max"].as_f64())
                .unwrap_or(0.0);
            Some(n.clamp(0.0, u32::MAX as f64) as u32)
        }
        403 | 404 => Some(0),
        _ => None,
    }
}
