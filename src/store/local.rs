//! The browser's local storage as a `Backend`.
use wasm_bindgen::JsCast;

use super::{Backend, StoreError};

pub struct LocalStorage {
    storage: web_sys::Storage,
}

impl LocalStorage {
    /// `None` when the browser gives no storage (disabled, or a sandboxed frame).
    pub fn open() -> Option<Self> {
        let storage = web_sys::window()?.local_storage().ok()??;
        Some(Self { storage })
    }
}

impl Backend for LocalStorage {
    fn keys(&self) -> Vec<String> {
        let n = self.storage.length().unwrap_or(0);
        (0..n)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .collect()
    }

    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn remove(&self, key: &str) {
        let _ = self.storage.remove_item(key);
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage
            .set_item(key, value)
            .map_err(|e| match e.dyn_ref::<web_sys::DomException>() {
                Some(ex) if ex.name() == "QuotaExceededError" || ex.code() == 22 => {
                    StoreError::Full
                }
                Some(ex) => StoreError::Unavailable(ex.name()),
                None => StoreError::Unavailable("unknown".into()),
            })
    }
}
