//! The customer's screens: one question a screen, a way back, progress, and the
//! flow between them (the rules of which live in `domain::flow`).
mod choices;
mod done;
mod idle;
mod leaving;
mod review;
mod text_step;
mod welcome;

use std::time::Duration;

use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::flow::{self, Filing, Flow, Step};
use crate::sync::{use_sync, Sync};
use crate::ui::{focused_heading, use_i18n, I18n};
use crate::web;

/// How long a new screen ignores taps: the second tap of a double tap must not
/// answer the next question.
const SETTLE_MS: u64 = 350;

/// What the Done screen shows once an intake is filed; the answers themselves are gone.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// As the customer reads it: `12`, or `A-12`.
    pub ticket: String,
    pub name: String,
    pub wants_person: bool,
    pub saved: bool,
}

/// The kiosk's state, shared by its screens through context.
///
/// `flow`, `settling` and `outcome` belong to one customer's visit and are made
/// anew for the next one (see [`Kiosk`]); the rest lives as long as the page.
#[derive(Clone, Copy)]
pub struct KioskState {
    pub flow: RwSignal<Flow>,
    pub settling: RwSignal<bool>,
    pub outcome: RwSignal<Option<Outcome>>,
    /// The language the customer is using, filed with the intake. Each visit
    /// starts in the business's default language.
    pub lang: RwSignal<&'static str>,
    /// The customer asked for larger text (for this visit only).
    pub larger: RwSignal<bool>,
    /// Counts visits: a new value starts a new visit with fresh state.
    visit: RwSignal<u32>,
    /// Sends filed intakes to the shared database, when there is one.
    pub sync: Option<Sync>,
    /// The last ticket this page gave, and its day: numbers never repeat, even when
    /// storage cannot keep the counter.
    last_ticket: StoredValue<Option<(String, u32)>>,
    /// Intakes storage refused, as records: offered to the desk again and again
    /// until one of them is stored.
    outbox: StoredValue<Vec<String>>,
    /// The rest of the kiosk, once fetched, or why it could not be.
    screens: StoredValue<Option<Screens>>,
}

impl KioskState {
    /// Applies a change to the flow unless the screen is still settling; a change of
    /// step starts a new settling period.
    pub fn go(&self, change: impl FnOnce(&mut Flow)) {
        if self.settling.get_untracked() {
            return;
        }
        let before = self.flow.with_untracked(|f| f.step);
        self.flow.update(change);
        match self.flow.with_untracked(|f| f.step) {
            // Back to Welcome is the end of a visit, as after Finish.
            Step::Welcome if before != Step::Welcome => self.reset(),
            step if step != before => self.settle(),
            _ => {}
        }
    }

    fn settle(&self) {
        self.settling.set(true);
        let settling = self.settling;
        // The kiosk may be gone by then (a move to /desk): `try_set` does nothing in that case.
        set_timeout(
            move || {
                settling.try_set(false);
            },
            Duration::from_millis(SETTLE_MS),
        );
    }

    /// Files what the customer has said (all of it after Confirm, or what they had
    /// said so far when they ask for a person) and shows their ticket. The draft is
    /// cleared in the same step, so nothing of it stays on screen.
    pub fn file(&self, config: &Config, wants_person: bool) {
        if self.settling.get_untracked() || self.flow.with_untracked(|f| f.step == Step::Done) {
            return;
        }
        let now = web::now();
        let store = web::store();
        let today = now.day();
        let at_least = self
            .last_ticket
            .with_value(|last| {
                last.as_ref()
                    .filter(|(day, _)| *day == today)
                    .map(|(_, n)| n + 1)
            })
            .unwrap_or(1);
        let ticket = store
            .as_ref()
            .map(|s| s.take_ticket(&today, at_least))
            .unwrap_or(at_least);
        self.last_ticket.set_value(Some((today.clone(), ticket)));
        let device = store
            .as_ref()
            .map(|s| s.device_id(web::random_hex))
            .unwrap_or_else(web::random_hex);
        let intake = self.flow.with_untracked(|f| {
            flow::file(
                f,
                Filing {
                    id: format!("{device}-{}", web::random_hex()),
                    device,
                    now,
                    ticket,
                    config,
                    wants_person,
                    language: self.lang.get_untracked(),
                },
            )
        });
        let saved = matches!(store.map(|s| s.put(&intake)), Some(Ok(())));
        if let (true, Some(sync)) = (saved, self.sync) {
            sync.changed(&intake.id);
        }
        if !saved {
            // Storage is full or refused: an open desk window gets it now, and any
            // desk window opened later gets it from the outbox.
            let record = crate::store::codec::encode(&intake);
            web::broadcast_unsaved(&record);
            self.outbox.update_value(|o| o.push(record));
            save_outbox(self.outbox);
        }
        self.outcome.set(Some(Outcome {
            ticket: intake.ticket_label(),
            name: intake.name.clone(),
            wants_person,
            saved,
        }));
        self.flow.set(Flow {
            step: Step::Done,
            ..Flow::default()
        });
        self.settle();
    }

    /// "I'd rather talk to someone" on Welcome: files the check-in once the rest
    /// of the kiosk is here (at once, nearly always); should it not come, the
    /// customer is told to ask at the desk.
    pub fn talk(&self, config: &Config) {
        let (state, config) = (*self, config.clone());
        with_rest(self.screens, move |rest| match rest {
            Ok(rest) => (rest.file)(&state, &config, true),
            Err(_) => state.go(Flow::start),
        });
    }

    /// Keeps the feedback once both answers are in, then offers a comment.
    pub fn keep_feedback(&self) {
        if self.flow.with_untracked(|f| f.step != Step::Respected) {
            return;
        }
        let store = web::store();
        let device = store
            .as_ref()
            .map(|s| s.device_id(web::random_hex))
            .unwrap_or_else(web::random_hex);
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
        // create documents, so it sends the feedback once, whole).
        self.put_feedback(&feedback, false);
        self.flow.update(|f| {
            f.leaving.kept = Some(feedback);
            f.step = Step::Comment;
        });
        self.settle();
    }

    /// Adds the comment to the feedback already kept, and says thank you.
    pub fn add_comment(&self, comment: String) {
        if self.settling.get_untracked() {
            return;
        }
        let kept = self.flow.with_untracked(|f| f.leaving.kept.clone());
        if let Some(mut feedback) = kept {
            if !comment.is_empty() {
                feedback.comment = comment;
                self.put_feedback(&feedback, true);
            } else if let Some(sync) = self.sync {
                sync.changed(&feedback.id);
            }
        }
        self.go(|f| f.step = Step::Thanks);
    }

    /// Stores feedback (and shares it, when `share`), or, with storage full, hands
    /// it to the desk like an intake.
    fn put_feedback(&self, feedback: &crate::domain::feedback::Feedback, share: bool) {
        let saved = web::store().is_some_and(|s| s.put_feedback(feedback).is_ok());
        if let (true, true, Some(sync)) = (saved, share, self.sync) {
            sync.changed(&feedback.id);
        }
        if !saved {
            let record = crate::store::codec::encode_feedback(feedback);
            web::broadcast_unsaved(&record);
            self.outbox.update_value(|o| o.push(record));
            save_outbox(self.outbox);
        }
    }

    /// Back to Welcome with nothing of the last customer left: the next visit
    /// starts with new state, and everything of this one is dropped.
    pub fn reset(&self) {
        // Walked away from the comment (or Back): the feedback is shared as it
        // is. Sharing it twice is harmless: the database keeps one.
        if let (Some(sync), Some(id)) = (
            self.sync,
            self.flow
                .try_with_untracked(|f| f.leaving.kept.as_ref().map(|k| k.id.clone()))
                .flatten(),
        ) {
            sync.changed(&id);
        }
        self.visit.update(|v| *v = v.wrapping_add(1));
        // Between customers: the moment to move to a new build, if there is one.
        web::reload_if_new_build();
    }
}

/// Stores what storage refused before, if it can now; offers the rest to the desk again.
fn flush_outbox(outbox: StoredValue<Vec<String>>, sync: Option<Sync>) {
    if outbox.with_value(Vec::is_empty) {
        return;
    }
    let store = web::store();
    outbox.update_value(|outbox| {
        outbox.retain(|record| {
            use crate::store::codec;
            let put = |store: &crate::store::Store<_>| match codec::decode(record) {
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
                web::broadcast_unsaved(record);
            }
            !stored
        })
    });
    save_outbox(outbox);
}

/// The outbox survives a reload of this tab (session storage has its own room).
const OUTBOX_KEY: &str = "lobby.outbox";

fn load_outbox() -> Vec<String> {
    web_sys::window()
        .and_then(|w| w.session_storage().ok().flatten())
        .and_then(|s| s.get_item(OUTBOX_KEY).ok().flatten())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

fn save_outbox(outbox: StoredValue<Vec<String>>) {
    if let Some(s) = web_sys::window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = match outbox.with_value(Vec::is_empty) {
            true => s.remove_item(OUTBOX_KEY),
            false => s.set_item(
                OUTBOX_KEY,
                &outbox.with_value(|o| serde_json::to_string(o).unwrap_or_default()),
            ),
        };
    }
}

pub fn use_kiosk() -> KioskState {
    expect_context::<KioskState>()
}

/// The kiosk: what outlives a customer (language, the last ticket, the outbox), and
/// inside it one [`Visit`] at a time.
///
/// Each visit gets new signals. The reactive graph keeps a (dead) entry in a
/// signal's subscriber list for every screen element that ever read it, until the
/// signal itself goes; signals that lived as long as the page grew with every
/// customer. A signal per visit takes its list with it when the visit ends.
#[component]
pub fn Kiosk() -> impl IntoView {
    let config = expect_context::<Config>();
    let default_lang = crate::i18n::starting_language(&config.business.language);
    let visit = RwSignal::new(0u32);
    let last_ticket = StoredValue::new(None);
    let outbox = StoredValue::new(load_outbox());
    let screens = StoredValue::new(None);
    fetch_rest_now_and_again(screens);
    let sync = use_sync();
    // Only filing puts anything in the outbox, so the rest of the kiosk is here.
    web::every(Duration::from_secs(15), move || {
        if let Some(Ok(rest)) = screens.get_value() {
            (rest.flush)(outbox, sync);
        }
    });
    // What is older than the business keeps goes, here as on the desk: at start-up
    // and once an hour (a kiosk may run for days without a reload).
    let keep_days = config.keep_days;
    web::prune_old(keep_days);
    web::every(Duration::from_secs(3600), move || web::prune_old(keep_days));
    move || {
        let first = visit.get() == 0;
        let state = KioskState {
            flow: RwSignal::new(Flow::default()),
            settling: RwSignal::new(false),
            outcome: RwSignal::new(None),
            lang: RwSignal::new(default_lang),
            larger: RwSignal::new(false),
            visit,
            last_ticket,
            outbox,
            screens,
            sync,
        };
        view! { <Visit state first /> }
    }
}

/// One customer's visit, from Welcome to Done (or to walking away).
#[component]
fn Visit(state: KioskState, first: bool) -> impl IntoView {
    provide_context(state);
    // The visit's own language: its screens read this one, not the page's.
    let lang = state.lang;
    provide_context(I18n { lang });
    if !first {
        // The tap that ended the last visit must not start this one.
        state.settle();
    }
    let step = Memo::new(move |_| state.flow.with(|f| f.step));
    // This visit's fetch of the rest of the kiosk: started, and over.
    let fetching = StoredValue::new(false);
    let fetched = RwSignal::new(false);
    Effect::new(move || web::set_page_language(lang.get()));
    Effect::new(move || web::set_larger_text(state.larger.get()));

    // Each new question (or the same one in another language) is announced
    // politely to a screen reader, beside the focus moving to its heading.
    let announcement = RwSignal::new(String::new());
    Effect::new(move || {
        step.track();
        lang.track();
        // A question drawn once the rest of the kiosk has come is announced too.
        fetched.track();
        request_animation_frame(move || {
            let text = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("main.screen h1").ok().flatten())
                .and_then(|h| h.text_content())
                .unwrap_or_default();
            announcement.try_set(text);
        });
    });

    // Escape is Back on a question, for keyboards and switch devices
    // ("Are you still there?" takes its own Escape).
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        let on_question = !matches!(
            step.get_untracked(),
            Step::Welcome | Step::Done | Step::Comment | Step::Thanks
        );
        let asking = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".overlay").ok().flatten())
            .is_some();
        if ev.key() == "Escape" && on_question && !asking {
            ev.prevent_default();
            state.go(Flow::back);
        }
    });
    on_cleanup(move || escape.remove());

    view! {
        <main class="screen" class:settling=move || state.settling.get()>
            // Drawn again when the customer picks another language.
            {move || {
                lang.track();
                match (step.get(), state.screens.get_value()) {
                    (step, Some(Ok(rest))) => (rest.draw)(step),
                    // Before the rest of the kiosk has come, Welcome from the
                    // start-up program.
                    (Step::Welcome, _) => view! { <welcome::Welcome /> }.into_any(),
                    // Waiting for the rest (in a moment, from the network or this
                    // tablet's cache), or told it could not come. Fetched once,
                    // and again when the customer asks to.
                    _ => {
                            let done = fetched.get();
                            if !fetching.get_value() {
                                fetching.set_value(true);
                                with_rest(state.screens, move |_| {
                                    fetched.try_set(true);
                                });
                            }
                            let again = move || {
                                fetching.set_value(false);
                                fetched.set(false);
                            };
                            view! { <NotYet failed=done again /> }.into_any()
                        }
                }
            }}
        </main>
        <AccessBar />
        <p class="visually-hidden" aria-live="polite" data-testid="announcement">{move || announcement.get()}</p>
        <idle::IdleGuard />
    }
}

/// Draws a screen of the visit: part of [`Rest`] (Welcome, drawn before that has
/// come, is in the start-up program too).
fn screen(step: Step) -> AnyView {
    match step {
        Step::Welcome => view! { <welcome::Welcome /> }.into_any(),
        Step::Name => view! { <text_step::NameStep /> }.into_any(),
        Step::Reason => view! { <choices::ReasonStep /> }.into_any(),
        Step::Priority => view! { <choices::PriorityStep /> }.into_any(),
        Step::Deadline => view! { <choices::DeadlineStep /> }.into_any(),
        Step::Estimate => view! { <choices::EstimateStep /> }.into_any(),
        Step::Limit => view! { <choices::LimitStep /> }.into_any(),
        Step::Help => view! { <choices::HelpStep /> }.into_any(),
        Step::Detail => view! { <choices::DetailStep /> }.into_any(),
        Step::Note => view! { <text_step::NoteStep /> }.into_any(),
        Step::Review => view! { <review::Review /> }.into_any(),
        Step::Done => view! { <done::Done /> }.into_any(),
        Step::Ticket => view! { <leaving::TicketStep /> }.into_any(),
        Step::Expectations => view! { <leaving::ExpectationsStep /> }.into_any(),
        Step::Respected => view! { <leaving::RespectedStep /> }.into_any(),
        Step::Comment => view! { <leaving::CommentStep /> }.into_any(),
        Step::Thanks => view! { <leaving::Thanks /> }.into_any(),
    }
}

/// The kiosk beyond Welcome. A download of its own when built with the `split`
/// feature (as the kiosk page is): Welcome is on screen, and takes taps, before
/// this has arrived.
#[derive(Clone, Copy)]
pub struct Rest {
    /// Draws a screen after Welcome.
    draw: fn(Step) -> AnyView,
    /// Files a check-in ([`KioskState::file`]).
    file: fn(&KioskState, &Config, bool),
    /// Stores what storage refused before ([`flush_outbox`]).
    flush: fn(StoredValue<Vec<String>>, Option<Sync>),
}

/// The rest of the kiosk, or that it could not be had.
type Screens = Result<Rest, web::PartMissing>;

fn rest() -> Rest {
    Rest {
        draw: screen,
        file: KioskState::file,
        flush: flush_outbox,
    }
}

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(screens, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fetch_rest() -> Screens {
    Ok(rest())
}

/// Fetches the rest of the kiosk and keeps what came (once it has come, the
/// loader answers at once).
#[cfg(feature = "split")]
async fn fetch_into(screens: StoredValue<Option<Screens>>) -> Screens {
    let got = fetch_rest().await;
    if got.is_err() {
        leptos::logging::warn!("the rest of the kiosk could not be fetched");
    }
    screens.try_set_value(Some(got));
    got
}

/// Fetches the rest of the kiosk once Welcome is painted (nothing of it holds up
/// the first paint), so that it is here before a
/// customer's first tap and before the network can drop; should it not come
/// (offline before it was ever cached), again every little while, so the next
/// customer finds it here.
fn fetch_rest_now_and_again(screens: StoredValue<Option<Screens>>) {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async move {
        web::after_paint().await;
        while fetch_into(screens).await.is_err() {
            web::sleep(web::PART_RETRY_MS).await;
        }
    });
    #[cfg(not(feature = "split"))]
    screens.set_value(Some(Ok(rest())));
}

/// Runs `then` with the rest of the kiosk, fetched first if need be (again after
/// a failure), or with why it could not be had.
fn with_rest(screens: StoredValue<Option<Screens>>, then: impl FnOnce(Screens) + 'static) {
    if let Some(Ok(rest)) = screens.get_value() {
        return then(Ok(rest));
    }
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async move { then(fetch_into(screens).await) });
    #[cfg(not(feature = "split"))]
    then(Ok(rest()));
}

/// In place of a screen that has not arrived: a moment's wait, or, when it could
/// not be fetched, what to do, and `again` to try again.
#[component]
fn NotYet(failed: bool, again: impl Fn() + 'static) -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    if failed {
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
        view! { <p class="loading" role="status">{i.t("app.loading")}</p> }.into_any()
    }
}

/// On every screen: the customer's language, each named in itself, and larger text.
#[component]
fn AccessBar() -> impl IntoView {
    let state = use_kiosk();
    // A language whose words could not be fetched: said plainly, below the buttons,
    // and brought into view (in landscape it is past the fold).
    let unavailable = RwSignal::new(None::<&'static str>);
    let problem = NodeRef::<leptos::html::P>::new();
    Effect::new(move || {
        if let Some(p) = problem.get() {
            p.scroll_into_view_with_bool(false);
        }
    });
    move || {
        let i = use_i18n();
        let current = state.lang.get();
        let languages = crate::i18n::languages()
            .map(|code| {
                let name = crate::i18n::own_name(code);
                view! {
                    <button
                        type="button"
                        class="language"
                        lang=code
                        aria-pressed=if code == current { "true" } else { "false" }
                        on:click=move |_| {
                            unavailable.set(None);
                            crate::ui::switch_language(state.lang, code, move || {
                                unavailable.try_set(Some(code));
                            })
                        }
                    >
                        {name}
                    </button>
                }
            })
            .collect_view();
        view! {
            <nav class="access-bar" aria-label=i.t("kiosk.access")>
                <button
                    type="button"
                    class="larger-text"
                    aria-pressed=move || if state.larger.get() { "true" } else { "false" }
                    on:click=move |_| state.larger.update(|l| *l = !*l)
                >
                    <span aria-hidden="true">"A+ "</span>
                    {i.t("kiosk.larger_text")}
                </button>
                <div class="languages" role="group" aria-label=i.t("kiosk.language")>
                    {languages}
                </div>
                {move || unavailable.get().map(|code| view! {
                    <p class="language-problem" role="alert" node_ref=problem>
                        {i.tw("kiosk.language_unavailable", &[("language", crate::i18n::own_name(code))])}
                    </p>
                })}
            </nav>
        }
    }
}

/// Speaks the question on screen, its hint and its answers, in the customer's language.
fn read_aloud(lang: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let texts = |selector: &str| -> Vec<String> {
        document
            .query_selector_all(selector)
            .map(|nodes| {
                (0..nodes.length())
                    .filter_map(|n| nodes.item(n).and_then(|node| node.text_content()))
                    .map(|t| t.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut parts = texts(".question h1, .question > .hint");
    parts.extend(texts(
        ".question .answers .choice-label, .question .answers label",
    ));
    web::speak(&parts.join(". "), lang);
}

/// The frame of every question: Back, progress, the question as the page's heading
/// (focused on arrival so a screen reader reads it), the answers, and a way to a person.
#[component]
pub fn Question(
    #[prop(into)] title: Signal<String>,
    #[prop(optional, into)] hint: Option<Signal<String>>,
    /// "I'd rather talk to a person" files a check-in: not on the way out.
    #[prop(default = true)]
    talk: bool,
    children: Children,
) -> impl IntoView {
    let i = use_i18n();
    let state = use_kiosk();
    let config = expect_context::<Config>();
    let heading = focused_heading();
    let progress = move || state.flow.with(|f| f.progress()).unwrap_or((1, 1));
    view! {
        <div class="question">
            <div class="topbar">
                <button type="button" class="back" on:click=move |_| state.go(Flow::back)>
                    // Back points the way the language reads.
                    <span aria-hidden="true">
                        {if crate::i18n::direction(i.lang.get_untracked()) == "rtl" { "→ " } else { "← " }}
                    </span>
                    {move || i.t("kiosk.back")}
                </button>
                <div class="progress">
                    <span class="progress-text">
                        {move || {
                            let (n, total) = progress();
                            i.tw("kiosk.progress", &[("n", &n.to_string()), ("total", &total.to_string())])
                        }}
                    </span>
                    <progress
                        max=move || progress().1
                        value=move || progress().0
                        aria-hidden="true"
                    ></progress>
                </div>
            </div>
            <div class="question-head">
                <h1 id="question" tabindex="-1" node_ref=heading>{title}</h1>
                // Only where the browser can speak.
                {web::can_speak().then(|| view! {
                    <button type="button" class="read-aloud" on:click=move |_| read_aloud(i.lang.get_untracked())>
                        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
                            <polygon points="3,9 7,9 12,4 12,20 7,15 3,15" />
                            <path d="M15 9a4 4 0 0 1 0 6 M17.5 6.5a7.5 7.5 0 0 1 0 11" />
                        </svg>
                        {i.t("kiosk.read_aloud")}
                    </button>
                })}
            </div>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <div class="answers">{children()}</div>
            {talk.then(|| view! {
                <div class="footer">
                    <button type="button" class="talk" on:click=move |_| state.file(&config, true)>
                        {move || i.t("kiosk.talk")}
                    </button>
                </div>
            })}
        </div>
    }
}
