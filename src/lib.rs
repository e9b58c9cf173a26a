//! Lobby: a front-desk intake kiosk. The customer says what matters today; the desk
//! gets a short brief. Data flows one way: taps -> draft -> intake -> store -> brief.
pub mod desk;
pub mod domain;
pub mod i18n;
pub mod kiosk;
pub mod store;
pub mod sync;
pub mod ui;
pub mod web;

use leptos::prelude::*;

use domain::config::{Config, ConfigError};
use ui::{focused_heading, use_i18n, I18n};

/// Reads `kiosk.json` fresh from the server (never a stale cached copy).
async fn load_config() -> Result<Config, ConfigError> {
    let unreachable = |detail: String| ConfigError {
        field: String::new(),
        message: detail,
    };
    let response = gloo_net::http::Request::get("/kiosk.json")
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(unreachable(format!("HTTP {}", response.status())));
    }
    let text = response
        .text()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    let config = Config::from_json(&text)?;
    // The business's language is shown from the first screen. Should its words
    // not arrive, the page speaks English rather than not start.
    if let Some(lang) = i18n::code(&config.business.language) {
        if let Err(e) = i18n::load(lang).await {
            leptos::logging::warn!("{e}");
        }
    }
    Ok(config)
}

/// One of the two programs: what it draws, and how it shares with the database.
#[derive(Clone, Copy)]
pub struct Page {
    pub view: fn() -> AnyView,
    pub sync: fn(&domain::config::SyncConfig) -> sync::SyncLink,
    /// English words of this page's own, beyond those every page has.
    pub words: &'static str,
}

/// The customer's page, at `/`.
pub const KIOSK: Page = Page {
    view: kiosk_page,
    sync: sync::SyncLink::start_kiosk,
    words: "",
};

/// The staff's page, at `/desk`.
pub const DESK: Page = Page {
    view: desk_page,
    sync: sync::SyncLink::start_desk,
    words: i18n::ENGLISH_DESK,
};

/// The kiosk and the desk are two programs, each its own page and download: a
/// customer's tablet never loads the desk's code. `page` is the one this is.
pub fn start(page: Page) {
    console_error_panic_hook::set_once();
    i18n::add_english(page.words);
    web::service_worker::register();
    mount_to_body(move || view! { <App page /> });
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

#[component]
pub fn App(page: Page) -> impl IntoView {
    let i = I18n::provide("en");
    // Loaded once, with a plain task and signal: a LocalResource would bring
    // Leptos's async machinery (Suspense, transitions) into the download for this
    // one load, about 9 KB compressed.
    let config = RwSignal::new(None);
    leptos::task::spawn_local(async move { config.set(Some(load_config().await)) });
    move || match config.get() {
        None => view! { <p class="loading" role="status">{i.t("app.loading")}</p> }.into_any(),
        Some(Err(e)) => view! { <ConfigProblem error=e /> }.into_any(),
        Some(Ok(c)) => view! { <Configured config=c page /> }.into_any(),
    }
}

/// The app once the business's configuration is known: its name and colour, and the page.
#[component]
fn Configured(config: Config, page: Page) -> impl IntoView {
    let name = config.business.name.clone();
    web::document::set_brand(&name, &config.business.color, config.on_brand_color());
    // The business's language until someone picks another (a kiosk visit, the desk).
    let lang = i18n::starting_language(&config.business.language);
    use_i18n().lang.set(lang);
    web::document::set_page_language(lang);
    web::storage::provide_storage();
    if let Some(sync) = &config.sync {
        provide_context((page.sync)(sync));
    }
    provide_context(config);
    view! {
        <div class="app">
            <header class="brandbar">
                <span class="business">{name}</span>
            </header>
            {(page.view)()}
        </div>
    }
}

/// A configuration that cannot be used: say what is wrong, plainly, instead of a blank page.
#[component]
fn ConfigProblem(error: ConfigError) -> impl IntoView {
    let i = use_i18n();
    let heading = focused_heading();
    let detail = if error.field.is_empty() && !error.message.contains("line") {
        i.tw("config.unreachable", &[("detail", &error.message)])
    } else {
        error.to_string()
    };
    view! {
        <main class="problem">
            <h1 tabindex="-1" node_ref=heading>{i.t("config.problem_title")}</h1>
            <p class="lead">{i.t("config.problem_body")}</p>
            <h2>{i.t("config.problem_field")}</h2>
            <p class="error-detail" data-testid="config-error"><code>{detail}</code></p>
            <p class="hint">{i.t("config.fix_hint")}</p>
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
