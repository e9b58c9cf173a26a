//! The lobby board, at `/board`: for a TV or a second screen in the lobby. Who
//! is being served, who is next, how many wait and the honest wait, by ticket
//! (with a first name only where the business turns names on). It shows
//! nothing private, so it needs no PIN and no account: it reads the status a
//! desk keeps (`/api/lobby` on the shop's server), or the queue itself on the
//! desk's own device.
use leptos::prelude::*;

use crate::configuration::LiveConfig;
use crate::domain::config::Config;
use crate::domain::wait::{lobby_status, Called, Estimate, LobbyStatus, STALE_MS};
use crate::ui::use_i18n;
use crate::web;

/// How often the board asks for the status: with the desk writing within half
/// a second of a change and the server keeping an answer half a second, a
/// change is on the board within about two seconds.
const ASK_EVERY_MS: i32 = 1_000;
/// At most this many tickets each under "now serving" and "next up" fit at a
/// size read across a room; the rest are counted.
const SERVING_SHOWN: usize = 3;
const NEXT_SHOWN: usize = 6;
/// With first names, each under its ticket.
const NEXT_SHOWN_NAMED: usize = 4;

/// On the desk's own device, its queue is read again when a page of this
/// device changes it, and at least this often (the figures move with time).
const LOCAL_EVERY_MS: i64 = 30_000;

/// Where the board's status comes from, as the last reading found.
enum Source {
    /// The status the desks keep: through the shop's server, or from the
    /// database itself for a board configured with one. `None`: no desk has
    /// kept it yet.
    Shared(Option<LobbyStatus>),
    /// No shop's server here (the build served as static files): the desk
    /// works alone, on this device.
    Alone,
    /// Not reachable now: what is on the board stays until it is stale.
    Unreachable,
}

async fn read_source(config: &Config) -> Source {
    use crate::sync::status::{read, read_public, Public};
    match &config.sync {
        Some(sync) => match read(sync).await {
            Some(status) => Source::Shared(Some(status)),
            None => Source::Unreachable,
        },
        None => match read_public().await {
            Public::Status(status) => Source::Shared(Some(status)),
            Public::NotYet => Source::Shared(None),
            Public::NoServer => Source::Alone,
            Public::Unreachable => Source::Unreachable,
        },
    }
}

/// The status of this device's own queue, where the desk works alone; `None`
/// when there is nobody today.
fn local_status(config: &Config, storage: web::Storage) -> Option<LobbyStatus> {
    let intakes = storage.store()?.intakes();
    let now = web::now();
    let today = now.day();
    intakes
        .iter()
        .any(|i| i.day == today)
        .then(|| lobby_status(&intakes, &today, now.ms, config.board_names))
}

/// What the board has to say: the status, when it is today's and current.
fn current(status: Option<LobbyStatus>) -> Option<LobbyStatus> {
    let now = web::now();
    status.filter(|s| s.lobby.day == now.day() && (now.ms - s.at_ms).abs() <= STALE_MS)
}

/// The same on the board: what it shows, whenever it was written.
fn same(a: &Option<LobbyStatus>, b: &Option<LobbyStatus>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.lobby == b.lobby && a.serving == b.serving && a.next == b.next,
        (None, None) => true,
        _ => false,
    }
}

#[component]
pub fn Board() -> impl IntoView {
    let live = expect_context::<LiveConfig>();
    // Settings saved at a desk (first names on or off) reach the board too.
    live.refresh_every(move |fresh| live.adopt(fresh));
    let storage = web::use_storage();
    let status = RwSignal::new(None::<LobbyStatus>);
    // This device's queue changed in another of its pages (a desk, a kiosk):
    // read again. Decoding every check-in each second would grow with the day.
    let local_changed = StoredValue::new(true);
    let local_read_at = StoredValue::new(i64::MIN);
    let listener = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().is_none_or(|k| k.starts_with("lobby.")) {
            local_changed.set_value(true);
        }
    });
    on_cleanup(move || listener.remove());
    // Read until the page closes, one question at a time.
    leptos::task::spawn_local(async move {
        loop {
            let config = live.current.get_untracked();
            let read = match read_source(&config).await {
                Source::Shared(shared) => shared,
                Source::Alone => {
                    let now = web::now().ms;
                    let due = local_changed.get_value()
                        || now.saturating_sub(local_read_at.get_value()) >= LOCAL_EVERY_MS;
                    if due {
                        local_changed.set_value(false);
                        local_read_at.set_value(now);
                        local_status(&config, storage)
                    } else {
                        status.get_untracked()
                    }
                }
                Source::Unreachable => status.get_untracked(),
            };
            let read = current(read);
            if !status.with_untracked(|s| same(s, &read)) {
                status.try_set(read);
            }
            web::sleep(ASK_EVERY_MS).await;
        }
    });
    let announcement = announcements(status);
    let i = use_i18n();
    view! {
        <main class="board" aria-labelledby="board-title">
            <h1 id="board-title" class="visually-hidden">{i.t("board.title")}</h1>
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="board-announce">
                {move || announcement.get()}
            </p>
            {move || match status.get() {
                Some(s) => view! { <Lobby status=s /> }.into_any(),
                None => view! {
                    <p class="board-idle" data-testid="board-idle">{i.t("board.idle")}</p>
                }
                .into_any(),
            }}
        </main>
    }
}

/// What a screen reader hears when the board changes: each ticket newly
/// called, politely, once.
fn announcements(status: RwSignal<Option<LobbyStatus>>) -> RwSignal<String> {
    let i = use_i18n();
    let said = RwSignal::new(String::new());
    let serving_before = StoredValue::new(None::<Vec<String>>);
    Effect::new(move || {
        let serving: Option<Vec<String>> = status.with(|s| {
            s.as_ref()
                .map(|s| s.serving.iter().map(|c| c.ticket.clone()).collect())
        });
        let before = serving_before.get_value();
        serving_before.set_value(serving.clone());
        // The first status the board has is what it opened on, not news (nor
        // is the first after a time with none).
        let (Some(before), Some(serving)) = (before, serving) else {
            return;
        };
        let called: Vec<String> = serving
            .into_iter()
            .filter(|t| !before.contains(t))
            .collect();
        if !called.is_empty() {
            said.set(i.tw("board.now_called", &[("tickets", &i.list(&called))]));
        }
    });
    said
}

#[component]
fn Lobby(status: LobbyStatus) -> impl IntoView {
    let i = use_i18n();
    let waiting = status.lobby.waiting;
    // More served at once than fit: the last place says how many more.
    let serving_shown = if status.lobby.serving as usize > SERVING_SHOWN {
        SERVING_SHOWN - 1
    } else {
        SERVING_SHOWN
    };
    let next_shown = if status.next.iter().any(|c| c.name.is_some()) {
        NEXT_SHOWN_NAMED
    } else {
        NEXT_SHOWN
    };
    let wait = status.quote_now(&status.lobby.day, status.at_ms);
    let wait_words = match wait {
        Some(Estimate::Next) => i.t("board.wait_next"),
        wait => i.wait_words(wait).unwrap_or_default(),
    };
    view! {
        <section class="board-serving" aria-labelledby="board-serving">
            <h2 id="board-serving">{i.t("board.serving")}</h2>
            <Tickets called=status.serving total=status.lobby.serving shown=serving_shown testid="board-serving" />
        </section>
        <section class="board-next" aria-labelledby="board-next">
            <h2 id="board-next">{i.t("board.next")}</h2>
            <Tickets called=status.next total=waiting shown=next_shown testid="board-next" />
        </section>
        <footer class="board-foot">
            <p data-testid="board-waiting">
                {i.tw_count("board.waiting", waiting.into(), &[("n", &waiting.to_string())])}
            </p>
            <p data-testid="board-wait">
                <span class="board-wait-ask">{i.t("board.wait_ask")}</span>
                " "
                <strong>{wait_words}</strong>
            </p>
        </footer>
    }
}

/// Tickets called, the first `shown` of them as large as the screen allows,
/// the rest of `total` counted.
#[component]
fn Tickets(called: Vec<Called>, total: u32, shown: usize, testid: &'static str) -> impl IntoView {
    let i = use_i18n();
    let shown = shown.min(called.len());
    let more = (total as usize).max(called.len()).saturating_sub(shown);
    if called.is_empty() {
        return view! { <p class="board-none">{i.t("board.none")}</p> }.into_any();
    }
    view! {
        <ol class="board-tickets" data-testid=testid>
            {called
                .into_iter()
                .take(shown)
                .map(|c| view! {
                    <li>
                        <span class="board-ticket">{c.ticket}</span>
                        {c.name.map(|n| view! { <span class="board-name">{n}</span> })}
                    </li>
                })
                .collect_view()}
        </ol>
        {(more > 0).then(|| view! {
            <p class="board-more">{i.tw("board.more", &[("n", &more.to_string())])}</p>
        })}
    }
    .into_any()
}
