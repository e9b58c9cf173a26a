//! The lobby board, at `/board`: for a TV or a second screen in the lobby. Who
//! is being served, who is next, how many wait and the honest wait, by ticket
//! (with a first name only where the business turns names on). It shows
//! nothing private, so it needs no PIN and no account: it reads the status a
//! desk keeps (`/api/lobby` on the shop's server), or the queue itself on the
//! desk's own device.
use leptos::prelude::*;

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

/// The status to show: from the database through the shop's server (or the
/// database itself, for a board configured with one), else from this device's
/// own queue, where the desk works alone. `None`: nobody keeps it.
async fn read_status(config: &Config, storage: web::Storage) -> Option<LobbyStatus> {
    let shared = match &config.sync {
        Some(sync) => crate::sync::status::read(sync).await,
        None => crate::sync::status::read_public().await,
    };
    shared.or_else(|| {
        let intakes = storage.store()?.intakes();
        let now = web::now();
        let today = now.day();
        intakes
            .iter()
            .any(|i| i.day == today)
            .then(|| lobby_status(&intakes, &today, now.ms, config.board_names))
    })
}

/// What the board has to say: the status, when it is today's and current.
fn current(status: Option<LobbyStatus>) -> Option<LobbyStatus> {
    let now = web::now();
    status.filter(|s| s.lobby.day == now.day() && (now.ms - s.at_ms).abs() <= STALE_MS)
}

#[component]
pub fn Board() -> impl IntoView {
    let config = expect_context::<Config>();
    let storage = web::use_storage();
    let status = RwSignal::new(None::<LobbyStatus>);
    // Read until the page closes, one question at a time.
    leptos::task::spawn_local(async move {
        loop {
            let read = current(read_status(&config, storage).await);
            if status.with_untracked(|s| *s != read) {
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
        let serving: Vec<String> = status.with(|s| {
            s.iter()
                .flat_map(|s| &s.serving)
                .map(|c| c.ticket.clone())
                .collect()
        });
        let before = serving_before.get_value();
        serving_before.set_value(Some(serving.clone()));
        // The first reading is what the board opened on, not news.
        let Some(before) = before else { return };
        let called: Vec<String> = serving
            .into_iter()
            .filter(|t| !before.contains(t))
            .collect();
        if !called.is_empty() {
            said.set(i.tw("board.now_called", &[("tickets", &called.join(", "))]));
        }
    });
    said
}

#[component]
fn Lobby(status: LobbyStatus) -> impl IntoView {
    let i = use_i18n();
    let waiting = status.lobby.waiting;
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
            <Tickets called=status.serving shown=SERVING_SHOWN testid="board-serving" />
        </section>
        <section class="board-next" aria-labelledby="board-next">
            <h2 id="board-next">{i.t("board.next")}</h2>
            <Tickets called=status.next shown=next_shown testid="board-next" />
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
/// the rest counted.
#[component]
fn Tickets(called: Vec<Called>, shown: usize, testid: &'static str) -> impl IntoView {
    let i = use_i18n();
    let more = called.len().saturating_sub(shown);
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
