//! Where the business's configuration comes from, and how a running page takes
//! up a new one. The shop's server serves `/kiosk.json` from what a desk saved
//! in Settings (else the build's file); a device without a server keeps what its
//! desk saved in its own storage, in place of the file. A page fetches it again
//! every little while and takes up what changed when it is at rest: a kiosk at
//! its next Welcome, a desk at once (its screens are drawn again, as for a new
//! language).
use std::time::Duration;

use leptos::prelude::*;

use crate::domain::config::{Config, ConfigError};
use crate::i18n;
use crate::web::{self, Storage};

/// Where the last configuration that could be used is kept on this device.
const LAST_GOOD_CONFIG: &str = "lobby.config.last_good";
/// Settings saved at a desk with no shop's server: they replace kiosk.json here.
pub const SAVED_HERE: &str = "lobby.config.saved_here";
/// The configuration's file, as served beside the app.
pub const CONFIG_PATH: &str = "/kiosk.json";
/// How often a running page asks for the configuration again.
const REFRESH: Duration = Duration::from_secs(60);

/// Reads the configuration: saved on this device, else `kiosk.json` fresh from
/// the server (never a stale cached copy). When it cannot be used, the
/// configuration this device last used is, with the fault: a broken file does not
/// lock the desk out of today's queue, nor stop the kiosk.
pub async fn load_config(storage: Storage) -> Result<(Config, Option<ConfigError>), ConfigError> {
    match fetch_config(storage).await {
        Ok(config) => Ok((config, None)),
        Err(fault) => match storage
            .setting(LAST_GOOD_CONFIG)
            .and_then(|text| Config::from_json(&text).ok())
        {
            Some(config) => {
                load_language(&config).await;
                Ok((config, Some(fault)))
            }
            None => Err(fault),
        },
    }
}

/// The business's language is shown from the first screen. Should its words not
/// arrive, the page speaks English rather than not start.
async fn load_language(config: &Config) {
    if let Some(lang) = i18n::code(&config.business.language) {
        if let Err(e) = i18n::load(lang).await {
            leptos::logging::warn!("{e}");
        }
    }
}

/// The configuration in force for this device, read and checked, its language
/// loaded, and kept as the last good one. Boxed: awaited at start-up and at
/// each refresh, one copy of it serves both (the kiosk's download is smaller).
fn fetch_config(
    storage: Storage,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Config, ConfigError>>>> {
    Box::pin(async move {
        let text = match storage.setting(SAVED_HERE) {
            Some(saved) => saved,
            None => fetch_file().await?,
        };
        let config = Config::from_json(&text)?;
        load_language(&config).await;
        storage.set_setting(LAST_GOOD_CONFIG, &text);
        Ok(config)
    })
}

/// `/kiosk.json` as served.
async fn fetch_file() -> Result<String, ConfigError> {
    let unreachable = |detail: String| ConfigError {
        field: String::new(),
        message: detail,
        at: None,
    };
    let response = gloo_net::http::Request::get(CONFIG_PATH)
        .cache(web_sys::RequestCache::NoCache)
        .send()
        .await
        .map_err(|e| unreachable(e.to_string()))?;
    if !response.ok() {
        return Err(unreachable(format!("HTTP {}", response.status())));
    }
    response
        .text()
        .await
        .map_err(|e| unreachable(e.to_string()))
}

/// The configuration this page runs on, which a newer one may replace.
#[derive(Clone, Copy)]
pub struct LiveConfig {
    pub current: RwSignal<Config>,
    storage: Storage,
}

impl LiveConfig {
    pub fn provide(config: Config, storage: Storage) -> LiveConfig {
        let live = LiveConfig {
            current: RwSignal::new(config),
            storage,
        };
        provide_context(live);
        live
    }

    /// Asks for the configuration again; `adopt` is called with a newer one that
    /// can be used (one that cannot is left aside: the page keeps what it has).
    /// It carries this device's sync, which the configuration never holds: two
    /// configurations differ only where the settings do.
    pub fn refresh(self, adopt: impl FnOnce(Config) + 'static) {
        leptos::task::spawn_local(async move {
            let Ok(mut fresh) = fetch_config(self.storage).await else {
                return;
            };
            let Some(newer) = self.current.try_with_untracked(|c| {
                fresh.sync = c.sync.clone();
                *c != fresh
            }) else {
                return;
            };
            if newer {
                adopt(fresh);
            }
        });
    }

    /// Refreshes every little while, for as long as the calling component lives.
    pub fn refresh_every(self, adopt: impl Fn(Config) + Clone + 'static) {
        web::every(REFRESH, move || self.refresh(adopt.clone()));
    }

    /// Takes up `config` now, with the sync this device has (the configuration
    /// never carries a device's own account).
    pub fn adopt(self, mut config: Config) {
        config.sync = self.current.with_untracked(|c| c.sync.clone());
        web::document::set_brand(
            &config.business.name,
            &config.business.color,
            config.on_brand_color(),
        );
        self.current.set(config);
    }

    /// Keeps settings saved at a desk with no shop's server on this device, in
    /// place of kiosk.json; false when storage refused them.
    pub fn save_here(self, config: &Config) -> bool {
        let text = config.to_json();
        self.storage.set_setting(SAVED_HERE, &text) && {
            self.storage.set_setting(LAST_GOOD_CONFIG, &text);
            true
        }
    }

    /// Goes back to kiosk.json on this device.
    pub fn forget_saved_here(self) {
        self.storage.remove_setting(SAVED_HERE);
    }

    pub fn saved_here(self) -> bool {
        self.storage.setting(SAVED_HERE).is_some()
    }
}
