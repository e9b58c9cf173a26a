//! A desk reading the database's changes into its storage.
use leptos::prelude::*;

use super::couch::{doc_path, encode, Couch};
use super::doc::{self, from_doc, merge_records, to_doc, Feed, Read, Remote};
use super::state::{Failure, Problem, SyncLink, MAX_BACKOFF_MS, REQUEST_MS};
use crate::web;

/// How long the database may hold a long poll open before answering "nothing new".
const LONG_POLL_MS: i32 = 25_000;

/// A desk reads every change to the database into its storage: first what it
/// missed, then each change as it happens (a long poll). It moves its read
/// position on only past what it has stored, or set aside as unreadable.
pub(super) async fn read_loop(sync: SyncLink, couch: Couch) {
    let mut feed = Feed::new(
        sync.storage()
            .store()
            .and_then(|s| s.seq())
            .unwrap_or_else(|| "0".into()),
    );
    let mut live = false;
    // Past the first catch-up: what arrives from then on is news (an alert),
    // even when a page is read again (storage full, a page read one by one).
    let mut caught_up = false;
    let mut backoff = 0;
    loop {
        let limit = feed.limit();
        let mut path = format!(
            "_changes?include_docs=true&conflicts=true&limit={limit}&since={}",
            encode(&feed.since)
        );
        if live {
            path.push_str(&format!(
                "&feed=longpoll&timeout={LONG_POLL_MS}&heartbeat=10000"
            ));
        }
        let wait = if live {
            LONG_POLL_MS + 15_000
        } else {
            REQUEST_MS
        };
        let failure = match couch.call("GET", &path, None, wait).await {
            Ok(reply) if reply.status == 200 => match feed.read(&reply.body) {
                Read::Page(page) => {
                    let entries = page.results.len() + page.skipped.len();
                    if !caught_up {
                        sync.held
                            .update_value(|h| h.extend(page.results.iter().map(|c| c.id.clone())));
                    }
                    match apply(&sync, &couch, page.results).await {
                        Ok(()) => {
                            let unread = page.skipped.into_iter().map(|s| (s.id, s.reason));
                            sync.read_past(unread.collect());
                            feed.stored(page.last_seq, entries);
                            if let Some(store) = sync.storage().store() {
                                let _ = store.set_seq(&feed.since);
                            }
                            live = entries < limit;
                            caught_up |= live;
                            sync.stored_again();
                            backoff = 0;
                            None
                        }
                        // Not moved on: the same page is read again once there is room.
                        Err(Full) => {
                            live = false;
                            Some(Failure::Problem(Problem::StorageFull))
                        }
                    }
                }
                // Read again at once, one entry at a time: only the entry at fault is lost.
                Read::Narrow => {
                    live = false;
                    None
                }
                Read::Failed => Some(Failure::Problem(Problem::Server(reply.status))),
            },
            Ok(reply) => Some(reply.problem()),
            // A long poll with nothing new (a server that ignores `timeout`).
            Err(Failure::TimedOut) if live => None,
            Err(f) => Some(f),
        };
        if let Some(f) = failure {
            sync.fail(f);
            backoff = (backoff * 2).clamp(1_000, MAX_BACKOFF_MS);
            web::sleep(backoff).await;
        }
    }
}

/// This device's storage could not keep what the database brought.
struct Full;

/// Takes a page of changes into this device's storage. Stops at the first
/// record it cannot store, so the read position stays before it.
async fn apply(sync: &SyncLink, couch: &Couch, changes: Vec<doc::Change>) -> Result<(), Full> {
    let Some(store) = sync.storage().store() else {
        return Ok(());
    };
    let mut arrived = Vec::new();
    let mut unread = Vec::new();
    let mut result = Ok(());
    for change in changes {
        // Design documents, and the lobby's status (which the board reads).
        if change.id.starts_with('_') || change.id == super::status::STATUS_ID {
            continue;
        }
        if change.deleted {
            sync.read_after_all(&change.id);
            continue;
        }
        // Documents this version cannot read (a newer schema, another type, an
        // id that disagrees with its record) are set aside and said.
        let mut remote = match change.doc.map(from_doc) {
            Some(Ok(remote)) => remote,
            Some(Err(why)) => {
                unread.push((change.id, why));
                continue;
            }
            None => continue,
        };
        if !remote.conflicts.is_empty() {
            if let Ok(resolved) = resolve(couch, &remote).await {
                remote = resolved;
            }
        }
        let id = remote.record.id().to_string();
        sync.read_after_all(&id);
        let local = store.read_by_id(&id);
        // Only a change made here and not yet sent is merged; otherwise the
        // database's version is the newer one (an un-ticked item stays un-ticked).
        let unsent = sync.pending.with_value(|p| p.contains_key(&id));
        let kept = match (&local, unsent) {
            (Some(local), true) => merge_records(local, &remote.record),
            _ => remote.record.clone(),
        };
        if local.as_ref() != Some(&kept) {
            if store.put_record(&kept).is_err() {
                result = Err(Full);
                break;
            }
            arrived.push(id.clone());
        }
        // Without its revision, the desk's next change to it would be refused.
        if store.set_rev(&id, &remote.rev).is_err() {
            result = Err(Full);
            break;
        }
        if kept != remote.record {
            sync.changed(&id);
        }
    }
    sync.read_past(unread);
    if !arrived.is_empty() {
        sync.arrived(&arrived);
    }
    result
}

/// Two desks wrote one intake while apart (or a replication brought two versions
/// together): merges every version into the winner and removes the others.
async fn resolve(couch: &Couch, winner: &Remote) -> Result<Remote, Failure> {
    let mut merged = winner.record.clone();
    let id = winner.record.id();
    for rev in &winner.conflicts {
        let other = couch.get(id, Some(rev)).await?;
        merged = merge_records(&merged, &other.record);
    }
    let reply = couch
        .call(
            "PUT",
            &doc_path(id),
            Some(to_doc(&merged, Some(&winner.rev))),
            REQUEST_MS,
        )
        .await?;
    if !(200..=202).contains(&reply.status) {
        return Err(reply.problem());
    }
    let rev = reply.json()["rev"]
        .as_str()
        .unwrap_or(&winner.rev)
        .to_string();
    for loser in &winner.conflicts {
        let _ = couch
            .call(
                "DELETE",
                &format!("{}?rev={}", doc_path(id), encode(loser)),
                None,
                REQUEST_MS,
            )
            .await;
    }
    Ok(Remote {
        record: merged,
        rev,
        conflicts: Vec::new(),
    })
}
