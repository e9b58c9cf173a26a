//! The screens after Welcome: a download of their own when built with the `split`
//! feature (as the kiosk page is), fetched once Welcome is painted; Welcome is on
//! screen, and takes taps, before they arrive.
use leptos::prelude::*;
use leptos::tachys::view::Render;

use super::filing::flush_outbox;
use super::visit::{use_kiosk, Fetched, KioskState, LaterScreens};
use super::{choices, done, leaving, own, phone_step, review, staff, text_step, welcome};
use crate::domain::config::Config;
use crate::domain::flow::{Flow, Step};
use crate::ui::{focused_heading, use_i18n};
use crate::web;

fn later_screens() -> LaterScreens {
    LaterScreens {
        draw: screen,
        file: KioskState::file,
        flush: flush_outbox,
        warm: draw_ahead,
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(screens, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_later_screens() -> Fetched {
    Ok(later_screens())
}

/// Fetches the later screens and keeps what came (once they have come, the
/// loader answers at once).
#[cfg(feature = "split")]
async fn fetch_and_keep(later: StoredValue<Option<Fetched>>) -> Fetched {
    let got = fetch_later_screens().await;
    if got.is_err() {
        leptos::logging::warn!("the rest of the kiosk could not be fetched");
    }
    later.try_set_value(Some(got));
    got
}

/// Fetches the later screens once Welcome is painted (nothing of them holds up
/// the first paint), so that they are here before a customer's first tap and
/// before the network can drop; should they not come (offline before they were
/// ever cached), again every little while, so the next customer finds them here.
pub fn fetch_later_screens_soon(later: StoredValue<Option<Fetched>>) {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async move {
        web::after_paint().await;
        while fetch_and_keep(later).await.is_err() {
            web::sleep(web::PART_RETRY_MS).await;
        }
    });
    #[cfg(not(feature = "split"))]
    later.set_value(Some(Ok(later_screens())));
}

impl KioskState {
    /// "I'd rather talk to someone" on Welcome: files the check-in once the rest
    /// of the kiosk is here (at once, nearly always); should it not come, the
    /// customer is told to ask at the desk.
    pub fn talk(&self, config: &Config) {
        let (state, config) = (*self, config.clone());
        with_later_screens(self.later, move |later| match later {
            Ok(later) => (later.file)(&state, &config, true),
            Err(_) => state.go(Flow::start),
        });
    }
}

/// Runs `then` with the later screens, fetched first if need be (again after a
/// failure), or with why they could not be had.
pub fn with_later_screens(
    later: StoredValue<Option<Fetched>>,
    then: impl FnOnce(Fetched) + 'static,
) {
    if let Some(Ok(screens)) = later.get_value() {
        return then(Ok(screens));
    }
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async move { then(fetch_and_keep(later).await) });
    #[cfg(not(feature = "split"))]
    then(Ok(later_screens()));
}

/// The questions of a check-in, each drawn once by [`warm_up`] (with the
/// business's own, `Step::Own`).
const QUESTIONS: [Step; 11] = [
    Step::Name,
    Step::Reason,
    Step::Priority,
    Step::Deadline,
    Step::Estimate,
    Step::Limit,
    Step::Help,
    Step::Phone,
    Step::Detail,
    Step::Note,
    Step::Review,
];

/// Draws each question once while the kiosk waits at Welcome, out of sight (into
/// no page) and with no customer's answers, then lets it go. The browser compiles
/// a program's code the first time it runs: the first customer after the page
/// loaded waited for that at each tap, 43 ms at the median against 15 ms for the
/// customers after them, the CPU slowed 4 times (docs/benchmarks.md). One screen
/// at a time, a moment apart, and none once a visit has left Welcome; nothing is
/// asked of the shop's server (no sync) and nothing is kept.
///
/// Here in the start-up program, it waits for the later screens, which hold the
/// drawing ([`draw_ahead`]): the first load stays as it was.
pub fn warm_up(state: KioskState, config: Config) {
    let Some(owner) = Owner::current() else {
        return;
    };
    leptos::task::spawn_local(async move {
        loop {
            match state.later.try_get_value() {
                Some(Some(Ok(screens))) => return owner.with(|| (screens.warm)(state, config)),
                Some(None) => web::sleep(WARM_UP_GAP_MS).await,
                // Could not come (the visit's own check follows in `draw_ahead`).
                _ => return,
            }
        }
    });
}

/// [`warm_up`]'s drawing, in the later screens: run with the visit's owner.
fn draw_ahead(state: KioskState, config: Config) {
    let Some(owner) = Owner::current() else {
        return;
    };
    let config = Config {
        sync: None,
        ..config
    };
    leptos::task::spawn_local(async move {
        let own = (0..config.questions.len()).filter_map(|i| u8::try_from(i).ok().map(Step::Own));
        let steps: Vec<Step> = QUESTIONS[..2]
            .iter()
            .copied()
            .chain(own)
            .chain(QUESTIONS[2..].iter().copied())
            .collect();
        for step in steps {
            web::sleep(WARM_UP_GAP_MS).await;
            let at_welcome = state.flow.try_with_untracked(|f| f.step == Step::Welcome);
            let screens = match state.later.try_get_value() {
                Some(Some(Ok(screens))) if at_welcome == Some(true) => screens,
                _ => return,
            };
            let ghost = owner.child();
            let view = ghost.with(|| {
                provide_context(state.ghost(config.questions.len()));
                provide_context(config.clone());
                (screens.draw)(step).build()
            });
            // Its effects run before it goes (the heading's focus skips a heading
            // in no page: `ui::focused_heading`).
            web::after_paint().await;
            drop(view);
            ghost.cleanup();
            WARMED.set(WARMED.get() + 1);
        }
    });
}

thread_local! {
    static WARMED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// How many screens [`warm_up`] has drawn in this page.
pub fn warmed() -> usize {
    WARMED.get()
}

/// Between two screens drawn by [`warm_up`]: a tap on Welcome waits at most for
/// the one being drawn.
const WARM_UP_GAP_MS: i32 = 100;

/// In place of a screen that has not arrived: a moment's wait, or, when it could
/// not be fetched, what to do, and `again` to try again.
#[component]
pub fn ScreenNotHere(failed: bool, again: impl Fn() + 'static) -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    if failed {
        // Nobody can go on here: a new build may take over at once.
        web::service_worker::quiet_while_shown();
        state.announce(i.t("kiosk.unavailable_title"));
        view! {
            <div class="welcome">
                <h1 tabindex="-1" node_ref=focused_heading()>{i.t("kiosk.unavailable_title")}</h1>
                <p class="lead">{i.t("kiosk.unavailable_body")}</p>
                <button type="button" class="primary big" on:click=move |_| again()>
                    {i.t("kiosk.unavailable_retry")}
                </button>
                <button type="button" class="secondary" on:click=move |_| state.go(Flow::back)>
                    {i.t("kiosk.back")}
                </button>
            </div>
        }
        .into_any()
    } else {
        state.announce(String::new());
        view! { <p class="loading" role="status">{i.t("app.loading")}</p> }.into_any()
    }
}

/// Draws a screen of the visit: part of the later screens (Welcome, drawn before
/// they have come, is in the start-up program too).
pub fn screen(step: Step) -> AnyView {
    if step.is_question() {
        super::wait::learn(&expect_context::<Config>());
    }
    match step {
        Step::Welcome => view! { <welcome::Welcome /> }.into_any(),
        Step::Name => view! { <text_step::NameStep /> }.into_any(),
        Step::Reason => view! { <choices::ReasonStep /> }.into_any(),
        Step::Own(index) => view! { <own::OwnStep index /> }.into_any(),
        Step::Priority => view! { <choices::PriorityStep /> }.into_any(),
        Step::Deadline => view! { <choices::DeadlineStep /> }.into_any(),
        Step::Estimate => view! { <choices::EstimateStep /> }.into_any(),
        Step::Limit => view! { <choices::LimitStep /> }.into_any(),
        Step::Help => view! { <choices::HelpStep /> }.into_any(),
        Step::Phone => view! { <phone_step::PhoneStep /> }.into_any(),
        Step::Detail => view! { <choices::DetailStep /> }.into_any(),
        Step::Note => view! { <text_step::NoteStep /> }.into_any(),
        Step::Review => view! { <review::Review /> }.into_any(),
        Step::Done => view! { <done::Done /> }.into_any(),
        Step::Ticket => view! { <leaving::TicketStep /> }.into_any(),
        Step::Expectations => view! { <leaving::ExpectationsStep /> }.into_any(),
        Step::Respected => view! { <leaving::RespectedStep /> }.into_any(),
        Step::Comment => view! { <leaving::CommentStep /> }.into_any(),
        Step::Thanks => view! { <leaving::Thanks /> }.into_any(),
        Step::Staff => view! { <staff::StaffStep /> }.into_any(),
    }
}
