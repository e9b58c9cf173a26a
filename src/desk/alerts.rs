//! Arrivals at the desk: which check-ins are new, said in words, and the chime.
use std::time::Duration;

use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::intake::Status;
use crate::ui::use_i18n;
use crate::web::{self, use_storage, Storage};

/// New check-ins announced: a flash on the card, a line read out politely, and a
/// chime (staff can turn it off; the choice is kept on this device).
#[derive(Clone, Copy)]
pub struct Alerts {
    /// Cards that flash: checked in within the last few seconds.
    pub fresh: RwSignal<std::collections::HashSet<String>>,
    /// The latest arrival, said in words, and whether they want a person.
    pub latest: RwSignal<Option<(String, bool)>>,
    pub chime: RwSignal<bool>,
    storage: Storage,
}

const CHIME_KEY: &str = "lobby.desk.chime";
/// How long a new card flashes and its line stays.
const FRESH: Duration = Duration::from_secs(8);

impl Alerts {
    pub fn start(desk: DeskState) -> Self {
        let i = use_i18n();
        let storage = use_storage();
        let alerts = Alerts {
            fresh: RwSignal::new(Default::default()),
            latest: RwSignal::new(None),
            chime: RwSignal::new(storage.setting(CHIME_KEY).as_deref() != Some("off")),
            storage,
        };
        // Everything already there when the desk opens is not new.
        let known = StoredValue::new(desk.stored.with_untracked(|s| {
            s.iter()
                .map(|i| i.id.clone())
                .collect::<std::collections::HashSet<_>>()
        }));
        Effect::new(move || {
            let arrivals: Vec<(String, String, bool)> = desk.stored.with(|stored| {
                desk.unsaved.with(|unsaved| {
                    stored
                        .iter()
                        .chain(unsaved)
                        .filter(|i| i.status == Status::Waiting)
                        .filter(|i| known.with_value(|k| !k.contains(&i.id)))
                        .map(|i| (i.id.clone(), i.ticket_label(), i.wants_person))
                        .collect()
                })
            });
            known.update_value(|k| k.extend(arrivals.iter().map(|a| a.0.clone())));
            // What the shared database held before this desk opened is not news.
            let arrivals: Vec<_> = arrivals
                .into_iter()
                .filter(|a| desk.sync.is_none_or(|s| s.is_news(&a.0)))
                .collect();
            if arrivals.is_empty() {
                return;
            }
            let person = arrivals.iter().any(|a| a.2);
            let text = arrivals
                .iter()
                .map(|(_, ticket, wants_person)| {
                    if *wants_person {
                        i.tw("desk.alert_person", &[("ticket", ticket)])
                    } else {
                        i.tw("desk.alert_arrival", &[("ticket", ticket)])
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            alerts.latest.set(Some((text, person)));
            let ids: Vec<String> = arrivals.into_iter().map(|a| a.0).collect();
            alerts.fresh.update(|f| f.extend(ids.iter().cloned()));
            if alerts.chime.get_untracked() {
                web::audio::chime(person);
            }
            set_timeout(
                move || {
                    alerts.fresh.try_update(|f| {
                        ids.iter().for_each(|id| {
                            f.remove(id);
                        })
                    });
                    if alerts.fresh.try_with_untracked(|f| f.is_empty()) == Some(true) {
                        alerts.latest.try_set(None);
                    }
                },
                FRESH,
            );
        });
        alerts
    }

    pub fn toggle_chime(&self) {
        let on = !self.chime.get_untracked();
        self.chime.set(on);
        self.storage
            .set_setting(CHIME_KEY, if on { "on" } else { "off" });
        if on {
            // Heard at once: staff know what it sounds like.
            web::audio::chime(false);
        }
    }
}
