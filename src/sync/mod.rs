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
pub mod doc;

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde_json::Value;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::store::Record;
use crate::web;
use doc::{from_doc, merge_records, parse_changes, to_doc, Remote};

/// Changes read from the database at a time.
const PAGE: usize = 100;
/// Longest wait between retries after a failure.
const MAX_BACKOFF_MS: i32 = 15_000;
/// How long an ordinary request may take.
const REQUEST_MS: i32 = 20_000;
/// How long the database may hold a long poll open before answering "nothing new".
const LONG_POLL_MS: i32 = 25_000;

/// How this device's sync stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Link {
    Starting,
    Connected,
    /// The database cannot be reached (no network, or the server is down). Changes
    /// are kept here and sent when it is back.
    Offline,
    Failed(Problem),
}

impl Link {
    /// Changes cannot reach the database now.
    pub fn is_down(&self) -> bool {
        matches!(self, Link::Offline | Link::Failed(_))
    }
}

/// Why sync stopped, in terms staff or whoever set the device up can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The database refused this device's name or password.
    Credentials,
    /// The database refused a change: its rules, or this device's role.
    Refused(String),
    /// There is no database at `sync.url`.
    NoDatabase,
    /// This build's Content-Security-Policy does not allow connecting to the database.
    Blocked(String),
    /// Any other answer the server gave.
    Server(u16),
}

enum Failure {
    Offline,
    /// The request took longer than allowed (for a long poll: nothing new).
    TimedOut,
    Problem(Problem),
}

/// The sync of this page, shared through context.
#[derive(Clone, Copy)]
pub struct Sync {
    pub role: SyncRole,
    pub link: RwSignal<Link>,
    /// Changes made here and not yet in the database.
    pub waiting: RwSignal<usize>,
    pub last_ok_ms: RwSignal<Option<i64>>,
    /// Ids of intakes just written to this device's storage from the database.
    pub arrived: RwSignal<Vec<String>>,
    /// Ids a desk read in its first catch-up: what the database held when the
    /// desk opened, which is not news (see [`Sync::is_news`]).
    held: StoredValue<std::collections::HashSet<String>>,
    /// Ids to send, each with a count of its changes: a change made while an
    /// intake is on its way is sent too.
    pending: StoredValue<BTreeMap<String, u32>>,
    wake: StoredValue<bool>,
}

pub fn use_sync() -> Option<Sync> {
    use_context::<Sync>()
}

impl Sync {
    /// Starts the kiosk page's sync: it only sends what it filed. A kiosk only
    /// creates documents, and never reads the shared queue into a tablet in a
    /// public room, whatever role its account has.
    pub fn start_kiosk(config: &SyncConfig) -> Sync {
        let (sync, couch) = Sync::new(config);
        if let Some(couch) = couch {
            leptos::task::spawn_local(async move {
                // In a download of its own (the `split` feature): fetched once
                // Welcome is painted, and again every little while should it not
                // come (offline before it was ever cached). Until then check-ins
                // wait here.
                web::after_paint().await;
                loop {
                    match kiosk_sender().await {
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
    pub fn start_desk(config: &SyncConfig) -> Sync {
        let (sync, couch) = Sync::new(config);
        if let Some(couch) = couch {
            leptos::task::spawn_local(send_loop::<true>(sync, couch.clone()));
            if config.role == SyncRole::Desk {
                leptos::task::spawn_local(read_loop(sync, couch));
            }
        }
        sync
    }

    /// The sync's state, and the database to talk to unless this build may not
    /// connect to it.
    fn new(config: &SyncConfig) -> (Sync, Option<Couch>) {
        let mut pending = BTreeMap::new();
        if let Some(store) = web::store() {
            // What was waiting before a reload, and anything filed but never sent.
            for id in store.pending().into_iter().chain(store.never_sent()) {
                pending.insert(id, 0);
            }
        }
        let sync = Sync {
            role: config.role,
            link: RwSignal::new(Link::Starting),
            waiting: RwSignal::new(pending.len()),
            last_ok_ms: RwSignal::new(None),
            arrived: RwSignal::new(Vec::new()),
            held: StoredValue::new(Default::default()),
            pending: StoredValue::new(pending),
            wake: StoredValue::new(false),
        };
        if !web::csp_allows_connecting_to(config.origin()) {
            sync.link
                .set(Link::Failed(Problem::Blocked(config.origin().to_string())));
            return (sync, None);
        }
        let couch = Couch {
            db: config.database().to_string(),
            auth: format!(
                "Basic {}",
                web::base64(&format!("{}:{}", config.user, config.password))
            ),
        };
        (sync, Some(couch))
    }

    /// An intake was filed or changed here: send it.
    pub fn changed(&self, id: &str) {
        self.pending
            .update_value(|p| *p.entry(id.to_string()).or_default() += 1);
        self.save_pending();
        self.wake.set_value(true);
    }

    /// Sent: forget it, unless it changed again meanwhile.
    fn sent(&self, id: &str, version: u32) {
        self.pending.update_value(|p| {
            if p.get(id) == Some(&version) {
                p.remove(id);
            }
        });
        self.save_pending();
    }

    fn save_pending(&self) {
        let ids = self.pending.with_value(|p| p.keys().cloned().collect());
        if let Some(store) = web::store() {
            // When storage is full the list lives on in this page; intakes never
            // confirmed are found again on reload (`never_sent`).
            let _ = store.set_pending(&ids);
        }
        self.waiting.set(ids.len());
    }

    fn ok(&self) {
        self.link.set(Link::Connected);
        self.last_ok_ms.set(Some(web::now().ms));
    }

    fn fail(&self, failure: Failure) {
        self.link.set(match failure {
            Failure::Offline | Failure::TimedOut => Link::Offline,
            Failure::Problem(p) => Link::Failed(p),
        });
    }

    /// Whether an intake that reached this desk is news, not something the
    /// database held before the desk opened. Decided by id as each page of the
    /// catch-up is read, not by a flag read later: the desk draws a page after
    /// the loop has gone on to the next.
    pub fn is_news(&self, id: &str) -> bool {
        !self.held.with_value(|h| h.contains(id))
    }

    /// Waits up to `ms`, or less when something is to be sent.
    async fn nap(&self, ms: i32) {
        let mut left = ms;
        while left > 0 && !self.wake.get_value() {
            web::sleep(250).await;
            left -= 250;
        }
        self.wake.set_value(false);
    }
}

#[derive(Clone)]
struct Couch {
    db: String,
    auth: String,
}

struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(self.body.trim()).unwrap_or(Value::Null)
    }

    fn problem(&self) -> Failure {
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
    async fn call(
        &self,
        method: &str,
        path: &str,
        body: Option<String>,
        timeout_ms: i32,
    ) -> Result<Reply, Failure> {
        use gloo_net::http::Request;
        let url = if path.is_empty() {
            self.db.clone()
        } else {
            format!("{}/{path}", self.db)
        };
        let builder = match method {
            "PUT" => Request::put(&url),
            "DELETE" => Request::delete(&url),
            _ => Request::get(&url),
        };
        let abort = web_sys::AbortController::new().ok();
        let timer = abort.clone().and_then(|a| {
            set_timeout_with_handle(
                move || a.abort(),
                std::time::Duration::from_millis(timeout_ms as u64),
            )
            .ok()
        });
        let builder = builder
            .header("Authorization", &self.auth)
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

    async fn get(&self, id: &str, rev: Option<&str>) -> Result<Remote, Failure> {
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

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn doc_path(id: &str) -> String {
    encode(id)
}

/// Sending, for as long as the page lives.
type Sending = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;
/// Starts a kiosk's sending: a part of its own in the split build (`fetch_sender`).
type Sender = fn(Sync, Couch) -> Sending;

fn kiosk_send_loop(sync: Sync, couch: Couch) -> Sending {
    Box::pin(send_loop::<false>(sync, couch))
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(sender, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_sender() -> Result<Sender, web::PartMissing> {
    Ok(kiosk_send_loop)
}

async fn kiosk_sender() -> Result<Sender, web::PartMissing> {
    #[cfg(feature = "split")]
    return fetch_sender().await;
    #[cfg(not(feature = "split"))]
    Ok(kiosk_send_loop)
}

/// Sends what changed here, for as long as the page lives; `MERGES` on a desk
/// (see [`send`]).
async fn send_loop<const MERGES: bool>(sync: Sync, couch: Couch) {
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
async fn send<const MERGES: bool>(sync: &Sync, couch: &Couch, id: &str) -> Result<(), Failure> {
    let Some(store) = web::store() else {
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
                return Ok(());
            }
            // A kiosk only creates. Already there means sent before (an answer lost
            // on the way back): the database keeps it once.
            (409 | 403, false) => {
                return match couch.get(id, None).await {
                    Ok(remote) => {
                        let _ = store.set_rev(id, &remote.rev);
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

/// Writes an intake that came from the database (or a merge with it) to this
/// device's storage and tells the desk.
fn keep<B: crate::store::Backend>(sync: &Sync, store: &crate::store::Store<B>, record: &Record) {
    if store.read_by_id(record.id()).as_ref() != Some(record) && store.put_record(record).is_ok() {
        sync.arrived.set(vec![record.id().to_string()]);
    }
}

/// A desk reads every change to the database into its storage: first what it
/// missed, then each change as it happens (a long poll).
async fn read_loop(sync: Sync, couch: Couch) {
    let mut since = web::store()
        .and_then(|s| s.seq())
        .unwrap_or_else(|| "0".into());
    let mut live = false;
    let mut backoff = 0;
    loop {
        let mut path = format!(
            "_changes?include_docs=true&conflicts=true&limit={PAGE}&since={}",
            encode(&since)
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
            Ok(reply) if reply.status == 200 => match parse_changes(&reply.body) {
                Ok(page) => {
                    let full = page.results.len() >= PAGE;
                    if !live {
                        sync.held
                            .update_value(|h| h.extend(page.results.iter().map(|c| c.id.clone())));
                    }
                    apply(&sync, &couch, page.results).await;
                    since = page.last_seq;
                    if let Some(store) = web::store() {
                        let _ = store.set_seq(&since);
                    }
                    live = !full;
                    sync.ok();
                    backoff = 0;
                    None
                }
                Err(_) => Some(Failure::Problem(Problem::Server(reply.status))),
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

/// Takes a page of changes into this device's storage.
async fn apply(sync: &Sync, couch: &Couch, changes: Vec<doc::Change>) {
    let Some(store) = web::store() else { return };
    let mut arrived = Vec::new();
    for change in changes {
        if change.deleted || change.id.starts_with('_') {
            continue;
        }
        // Documents this version cannot read (a newer schema, another type) are left alone.
        let Some(Ok(mut remote)) = change.doc.map(from_doc) else {
            continue;
        };
        if !remote.conflicts.is_empty() {
            if let Ok(resolved) = resolve(couch, &remote).await {
                remote = resolved;
            }
        }
        let id = remote.record.id().to_string();
        let local = store.read_by_id(&id);
        // Only a change made here and not yet sent is merged; otherwise the
        // database's version is the newer one (an un-ticked item stays un-ticked).
        let unsent = sync.pending.with_value(|p| p.contains_key(&id));
        let kept = match (&local, unsent) {
            (Some(local), true) => merge_records(local, &remote.record),
            _ => remote.record.clone(),
        };
        if local.as_ref() != Some(&kept) && store.put_record(&kept).is_ok() {
            arrived.push(id.clone());
        }
        let _ = store.set_rev(&id, &remote.rev);
        if kept != remote.record {
            sync.changed(&id);
        }
    }
    if !arrived.is_empty() {
        sync.arrived.set(arrived);
    }
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
