//! The keys of this app in the browser's storage.

/// Key prefix of one stored intake; one key per intake, so two windows writing
/// different intakes at once never overwrite each other.
pub const INTAKE_PREFIX: &str = "lobby.intake.";
/// Key prefix of one customer's feedback, kept like intakes.
pub const FEEDBACK_PREFIX: &str = "lobby.feedback.";
pub const DEVICE_KEY: &str = "lobby.device";
/// Today's last ticket number: `{"day": "2026-11-22", "last": 12}`.
pub const TICKET_KEY: &str = "lobby.ticket";
/// The desk PIN's hash as the shop's server gave it to this paired desk.
pub const DESK_PIN_HASH_KEY: &str = "lobby.desk.pin_hash";
/// Wrong desk PIN tries and the lock-out (never the PIN).
pub const PIN_TRIES_KEY: &str = "lobby.desk_pin_tries";
