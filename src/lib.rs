//! Lobby: a front-desk intake kiosk. The customer says what matters today; the desk
//! gets a short brief. Data flows one way: taps -> draft -> intake -> store -> brief.
pub mod domain;
pub mod i18n;
pub mod store;
