//! What Settings edits and where it saves: the configuration as a draft, beside
//! the one it started from. With the shop's server, saved there over the
//! revision the desk read (another desk saving first is told, never overwritten
//! silently); without one, saved on this device in place of kiosk.json.
use leptos::prelude::*;
use serde::Deserialize;

use super::super::server::{api, own_account, Refused};
use crate::configuration::LiveConfig;
use crate::domain::config::{Config, ConfigError};
use crate::domain::settings::merge;
use crate::web::{self, Storage};

/// What another desk saved while this one was editing.
#[derive(Clone, Debug, PartialEq)]
pub struct Theirs {
    pub config: Config,
    pub rev: String,
    pub by: Option<String>,
    pub at_ms: Option<i64>,
}

/// Where Settings is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    /// The settings could not be read: why, in the server's words.
    Unreadable(String),
    Editing,
    /// Shown as they will be, before saving.
    Previewing,
    Saving,
    /// Another desk saved first.
    Conflict(Box<Theirs>),
    /// Not saved: why, in the server's words.
    NotSaved(String),
    /// This device's storage refused them (full, or none).
    NotKeptHere,
    Saved,
}

/// The settings as the shop's server gives them to a desk.
#[derive(Deserialize)]
struct Served {
    rev: String,
    config: serde_json::Value,
    #[serde(default)]
    saved_by: Option<String>,
    #[serde(default)]
    saved_ms: Option<i64>,
}

impl Served {
    fn theirs(self) -> Result<Theirs, ConfigError> {
        Ok(Theirs {
            config: Config::from_json(&self.config.to_string())?,
            rev: self.rev,
            by: self.saved_by,
            at_ms: self.saved_ms,
        })
    }
}

/// Settings' state, above the screens that are drawn again for a new language
/// or a new configuration: a draft survives both.
#[derive(Clone, Copy)]
pub struct SettingsState {
    /// Settings is on screen, in place of the queue.
    pub open: RwSignal<bool>,
    /// What is being edited; `None` until read.
    pub draft: RwSignal<Option<Config>>,
    /// What it started from (or was last saved as): the preview's "before".
    pub base: RwSignal<Option<Config>>,
    pub phase: RwSignal<Phase>,
    /// The draft's first fault, by the rules kiosk.json keeps: checked once a
    /// change, however many controls ask.
    fault: Memo<Option<ConfigError>>,
    /// The server's revision of `base`, `""` while none was ever saved.
    rev: StoredValue<String>,
    live: LiveConfig,
    storage: Storage,
}

impl SettingsState {
    pub fn provide(live: LiveConfig, storage: Storage) -> SettingsState {
        let draft = RwSignal::new(None::<Config>);
        let state = SettingsState {
            open: RwSignal::new(false),
            draft,
            base: RwSignal::new(None),
            phase: RwSignal::new(Phase::Loading),
            fault: Memo::new(move |_| draft.with(|d| d.as_ref().and_then(|c| c.validate().err()))),
            rev: StoredValue::new(String::new()),
            live,
            storage,
        };
        provide_context(state);
        state
    }

    /// Paired with the shop's server, which keeps the settings for every device.
    pub fn shared(self) -> bool {
        own_account(self.storage).is_some()
    }

    /// Opens Settings on the configuration in force now.
    pub fn open(self) {
        self.open.set(true);
        if self.draft.with_untracked(Option::is_none) {
            self.load();
        }
    }

    /// Back to the queue; the draft is kept for the next time, unless saved.
    pub fn close(self) {
        if self.phase.get_untracked() == Phase::Saved {
            self.draft.set(None);
        }
        self.open.set(false);
    }

    /// Reads the settings afresh, dropping the draft.
    pub fn load(self) {
        self.phase.set(Phase::Loading);
        let Some(desk) = own_account(self.storage) else {
            let mut here = self.live.current.get_untracked();
            here.sync = None;
            self.start_from(here, String::new());
            return;
        };
        leptos::task::spawn_local(async move {
            let answer = api(&desk, "GET", "settings", None).await;
            let read = answer.map_err(|r| r.reason).and_then(|text| {
                serde_json::from_str::<Served>(&text)
                    .map_err(|e| e.to_string())?
                    .theirs()
                    .map_err(|e| e.to_string())
            });
            match read {
                Ok(theirs) => self.start_from(theirs.config, theirs.rev),
                Err(reason) => self.phase.set(Phase::Unreadable(reason)),
            }
        });
    }

    fn start_from(self, config: Config, rev: String) {
        self.rev.set_value(rev);
        self.base.set(Some(config.clone()));
        self.draft.set(Some(config));
        self.phase.set(Phase::Editing);
    }

    /// Changes the draft (nothing to change before it is read).
    pub fn edit(self, change: impl FnOnce(&mut Config)) {
        self.draft.update(|d| {
            if let Some(config) = d {
                change(config);
            }
        });
        // A preview shows the draft as it was: changed, it is previewed again.
        if matches!(
            self.phase.get_untracked(),
            Phase::Saved | Phase::NotSaved(_) | Phase::NotKeptHere | Phase::Previewing
        ) {
            self.phase.set(Phase::Editing);
        }
    }

    /// The first fault of the draft, by the rules kiosk.json keeps.
    pub fn fault(self) -> Option<ConfigError> {
        self.fault.get()
    }

    /// Whether the draft's first fault is in `field`.
    pub fn fault_is(self, field: &str) -> bool {
        self.fault
            .with(|f| f.as_ref().is_some_and(|f| f.field == field))
    }

    /// Saves the draft: for every device, or on this one.
    pub fn save(self) {
        let Some(config) = self.draft.get_untracked() else {
            return;
        };
        if self.phase.get_untracked() == Phase::Saving {
            return;
        }
        if config.validate().is_err() {
            // Said at the foot of the form, with the way to the field.
            self.phase.set(Phase::Editing);
            return;
        }
        let Some(desk) = own_account(self.storage) else {
            if self.live.save_here(&config) {
                self.saved(config, String::new());
            } else {
                self.phase.set(Phase::NotKeptHere);
            }
            return;
        };
        self.phase.set(Phase::Saving);
        let rev = self.rev.get_value();
        leptos::task::spawn_local(async move {
            let body = format!(
                "{{\"rev\":{},\"config\":{}}}",
                serde_json::Value::String(rev),
                config.to_json()
            );
            match api(&desk, "PUT", "settings", Some(body)).await {
                Ok(text) => {
                    let rev = serde_json::from_str::<serde_json::Value>(&text)
                        .ok()
                        .and_then(|v| v["rev"].as_str().map(str::to_string))
                        .unwrap_or_default();
                    self.saved(config, rev);
                }
                Err(Refused {
                    status: 409, body, ..
                }) => match serde_json::from_str::<Served>(&body)
                    .map_err(|e| e.to_string())
                    .and_then(|s| s.theirs().map_err(|e| e.to_string()))
                {
                    Ok(theirs) => self.phase.set(Phase::Conflict(Box::new(theirs))),
                    Err(reason) => self.phase.set(Phase::NotSaved(reason)),
                },
                Err(refused) => self.phase.set(Phase::NotSaved(refused.reason)),
            }
        });
    }

    fn saved(self, config: Config, rev: String) {
        self.rev.set_value(rev);
        self.base.set(Some(config.clone()));
        self.phase.set(Phase::Saved);
        // This desk takes it up now; kiosks at their next Welcome.
        self.live.adopt(config);
        web::document::focus_when_drawn("settings-saved".into());
    }

    /// After a conflict: what the other desk saved, in place of this draft.
    pub fn take_theirs(self, theirs: Theirs) {
        self.live.adopt(theirs.config.clone());
        self.start_from(theirs.config, theirs.rev);
    }

    /// What saving over `theirs` would keep: theirs, with what this desk changed.
    pub fn merged_over(self, theirs: &Theirs) -> Option<Config> {
        let (base, mine) = (self.base.get_untracked()?, self.draft.get_untracked()?);
        Some(merge(&base, &mine, &theirs.config))
    }

    /// After a conflict: what this desk changed, saved over what the other desk
    /// saved (which is kept wherever this desk changed nothing).
    pub fn save_over(self, theirs: Theirs) {
        let merged = self.merged_over(&theirs);
        self.rev.set_value(theirs.rev);
        self.base.set(Some(theirs.config));
        self.draft.set(merged);
        self.phase.set(Phase::Editing);
        self.save();
    }

    /// Without the shop's server: settings saved on this device, not kiosk.json.
    pub fn saved_here(self) -> bool {
        !self.shared() && self.live.saved_here()
    }

    /// Without the shop's server: back to kiosk.json on this device.
    pub fn use_the_file(self) {
        self.live.forget_saved_here();
        let live = self.live;
        live.refresh(move |fresh| {
            live.adopt(fresh);
        });
        self.draft.set(None);
        self.open.set(false);
    }
}
