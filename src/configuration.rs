//! Where the business's configuration comes from, and how a running page takes
//! up a new one. The shop's server serves `/kiosk.json` from what a desk saved
//! in Settings (else the build's file); a device without a server keeps what its
//! desk saved in its own storage, in place of the file. A page fetches it again
//! every little while and takes up what changed when it is at rest: a kiosk at
//! its next Welcome, a desk within a minute (its queue is drawn again, as for a new
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

thread_local! {
    /// The form of the configuration the page started on (see `Fetched::key`).
    static STARTED_ON: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Reads the configuration: `kiosk.json` fresh from the server (never a stale
/// cached copy), with the settings saved on this device in its place. When it
/// cannot be used, the configuration this device last used is, with the fault:
/// a broken file does not lock the desk out of today's queue, nor stop the kiosk.
pub async fn load_config(storage: Storage) -> Result<(Config, Option<ConfigError>), ConfigError> {
    match fetch_config(storage).await {
        Ok(fetched) => {
            STARTED_ON.with(|k| *k.borrow_mut() = fetched.key);
            Ok((fetched.config, None))
        }
        Err(fault) => match last_good(storage) {
            Some(config) => {
                load_language(&config).await;
                Ok((config, Some(fault)))
            }
            None => Err(fault),
        },
    }
}

/// The last `kiosk.json` this device could use.
fn last_good(storage: Storage) -> Option<Config> {
    storage
        .setting(LAST_GOOD_CONFIG)
        .and_then(|text| usable(&text))
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

/// A configuration read, and its form: the texts it was read from. Two reads of
/// the same form are the same configuration (compared without code to compare
/// configurations in the kiosk's download).
struct Fetched {
    config: Config,
    key: String,
}

/// The configuration in force for this device, read and checked, its language
/// loaded. Settings saved on this device replace the file's, but for what is
/// the device's own or the desk's (its sync, the PIN's hash), which the file
/// keeps, or, should it not come, the last good copy of it. Boxed: awaited at
/// start-up and at each refresh, one copy of it serves both.
fn fetch_config(
    storage: Storage,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Fetched, ConfigError>>>> {
    Box::pin(async move {
        let file = fetch_file().await;
        let (config, key) = match storage.setting(SAVED_HERE) {
            None => {
                let text = file?;
                let config = read(&text).await?;
                storage.set_setting(LAST_GOOD_CONFIG, &text);
                (config, text)
            }
            Some(saved) => {
                let mut config = read(&saved).await?;
                let own = match file {
                    Ok(text) => usable(&text).inspect(|_| {
                        storage.set_setting(LAST_GOOD_CONFIG, &text);
                    }),
                    Err(_) => None,
                }
                .or_else(|| last_good(storage));
                if let Some(own) = own {
                    config.sync = own.sync;
                    config.desk_pin_hash = own.desk_pin_hash;
                }
                let key = format!("{saved}\n{}", config.desk_pin_hash);
                (config, key)
            }
        };
        load_language(&config).await;
        Ok(Fetched { config, key })
    })
}

/// The configuration in `text`, or what is wrong with it, naming the field. In
/// the kiosk's page the code that says what is wrong is a part of its own
/// (scripts/split.mjs), fetched only for a configuration that cannot be used:
/// about 5 KB less to download before the kiosk starts. The other pages read it
/// in one go (a second reading of every field would make theirs larger).
async fn read(text: &str) -> Result<Config, ConfigError> {
    #[cfg(feature = "split")]
    return match Config::read(text) {
        Ok(config) => Ok(config),
        Err(Some(fault)) => Err(fault),
        Err(None) => Err(match fetch_fault_in().await {
            Ok(fault_in) => fault_in(text),
            // Offline before the part was ever kept: the file still cannot be used.
            Err(_) => ConfigError {
                field: CONFIG_PATH.trim_start_matches('/').into(),
                message: "cannot be used; what is wrong shows once this device is online".into(),
                at: None,
            },
        }),
    };
    #[cfg(not(feature = "split"))]
    Config::from_json(text)
}

/// The configuration in `text` when it can be used, whatever is wrong with it otherwise.
fn usable(text: &str) -> Option<Config> {
    #[cfg(feature = "split")]
    return Config::read(text).ok();
    #[cfg(not(feature = "split"))]
    Config::from_json(text).ok()
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(config_fault, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_fault_in() -> Result<fn(&str) -> ConfigError, web::PartMissing> {
    Ok(|text| {
        Config::from_json(text)
            .err()
            .unwrap_or_else(|| ConfigError {
                field: String::new(),
                message: "could not be read".into(),
                at: None,
            })
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
    /// The form of `current`, and of the newer one offered last.
    seen: StoredValue<String>,
    offered: StoredValue<String>,
    storage: Storage,
}

impl LiveConfig {
    pub fn provide(config: Config, storage: Storage) -> LiveConfig {
        let started_on = STARTED_ON.with(|k| k.borrow().clone());
        let live = LiveConfig {
            current: RwSignal::new(config),
            seen: StoredValue::new(started_on.clone()),
            offered: StoredValue::new(started_on),
            storage,
        };
        provide_context(live);
        live
    }

    /// Asks for the configuration again; `adopt` is called with a newer one that
    /// can be used (one that cannot is left aside: the page keeps what it has).
    pub fn refresh(self, adopt: impl FnOnce(Config) + 'static) {
        leptos::task::spawn_local(async move {
            let Ok(fresh) = fetch_config(self.storage).await else {
                return;
            };
            if self.seen.try_with_value(|seen| *seen == fresh.key) != Some(false) {
                return;
            }
            self.offered.set_value(fresh.key);
            adopt(fresh.config);
        });
    }

    /// Refreshes every little while, for as long as the calling component lives.
    pub fn refresh_every(self, adopt: impl Fn(Config) + Clone + 'static) {
        web::every(REFRESH, move || self.refresh(adopt.clone()));
    }

    /// Takes up `config` now (the one offered last, or one saved here), with the
    /// sync this device has.
    pub fn adopt(self, mut config: Config) {
        config.sync = self.current.with_untracked(|c| c.sync.clone());
        web::document::set_brand(
            &config.business.name,
            &config.business.color,
            config.on_brand_color(),
        );
        self.seen.set_value(self.offered.get_value());
        self.current.set(config);
    }

    /// Keeps settings saved at a desk with no shop's server on this device, in
    /// place of kiosk.json's (not the PIN's hash: the PIN is kept apart, see
    /// `desk::desk_pin`); false when storage refused them.
    pub fn save_here(self, config: &Config) -> bool {
        let mut settings = config.clone();
        settings.desk_pin_hash.clear();
        self.storage.set_setting(SAVED_HERE, &settings.to_json())
    }

    /// Goes back to kiosk.json on this device.
    pub fn forget_saved_here(self) {
        self.storage.remove_setting(SAVED_HERE);
    }

    pub fn saved_here(self) -> bool {
        self.storage.setting(SAVED_HERE).is_some()
    }
}
