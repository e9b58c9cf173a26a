//! The customer's screens: one question a screen, a way back, progress, and the
//! flow between them (the rules of which live in `domain::flow`). The visit's
//! state is in `visit.rs`, filing in `filing.rs`, and the loading of the screens
//! after Welcome in `parts.rs`.
mod access_bar;
mod choices;
mod done;
pub mod filing;
mod idle;
mod leaving;
mod number_pad;
mod own;
mod parts;
mod phone_step;
mod printed;
mod question;
mod review;
mod staff;
mod text_step;
mod visit;
pub mod visitor;
mod wait;
mod welcome;

use std::time::Duration;

use leptos::prelude::*;

use crate::configuration::LiveConfig;
use crate::domain::config::Config;
use crate::domain::flow::{Flow, Step};
use crate::domain::idle::Idle;
use crate::domain::receipt;
use crate::sync::use_sync;
use crate::ui::I18n;
use crate::web::{self, use_storage};
pub use parts::warmed;
use parts::ScreenNotHere;
pub use question::Question;
pub use visit::{use_kiosk, KioskState, Outcome};

/// The kiosk: what outlives a customer (language, the last ticket, the outbox), and
/// inside it one [`Visit`] at a time.
///
/// Each visit gets new signals. The reactive graph keeps a (dead) entry in a
/// signal's subscriber list for every screen element that ever read it, until the
/// signal itself goes; signals that lived as long as the page grew with every
/// customer. A signal per visit takes its list with it when the visit ends.
#[component]
pub fn Kiosk() -> impl IntoView {
    let storage = use_storage();
    let live = expect_context::<LiveConfig>();
    let visit = RwSignal::new(0u32);
    let last_ticket = StoredValue::new(None);
    let outbox = StoredValue::new(filing::load_outbox(storage));
    let later = StoredValue::new(None);
    // One for the page, read by one element: each visit's screens change its text,
    // which a screen reader then says.
    let announcement = RwSignal::new(String::new());
    parts::fetch_later_screens_soon(later);
    let sync = use_sync();
    // Only filing puts anything in the outbox, so the later screens are here.
    web::every(Duration::from_secs(15), move || {
        if let Some(Ok(screens)) = later.get_value() {
            (screens.flush)(storage, outbox, sync);
        }
    });
    // What is older than the business keeps goes, here as on the desk: at start-up
    // and once an hour (a kiosk may run for days without a reload). In a desk's
    // browser, which holds the desk's history and follow-ups, a desk seen there
    // within two days does it (not one opened once on this tablet, long ago).
    if !storage.desk_prunes_here() {
        let keep_days = move || live.current.with_untracked(|c| c.keep_days);
        storage.prune_old(keep_days());
        web::every(Duration::from_secs(3600), move || {
            storage.prune_old(keep_days())
        });
    }
    // Settings changed at the desk are taken up at Welcome, never under a
    // customer's answers nor their choice of language or text size: Welcome is
    // drawn again with them. Otherwise the next visit's start takes them up.
    let visit_now = StoredValue::new(None::<(KioskState, &'static str)>);
    let adopt = move |fresh: Config| {
        let at_rest = visit_now.get_value().is_some_and(|(state, starts_in)| {
            state.flow.try_with_untracked(|f| f.step == Step::Welcome) == Some(true)
                && state.lang.try_get_untracked() == Some(starts_in)
                && state.larger.try_get_untracked() == Some(false)
        });
        if at_rest {
            live.adopt(fresh);
            visit.update(|v| *v = v.wrapping_add(1));
        }
    };
    live.refresh_every(adopt);
    let visits = move || {
        let first = visit.get() == 0;
        // Each visit runs on the configuration it started with.
        let config = live.current.get_untracked();
        if !first {
            // Between customers: whatever the desk changed meanwhile.
            live.refresh(adopt);
        }
        let starts_in = crate::i18n::starting_language(&config.business.language);
        let mut flow = Flow::new(config.questions.len());
        // Opened from a printed number's QR code: the way out, its ticket filled in.
        if let Some((ticket, intake_id)) = first
            .then(|| web::document::take_fragment(receipt::LEAVING_FRAGMENT))
            .flatten()
            .and_then(|f| receipt::ticket_in_fragment(&f))
        {
            flow.leave();
            // Not a tablet of the shop's: a customer's phone.
            if config.sync.is_none() {
                visitor::arrived(&ticket, intake_id);
            }
            flow.leaving.ticket = ticket;
        }
        let state = KioskState {
            flow: RwSignal::new(flow),
            settling: RwSignal::new(false),
            outcome: RwSignal::new(None),
            lang: RwSignal::new(starts_in),
            larger: RwSignal::new(false),
            announcement,
            idle: RwSignal::new(Idle::Active),
            visit,
            storage,
            last_ticket,
            outbox,
            later,
            sync,
        };
        visit_now.set_value(Some((state, starts_in)));
        view! { <Visit state first config /> }
    };
    view! {
        // Each new screen (or the same one in another language) is announced
        // politely to a screen reader, beside the focus moving to its heading.
        // Drawn before the first visit, empty, so that its first screen is a
        // change of its text too.
        <p class="visually-hidden" aria-live="polite" data-testid="announcement">{move || announcement.get()}</p>
        {visits}
    }
}

/// One customer's visit, from Welcome to Done (or to walking away).
#[component]
fn Visit(state: KioskState, first: bool, config: Config) -> impl IntoView {
    provide_context(state);
    if first {
        // The first customer's taps as quick as the next ones'.
        parts::warm_up(state, config.clone());
    }
    provide_context(config);
    // The visit's own language: its screens read this one, not the page's.
    let lang = state.lang;
    provide_context(I18n { lang });
    if !first {
        // The tap that ended the last visit must not start this one.
        state.settle();
    }
    let step = Memo::new(move |_| state.flow.with(|f| f.step));
    // This visit's fetch of the later screens: started, and over.
    let fetching = StoredValue::new(false);
    let fetched = RwSignal::new(false);
    Effect::new(move || web::document::set_page_language(lang.get()));
    Effect::new(move || web::document::set_larger_text(state.larger.get()));

    // Escape is Back on a question, for keyboards and switch devices
    // ("Are you still there?" takes its own Escape).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        let on_question = !matches!(
            step.get_untracked(),
            Step::Welcome | Step::Done | Step::Comment | Step::Thanks
        );
        if ev.key() == "Escape"
            && on_question
            && !matches!(state.idle.get_untracked(), Idle::Asking { .. })
        {
            ev.prevent_default();
            state.go(Flow::back);
        }
    });
    on_cleanup(move || escape.remove());

    // The languages and larger text first: beside the business's name at the top,
    // where every screen has room for them, and first on the way back by Shift+Tab.
    view! {
        <access_bar::AccessBar />
        <main class="screen" class:settling=move || state.settling.get()>
            // Drawn again when the customer picks another language.
            {move || {
                lang.track();
                match (step.get(), state.later.get_value()) {
                    (step, Some(Ok(screens))) => (screens.draw)(step),
                    // Before the later screens have come, Welcome from the
                    // start-up program.
                    (Step::Welcome, _) => view! { <welcome::Welcome /> }.into_any(),
                    // Waiting for them (in a moment, from the network or this
                    // tablet's cache), or told they could not come. Fetched once,
                    // and again when the customer asks to.
                    _ => {
                            let done = fetched.get();
                            if !fetching.get_value() {
                                fetching.set_value(true);
                                parts::with_later_screens(state.later, move |_| {
                                    fetched.try_set(true);
                                });
                            }
                            let again = move || {
                                fetching.set_value(false);
                                fetched.set(false);
                            };
                            view! { <ScreenNotHere failed=done again /> }.into_any()
                        }
                }
            }}
        </main>
        <idle::IdleGuard />
    }
}
