//! Sync through a CouchDB database, when `sync` is in kiosk.json.
//!
//! Every device writes to its own storage first, as without sync; sync then sends
//! what changed here and, on a desk, reads what changed elsewhere:
//! - A kiosk sends each intake it files, once the database can be reached. The
//!   intake's id is the document's id, so a retry never makes a second one.
//! - A desk reads the database's `_changes` feed into its storage (its queue shows
//!   them like its own), and sends its staff's changes back. When two desks change
//!   one intake at once, the versions are merged (`doc::merge`), never overwritten.
//!
//! Sync lives as long as the page and works whichever screen is showing.
pub mod api;
mod couch;
pub mod doc;
pub mod figures;
mod read;
mod send;
mod state;
pub mod status;
pub mod tickets;

use leptos::prelude::*;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::web;
use couch::Couch;
pub use state::{Link, Problem, SyncLink};

pub fn use_sync() -> Option<SyncLink> {
    use_context::<SyncLink>()
}

impl SyncLink {
    /// Starts the kiosk page's sync: it only sends what it filed. A kiosk only
    /// creates documents, and never reads the shared queue into a tablet in a
    /// public room, whatever role its account has.
    pub fn start_kiosk(config: &SyncConfig) -> SyncLink {
        let (sync, couch) = connect(config);
        if let Some(couch) = couch {
            leptos::task::spawn_local(async move {
                // In a download of its own (the `split` feature): fetched once
                // Welcome is painted, and again every little while should it not
                // come (offline before it was ever cached). Until then check-ins
                // wait here.
                web::after_paint().await;
                loop {
                    match send::kiosk_sender().await {
                        Ok(send) => return send(sync, couch).await,
                        Err(_) => web::sleep(web::PART_RETRY_MS).await,
                    }
                }
            });
        }
        sync
    }

    /// Starts the desk page's sync: it sends the staff's changes, merging them
    /// with changes made elsewhere, and (with the desk role) reads the shared queue.
    pub fn start_desk(config: &SyncConfig) -> SyncLink {
        let (sync, couch) = connect(config);
        if let Some(couch) = couch {
            leptos::task::spawn_local(send::send_loop::<true>(sync, couch.clone()));
            if config.role == SyncRole::Desk {
                leptos::task::spawn_local(status::write_loop(couch.clone()));
                sync.recall_read_past();
                leptos::task::spawn_local(read::read_loop(sync, couch));
            }
        }
        sync
    }
}

/// The sync's state, and the database to talk to unless this build may not
/// connect to it.
fn connect(config: &SyncConfig) -> (SyncLink, Option<Couch>) {
    let sync = SyncLink::new(config);
    if !web::document::csp_allows_connecting_to(config.origin()) {
        sync.link
            .set(Link::Failed(Problem::Blocked(config.origin().to_string())));
        return (sync, None);
    }
    (sync, Some(Couch::new(config)))
}
