//! "How long?" on the kiosk: the lobby's figures, asked for while the customer
//! answers, so that Done quotes a wait at once. The kiosk keeps the counts and
//! service times only, nothing of any other customer (the status's tickets are
//! dropped as it comes).
use std::cell::RefCell;

use crate::domain::clock::Now;
use crate::domain::config::Config;
use crate::domain::wait::{estimate, lobby, Estimate, LobbyStatus, STALE_MS};
use crate::web::{self, Storage};

/// Figures asked for less than this long ago are not asked for again.
const ASK_AGAIN_MS: i64 = 10_000;

thread_local! {
    /// When the figures were last asked for, and what came.
    static LEARNT: RefCell<(i64, Option<LobbyStatus>)> = const { RefCell::new((i64::MIN, None)) };
    /// When this page filed its check-ins, as long as figures from before them
    /// could still be quoted from: kept in memory, so that quoting at Confirm
    /// reads nothing from storage.
    static FILED: RefCell<Vec<i64>> = const { RefCell::new(Vec::new()) };
}

/// A check-in filed at `at_ms`: ahead of whoever checks in next, until the
/// desk's figures count it.
pub fn filed(at_ms: i64) {
    FILED.with_borrow_mut(|filed| {
        filed.retain(|at| at_ms - at <= STALE_MS);
        filed.push(at_ms);
    });
}

/// Asks for the lobby's status, unless just asked: from the shared database
/// (through the shop's server for a paired kiosk). A kiosk without one is on
/// the desk's own device and reads the queue when it files.
pub fn learn(config: &Config) {
    let Some(sync) = config.sync.clone() else {
        return;
    };
    let now = web::now().ms;
    let due = LEARNT.with_borrow_mut(|(asked, _)| {
        let due = now.saturating_sub(*asked) >= ASK_AGAIN_MS;
        if due {
            *asked = now;
        }
        due
    });
    if due {
        leptos::task::spawn_local(async move {
            // The figures only: who is being served and who is next is the board's.
            let status = crate::sync::status::read(&sync).await.map(|mut s| {
                s.serving.clear();
                s.next.clear();
                s
            });
            LEARNT.with_borrow_mut(|(_, known)| *known = status);
        });
    }
}

/// The wait of a customer checking in at `now`, when there are figures to
/// quote from: `None` when nobody can tell (no desk keeping them, another day).
pub fn quote_now(config: &Config, storage: Storage, now: Now) -> Option<Estimate> {
    let today = now.day();
    match config.sync {
        Some(_) => {
            let mut status = LEARNT.with_borrow(|(_, known)| known.clone())?;
            // Those this kiosk checked in since the desk wrote the figures are
            // ahead too: two customers in a row are not told the same place.
            let since = status.at_ms;
            status.lobby.waiting +=
                FILED.with_borrow(|filed| filed.iter().filter(|at| **at > since).count() as u32);
            status.quote_now(&today, now.ms)
        }
        // The desk's own device: its queue is here (and the desk's order, for
        // the board, is not needed to count).
        None => {
            let lobby = lobby(&storage.store()?.intakes(), &today, now.ms);
            Some(estimate(&lobby, lobby.waiting))
        }
    }
}
