//! Lobby: a front-desk intake kiosk. The customer says what matters today; the desk
//! gets a short brief. Data flows one way: taps -> draft -> intake -> store -> brief.
pub mod board;
pub mod configuration;
pub mod desk;
pub mod domain;
pub mod i18n;
pub mod kiosk;
pub mod pairing;
pub mod store;
pub mod sync;
pub mod ui;
pub mod web;

use leptos::prelude::*;

use domain::config::{Config, ConfigError};
use ui::{focused_heading, use_i18n, I18n};

/// The configuration's file as this page reads it: `https://shop.example/kiosk.json`.
fn config_address() -> String {
    format!("{}/kiosk.json", web::document::origin())
}

/// A fault in `kiosk.json` said in words: what, and where in the file.
pub fn config_fault_words(i: I18n, error: &ConfigError) -> String {
    match error.at {
        Some((line, column)) => i.tw(
            "config.syntax",
            &[
                ("detail", &error.message),
                ("line", &line.to_string()),
                ("column", &column.to_string()),
            ],
        ),
        None if error.field.is_empty() && !error.message.contains("line") => {
            i.tw("config.unreachable", &[("detail", &error.message)])
        }
        None => error.to_string(),
    }
}

/// The fault of a `kiosk.json` that could not be used while the page runs on the
/// configuration it last used: the desk says so.
#[derive(Clone, Debug)]
pub struct ConfigFault(pub Option<ConfigError>);

/// One of the three programs: what it draws, and how it shares with the database.
#[derive(Clone, Copy)]
pub struct Page {
    pub view: fn() -> AnyView,
    /// The part a device paired for this page plays.
    pub role: domain::config::SyncRole,
    /// How it shares check-ins, and the screen a pairing link opens; `None`
    /// for a page that shares none and is never paired (the lobby board,
    /// whose download then holds neither).
    pub sync: Option<Sharing>,
    /// English words of this page's own, beyond those every page has.
    pub words: &'static str,
}

/// How a page that shares check-ins does it, and is paired.
#[derive(Clone, Copy)]
pub struct Sharing {
    pub start: fn(&domain::config::SyncConfig) -> sync::SyncLink,
    /// The pairing screen, for the code of the link the page was opened with.
    pub pairing: fn(String, domain::config::SyncRole) -> AnyView,
}

fn pairing_screen(code: String, page: domain::config::SyncRole) -> AnyView {
    view! { <pairing::Pairing code page /> }.into_any()
}

/// The customer's page, at `/`.
pub const KIOSK: Page = Page {
    view: kiosk_page,
    role: domain::config::SyncRole::Kiosk,
    sync: Some(Sharing {
        start: sync::SyncLink::start_kiosk,
        pairing: pairing_screen,
    }),
    words: "",
};

/// The staff's page, at `/desk`.
pub const DESK: Page = Page {
    view: desk_page,
    role: domain::config::SyncRole::Desk,
    sync: Some(Sharing {
        start: sync::SyncLink::start_desk,
        pairing: pairing_screen,
    }),
    words: i18n::ENGLISH_DESK,
};

/// The lobby's board, at `/board`: tickets and the wait, for a screen in the room.
pub const BOARD: Page = Page {
    view: board_page,
    // Never paired: a kiosk's pairing on the same device says where its
    // shop's server is, and the board asks that server only what anyone may.
    role: domain::config::SyncRole::Kiosk,
    sync: None,
    words: i18n::ENGLISH_BOARD,
};

/// The kiosk, the desk and the board are three programs, each its own page and
/// download: a customer's tablet never loads the desk's code. `page` is the one
/// this is.
pub fn start(page: Page) {
    web::fault::install();
    i18n::add_english(page.words);
    // Before anything is drawn: a pairing link's secret leaves the address bar.
    let pairing = web::document::take_pairing_fragment()
        .and_then(|fragment| domain::pairing::code_in_fragment(&fragment))
        .filter(|_| page.sync.is_some());
    web::service_worker::register();
    mount_to_body(move || view! { <App page pairing=pairing.clone() /> });
}

/// The kiosk's page, at `/`; any other address is not a page of the kiosk.
fn kiosk_page() -> AnyView {
    let path = web::document::path();
    if path == "/" || path == "/index.html" {
        view! { <kiosk::Kiosk /> }.into_any()
    } else {
        view! { <NotFound /> }.into_any()
    }
}

fn desk_page() -> AnyView {
    view! { <desk::Desk /> }.into_any()
}

fn board_page() -> AnyView {
    view! { <board::Board /> }.into_any()
}

/// `pairing`: the code of the pairing link this page was opened with.
#[component]
pub fn App(page: Page, #[prop(default = None)] pairing: Option<String>) -> impl IntoView {
    let i = I18n::provide("en");
    // Loaded once, with a plain task and signal: a LocalResource would bring
    // Leptos's async machinery (Suspense, transitions) into the download for this
    // one load, about 9 KB compressed.
    let config = RwSignal::new(None);
    let storage = web::storage::provide_storage();
    leptos::task::spawn_local(async move {
        config.set(Some(configuration::load_config(storage).await))
    });
    move || match config.get() {
        None => view! { <p class="loading" role="status">{i.t("app.loading")}</p> }.into_any(),
        Some(result) => {
            // The kiosk's Welcome written into the page by the build stood in
            // until now: what is drawn here replaces it in this same task.
            web::document::remove_prerendered();
            match result {
                Err(e) => view! { <ConfigProblem error=e /> }.into_any(),
                Ok((c, fault)) => {
                    provide_context(ConfigFault(fault));
                    view! { <Configured config=c page pairing=pairing.clone() /> }.into_any()
                }
            }
        }
    }
}

/// This device's sync: the account it was paired with, else kiosk.json's `sync`.
fn sync_of(
    config: &Config,
    page: Page,
    storage: web::Storage,
) -> Option<domain::config::SyncConfig> {
    storage
        .setting(domain::pairing::storage_key(page.role))
        .and_then(|text| domain::pairing::sync_from_stored(&text, &web::document::origin()))
        .or_else(|| config.sync.clone())
}

/// The app once the business's configuration is known: its name and colour, and
/// the page, or the pairing screen when it was opened by a pairing link.
#[component]
fn Configured(mut config: Config, page: Page, pairing: Option<String>) -> impl IntoView {
    // The sync this device really has, for every reader of the configuration
    // (a kiosk's ticket letter, say); none while it is being paired.
    config.sync = match pairing {
        Some(_) => None,
        None => sync_of(&config, page, web::use_storage()),
    };
    web::document::set_brand(
        &config.business.name,
        &config.business.color,
        config.on_brand_color(),
    );
    // The business's language until someone picks another (a kiosk visit, the desk).
    let lang = i18n::starting_language(&config.business.language);
    use_i18n().lang.set(lang);
    web::document::set_page_language(lang);
    if let (Some(sync), Some(sharing)) = (&config.sync, page.sync) {
        provide_context((sharing.start)(sync));
    }
    provide_context(config.clone());
    // The configuration a newer one may replace while the page runs.
    let live = configuration::LiveConfig::provide(config, web::use_storage());
    let name = move || live.current.with(|c| c.business.name.clone());
    let shown = match pairing.zip(page.sync) {
        Some((code, sharing)) => (sharing.pairing)(code, page.role),
        None => (page.view)(),
    };
    view! {
        <div class="app">
            <header class="brandbar">
                <span class="business">{name}</span>
            </header>
            {shown}
        </div>
    }
}

/// A configuration that cannot be used: say what is wrong, plainly, instead of a blank page.
#[component]
fn ConfigProblem(error: ConfigError) -> impl IntoView {
    let i = use_i18n();
    let heading = focused_heading();
    let detail = config_fault_words(i, &error);
    view! {
        <main class="problem">
            <h1 tabindex="-1" node_ref=heading>{i.t("config.problem_title")}</h1>
            <p class="lead">{i.t("config.problem_body")}</p>
            <h2>{i.t("config.problem_field")}</h2>
            <p class="error-detail" data-testid="config-error"><code>{detail}</code></p>
            <p class="hint">{i.tw("config.fix_hint", &[("file", &config_address())])}</p>
        </main>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    let i = use_i18n();
    view! {
        <main class="problem">
            <h1>{i.t("app.not_found")}</h1>
            <a class="primary" href="/">{i.t("app.go_kiosk")}</a>
        </main>
    }
}
