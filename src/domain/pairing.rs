//! A device paired with the shop's server: the one-time code a pairing link
//! carries, and what the device keeps once it is redeemed (its role, its
//! letter or number, its own account), from which its sync is made.
use serde::Deserialize;

use super::config::{SyncConfig, SyncRole};

/// Which device one is: a kiosk by its ticket letter, a desk by its number.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Station {
    pub role: SyncRole,
    /// A kiosk's ticket letter.
    #[serde(default)]
    pub letter: Option<String>,
    /// A desk's number.
    #[serde(default)]
    pub number: Option<u32>,
}

/// What a paired device keeps in its own storage, as the shop's server gave it
/// (`POST /api/pair`). The station's fields are its own, not a flattened
/// [`Station`]: flattening costs the kiosk's pairing part 3.3 KB.
#[derive(Clone, PartialEq, Deserialize)]
pub struct Paired {
    pub role: SyncRole,
    #[serde(default)]
    pub letter: Option<String>,
    #[serde(default)]
    pub number: Option<u32>,
    pub user: String,
    pub password: String,
    /// The one database this account works in (a kiosk: its inbox).
    pub db: String,
}

/// Never prints the password.
impl std::fmt::Debug for Paired {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paired")
            .field("role", &self.role)
            .field("letter", &self.letter)
            .field("number", &self.number)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Paired {
    /// Reads what was kept; `None` for anything that is not a whole pairing.
    pub fn from_json(text: &str) -> Option<Paired> {
        let paired: Paired = serde_json::from_str(text).ok()?;
        let letter_ok = match paired.role {
            SyncRole::Kiosk => paired
                .letter
                .as_deref()
                .is_some_and(|l| l.len() == 1 && l.bytes().all(|b| b.is_ascii_uppercase())),
            SyncRole::Desk => paired.number.is_some() && paired.letter.is_none(),
        };
        let db_ok = !paired.db.is_empty()
            && paired
                .db
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        // As the shop's server makes them: nothing a JSON string would escape.
        let plain = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        };
        (letter_ok && db_ok && plain(&paired.user) && plain(&paired.password)).then_some(paired)
    }

    /// What the device keeps: its sync as kiosk.json's `sync` section would
    /// hold it, but for the database's path on the shop's server, which stays
    /// right should the server's address change ([`sync_from_stored`]).
    pub fn to_stored(&self) -> String {
        let role = match self.role {
            SyncRole::Kiosk => "kiosk",
            SyncRole::Desk => "desk",
        };
        let letter = self
            .letter
            .as_deref()
            .map(|l| format!(r#","letter":"{l}""#))
            .unwrap_or_default();
        // Every value was checked to need no escaping (`from_json`).
        format!(
            r#"{{"url":"/db/{}","user":"{}","password":"{}","role":"{role}"{letter}}}"#,
            self.db, self.user, self.password
        )
    }
}

/// A paired device's sync from what it kept ([`Paired::to_stored`]), through
/// the shop's server at `origin` (the page's own, `http://192.168.1.20:8080`).
/// Read with kiosk.json's own reader of `sync`, so the kiosk's start-up carries
/// no other.
pub fn sync_from_stored(text: &str, origin: &str) -> Option<SyncConfig> {
    let mut sync: SyncConfig = serde_json::from_str(text).ok()?;
    let whole = sync.url.starts_with("/db/")
        && !sync.user.is_empty()
        && (sync.role == SyncRole::Desk || sync.letter.is_some());
    if !whole {
        return None;
    }
    sync.url = format!("{}{}", origin.trim_end_matches('/'), sync.url);
    sync.paired = true;
    Some(sync)
}

/// The storage key a page keeps its pairing under: a kiosk's and a desk's are
/// apart, so one browser may be both (a shop's only computer).
pub fn storage_key(role: SyncRole) -> &'static str {
    match role {
        SyncRole::Kiosk => "lobby.paired.kiosk",
        SyncRole::Desk => "lobby.paired.desk",
    }
}

/// The pairing code in a link's fragment (`#pair=CODE`), if it has one that
/// could be a code.
pub fn code_in_fragment(fragment: &str) -> Option<String> {
    let code = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .strip_prefix("pair=")?;
    let plausible = (16..=64).contains(&code.len())
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then(|| code.to_string())
}

/// A device paired with the shop's server, as the desk lists it (`GET /api/devices`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PairedDevice {
    pub account: String,
    #[serde(flatten)]
    pub station: Station,
    #[serde(default)]
    pub last_seen_ms: Option<i64>,
}

/// A pairing link not used yet, as the desk lists it: by its digest, never its code.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct WaitingLink {
    pub id: String,
    #[serde(flatten)]
    pub station: Station,
    pub expires_ms: i64,
}

/// A pairing link the shop's server made (`POST /api/pairings`): what the desk
/// lists of it, the link itself, and its QR code as rows of `1` (dark) and `0`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct PairingLink {
    #[serde(flatten)]
    pub waiting: WaitingLink,
    pub link: String,
    pub qr: QrCode,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct QrCode {
    pub size: usize,
    pub rows: Vec<String>,
}

impl QrCode {
    /// The dark modules as one SVG path, a rectangle per run of dark modules in a
    /// row, in a square of `size` units (the quiet zone is the drawing's margin).
    pub fn svg_path(&self) -> String {
        let mut path = String::new();
        for (y, row) in self.rows.iter().enumerate() {
            let bits = row.as_bytes();
            let mut x = 0;
            while x < bits.len() {
                if bits[x] != b'1' {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < bits.len() && bits[x] == b'1' {
                    x += 1;
                }
                path.push_str(&format!("M{start} {y}h{}v1H{start}z", x - start));
            }
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIOSK: &str = r#"{"role":"kiosk","letter":"B","user":"kiosk-b-1a2b3c","password":"s3cret","db":"lobby-kiosk-b"}"#;

    #[test]
    fn the_code_comes_from_the_fragment_only_when_it_could_be_one() {
        let code = "AbCdEfGhIjKlMnOpQrStUvWx";
        assert_eq!(
            code_in_fragment(&format!("#pair={code}")).as_deref(),
            Some(code)
        );
        assert_eq!(code_in_fragment(""), None);
        assert_eq!(code_in_fragment("#pair="), None);
        assert_eq!(code_in_fragment("#pair=short"), None);
        assert_eq!(code_in_fragment("#pair=AbCdEfGhIjKlMnOp<script>"), None);
        assert_eq!(code_in_fragment(&format!("#other={code}")), None);
        assert_eq!(code_in_fragment(&format!("#pair={}", "a".repeat(65))), None);
    }

    #[test]
    fn a_kiosk_syncs_with_its_inbox_through_the_shops_server() {
        let paired = Paired::from_json(KIOSK).expect("a whole pairing");
        let sync = sync_from_stored(&paired.to_stored(), "http://192.168.1.20:8080/")
            .expect("what was kept is read back");
        assert_eq!(sync.url, "http://192.168.1.20:8080/db/lobby-kiosk-b");
        assert_eq!(sync.origin(), "http://192.168.1.20:8080");
        assert_eq!(sync.role, SyncRole::Kiosk);
        assert_eq!(sync.letter.as_deref(), Some("B"));
        assert!(sync.paired);
        assert_eq!(sync.user, "kiosk-b-1a2b3c");
        assert_eq!(sync.password, "s3cret");
        // Kept for another address of the same server: still through it.
        let moved = sync_from_stored(&paired.to_stored(), "http://10.0.0.5:8080").unwrap();
        assert_eq!(moved.url, "http://10.0.0.5:8080/db/lobby-kiosk-b");
    }

    #[test]
    fn what_is_not_a_whole_pairing_is_not_used() {
        assert!(Paired::from_json("").is_none());
        assert!(Paired::from_json("{}").is_none());
        assert!(Paired::from_json(&KIOSK.replace(r#""letter":"B","#, "")).is_none());
        assert!(Paired::from_json(&KIOSK.replace(r#""B""#, r#""b""#)).is_none());
        assert!(Paired::from_json(&KIOSK.replace("lobby-kiosk-b", "../_users")).is_none());
        assert!(Paired::from_json(&KIOSK.replace("s3cret", r#"a\"b"#)).is_none());
        assert!(sync_from_stored("", "http://x").is_none());
        assert!(sync_from_stored(
            r#"{"url":"http://elsewhere/db/x","user":"u","password":"p","role":"desk"}"#,
            "http://x"
        )
        .is_none());
        assert!(sync_from_stored(
            r#"{"url":"/db/lobby-kiosk-b","user":"u","password":"p","role":"kiosk"}"#,
            "http://x"
        )
        .is_none());
        let desk_stored = Paired::from_json(
            r#"{"role":"desk","number":1,"user":"desk-1-aa","password":"p","db":"lobby"}"#,
        )
        .unwrap()
        .to_stored();
        assert_eq!(
            sync_from_stored(&desk_stored, "http://x")
                .map(|s| s.url)
                .as_deref(),
            Some("http://x/db/lobby")
        );
        let desk = r#"{"role":"desk","number":1,"user":"desk-1-aa","password":"p","db":"lobby"}"#;
        assert_eq!(Paired::from_json(desk).map(|p| p.number), Some(Some(1)));
        assert!(Paired::from_json(&desk.replace(r#""number":1,"#, "")).is_none());
        // A letter, unchecked, would be written into what is kept as it is.
        assert!(
            Paired::from_json(&desk.replace(r#""number":1,"#, r#""number":1,"letter":"\",x"#))
                .is_none()
        );
    }

    #[test]
    fn a_qr_code_is_drawn_as_runs_of_dark_modules() {
        let qr = QrCode {
            size: 3,
            rows: vec!["110".into(), "000".into(), "101".into()],
        };
        assert_eq!(qr.svg_path(), "M0 0h2v1H0zM0 2h1v1H0zM2 2h1v1H2z");
        let link: PairingLink = serde_json::from_str(
            r#"{"code":"c","id":"d","role":"kiosk","letter":"B","label":"kiosk B","link":"http://x/#pair=c","qr":{"size":1,"rows":["1"]},"expires_ms":5,"reachable_from_other_devices":true}"#,
        )
        .expect("the server's answer");
        assert_eq!(link.waiting.station.letter.as_deref(), Some("B"));
        assert_eq!(link.waiting.id, "d");
        assert_eq!(link.qr.svg_path(), "M0 0h1v1H0z");
    }

    #[test]
    fn the_password_is_never_printed() {
        let paired = Paired::from_json(KIOSK).unwrap();
        assert!(!format!("{paired:?}").contains("s3cret"));
    }
}
