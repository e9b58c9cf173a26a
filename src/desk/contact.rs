//! Texts and calls a customer asked for: their number, *Text* with a message
//! prepared in the customer's own language (it's ready; we have the estimate;
//! running late, with the new time), through the device's messaging app
//! (`sms:`), and *Call* (`tel:`). The number is shown too, to copy where a
//! device has neither.
use leptos::prelude::*;

use crate::domain::brief::Brief;
use crate::domain::config::Config;
use crate::i18n;
use crate::ui::use_i18n;
use crate::web;

/// An `sms:` link to `phone` with `body` (RFC 5724).
pub fn sms_link(phone: &str, body: &str) -> String {
    format!(
        "sms:{phone}?body={}",
        String::from(js_sys::encode_uri_component(body))
    )
}

#[component]
pub fn Contact(brief: Memo<Option<Brief>>) -> impl IntoView {
    let i = use_i18n();
    let config = expect_context::<Config>();
    let Some(b) = brief.get_untracked().filter(|b| !b.phone.is_empty()) else {
        return ().into_any();
    };
    // The customer's words: their language's catalogue, fetched if this desk
    // has not shown it yet (English meanwhile, and should it not come).
    let customer = i18n::code(&b.language).unwrap_or("en");
    let ready = RwSignal::new(i18n::is_loaded(customer));
    if !ready.get_untracked() {
        leptos::task::spawn_local(async move {
            if i18n::load(customer).await.is_ok() {
                ready.try_set(true);
            }
        });
    }
    let words = StoredValue::new((config.business.name.clone(), b.ticket_label.clone()));
    let phone = StoredValue::new(b.phone.clone());
    let message = move |key: &str, time: Option<i64>| {
        ready.track();
        let time = time
            .map(|at| web::intl::local_time(customer, at))
            .unwrap_or_default();
        words.with_value(|(business, ticket)| {
            i18n::tr_with(
                customer,
                key,
                &[("business", business), ("ticket", ticket), ("time", &time)],
            )
        })
    };
    let text =
        move |key: &'static str, label: &'static str, testid: &'static str, time: Option<i64>| {
            view! {
                <a
                    class="button secondary"
                    href=move || phone.with_value(|p| sms_link(p, &message(key, time)))
                    data-testid=testid
                >
                    {move || i.t(label)}
                </a>
            }
        };
    let late = move || {
        brief.with(|b| {
            b.as_ref()
                .and_then(|b| b.promised_ms)
                .map(|at| text("desk.sms_late", "desk.text_late", "sms-late", Some(at)))
        })
    };
    view! {
        <section class="contact" data-testid="contact">
            <h3>{move || i.t("desk.contact")}</h3>
            <p class="contact-number">
                {move || i.t("desk.contact_number")}" "
                <span class="number" dir="ltr" data-testid="phone">{b.phone.clone()}</span>
            </p>
            <div class="contact-links">
                {text("desk.sms_ready", "desk.text_ready", "sms-ready", None)}
                {text("desk.sms_estimate", "desk.text_estimate", "sms-estimate", None)}
                {late}
                <a class="button secondary" href=format!("tel:{}", b.phone) data-testid="call">
                    {move || i.t("desk.call")}
                </a>
            </div>
        </section>
    }
    .into_any()
}
