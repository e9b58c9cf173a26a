//! What a desk paired with the shop's server asks of it: this desk's own
//! account, and the PIN's hash (its API: `sync::api`).
use serde::Deserialize;

use crate::domain::config::{SyncConfig, SyncRole};
use crate::domain::pairing::{storage_key, sync_from_stored};
pub use crate::sync::api::{api, Refused};
use crate::web::Storage;

/// This desk's own account, when it was paired with the shop's server.
pub fn own_account(storage: Storage) -> Option<SyncConfig> {
    storage
        .setting(storage_key(SyncRole::Desk))
        .and_then(|text| sync_from_stored(&text, ""))
}

#[derive(Deserialize)]
struct DeskSettings {
    pin_hash: String,
}

/// The desk PIN's hash as the shop's server gives it to a signed-in desk (it
/// serves kiosk.json without it, so that no kiosk holds it).
pub async fn pin_hash_from_server(desk: &SyncConfig) -> Option<String> {
    let text = api(desk, "GET", "desk", None).await.ok()?;
    let settings: DeskSettings = serde_json::from_str(&text).ok()?;
    crate::domain::pin::is_valid_hash(&settings.pin_hash).then_some(settings.pin_hash)
}
