//! *Print my number*, where the business turns printing on: a slip for a 58 or
//! 80 mm receipt printer with the business's name, the number, the time, the
//! wait quoted and a QR code that opens the way-out questions with the number
//! filled in. On screen the slip is not shown; the print stylesheet
//! (style/main.css, `@media print`) prints it and nothing else.
//!
//! The QR code's encoder is a download of its own (the `printed` part, 11.8 KB
//! with Brotli), fetched when Done shows with printing on (and kept by the service
//! worker with the rest of the build, where there is one).
use leptos::prelude::*;

use crate::domain::config::Config;
use crate::domain::pairing::QrCode;
use crate::domain::receipt;
use crate::domain::wait::Estimate;
use crate::ui::use_i18n;
use crate::web::{self, PartMissing};

#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(printed, wasm_split_path = ::leptos::wasm_split, fallible)]
fn qr_code(text: String) -> Result<Option<QrCode>, PartMissing> {
    Ok(receipt::qr(&text))
}

#[cfg(not(feature = "split"))]
async fn qr_code(text: String) -> Result<Option<QrCode>, PartMissing> {
    Ok(receipt::qr(&text))
}

/// The button, and the slip it prints.
#[component]
pub fn PrintMyNumber(
    ticket: String,
    checked_in_ms: i64,
    intake_id: String,
    /// The wait as Done says it; `None` where Done says nothing of it.
    wait: Option<Option<Estimate>>,
) -> impl IntoView {
    let i = use_i18n();
    let config = expect_context::<Config>();
    let (place, time) = wait
        .map(|w| super::done::wait_words(i, w))
        .unwrap_or_default();
    let at = web::intl::local_time(i.lang.get_untracked(), checked_in_ms);
    let link = receipt::way_out_link(&web::document::origin(), &ticket, &intake_id);
    // Made as Done comes up, so it is there by the time the button is tapped;
    // should its part not come (offline before it was ever cached), the slip
    // goes without it.
    let code = RwSignal::new(None::<QrCode>);
    leptos::task::spawn_local(async move {
        if let Ok(Some(made)) = qr_code(link).await {
            code.try_set(Some(made));
        }
    });
    let label = i.tw("print.qr", &[("ticket", &ticket)]);
    let qr = move || {
        code.get().map(|code| {
            let side = code.size + 8;
            view! {
                <svg class="receipt-qr" viewBox=format!("-4 -4 {side} {side}") role="img" aria-label=label.clone()>
                    <rect x="-4" y="-4" width=side.to_string() height=side.to_string() fill="#fff" />
                    <path d=code.svg_path() fill="#000" />
                </svg>
            }
        })
    };
    view! {
        <button type="button" class="secondary print" data-testid="print" on:click=move |_| web::document::print()>
            {i.t("done.print")}
        </button>
        <section class="receipt" data-testid="receipt">
            <p class="receipt-business">{config.business.name.clone()}</p>
            <p class="receipt-label">{i.t("print.your_number")}</p>
            <p class="receipt-number">{ticket.clone()}</p>
            <p class="receipt-time">{i.tw("print.checked_in", &[("time", &at)])}</p>
            {(place.is_some() || time.is_some()).then(|| view! {
                <p class="receipt-wait">{place}" "{time}</p>
            })}
            {qr}
            <p class="receipt-feedback">{i.t("print.feedback")}</p>
        </section>
    }
}
