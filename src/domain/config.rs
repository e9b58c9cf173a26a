//! The business's configuration (`kiosk.json`) and its validation. A configuration
//! that cannot work is refused with a message naming the field, never half-used.
use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};

use super::clock::ClockTime;
use super::color::{contrast, parse_hex_color};
use super::intake::DeadlineChoice;
use super::pin;
use super::questions::{self, OwnQuestion};
use super::text::visible_len;

/// Help items the kiosk knows how to name in every language.
pub const HELP_ITEMS: [&str; 8] = [
    "shuttle",
    "loaner",
    "coffee",
    "wifi",
    "quiet_place",
    "text_updates",
    "call",
    "essentials",
];
/// Where each timing may be, in seconds (days for `keep_days`): the rules of
/// kiosk.json, and the bounds of the desk's Settings.
pub const RESET_SECONDS: std::ops::RangeInclusive<u32> = 3..=300;
pub const IDLE_SECONDS: std::ops::RangeInclusive<u32> = 10..=600;
pub const IDLE_COUNTDOWN_SECONDS: std::ops::RangeInclusive<u32> = 5..=120;
pub const DESK_LOCK_SECONDS: std::ops::RangeInclusive<u32> = 30..=3600;
pub const KEEP_DAYS: std::ops::RangeInclusive<u32> = 1..=366;

/// The help item that means "nothing else, thanks": it excludes the others.
pub const ESSENTIALS: &str = "essentials";
/// The help items that need the customer's number: they are asked for it.
pub const TEXT_UPDATES: &str = "text_updates";
pub const CALL: &str = "call";

/// Written back as JSON by the desk's Settings (and its export): never with
/// `sync`, a device's own account, nor an empty PIN hash.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub business: Business,
    pub reasons: Vec<Reason>,
    /// Up to three questions of the business's own, asked after the reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<OwnQuestion>,
    pub help_items: Vec<String>,
    pub spending_limits: Vec<u32>,
    /// Currency symbol shown before amounts.
    pub currency: String,
    pub deadlines: Vec<DeadlineChoice>,
    /// What "by end of day" means at this business.
    pub end_of_day: ClockTime,
    /// The PIN's slow hash (`domain::pin`), set at the desk's Settings. Empty
    /// (or left out) as the shop's server serves kiosk.json: it gives the hash
    /// to signed-in desks only, never to a kiosk.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub desk_pin_hash: String,
    /// Seconds the Done screen stays before the kiosk returns to Welcome.
    pub reset_seconds: u32,
    /// Seconds without a touch or a key on a question before "Are you still there?".
    #[serde(default = "default_idle_seconds")]
    pub idle_seconds: u32,
    /// Seconds "Are you still there?" counts down before the answers are wiped.
    #[serde(default = "default_idle_countdown_seconds")]
    pub idle_countdown_seconds: u32,
    /// Seconds without a touch or a key before the desk locks itself.
    #[serde(default = "default_desk_lock_seconds")]
    pub desk_lock_seconds: u32,
    /// Days of intakes and feedback kept on this device, today included; older ones
    /// are removed. The default, 2, keeps a day's data until the end of the day after.
    #[serde(default = "default_keep_days")]
    pub keep_days: u32,
    /// Days of intakes and feedback a desk keeps for its figures when there is no
    /// shop's database to read them from (kiosks keep `keep_days` alone).
    /// Left out of the file at its default, so builds from before it still
    /// read settings saved by this one.
    #[serde(
        default = "default_history_days",
        skip_serializing_if = "is_default_history_days"
    )]
    pub history_days: u32,
    /// Customers' phone numbers go in the export too (left out by default).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub export_phones: bool,
    /// The lobby board shows each ticket's first name too (tickets only by default).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub board_names: bool,
    /// Done offers *Print my number* on the kiosk's receipt printer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub printing: bool,
    /// Optional: share intakes with other devices through a CouchDB database.
    /// Without it, this device works alone.
    #[serde(default, skip_serializing)]
    pub sync: Option<SyncConfig>,
}

/// This device's part in sync: where the database is, who this device is, and
/// what it may do there.
#[derive(Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// The database's URL, e.g. `https://couch.example.com/lobby`.
    pub url: String,
    pub user: String,
    pub password: String,
    pub role: SyncRole,
    /// A kiosk's ticket letter (A to Z): tickets read A-12, so two kiosks never
    /// give the same number on one day.
    #[serde(default)]
    pub letter: Option<String>,
    /// Made by pairing with the shop's server, not written in kiosk.json: a
    /// refused account then means this device was unpaired.
    #[serde(skip)]
    pub paired: bool,
}

/// Never prints the password (the configuration is logged in error reports).
impl std::fmt::Debug for SyncConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncConfig")
            .field("url", &self.url)
            .field("user", &self.user)
            .field("role", &self.role)
            .field("letter", &self.letter)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncRole {
    /// Files intakes; may only create documents.
    Kiosk,
    /// Shows the shared queue and changes intakes.
    Desk,
}

impl SyncConfig {
    /// The database URL without a trailing slash.
    pub fn database(&self) -> &str {
        self.url.trim_end_matches('/')
    }

    /// `scheme://host:port` of the database, as a Content-Security-Policy names it.
    pub fn origin(&self) -> &str {
        let rest = self.url.find("://").map(|i| i + 3).unwrap_or(0);
        let end = self.url[rest..]
            .find('/')
            .map(|i| rest + i)
            .unwrap_or(self.url.len());
        &self.url[..end]
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = self.database();
        let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
        let path = url.split("://").nth(1).and_then(|r| r.split_once('/'));
        if !scheme_ok || !path.is_some_and(|(host, db)| !host.is_empty() && !db.is_empty()) {
            return Err(err(
                "sync.url",
                "must be a database URL like https://couch.example.com/lobby",
            ));
        }
        if url.contains('@') || url.contains('?') || url.contains('#') {
            return Err(err(
                "sync.url",
                "must not hold a name, password, query or fragment: use sync.user and sync.password",
            ));
        }
        if self.user.trim().is_empty() || self.user.len() > 100 {
            return Err(err("sync.user", "must be 1 to 100 characters"));
        }
        if self.password.is_empty() || self.password.len() > 200 {
            return Err(err("sync.password", "must be 1 to 200 characters"));
        }
        match (self.role, self.letter.as_deref()) {
            (SyncRole::Kiosk, Some(l))
                if l.len() == 1 && l.bytes().all(|b| b.is_ascii_uppercase()) =>
            {
                Ok(())
            }
            (SyncRole::Kiosk, _) => Err(err(
                "sync.letter",
                "a kiosk needs its own ticket letter, one of A to Z",
            )),
            (SyncRole::Desk, Some(_)) => {
                Err(err("sync.letter", "only a kiosk has a ticket letter"))
            }
            (SyncRole::Desk, None) => Ok(()),
        }
    }
}

impl Config {
    /// Days of records a desk keeps: `history_days` for its figures when it has no
    /// shop's database to read them from, `keep_days` otherwise (as kiosks).
    pub fn desk_days(&self, synced: bool) -> u32 {
        if synced {
            self.keep_days
        } else {
            self.history_days.max(self.keep_days)
        }
    }
}

fn default_keep_days() -> u32 {
    2
}

fn default_history_days() -> u32 {
    90
}

fn is_default_history_days(days: &u32) -> bool {
    *days == default_history_days()
}

fn default_desk_lock_seconds() -> u32 {
    300
}

fn default_idle_seconds() -> u32 {
    60
}

fn default_idle_countdown_seconds() -> u32 {
    15
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Business {
    pub name: String,
    /// Brand colour `#rrggbb`, used for buttons and the header.
    pub color: String,
    /// Language code of the kiosk's default language.
    pub language: String,
    /// Where the business is (ISO 3166 code, `US`): how a customer's phone
    /// number is written here (`domain::phone`). Left out: any plausible number.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    pub code: String,
    /// Wording per language code; the default language is required.
    pub label: BTreeMap<String, String>,
    /// This reason means "came back: something wasn't right".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recovery: bool,
}

/// A configuration that cannot be used, with the field at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub field: String,
    pub message: String,
    /// Where the file stops being JSON (line, column), for a syntax error.
    pub at: Option<(usize, usize)>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.at, self.field.is_empty()) {
            (Some((line, column)), _) => {
                write!(f, "{} (line {line}, column {column})", self.message)
            }
            (None, true) => write!(f, "{}", self.message),
            (None, false) => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

pub(super) fn err(field: impl Into<String>, message: impl Into<String>) -> ConfigError {
    ConfigError {
        field: field.into(),
        message: message.into(),
        at: None,
    }
}

/// Languages the kiosk has a catalogue for.
pub fn languages() -> Vec<&'static str> {
    crate::i18n::languages().collect()
}

impl Config {
    /// The configuration in `text`, checked; `None` when it cannot be used, without
    /// saying why ([`Config::from_json`] does). The kiosk reads it this way as it
    /// starts, and fetches the code that says why only when it must
    /// (src/configuration.rs): that code names fields, and holds a copy of its own
    /// of the reading of every one.
    pub fn read(text: &str) -> Result<Config, Option<ConfigError>> {
        let config: Config = serde_json::from_str(text).map_err(|_| None)?;
        config.validate().map_err(Some)?;
        Ok(config)
    }

    /// The configuration in `text`, checked; or what is wrong with it, naming
    /// the field.
    pub fn from_json(text: &str) -> Result<Config, ConfigError> {
        let de = &mut serde_json::Deserializer::from_str(text);
        let config: Config = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            // "." is the whole file; "?" a place serde could not name (a syntax error).
            let field = if path == "." || path == "?" {
                String::new()
            } else {
                path
            };
            let inner = e.into_inner();
            let message = inner.to_string();
            if inner.is_syntax() || inner.is_eof() {
                // "trailing comma at line 5 column 3": the words, and the place apart.
                let words = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(words, _)| words);
                return ConfigError {
                    field: String::new(),
                    message: format!("not valid JSON: {words}"),
                    at: Some((inner.line(), inner.column())),
                };
            }
            // serde_json appends " at line L column C"; keep it, it helps whoever edits the file.
            err(field, message)
        })?;
        config.validate()?;
        Ok(config)
    }

    /// The rules a configuration must keep, whether read from kiosk.json or
    /// made at the desk's Settings: the first fault, naming its field.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let b = &self.business;
        if b.name.trim().is_empty() || visible_len(&b.name) > 60 {
            return Err(err("business.name", "must be 1 to 60 characters"));
        }
        if parse_hex_color(&b.color).is_none() {
            return Err(err(
                "business.color",
                format!("`{}` is not a color like #1d5c8c", b.color),
            ));
        }
        if self.brand_contrast() < 4.5 {
            return Err(err(
                "business.color",
                format!(
                    "`{}` leaves text on it hard to read (contrast {}:1, at least 4.5:1 is needed): pick a darker or a lighter color",
                    b.color,
                    self.brand_contrast_words()
                ),
            ));
        }
        if crate::i18n::code(&b.language).is_none() {
            return Err(err(
                "business.language",
                format!("`{}` is not one of {}", b.language, languages().join(", ")),
            ));
        }
        if !(b.country.is_empty()
            || b.country.len() == 2 && b.country.bytes().all(|c| c.is_ascii_uppercase()))
        {
            return Err(err(
                "business.country",
                "must be a country's two capital letters (ISO 3166), such as US, or left out",
            ));
        }
        if self.reasons.is_empty() || self.reasons.len() > 12 {
            return Err(err("reasons", "list 1 to 12 reasons"));
        }
        let mut codes = HashSet::new();
        for (i, r) in self.reasons.iter().enumerate() {
            if !is_code(&r.code) {
                return Err(err(
                    format!("reasons[{i}].code"),
                    "use 1 to 32 lowercase letters, digits or _",
                ));
            }
            if !codes.insert(r.code.as_str()) {
                return Err(err(
                    format!("reasons[{i}].code"),
                    format!("`{}` is listed twice", r.code),
                ));
            }
            if !r.label.contains_key(&b.language) {
                return Err(err(
                    format!("reasons[{i}].label"),
                    format!("needs wording in `{}`", b.language),
                ));
            }
            for (lang, text) in &r.label {
                if text.trim().is_empty() || visible_len(text) > 60 {
                    return Err(err(
                        format!("reasons[{i}].label.{lang}"),
                        "must be 1 to 60 characters",
                    ));
                }
            }
        }
        if self.reasons.iter().filter(|r| r.recovery).count() > 1 {
            return Err(err(
                "reasons",
                "at most one reason can be the came-back (recovery) one",
            ));
        }
        questions::check(&self.questions, &b.language)?;
        if self.help_items.is_empty() {
            return Err(err("help_items", "list at least one help item"));
        }
        let mut seen = HashSet::new();
        for (i, h) in self.help_items.iter().enumerate() {
            if !HELP_ITEMS.contains(&h.as_str()) {
                return Err(err(
                    format!("help_items[{i}]"),
                    format!("`{h}` is not one of {}", HELP_ITEMS.join(", ")),
                ));
            }
            if !seen.insert(h) {
                return Err(err(
                    format!("help_items[{i}]"),
                    format!("`{h}` is listed twice"),
                ));
            }
        }
        if self.spending_limits.len() > 6 {
            return Err(err("spending_limits", "list at most 6 amounts"));
        }
        for (i, amount) in self.spending_limits.iter().enumerate() {
            if !(1..=1_000_000).contains(amount) {
                return Err(err(
                    format!("spending_limits[{i}]"),
                    "must be between 1 and 1000000",
                ));
            }
            if i > 0 && *amount <= self.spending_limits[i - 1] {
                return Err(err(
                    format!("spending_limits[{i}]"),
                    "amounts must go up, each once",
                ));
            }
        }
        if self.currency.trim().is_empty() || visible_len(&self.currency) > 4 {
            return Err(err(
                "currency",
                "must be a symbol of 1 to 4 characters, like $ or €",
            ));
        }
        if self.deadlines.is_empty() {
            return Err(err("deadlines", "list at least one deadline choice"));
        }
        let unique: HashSet<_> = self.deadlines.iter().collect();
        if unique.len() != self.deadlines.len() {
            return Err(err("deadlines", "each choice may be listed once"));
        }
        if !self.desk_pin_hash.is_empty() && !pin::is_valid_hash(&self.desk_pin_hash) {
            return Err(err(
                "desk_pin_hash",
                "is not a PIN hash; set the PIN at the desk's Settings, or make one with `make pin-hash PIN=2468`",
            ));
        }
        let timings = [
            ("reset_seconds", RESET_SECONDS, self.reset_seconds),
            ("idle_seconds", IDLE_SECONDS, self.idle_seconds),
            (
                "idle_countdown_seconds",
                IDLE_COUNTDOWN_SECONDS,
                self.idle_countdown_seconds,
            ),
            (
                "desk_lock_seconds",
                DESK_LOCK_SECONDS,
                self.desk_lock_seconds,
            ),
            ("keep_days", KEEP_DAYS, self.keep_days),
            ("history_days", KEEP_DAYS, self.history_days),
        ];
        for (field, range, value) in timings {
            if !range.contains(&value) {
                return Err(err(
                    field,
                    format!("must be between {} and {}", range.start(), range.end()),
                ));
            }
        }
        if let Some(sync) = &self.sync {
            sync.validate()?;
        }
        Ok(())
    }

    /// This kiosk's ticket letter, when it shares a database with other kiosks.
    pub fn ticket_letter(&self) -> Option<&str> {
        self.sync.as_ref().and_then(|s| s.letter.as_deref())
    }

    pub fn reason(&self, code: &str) -> Option<&Reason> {
        self.reasons.iter().find(|r| r.code == code)
    }

    /// A reason's wording in `lang`, else in the business's default language.
    pub fn reason_label(&self, code: &str, lang: &str) -> Option<&str> {
        questions::worded(&self.reason(code)?.label, lang, &self.business.language)
    }

    /// One of the business's own questions, by its code.
    pub fn question(&self, code: &str) -> Option<&OwnQuestion> {
        self.questions.iter().find(|q| q.code == code)
    }

    /// As the desk saves it and exports it: kiosk.json's form, without `sync`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a configuration always serialises")
    }

    /// How well text in [`Config::on_brand_color`] reads on the brand colour.
    pub fn brand_contrast(&self) -> f64 {
        let rgb = parse_hex_color(&self.business.color).unwrap_or((0, 0, 0));
        let on = parse_hex_color(self.on_brand_color()).unwrap_or((255, 255, 255));
        contrast(rgb, on)
    }

    /// [`Config::brand_contrast`] to one decimal, "7.1": written without the
    /// float formatter, which would add 11 KB to the kiosk's download.
    pub fn brand_contrast_words(&self) -> String {
        let tenths = (self.brand_contrast() * 10.0).round() as u32;
        format!("{}.{}", tenths / 10, tenths % 10)
    }

    /// Text colour that reads on the brand colour: white where it has 4.5:1, else near-black.
    pub fn on_brand_color(&self) -> &'static str {
        let rgb = parse_hex_color(&self.business.color).unwrap_or((0, 0, 0));
        if contrast(rgb, (255, 255, 255)) >= 4.5 {
            "#ffffff"
        } else {
            "#1a1a1a"
        }
    }
}

pub(super) fn is_code(s: &str) -> bool {
    (1..=32).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../public/kiosk.json");

    fn with(edit: impl FnOnce(&mut serde_json::Value)) -> Result<Config, ConfigError> {
        let mut v: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
        edit(&mut v);
        Config::from_json(&v.to_string())
    }

    #[test]
    fn the_sample_configuration_is_valid() {
        let c = Config::from_json(SAMPLE).expect("sample kiosk.json must load");
        assert_eq!(c.reasons.iter().filter(|r| r.recovery).count(), 1);
        assert!(
            pin::verify_pin("2468", &c.desk_pin_hash),
            "README promises PIN 2468 for the sample"
        );
    }

    fn with_sync(sync: serde_json::Value) -> Result<Config, ConfigError> {
        with(|v| {
            v["sync"] = sync;
        })
    }

    #[test]
    fn sync_is_optional_and_off_by_default() {
        assert_eq!(Config::from_json(SAMPLE).unwrap().sync, None);
    }

    #[test]
    fn a_kiosk_syncs_with_its_own_ticket_letter() {
        let c = with_sync(serde_json::json!({
            "url": "https://couch.example.com:6984/lobby/", "user": "kiosk-a",
            "password": "s3cret", "role": "kiosk", "letter": "A"
        }))
        .unwrap();
        let sync = c.sync.as_ref().unwrap();
        assert_eq!(sync.database(), "https://couch.example.com:6984/lobby");
        assert_eq!(sync.origin(), "https://couch.example.com:6984");
        assert_eq!(c.ticket_letter(), Some("A"));
        assert!(
            !format!("{c:?}").contains("s3cret"),
            "the password is never printed"
        );
    }

    #[test]
    fn sync_mistakes_name_the_field() {
        let base = serde_json::json!({
            "url": "http://127.0.0.1:5984/lobby", "user": "desk-1", "password": "pw", "role": "desk"
        });
        let field = |edit: &dyn Fn(&mut serde_json::Value)| {
            let mut s = base.clone();
            edit(&mut s);
            with_sync(s).unwrap_err().field
        };
        assert!(with_sync(base.clone()).is_ok());
        assert_eq!(
            field(&|s| s["url"] = "couch.example.com/lobby".into()),
            "sync.url"
        );
        assert_eq!(
            field(&|s| s["url"] = "https://couch.example.com".into()),
            "sync.url"
        );
        assert_eq!(
            field(&|s| s["url"] = "https://me:pw@couch.example.com/lobby".into()),
            "sync.url"
        );
        assert_eq!(field(&|s| s["user"] = " ".into()), "sync.user");
        assert_eq!(field(&|s| s["password"] = "".into()), "sync.password");
        assert_eq!(field(&|s| s["role"] = "admin".into()), "sync.role");
        assert_eq!(field(&|s| s["letter"] = "A".into()), "sync.letter");
        assert_eq!(field(&|s| s["role"] = "kiosk".into()), "sync.letter");
        assert_eq!(
            field(&|s| {
                s["role"] = "kiosk".into();
                s["letter"] = "ab".into();
            }),
            "sync.letter"
        );
        assert_eq!(field(&|s| s["token"] = "x".into()), "sync.token");
    }

    #[test]
    fn idle_times_have_defaults() {
        let c = with(|v| {
            let o = v.as_object_mut().unwrap();
            o.remove("idle_seconds");
            o.remove("idle_countdown_seconds");
            o.remove("desk_lock_seconds");
            o.remove("keep_days");
            o.remove("history_days");
        })
        .unwrap();
        assert_eq!(
            (
                c.idle_seconds,
                c.idle_countdown_seconds,
                c.desk_lock_seconds,
                c.keep_days,
                c.history_days
            ),
            (60, 15, 300, 2, 90)
        );
    }

    #[test]
    fn a_desk_without_a_database_keeps_its_history() {
        let c = with(|_| {}).unwrap();
        assert_eq!(c.desk_days(false), 90);
        assert_eq!(
            c.desk_days(true),
            2,
            "the shop's database keeps the history"
        );
        let mut short = c.clone();
        short.history_days = 1;
        assert_eq!(short.desk_days(false), 2, "never fewer than keep_days");
    }

    #[test]
    fn broken_json_says_where() {
        let e = Config::from_json("{ \"business\": ").unwrap_err();
        assert_eq!(e.at.map(|(line, _)| line), Some(1), "{e}");
        let e = Config::from_json("").unwrap_err();
        assert!(e.message.contains("EOF"), "{e}");
    }

    #[test]
    fn wrong_types_and_unknown_fields_name_the_field() {
        let e = with(|v| v["reset_seconds"] = "ten".into()).unwrap_err();
        assert_eq!(e.field, "reset_seconds");
        let e = with(|v| v["reasons"][1]["code"] = 7.into()).unwrap_err();
        assert_eq!(e.field, "reasons[1].code");
        let e = with(|v| v["business"]["colour"] = "#000000".into()).unwrap_err();
        assert!(e.to_string().contains("colour"), "{e}");
        let e = with(|v| {
            v.as_object_mut()
                .unwrap()
                .remove("currency")
                .map(|_| ())
                .unwrap()
        })
        .unwrap_err();
        assert!(e.message.contains("currency"), "{e}");
        let e = with(|v| v["deadlines"][0] = "tomorrow".into()).unwrap_err();
        assert_eq!(e.field, "deadlines[0]");
        let e = with(|v| v["end_of_day"] = "25:00".into()).unwrap_err();
        assert_eq!(e.field, "end_of_day");
    }

    #[test]
    fn empty_lists_and_absurd_values_are_refused() {
        type Edit = Box<dyn FnOnce(&mut serde_json::Value)>;
        let cases: Vec<(&str, Edit)> = vec![
            (
                "reasons",
                Box::new(|v| v["reasons"] = serde_json::json!([])),
            ),
            (
                "help_items",
                Box::new(|v| v["help_items"] = serde_json::json!([])),
            ),
            (
                "help_items[0]",
                Box::new(|v| v["help_items"][0] = "jacuzzi".into()),
            ),
            (
                "help_items[1]",
                Box::new(|v| v["help_items"] = serde_json::json!(["coffee", "coffee"])),
            ),
            (
                "deadlines",
                Box::new(|v| v["deadlines"] = serde_json::json!([])),
            ),
            (
                "spending_limits[0]",
                Box::new(|v| v["spending_limits"][0] = 0.into()),
            ),
            (
                "spending_limits[1]",
                Box::new(|v| v["spending_limits"] = serde_json::json!([500, 100])),
            ),
            ("idle_seconds", Box::new(|v| v["idle_seconds"] = 0.into())),
            (
                "desk_lock_seconds",
                Box::new(|v| v["desk_lock_seconds"] = 5.into()),
            ),
            ("keep_days", Box::new(|v| v["keep_days"] = 0.into())),
            ("history_days", Box::new(|v| v["history_days"] = 367.into())),
            (
                "idle_countdown_seconds",
                Box::new(|v| v["idle_countdown_seconds"] = (-3).into()),
            ),
            (
                "reset_seconds",
                Box::new(|v| v["reset_seconds"] = 100_000.into()),
            ),
            (
                "business.name",
                Box::new(|v| v["business"]["name"] = "  ".into()),
            ),
            (
                "business.color",
                Box::new(|v| v["business"]["color"] = "blue".into()),
            ),
            (
                "business.color",
                Box::new(|v| v["business"]["color"] = "#808080".into()),
            ),
            (
                "business.language",
                Box::new(|v| v["business"]["language"] = "xx".into()),
            ),
            (
                "reasons[1].code",
                Box::new(|v| v["reasons"][1]["code"] = "Oil Change!".into()),
            ),
            (
                "reasons[1].code",
                Box::new(|v| v["reasons"][1]["code"] = v["reasons"][0]["code"].clone()),
            ),
            (
                "reasons[0].label",
                Box::new(|v| v["reasons"][0]["label"] = serde_json::json!({"fr": "Entretien"})),
            ),
            (
                "reasons",
                Box::new(|v| v["reasons"][0]["recovery"] = true.into()),
            ),
            (
                "desk_pin_hash",
                Box::new(|v| v["desk_pin_hash"] = "2468".into()),
            ),
            ("currency", Box::new(|v| v["currency"] = "".into())),
        ];
        for (field, edit) in cases {
            let e = with(edit).unwrap_err();
            assert_eq!(e.field, field, "{e}");
            assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn written_back_it_reads_the_same_without_the_device_account() {
        let mut c = with(|v| {
            v["questions"] = serde_json::json!([
                {"code": "plate", "label": {"en": "Your car's plate", "es": "Matrícula"}},
                {"code": "first_visit", "label": {"en": "First visit here?"},
                 "choices": [{"code": "yes", "label": {"en": "Yes"}}, {"code": "no", "label": {"en": "No"}}]}
            ]);
        })
        .unwrap();
        assert_eq!(Config::from_json(&c.to_json()).unwrap(), c);
        assert_eq!(
            c.question("plate").map(|q| q.kind()),
            Some(questions::AnswerKind::Text)
        );
        c.sync = Some(SyncConfig {
            url: "http://127.0.0.1:5984/lobby".into(),
            user: "desk-1".into(),
            password: "s3cret".into(),
            role: SyncRole::Desk,
            letter: None,
            paired: false,
        });
        let text = c.to_json();
        assert!(
            !text.contains("s3cret") && !text.contains("\"sync\""),
            "{text}"
        );
        c.desk_pin_hash.clear();
        assert!(!c.to_json().contains("desk_pin_hash"));
        // The business's own questions are checked with the rest.
        let e = with(|v| {
            v["questions"] =
                serde_json::json!([{"code": "x", "label": {"en": "X?"}, "choices": [{"code": "a", "label": {"en": "A"}}]}])
        })
        .unwrap_err();
        assert_eq!(e.field, "questions[0].choices");
    }

    #[test]
    fn reason_labels_fall_back_to_the_default_language() {
        let c = Config::from_json(SAMPLE).unwrap();
        let code = &c.reasons[0].code;
        assert_eq!(c.reason_label(code, "xx"), c.reason_label(code, "en"));
        assert_eq!(c.reason_label("nope", "en"), None);
    }

    #[test]
    fn brand_text_colour_keeps_contrast() {
        let mut c = Config::from_json(SAMPLE).unwrap();
        c.business.color = "#1d5c8c".into();
        assert_eq!(c.on_brand_color(), "#ffffff");
        assert_eq!(c.brand_contrast_words(), "7.1");
        c.business.color = "#ffd23f".into();
        assert_eq!(c.on_brand_color(), "#1a1a1a");
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn a_syntax_error_reads_in_words_with_its_line_and_column() {
        let e = Config::from_json("{\"business\": {\"name\": \"X\",}}").unwrap_err();
        assert_eq!(
            e.to_string(),
            "not valid JSON: trailing comma (line 1, column 27)"
        );
        let e = Config::from_json("{\"business\": ").unwrap_err();
        assert!(e.message.starts_with("not valid JSON: EOF"), "{e}");
    }

    #[test]
    fn read_alone_takes_what_from_json_takes_and_leaves_naming_the_field_to_it() {
        assert_eq!(
            Config::read(SAMPLE).unwrap(),
            Config::from_json(SAMPLE).unwrap()
        );
        // Not JSON, or a field of the wrong kind: read cannot say where; from_json does.
        let wrong_kind = SAMPLE.replace("\"keep_days\": 2", "\"keep_days\": \"two\"");
        for text in ["{\"business\": ", &wrong_kind] {
            assert_eq!(Config::read(text), Err(None));
            assert!(Config::from_json(text).is_err());
        }
        assert_eq!(
            Config::from_json(&wrong_kind).unwrap_err().field,
            "keep_days"
        );
        // A rule broken: read says which, as from_json does.
        let broken = SAMPLE.replace("\"#1d5c8c\"", "\"blue\"");
        assert_eq!(
            Config::read(&broken).unwrap_err(),
            Config::from_json(&broken).err()
        );
        assert_eq!(
            Config::from_json(&broken).unwrap_err().field,
            "business.color"
        );
    }
}
