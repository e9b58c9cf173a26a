//! Components in a real browser (headless Chromium): the kiosk's screens and the
//! desk's card, mounted with the sample configuration.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use lobby::domain::config::Config;
use lobby::domain::intake::{Intake, Limit, Priority, Status};
use lobby::store::{codec, INTAKE_PREFIX};
use lobby::ui::{Choice, I18n};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn config() -> Config {
    Config::from_json(include_str!("../public/kiosk.json")).expect("sample config")
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh element to mount into (the harness reports through <body>: never replace it).
/// The tests mount kiosk and desk components in one page, which has every English
/// word (each program has its own: see `lobby::Page`).
fn container() -> HtmlElement {
    lobby::i18n::add_english(lobby::i18n::ENGLISH_DESK);
    let el = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<HtmlElement>();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    leptos::task::tick().await;
}

/// Waits until `done` holds (a PIN's slow hash, worked out by WebCrypto, takes a
/// moment), failing with `what` after 5 s.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..250 {
        if done() {
            return;
        }
        sleep(20).await;
    }
    panic!("{what}: not within 5 s");
}

fn heading(root: &HtmlElement) -> String {
    root.query_selector("h1")
        .unwrap()
        .map(|h| h.text_content().unwrap_or_default())
        .unwrap_or_default()
}

/// The button whose visible text contains `text`.
fn button(root: &HtmlElement, text: &str) -> HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().contains(text))
        .unwrap_or_else(|| panic!("no button with text {text:?} in: {}", root.inner_html()))
}

fn clear_intakes() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let keys: Vec<String> = (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .collect();
    for k in keys.into_iter().filter(|k| k.starts_with(INTAKE_PREFIX)) {
        storage.remove_item(&k).unwrap();
    }
}

fn stored_intakes() -> Vec<Intake> {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with(INTAKE_PREFIX))
        .map(|k| codec::decode(&storage.get_item(&k).unwrap().unwrap()).unwrap())
        .collect()
}

fn mount_kiosk() -> (HtmlElement, impl Drop) {
    mount_kiosk_with(config())
}

/// The configuration as `lobby::App` provides it: as it is, and as the one
/// a newer one may replace.
fn provide_config(config: Config) {
    I18n::provide("en");
    provide_context(config.clone());
    let storage = lobby::web::storage::provide_storage();
    lobby::configuration::LiveConfig::provide(config, storage);
}

fn mount_kiosk_with(config: Config) -> (HtmlElement, impl Drop) {
    let root = container();
    let handle = mount_to(root.clone(), move || {
        provide_config(config.clone());
        view! { <lobby::kiosk::Kiosk /> }
    });
    (root, DropHandle(Some(handle)))
}

struct DropHandle<T>(Option<T>);
impl<T> Drop for DropHandle<T> {
    fn drop(&mut self) {
        self.0.take();
    }
}

#[wasm_bindgen_test]
async fn choice_is_a_pressed_button_that_calls_back() {
    let chosen = Rc::new(Cell::new(0));
    let pressed = RwSignal::new(false);
    let root = container();
    let c = chosen.clone();
    let _view = mount_to(root.clone(), move || {
        view! { <Choice label="Coffee or water".to_string() pressed on_choose=move || c.set(c.get() + 1) /> }
    });
    let b = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>();
    assert_eq!(b.get_attribute("type").as_deref(), Some("button"));
    assert_eq!(b.get_attribute("aria-pressed").as_deref(), Some("false"));
    b.click();
    assert_eq!(chosen.get(), 1);
    pressed.set(true);
    leptos::task::tick().await;
    assert_eq!(b.get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn a_double_tap_never_answers_the_next_question() {
    let (root, _view) = mount_kiosk();
    leptos::task::tick().await;
    assert!(
        heading(&root).contains("Northside Auto Care"),
        "{}",
        heading(&root)
    );
    button(&root, "Check in").click();
    leptos::task::tick().await;
    assert_eq!(heading(&root), "What's your first name?");
    // The second tap of a double tap lands on the new screen's button at once.
    button(&root, "Skip").click();
    leptos::task::tick().await;
    assert_eq!(
        heading(&root),
        "What's your first name?",
        "the settling screen ignored the tap"
    );
    sleep(400).await;
    button(&root, "Skip").click();
    leptos::task::tick().await;
    assert_eq!(heading(&root), "What brings you in today?");
}

/// Types `text` into the screen's text box, as a person does.
fn type_answer(root: &HtmlElement, text: &str) {
    let input = root
        .query_selector("#answer")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_business_own_questions_come_after_the_reason_and_either_may_be_skipped() {
    let mut with_questions = config();
    with_questions.questions = serde_json::from_value(serde_json::json!([
        {"code": "plate", "label": {"en": "Your car's plate"}},
        {"code": "visit", "label": {"en": "Been here before?"},
         "choices": [{"code": "yes", "label": {"en": "Yes"}}, {"code": "no", "label": {"en": "First time"}}]}
    ]))
    .unwrap();
    let (root, _view) = mount_kiosk_with(with_questions);
    leptos::task::tick().await;
    button(&root, "Check in").click();
    sleep(400).await;
    button(&root, "Skip").click();
    sleep(400).await;
    button(&root, "Something needs fixing").click();
    sleep(400).await;
    assert_eq!(heading(&root), "Your car's plate");
    // A plate is short: more than 40 characters is refused, never cut.
    type_answer(&root, &"K".repeat(41));
    leptos::task::tick().await;
    button(&root, "Continue").click();
    leptos::task::tick().await;
    assert_eq!(heading(&root), "Your car's plate", "did not advance");
    type_answer(&root, "KX12 ABC");
    leptos::task::tick().await;
    button(&root, "Continue").click();
    sleep(400).await;
    assert_eq!(heading(&root), "Been here before?");
    assert!(root
        .query_selector("button[aria-pressed]")
        .unwrap()
        .is_some());
    button(&root, "Skip").click();
    sleep(400).await;
    assert_eq!(heading(&root), "What matters most to you today?");
}

#[wasm_bindgen_test]
async fn an_overlong_name_is_refused_with_a_message() {
    let (root, _view) = mount_kiosk();
    leptos::task::tick().await;
    button(&root, "Check in").click();
    sleep(400).await;
    let input = root
        .query_selector("#answer")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value(&"👍🏽".repeat(41));
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    let error = root
        .query_selector("#answer-error")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(error.contains("41") && error.contains("40"), "{error}");
    button(&root, "Continue").click();
    leptos::task::tick().await;
    assert_eq!(heading(&root), "What's your first name?", "did not advance");
    input.set_value(&"👍🏽".repeat(40));
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(
        root.query_selector("#answer-error")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        ""
    );
}

#[wasm_bindgen_test]
async fn cost_first_journey_files_one_intake_with_codes() {
    clear_intakes();
    let (root, _view) = mount_kiosk();
    leptos::task::tick().await;
    let steps: [&str; 9] = [
        "Check in",
        "Skip",
        "Something needs fixing",
        "Cost",
        "Yes, estimate first",
        "$250",
        "Coffee or water",
        "Continue",
        "Walk me through it",
    ];
    for text in steps {
        button(&root, text).click();
        sleep(400).await;
    }
    assert_eq!(heading(&root), "Anything else we should know?");
    button(&root, "Skip").click();
    sleep(400).await;
    assert_eq!(heading(&root), "Is this right?");
    let review = root
        .query_selector(".review")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    for shown in [
        "Something needs fixing",
        "Cost",
        "Estimate firstYes",
        "$250",
        "Coffee or water",
        "Walk me through it",
    ] {
        assert!(
            review.contains(shown),
            "{shown} missing from review: {review}"
        );
    }
    let confirm = button(&root, "Confirm and check in");
    confirm.click();
    confirm.click(); // a double tap on Confirm files once
    leptos::task::tick().await;
    assert_eq!(heading(&root), "You're checked in");
    let intakes = stored_intakes();
    assert_eq!(intakes.len(), 1, "exactly one intake");
    let i = &intakes[0];
    assert_eq!(i.priority, Some(Priority::Cost));
    assert_eq!(
        (i.estimate_first, i.limit),
        (Some(true), Some(Limit::Amount(250)))
    );
    assert_eq!(i.reason.as_deref(), Some("repair"));
    assert_eq!(i.help, vec!["coffee".to_string()]);
    assert_eq!((i.ticket, i.status), (1, Status::Waiting));
    let ticket = root
        .query_selector("[data-testid=ticket]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(ticket, "1");
    // Finish clears every answer: Welcome again, and Back leads nowhere older.
    sleep(400).await;
    button(&root, "Finish").click();
    leptos::task::tick().await;
    assert!(heading(&root).starts_with("Welcome"));
    assert!(!root.inner_html().contains("$250"));
}

#[wasm_bindgen_test]
async fn the_desk_asks_for_the_pin_then_shows_the_brief_flags_first() {
    clear_intakes();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let now = js_sys::Date::now() as i64;
    let day = lobby::web::now().day();
    let intake = Intake {
        created_ms: now - 5 * 60_000,
        day,
        ticket: 4,
        letter: None,
        name: "<b>Zoë</b>".into(),
        reason: Some("came_back".into()),
        recovery: true,
        priority: Some(Priority::Time),
        help: vec!["coffee".into()],
        ..test_intake("t-1")
    };
    storage
        .set_item(&format!("{INTAKE_PREFIX}t-1"), &codec::encode(&intake))
        .unwrap();

    let root = container();
    let _view = mount_to(root.clone(), || {
        provide_config(config());
        view! { <lobby::desk::Desk /> }
    });
    leptos::task::tick().await;
    assert!(
        root.query_selector(".row, .brief").unwrap().is_none(),
        "nothing shows before the PIN"
    );
    let pin = root
        .query_selector("#pin")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    pin.set_value("1111");
    pin.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&root, "Unlock").click();
    until("a wrong PIN is refused", || {
        root.text_content()
            .unwrap()
            .contains("That PIN is not right")
    })
    .await;
    pin.set_value("2468");
    pin.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    button(&root, "Unlock").click();
    until("the right PIN unlocks", || {
        root.query_selector(".rows.waiting button.row")
            .unwrap()
            .is_some()
    })
    .await;
    // A line for the customer: the brief opens from it.
    let row = root
        .query_selector(".rows.waiting button.row")
        .unwrap()
        .expect("a line in the queue")
        .unchecked_into::<HtmlElement>();
    assert!(row.text_content().unwrap().contains("Came back"));
    assert!(root.query_selector("article.brief").unwrap().is_none());
    row.click();
    leptos::task::tick().await;
    let card = root
        .query_selector("#brief-pane article.brief")
        .unwrap()
        .expect("a brief");
    let first = card.first_element_child().unwrap();
    assert_eq!(
        first.text_content().unwrap(),
        "CAME BACK: something wasn't right",
        "the flag comes first"
    );
    let name = card.query_selector("h2").unwrap().unwrap();
    assert_eq!(
        name.text_content().unwrap(),
        "<b>Zoë</b>",
        "shown as text, never markup"
    );
    assert!(card.text_content().unwrap().contains("TIME FIRST"));
    assert!(card.text_content().unwrap().contains("Waiting 5 min"));
    // Done leaves the queue and joins today's history.
    button(&root, "Done").click();
    leptos::task::tick().await;
    assert_eq!(stored_intakes()[0].status, Status::Done);
    assert!(
        root.query_selector("article.brief").unwrap().is_none(),
        "the brief closes"
    );
    assert!(
        root.query_selector(".history button.row")
            .unwrap()
            .is_none(),
        "history drawn only when open"
    );
    let history = root
        .query_selector(".history")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlDetailsElement>();
    history.set_open(true);
    sleep(50).await;
    assert!(root
        .query_selector(".history button.row")
        .unwrap()
        .is_some());
    clear_intakes();
}

#[wasm_bindgen_test]
async fn a_full_local_storage_is_reported_as_full_and_keeps_what_was_there() {
    use lobby::store::local::LocalStorage;
    use lobby::store::{Store, StoreError};
    clear_intakes();
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let store = Store::new(LocalStorage::open().expect("local storage"));
    let mut first = test_intake("full-1");
    first.ticket = 1;
    store.put(&first).unwrap();
    // Fill the rest of the origin's quota with filler.
    let chunk = "x".repeat(256 * 1024);
    let mut fillers = Vec::new();
    for n in 0..200 {
        let key = format!("filler-{n}");
        if storage.set_item(&key, &chunk).is_err() {
            break;
        }
        fillers.push(key);
    }
    let small = "y".repeat(1024);
    for n in 0..1000 {
        let key = format!("filler-small-{n}");
        if storage.set_item(&key, &small).is_err() {
            break;
        }
        fillers.push(key);
    }
    let mut second = test_intake("full-2");
    second.note = "z".repeat(4096);
    let result = store.put(&second);
    for key in &fillers {
        storage.remove_item(key).unwrap();
    }
    assert_eq!(result, Err(StoreError::Full));
    assert_eq!(
        store.load().intakes,
        vec![first],
        "what was stored before is intact"
    );
    clear_intakes();
}

fn test_intake(id: &str) -> Intake {
    Intake {
        id: id.into(),
        device: "t".into(),
        created_ms: 1,
        day: "2026-11-22".into(),
        ticket: 1,
        letter: None,
        name: String::new(),
        reason: None,
        recovery: false,
        wants_person: false,
        priority: None,
        deadline: None,
        estimate_first: None,
        limit: None,
        help: vec![],
        detail: None,
        note: String::new(),
        answers: vec![],
        status: Status::Waiting,
        done_help: vec![],
        status_ms: None,
        served_ms: None,
        staff_note: String::new(),
        language: "en".into(),
        closed_by_feedback: false,
        reopened: 0,
        quote: None,
        phone: String::new(),
        promised_ms: None,
    }
}

/// In the browser the limits are counted by `Intl.Segmenter`: the same answers as
/// the native tests of `domain::text`, which count with unicode-segmentation.
#[wasm_bindgen_test]
fn the_browser_counts_characters_as_a_person_sees_them() {
    use lobby::domain::text::{clean, visible_len, TextError, NAME_MAX};
    assert_eq!(visible_len("José"), 4);
    assert_eq!(visible_len("Jose\u{301}"), 4);
    assert_eq!(visible_len("👍🏽👨‍👩‍👧"), 2);
    assert_eq!(visible_len("مرحبا"), 5);
    assert_eq!(visible_len(""), 0);
    assert!(clean(&"👍🏽".repeat(NAME_MAX), NAME_MAX, false).is_ok());
    assert_eq!(
        clean(&"é".repeat(NAME_MAX + 1), NAME_MAX, false),
        Err(TextError::TooLong {
            max: NAME_MAX,
            len: NAME_MAX + 1
        })
    );
}

/// The desk's PIN is hashed while it is typed (`web::pin::prepare`): what was
/// worked out for one PIN never answers for another, and a PIN is only ever
/// checked when Unlock is pressed.
#[wasm_bindgen_test]
async fn a_pin_hashed_while_typed_answers_for_that_pin_alone() {
    use lobby::web::pin::{hash_new, is_prepared, prepare, verify};
    let stored = hash_new("2468")
        .await
        .expect("WebCrypto in a secure context");
    // Not yet a PIN: nothing is worked out.
    prepare("246", &stored);
    assert!(!is_prepared("246", &stored));
    // The right PIN worked out, a wrong one pressed: refused, and what was
    // worked out is used up.
    prepare("2468", &stored);
    assert!(is_prepared("2468", &stored));
    assert!(!verify("1357", &stored).await);
    assert!(!is_prepared("2468", &stored));
    // A wrong PIN worked out, the right one pressed: let in.
    prepare("1357", &stored);
    assert!(verify("2468", &stored).await);
    // The PIN typed last is the one worked out.
    let other = hash_new("97531").await.unwrap();
    prepare("9753", &other);
    prepare("97531", &other);
    assert!(!is_prepared("9753", &other));
    assert!(is_prepared("97531", &other));
    assert!(verify("97531", &other).await);
    assert!(!is_prepared("97531", &other));
}

/// While the kiosk waits at Welcome it draws each question once, out of sight
/// (`kiosk::parts::warm_up`), so that the first customer's taps are as quick as
/// the next ones': nothing of it shows, is said, takes the focus or is kept, and
/// the kiosk goes on as before.
#[wasm_bindgen_test]
async fn the_questions_drawn_ahead_leave_nothing_behind() {
    clear_intakes();
    let before = lobby::kiosk::warmed();
    let (root, _mounted) = mount_kiosk();
    let welcome_focused = || {
        document()
            .active_element()
            .is_some_and(|e| e.tag_name() == "H1" && root.contains(Some(&e)))
    };
    until("Welcome, its heading focused", welcome_focused).await;
    let said = || {
        root.query_selector("[data-testid=announcement]")
            .unwrap()
            .and_then(|e| e.text_content())
    };
    let said_at_welcome = said();
    // The sample's 11 questions (it has none of the business's own).
    until("the questions drawn ahead", || {
        lobby::kiosk::warmed() >= before + 11
    })
    .await;
    assert!(heading(&root).contains("Welcome"));
    assert_eq!(root.query_selector_all("h1").unwrap().length(), 1);
    assert_eq!(said(), said_at_welcome);
    assert!(welcome_focused());
    assert!(stored_intakes().is_empty());
    // The kiosk goes on: the first question comes up.
    button(&root, "Check in").click();
    until("the first question", || !heading(&root).contains("Welcome")).await;
}
