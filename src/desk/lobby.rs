//! The lobby's status, kept current in the shared database while a desk is
//! open (locked or not): kiosks quote a wait from it, the board shows it.
use std::time::Duration;

use leptos::prelude::*;

use super::state::DeskState;
use crate::domain::wait::{lobby_status, LobbyStatus};
use crate::sync::status;
use crate::web;

/// How often the status is made again with nothing changed in the queue:
/// those being served count towards how many serve at once as time passes.
const EVERY: Duration = Duration::from_secs(30);

/// Publishes the status whenever the queue changes what it says, and again now
/// and then so readers can tell a desk is keeping it. A desk without a shared
/// database has nothing to publish: a kiosk on the same device reads the queue.
/// `names`: whether the business shows first names on the board (followed as
/// its settings change).
pub fn keep_current(desk: DeskState, names: impl Fn() -> bool + Copy + 'static) {
    if desk.sync.is_none() {
        return;
    }
    let written = StoredValue::new(None::<LobbyStatus>);
    let make = move || {
        let now = web::now();
        let made = desk
            .stored
            .with(|stored| lobby_status(stored, &now.day(), now.ms, names()));
        if made.worth_writing(written.get_value().as_ref()) {
            written.set_value(Some(made.clone()));
            status::publish(made);
        }
    };
    Effect::new(make);
    web::every(EVERY, move || untrack(make));
}
