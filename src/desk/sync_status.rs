//! The desk's line about the shared database.
use leptos::prelude::*;

use crate::sync::{Link, Problem, SyncLink};
use crate::ui::{use_i18n, I18n};
use crate::web;

/// How the shared queue's sync stands: connected and when it last synced, how many
/// changes wait to be sent, or plainly what stopped it.
#[component]
pub fn SyncState(sync: SyncLink) -> impl IntoView {
    let i = use_i18n();
    let line = move || {
        let waiting = sync.waiting.get();
        let state = match sync.link.get() {
            Link::Starting => i.t("desk.sync_starting"),
            Link::Connected => {
                let at = sync
                    .last_ok_ms
                    .get()
                    .map(|ms| web::intl::local_time(i.lang.get_untracked(), ms))
                    .unwrap_or_default();
                i.tw("desk.sync_connected", &[("time", &at)])
            }
            Link::Offline => i.t("desk.sync_offline"),
            Link::Failed(Problem::Credentials) if sync.paired => i.t("desk.sync_failed_unpaired"),
            Link::Failed(p) => problem(i, &p),
        };
        if waiting == 0 {
            state
        } else {
            let w = i.tw_count(
                "desk.sync_waiting",
                waiting as i64,
                &[("n", &waiting.to_string())],
            );
            format!("{state} {w}")
        }
    };
    let down = move || sync.link.with(Link::is_down);
    view! {
        <p class="sync" class:warning=down data-testid="sync" role=move || if down() { "alert" } else { "status" }>
            {line}
        </p>
    }
}

fn problem(i: I18n, p: &Problem) -> String {
    match p {
        Problem::Credentials => i.t("desk.sync_failed_credentials"),
        Problem::Refused(reason) => i.tw("desk.sync_failed_refused", &[("reason", reason)]),
        Problem::NoDatabase => i.t("desk.sync_failed_no_database"),
        Problem::Blocked(origin) => i.tw("desk.sync_failed_blocked", &[("origin", origin)]),
        Problem::StorageFull => i.t("desk.sync_failed_storage_full"),
        Problem::Server(status) => i.tw(
            "desk.sync_failed_server",
            &[("status", &status.to_string())],
        ),
    }
}
