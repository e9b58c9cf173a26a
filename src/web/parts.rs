//! The parts of a program fetched after start-up (the `split` feature, see
//! scripts/split.mjs): what a page does when one cannot come.

/// A later part could not be fetched: offline before it was ever cached, or gone
/// with a new build.
#[derive(Clone, Copy, Debug)]
pub struct PartMissing;

/// How long a page waits before asking again for a part that could not be
/// fetched. Until it comes, a kiosk's check-ins wait in storage.
pub const PART_RETRY_MS: i32 = 10_000;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}
