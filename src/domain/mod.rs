//! Plain Rust: what a customer told the kiosk, what the desk is told, and the
//! business's configuration. No Leptos, no browser: all of it is tested natively.
pub mod brief;
pub mod clock;
pub mod color;
pub mod config;
pub mod csp;
pub mod export;
pub mod feedback;
pub mod flow;
pub mod history;
pub mod idle;
pub mod intake;
pub mod pairing;
pub mod phone;
pub mod pin;
pub mod questions;
pub mod receipt;
pub mod settings;
pub mod text;
pub mod wait;
