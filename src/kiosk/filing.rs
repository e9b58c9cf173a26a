//! Filing: a customer's answers become an intake in this device's storage (and
//! are sent on to the shared database), their feedback on the way out likewise,
//! and what storage refused waits in an outbox that the desk is offered.
use leptos::prelude::*;

use super::visit::{KioskState, Outcome};
use crate::domain::clock::Now;
use crate::domain::config::Config;
use crate::domain::feedback::Feedback;
use crate::domain::flow::{self, Filing, Flow, Step};
use crate::domain::intake::Intake;
use crate::store::{codec, Backend, Store};
use crate::sync::{Link, SyncLink};
use crate::web::{self, channel::broadcast_unsaved, Storage};

/// What a device adds to a customer's answers when it files them.
pub struct Device<'a, B: Backend> {
    /// This device's storage, if it keeps anything.
    pub store: Option<&'a Store<B>>,
    /// The last ticket this page gave, and its day.
    pub last_ticket: Option<&'a (String, u32)>,
    /// The highest ticket the database had today for this kiosk's letter.
    pub floor: u32,
    pub now: Now,
    /// Random hex digits, for ids.
    pub random: fn() -> String,
}

/// The intake for `flow`: its ticket (the next from storage, and never below one
/// this page already gave today, even when storage cannot keep the counter, nor
/// one the database has of this kiosk's letter today), its
/// id (this device's, then a random part) and the answers.
pub fn assemble<B: Backend>(
    flow: &Flow,
    device: Device<'_, B>,
    config: &Config,
    wants_person: bool,
    language: &str,
    quote: Option<crate::domain::wait::Quote>,
) -> Intake {
    let today = device.now.day();
    let at_least = device
        .last_ticket
        .filter(|(day, _)| *day == today)
        .map(|(_, n)| n + 1)
        .unwrap_or(1)
        .max(device.floor + 1);
    let ticket = device
        .store
        .map(|s| s.take_ticket(&today, at_least))
        .unwrap_or(at_least);
    let id = device_id(device.store, device.random);
    flow::file(
        flow,
        Filing {
            id: format!("{id}-{}", (device.random)()),
            device: id,
            now: device.now,
            ticket,
            config,
            wants_person,
            language,
            quote,
        },
    )
}

/// This device's id, kept in storage (a new one each time when storage keeps nothing).
fn device_id<B: Backend>(store: Option<&Store<B>>, random: fn() -> String) -> String {
    store.map(|s| s.device_id(random)).unwrap_or_else(random)
}

impl KioskState {
    /// Files what the customer has said (all of it after Confirm, or what they had
    /// said so far when they ask for a person) and shows their ticket. The draft is
    /// cleared in the same step, so nothing of it stays on screen.
    pub fn file(&self, config: &Config, wants_person: bool) {
        if self.settling.get_untracked() || self.flow.with_untracked(|f| f.step == Step::Done) {
            return;
        }
        let store = self.storage.store();
        let now = web::now();
        // Someone is coming over to whoever asks for a person: no wait to quote.
        let wait = (!wants_person)
            .then(|| super::wait::quote_now(config, self.storage, now))
            .flatten();
        let intake = self.flow.with_untracked(|f| {
            self.last_ticket.with_value(|last| {
                assemble(
                    f,
                    Device {
                        store: store.as_ref(),
                        last_ticket: last.as_ref(),
                        floor: crate::sync::tickets::floor(&now.day()),
                        now,
                        random: web::random_hex,
                    },
                    config,
                    wants_person,
                    self.lang.get_untracked(),
                    wait.and_then(crate::domain::wait::Estimate::quote),
                )
            })
        });
        self.last_ticket
            .set_value(Some((intake.day.clone(), intake.ticket)));
        // From here a fault tells the customer their number (src/web/fault.js).
        web::fault::set_number(Some(&intake.ticket_label()));
        super::wait::filed(intake.created_ms);
        let saved = matches!(store.map(|s| s.put(&intake)), Some(Ok(())));
        if let (true, Some(sync)) = (saved, self.sync) {
            sync.changed(&intake.id);
        }
        if !saved {
            // Storage is full or refused: an open desk window gets it now, and any
            // desk window opened later gets it from the outbox.
            self.hold_for_desk(codec::encode(&intake));
        }
        self.outcome.set(Some(Outcome {
            ticket: intake.ticket_label(),
            name: intake.name.clone(),
            wants_person,
            saved,
            wait,
            deadline_ms: intake.deadline.map(|d| d.at_ms),
            checked_in_ms: intake.created_ms,
            intake_id: intake.id.clone(),
        }));
        self.flow.update(Flow::done);
        self.settle();
    }

    /// Keeps the feedback once both answers are in, then offers a comment.
    pub fn keep_feedback(&self) {
        if self.flow.with_untracked(|f| f.step != Step::Respected) {
            return;
        }
        let store = self.storage.store();
        let device = device_id(store.as_ref(), web::random_hex);
        let feedback = self.flow.with_untracked(|f| {
            flow::keep(
                &f.leaving,
                flow::Keeping {
                    id: format!("{device}-{}", web::random_hex()),
                    device,
                    now: web::now(),
                    language: self.lang.get_untracked(),
                },
            )
        });
        let Some(feedback) = feedback else { return };
        // Kept here now; shared once the comment is settled (a kiosk may only
        // create documents, so it sends the feedback once, whole). A
        // customer's phone keeps nothing: it holds the answers until they go.
        if super::visitor::is_visitor() {
            super::visitor::hold(feedback.clone());
        } else {
            let _ = self.put_feedback(&feedback, false);
        }
        self.flow.update(|f| {
            f.leaving.kept = Some(feedback);
            f.step = Step::Comment;
        });
        self.settle();
    }

    /// Adds the comment to the feedback already kept, and says thank you. With
    /// `talk`, the customer asked to talk to someone before they go: the feedback
    /// is flagged for the desk's follow-ups, with the comment as typed.
    pub fn add_comment(&self, comment: String, talk: bool) {
        if self.settling.get_untracked() {
            return;
        }
        let kept = self.flow.with_untracked(|f| f.leaving.kept.clone());
        let mut saved = false;
        let visitor = super::visitor::is_visitor();
        if let Some(mut feedback) = kept {
            if visitor {
                feedback.comment = comment;
                super::visitor::hold(feedback);
                super::visitor::send_pending();
                saved = true;
            } else if !comment.is_empty() || talk {
                feedback.comment = comment;
                feedback.wants_talk = talk;
                saved = self.put_feedback(&feedback, true);
            } else if let Some(sync) = self.sync {
                sync.changed(&feedback.id);
            }
        }
        // Told from here only when kept and, with a desk elsewhere, reachable now.
        let reached = saved
            && !self
                .sync
                .is_some_and(|s| s.link.with_untracked(Link::is_down));
        // A visitor is not in the lobby: nobody comes over, the desk follows up.
        self.go(|f| {
            f.leaving.talk = (talk && !visitor).then_some(reached);
            f.step = Step::Thanks;
        });
    }

    /// Stores feedback (and shares it, when `share`), or, with storage full, hands
    /// it to the desk like an intake. Whether it was stored.
    fn put_feedback(&self, feedback: &Feedback, share: bool) -> bool {
        let saved = self
            .storage
            .store()
            .is_some_and(|s| s.put_feedback(feedback).is_ok());
        if let (true, true, Some(sync)) = (saved, share, self.sync) {
            sync.changed(&feedback.id);
        }
        if !saved {
            self.hold_for_desk(codec::encode_feedback(feedback));
        }
        saved
    }

    /// A record storage refused: to any open desk window now, and to the outbox.
    fn hold_for_desk(&self, record: String) {
        broadcast_unsaved(&record);
        self.outbox.update_value(|o| o.push(record));
        save_outbox(self.storage, self.outbox);
    }
}

/// Stores what storage refused before, if it can now; offers the rest to the desk again.
pub fn flush_outbox(storage: Storage, outbox: StoredValue<Vec<String>>, sync: Option<SyncLink>) {
    if outbox.with_value(Vec::is_empty) {
        return;
    }
    let store = storage.store();
    outbox.update_value(|outbox| {
        outbox.retain(|record| {
            let put = |store: &Store<_>| match codec::decode(record) {
                Ok(intake) => store.put(&intake).is_ok().then_some(intake.id),
                Err(_) => match codec::decode_feedback(record) {
                    Ok(feedback) => store.put_feedback(&feedback).is_ok().then_some(feedback.id),
                    // Unreadable: nothing to keep trying with.
                    Err(_) => Some(String::new()),
                },
            };
            let stored = match &store {
                Some(store) => match put(store) {
                    Some(id) => {
                        if let (false, Some(sync)) = (id.is_empty(), sync) {
                            sync.changed(&id);
                        }
                        true
                    }
                    None => false,
                },
                None => false,
            };
            if !stored {
                broadcast_unsaved(record);
            }
            !stored
        })
    });
    save_outbox(storage, outbox);
}

/// The outbox survives a reload of this tab (session storage has its own room).
const OUTBOX_KEY: &str = "lobby.outbox";

pub fn load_outbox(storage: Storage) -> Vec<String> {
    storage
        .session_item(OUTBOX_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_outbox(storage: Storage, outbox: StoredValue<Vec<String>>) {
    let text = outbox
        .with_value(|o| (!o.is_empty()).then(|| serde_json::to_string(o).unwrap_or_default()));
    storage.set_session_item(OUTBOX_KEY, text.as_deref());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Memory;

    fn random() -> String {
        "0123456789abcdef".into()
    }

    fn config() -> Config {
        Config::from_json(include_str!("../../public/kiosk.json")).unwrap()
    }

    fn filed(store: Option<&Store<Memory>>, last: Option<&(String, u32)>, now: Now) -> Intake {
        filed_above(store, last, 0, now)
    }

    fn filed_above(
        store: Option<&Store<Memory>>,
        last: Option<&(String, u32)>,
        floor: u32,
        now: Now,
    ) -> Intake {
        let flow = Flow::default();
        let device = Device {
            store,
            last_ticket: last,
            floor,
            now,
            random,
        };
        assemble(&flow, device, &config(), true, "en", None)
    }

    #[test]
    fn tickets_count_up_from_storage_and_the_id_names_the_device() {
        let store = Store::new(Memory::default());
        let now = Now::new(1_764_000_000_000, 0);
        let first = filed(Some(&store), None, now);
        let second = filed(Some(&store), None, now);
        assert_eq!((first.ticket, second.ticket), (1, 2));
        assert_eq!(first.id, format!("{}-{}", first.device, random()));
        assert_eq!(first.device, second.device, "the device id is kept");
        assert!(first.wants_person);
    }

    #[test]
    fn without_storage_a_ticket_never_repeats_one_this_page_gave_today() {
        let now = Now::new(1_764_000_000_000, 0);
        let last = (now.day(), 7);
        assert_eq!(filed(None, Some(&last), now).ticket, 8);
        // Yesterday's last ticket does not count today.
        let yesterday = (now.day_before(1), 7);
        assert_eq!(filed(None, Some(&yesterday), now).ticket, 1);
        // Storage that lost its counter still goes past what this page gave.
        let store = Store::new(Memory::default());
        assert_eq!(filed(Some(&store), Some(&last), now).ticket, 8);
    }

    #[test]
    fn a_kiosk_with_no_memory_of_today_follows_on_from_the_database() {
        let now = Now::new(1_764_000_000_000, 0);
        // Storage wiped, or a new tablet: the database's highest for the letter is 12.
        let store = Store::new(Memory::default());
        assert_eq!(filed_above(Some(&store), None, 12, now).ticket, 13);
        assert_eq!(filed_above(Some(&store), None, 12, now).ticket, 14);
        // Its own count, when higher, still rules; and without storage too.
        assert_eq!(filed_above(Some(&store), None, 3, now).ticket, 15);
        assert_eq!(filed_above(None, None, 12, now).ticket, 13);
    }
}
