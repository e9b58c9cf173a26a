//! Sending what changed on this device to the database.
use leptos::prelude::*;

use super::couch::{doc_path, Couch};
use super::doc::{merge_records, to_doc};
use super::state::{Failure, Link, Problem, SyncLink, MAX_BACKOFF_MS, REQUEST_MS};
use crate::domain::config::SyncRole;
use crate::store::Record;
use crate::web;

/// Sending, for as long as the page lives.
type Sending = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;
/// Starts a kiosk's sending: a part of its own in the split build (`fetch_sender`).
type Sender = fn(SyncLink, Couch) -> Sending;

fn kiosk_send_loop(sync: SyncLink, couch: Couch) -> Sending {
    leptos::task::spawn_local(super::tickets::take_up(sync, couch.clone()));
    Box::pin(send_loop::<false>(sync, couch))
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(sender, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_sender() -> Result<Sender, web::PartMissing> {
    Ok(kiosk_send_loop)
}

pub(super) async fn kiosk_sender() -> Result<Sender, web::PartMissing> {
    #[cfg(feature = "split")]
    return fetch_sender().await;
    #[cfg(not(feature = "split"))]
    Ok(kiosk_send_loop)
}

/// Sends what changed here, for as long as the page lives; `MERGES` on a desk
/// (see [`send`]).
pub(super) async fn send_loop<const MERGES: bool>(sync: SyncLink, couch: Couch) {
    let mut backoff = 0;
    loop {
        // A cheap check of the connection and the credentials when nothing is
        // known yet or the last attempt failed.
        let mut trouble = if sync.link.get_untracked() != Link::Connected {
            match couch.call("GET", "", None, REQUEST_MS).await {
                Ok(reply) if reply.status == 200 => {
                    sync.ok();
                    None
                }
                Ok(reply) => Some(reply.problem()),
                Err(f) => Some(f),
            }
        } else {
            None
        };
        if trouble.is_none() {
            let batch: Vec<(String, u32)> = sync
                .pending
                .with_value(|p| p.iter().map(|(k, v)| (k.clone(), *v)).collect());
            for (id, version) in batch {
                match send::<MERGES>(&sync, &couch, &id).await {
                    Ok(()) => {
                        sync.sent(&id, version);
                        sync.ok();
                    }
                    Err(f) => {
                        trouble = Some(f);
                        break;
                    }
                }
            }
        }
        match trouble {
            Some(f) => {
                sync.fail(f);
                backoff = (backoff * 2).clamp(1_000, MAX_BACKOFF_MS);
                sync.nap(backoff).await;
            }
            None => {
                backoff = 0;
                sync.nap(10_000).await;
            }
        }
    }
}

/// Sends one intake: creates its document, or (`MERGES`, on a desk with the desk
/// role) changes it from the revision this device last saw; when someone else
/// changed it first, the two are merged. A kiosk's program has no merging in it.
async fn send<const MERGES: bool>(sync: &SyncLink, couch: &Couch, id: &str) -> Result<(), Failure> {
    let Some(store) = sync.storage().store() else {
        return Ok(());
    };
    let Some(mut local) = store.read_by_id(id) else {
        // Removed here (pruned) before it was sent: nothing left to send.
        return Ok(());
    };
    let mut rev = store.rev(id);
    for _ in 0..5 {
        let reply = couch
            .call(
                "PUT",
                &doc_path(id),
                Some(to_doc(&local, rev.as_deref())),
                REQUEST_MS,
            )
            .await?;
        let merges = MERGES && sync.role == SyncRole::Desk;
        match (reply.status, merges) {
            (200..=202, _) => {
                if let Some(rev) = reply.json()["rev"].as_str() {
                    let _ = store.set_rev(id, rev);
                }
                if !merges {
                    forget_phone(&store, id);
                }
                return Ok(());
            }
            // A kiosk only creates. Already there means sent before (an answer lost
            // on the way back): the database keeps it once.
            (409 | 403, false) => {
                return match couch.get(id, None).await {
                    Ok(remote) => {
                        let _ = store.set_rev(id, &remote.rev);
                        forget_phone(&store, id);
                        Ok(())
                    }
                    Err(_) => Err(reply.problem()),
                };
            }
            (409, true) => {
                let remote = couch.get(id, None).await?;
                let merged = merge_records(&local, &remote.record);
                if merged == remote.record {
                    let _ = store.set_rev(id, &remote.rev);
                    keep(sync, &store, &merged);
                    return Ok(());
                }
                keep(sync, &store, &merged);
                local = merged;
                rev = Some(remote.rev);
            }
            _ => return Err(reply.problem()),
        }
    }
    Err(Failure::Problem(Problem::Server(409)))
}

/// A kiosk's copy of a check-in the database has: the customer's phone number
/// is the desk's to use, not the lobby tablet's to keep.
fn forget_phone<B: crate::store::Backend>(store: &crate::store::Store<B>, id: &str) {
    if matches!(store.read_by_id(id), Some(Record::Intake(i)) if !i.phone.is_empty()) {
        let _ = store.update(id, |i| i.phone.clear());
    }
}

/// Writes an intake that came from the database (or a merge with it) to this
/// device's storage and tells the desk.
pub(super) fn keep<B: crate::store::Backend>(
    sync: &SyncLink,
    store: &crate::store::Store<B>,
    record: &Record,
) {
    if store.read_by_id(record.id()).as_ref() != Some(record) && store.put_record(record).is_ok() {
        sync.arrived(&[record.id().to_string()]);
    }
}
