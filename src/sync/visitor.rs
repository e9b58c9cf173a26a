//! Feedback from a visitor: a customer's own phone, opened from the QR code of
//! a printed number, is no device of the shop and has no account. It sends its
//! way-out answers once, whole, to the shop's server (`POST /api/feedback`),
//! which holds them to the database's rules as a kiosk's and files them; the
//! desk links them to the check-in by the ticket.
use super::couch::request;
use super::doc::to_doc;
use super::state::REQUEST_MS;
use crate::domain::feedback::Feedback;
use crate::store::Record;
use crate::web;

/// Tries this many times, a little apart, before leaving it on the phone.
const TRIES: u32 = 3;
const APART_MS: i32 = 2_000;

/// Sends `feedback`; whether the shop's server has it.
pub async fn send_feedback(feedback: &Feedback) -> bool {
    let doc = to_doc(&Record::Feedback(feedback.clone()), None);
    for attempt in 0..TRIES {
        if attempt > 0 {
            web::sleep(APART_MS).await;
        }
        match request("POST", "/api/feedback", None, Some(doc.clone()), REQUEST_MS).await {
            Ok(reply) if reply.status == 201 || reply.status == 200 => return true,
            // Refused (the rules, too many, no shop's server): again would not help.
            Ok(reply) if (400..500).contains(&reply.status) => return false,
            _ => {}
        }
    }
    false
}
