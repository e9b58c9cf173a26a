//! The desk PIN's hash and where it lives: on a desk paired with the shop's
//! server, the server keeps it (no kiosk is given it) and this desk a copy, so
//! that it unlocks while the server is away; on a desk without one, kiosk.json's,
//! replaced by one set on this device. Changing it names the hash it replaces:
//! two desks changing it at once never undo each other without being told.
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::server::{own_account, pin_hash_from_server, Refused};
use crate::domain::config::Config;
use crate::store::DESK_PIN_HASH_KEY;
use crate::web::{self, Storage};

/// A PIN set on a desk without the shop's server, in place of kiosk.json's.
const LOCAL_PIN_KEY: &str = "lobby.desk.pin_local";

#[derive(Serialize, Deserialize)]
struct LocalPin {
    /// kiosk.json's hash when this one was set: should the file's change, the file wins.
    replaces: String,
    pin_hash: String,
}

/// Why a new PIN was not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PinNotChanged {
    /// Another desk changed it meanwhile: the one in use now is that one.
    ChangedElsewhere,
    /// The shop's server did not answer, or refused.
    Unreachable,
}

#[derive(Clone, Copy)]
pub struct DeskPin {
    pub hash: RwSignal<String>,
    /// On while the server is asked for the hash.
    pub fetching: RwSignal<bool>,
    /// The desk was opened with the README's sample PIN.
    pub sample_in_use: RwSignal<bool>,
    file_hash: StoredValue<String>,
    storage: Storage,
}

impl DeskPin {
    pub fn provide(config: &Config, storage: Storage) -> DeskPin {
        let pin = DeskPin {
            hash: RwSignal::new(String::new()),
            fetching: RwSignal::new(false),
            sample_in_use: RwSignal::new(false),
            file_hash: StoredValue::new(config.desk_pin_hash.clone()),
            storage,
        };
        if config.desk_pin_hash.is_empty() {
            // The copy kept here until the server's arrives (`refresh`).
            if let Some(kept) = storage.setting(DESK_PIN_HASH_KEY) {
                pin.hash.set(kept);
            }
        } else {
            let local = storage
                .setting(LOCAL_PIN_KEY)
                .and_then(|text| serde_json::from_str::<LocalPin>(&text).ok())
                .filter(|l| l.replaces == config.desk_pin_hash);
            pin.hash
                .set(local.map_or(config.desk_pin_hash.clone(), |l| l.pin_hash));
        }
        provide_context(pin);
        pin
    }

    /// Asks the shop's server for the PIN's hash (when the PIN is kept there):
    /// each time the desk locks, so that a PIN changed at another desk is the
    /// one asked for.
    pub fn refresh(self) {
        if !self.file_hash.with_value(String::is_empty) {
            return;
        }
        let Some(desk) = own_account(self.storage) else {
            return;
        };
        self.fetching.set(true);
        leptos::task::spawn_local(async move {
            if let Some(fresh) = pin_hash_from_server(&desk).await {
                self.storage.set_setting(DESK_PIN_HASH_KEY, &fresh);
                self.hash.set(fresh);
            }
            self.fetching.set(false);
        });
    }

    /// Keeps `new_hash` in place of the hash in use now.
    pub async fn change(self, new_hash: String) -> Result<(), PinNotChanged> {
        let replaces = self.hash.get_untracked();
        if self.file_hash.with_value(String::is_empty) {
            let desk = own_account(self.storage).ok_or(PinNotChanged::Unreachable)?;
            let body = serde_json::json!({ "pin_hash": new_hash, "replaces": replaces });
            match super::server::api(&desk, "PUT", "desk", Some(body.to_string())).await {
                Ok(_) => {}
                Err(Refused {
                    status: 409, body, ..
                }) => {
                    if let Some(there) = serde_json::from_str::<serde_json::Value>(&body)
                        .ok()
                        .and_then(|v| v["pin_hash"].as_str().map(str::to_string))
                        .filter(|h| crate::domain::pin::is_valid_hash(h))
                    {
                        self.storage.set_setting(DESK_PIN_HASH_KEY, &there);
                        self.hash.set(there);
                    }
                    return Err(PinNotChanged::ChangedElsewhere);
                }
                Err(_) => return Err(PinNotChanged::Unreachable),
            }
            self.storage.set_setting(DESK_PIN_HASH_KEY, &new_hash);
        } else {
            let local = LocalPin {
                replaces: self.file_hash.get_value(),
                pin_hash: new_hash.clone(),
            };
            let text = serde_json::to_string(&local).unwrap_or_default();
            if !self.storage.set_setting(LOCAL_PIN_KEY, &text) {
                return Err(PinNotChanged::Unreachable);
            }
        }
        self.hash.set(new_hash);
        Ok(())
    }

    /// After an unlock with `pin`: a hash of an older form is replaced by today's
    /// (quietly: should it fail, the next unlock tries again), and the sample PIN
    /// is noticed.
    pub fn unlocked_with(self, pin: String) {
        self.sample_in_use
            .set(pin == crate::domain::pin::SAMPLE_PIN);
        if !crate::domain::pin::needs_rehash(&self.hash.get_untracked()) {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Some(new_hash) = web::pin::hash_new(&pin).await {
                if let Err(e) = self.change(new_hash).await {
                    leptos::logging::warn!("the PIN's hash was not replaced: {e:?}");
                }
            }
        });
    }
}
