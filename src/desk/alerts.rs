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
            alerts.say(text, person, arrivals.into_iter().map(|a| a.0).collect());
        });
        // A customer on the way out who asked for a word: said and chimed like a
        // check-in that wants a person, once, while nobody has followed it up.
        let asked = StoredValue::new(desk.feedback.with_untracked(|all| {
            all.iter()
                .filter(|f| f.wants_talk)
                .map(|f| f.id.clone())
                .collect::<std::collections::HashSet<_>>()
        }));
        Effect::new(move || {
            let new: Vec<(String, String)> = desk.feedback.with(|all| {
                all.iter()
                    .filter(|f| f.wants_talk && f.follow_up.is_none())
                    .filter(|f| asked.with_value(|a| !a.contains(&f.id)))
                    .map(|f| (f.id.clone(), f.ticket.clone()))
                    .collect()
            });
            asked.update_value(|a| a.extend(new.iter().map(|n| n.0.clone())));
            let new: Vec<_> = new
                .into_iter()
                .filter(|n| desk.sync.is_none_or(|s| s.is_news(&n.0)))
                .collect();
            if new.is_empty() {
                return;
            }
            let text = new
                .iter()
                .map(|(_, ticket)| match ticket.is_empty() {
                    true => i.t("desk.alert_leaving_talk_no_ticket"),
                    false => i.tw("desk.alert_leaving_talk", &[("ticket", ticket)]),
                })
                .collect::<Vec<_>>()
                .join(" ");
            alerts.say(text, true, Vec::new());
        });
        alerts
    }

    /// Says `text` (and flashes the cards of `ids`) for a few seconds, with the
    /// chime when it is on.
    fn say(self, text: String, person: bool, ids: Vec<String>) {
        self.latest.set(Some((text, person)));
        self.fresh.update(|f| f.extend(ids.iter().cloned()));
        if self.chime.get_untracked() {
            web::audio::chime(person);
        }
        set_timeout(
            move || {
                self.fresh.try_update(|f| {
                    ids.iter().for_each(|id| {
                        f.remove(id);
                    })
                });
                if self.fresh.try_with_untracked(|f| f.is_empty()) == Some(true) {
                    self.latest.try_set(None);
                }
            },
            FRESH,
        );
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
