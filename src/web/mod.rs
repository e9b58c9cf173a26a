//! The browser, one capability a file. Each hands out plain values or, where it
//! lasts, a `use_x` that cleans up with the component that called it. Outside
//! this folder only `store::local` (the storage backend that `storage` opens)
//! reaches for `window`; components still hold the elements they draw.
pub mod activity;
pub mod audio;
pub mod channel;
pub mod clock;
pub mod document;
pub mod download;
pub mod encoding;
pub mod fault;
pub mod intl;
pub mod parts;
pub mod pin;
pub mod service_worker;
pub mod speech;
pub mod storage;
pub mod timers;

pub use clock::{now, random_hex};
pub use parts::{PartMissing, PART_RETRY_MS};
pub use storage::{use_storage, Storage};
pub use timers::{after_paint, every, sleep};
