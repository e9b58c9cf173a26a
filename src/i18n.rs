//! The translation catalogue: every string a customer or staff member reads.
//! One JSON file a language in `locales/`; a test keeps the code and the files in step.
//! English is built into the program; another language is fetched when it is first
//! chosen, so a page pays for the words of the languages it shows.
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub type Catalogue = BTreeMap<String, String>;

/// A language the app speaks: its code, its name in its own words (so a customer
/// who does not read English finds it), and which way it is written.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Language {
    pub code: &'static str,
    pub name: &'static str,
    pub rtl: bool,
}

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// Every language with a catalogue (`locales/<code>.json`), by code, English first.
/// Adding a language is adding its file: it names itself (`language.name`) and
/// says which way it is written (`language.dir`: `ltr` or `rtl`).
pub fn languages() -> impl Iterator<Item = &'static str> {
    LANGUAGES.iter().map(|l| l.code)
}

fn language(lang: &str) -> Option<&'static Language> {
    LANGUAGES.iter().find(|l| l.code == lang)
}

/// The supported language code equal to `lang`, as a `'static` code.
pub fn code(lang: &str) -> Option<&'static str> {
    language(lang).map(|l| l.code)
}

/// A language's own name: `Español` for `es`.
pub fn own_name(lang: &str) -> &'static str {
    language(lang).map_or("English", |l| l.name)
}

/// `rtl` or `ltr`, for the page's `dir`.
pub fn direction(lang: &str) -> &'static str {
    match language(lang) {
        Some(l) if l.rtl => "rtl",
        _ => "ltr",
    }
}

fn parse(code: &str, text: &str) -> Catalogue {
    serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("locales/{code}.json is not valid JSON: {e}"))
}

/// English words a page adds to those every page has: the desk, its own.
static MORE_ENGLISH: OnceLock<&'static str> = OnceLock::new();

/// Adds `words` (a catalogue's text, like [`ENGLISH_DESK`]) to English, once, at
/// the start of a page. The kiosk's program never names the desk's words, so they
/// are not in its download.
pub fn add_english(words: &'static str) {
    let _ = MORE_ENGLISH.set(words);
}

fn english() -> &'static Catalogue {
    static ENGLISH_PARSED: OnceLock<Catalogue> = OnceLock::new();
    ENGLISH_PARSED.get_or_init(|| {
        let words = parse("en", ENGLISH);
        // Natively (tests, tools) English is whole.
        #[cfg(not(target_arch = "wasm32"))]
        let words = {
            let mut words = words;
            words.append(&mut parse("en", ENGLISH_DESK));
            words.append(&mut parse("en", ENGLISH_BOARD));
            words
        };
        words
    })
}

/// The English words this page added ([`add_english`]), if any.
fn more_english() -> Option<&'static Catalogue> {
    static PARSED: OnceLock<Catalogue> = OnceLock::new();
    let text = MORE_ENGLISH.get().filter(|t| !t.is_empty())?;
    Some(PARSED.get_or_init(|| parse("en", text)))
}

/// `key` in `lang` itself (in English for a language not loaded), no other fallback.
fn lookup(lang: &str, key: &str) -> Option<&'static String> {
    match loaded(lang) {
        Some(words) if lang != "en" => words.get(key),
        _ => english()
            .get(key)
            .or_else(|| more_english().and_then(|m| m.get(key))),
    }
}

/// Natively (tests, tools) every catalogue is built in, read the first time
/// that language is used.
#[cfg(not(target_arch = "wasm32"))]
fn loaded(lang: &str) -> Option<&'static Catalogue> {
    if lang == "en" {
        return Some(english());
    }
    static PARSED: [OnceLock<Catalogue>; CATALOGUES.len()] =
        [const { OnceLock::new() }; CATALOGUES.len()];
    let index = CATALOGUES.iter().position(|(c, _)| *c == lang)?;
    Some(PARSED[index].get_or_init(|| parse(CATALOGUES[index].0, CATALOGUES[index].1)))
}

/// In the browser only English is built in; another language is there once
/// [`load`] has fetched it.
#[cfg(target_arch = "wasm32")]
fn loaded(lang: &str) -> Option<&'static Catalogue> {
    if lang == "en" {
        return Some(english());
    }
    FETCHED.with_borrow(|f| f.iter().find(|(c, _)| *c == lang).map(|(_, c)| *c))
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// Catalogues fetched so far; each is fetched at most once, and lives as long as the page.
    static FETCHED: std::cell::RefCell<Vec<(&'static str, &'static Catalogue)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The language is ready to be shown.
pub fn is_loaded(lang: &str) -> bool {
    loaded(lang).is_some()
}

/// The language a page starts in for a business whose language is `lang`: that
/// one if its words are here ([`load`] runs with the configuration), else English.
pub fn starting_language(lang: &str) -> &'static str {
    code(lang).filter(|l| is_loaded(l)).unwrap_or("en")
}

/// Makes `lang` ready to be shown: in the browser, fetches `locales/<code>.json`
/// the first time (the service worker keeps a copy for offline use). An error
/// says what went wrong; the page then stays in the language it had.
pub async fn load(lang: &'static str) -> Result<(), String> {
    if is_loaded(lang) {
        return Ok(());
    }
    #[cfg(target_arch = "wasm32")]
    {
        let url = format!("/locales/{lang}.json");
        let response = gloo_net::http::Request::get(&url)
            .cache(web_sys::RequestCache::NoCache)
            .send()
            .await
            .map_err(|e| format!("{url}: {e}"))?;
        if !response.ok() {
            return Err(format!("{url}: HTTP {}", response.status()));
        }
        let text = response.text().await.map_err(|e| format!("{url}: {e}"))?;
        let catalogue: Catalogue =
            serde_json::from_str(&text).map_err(|e| format!("{url}: {e}"))?;
        if !is_loaded(lang) {
            let catalogue: &'static Catalogue = Box::leak(Box::new(catalogue));
            FETCHED.with_borrow_mut(|f| f.push((lang, catalogue)));
        }
        Ok(())
    }
    #[cfg(not(target_arch = "wasm32"))]
    Err(format!("no catalogue for {lang}"))
}

/// The text for `key` in `lang`; English where a language lacks it; the key itself
/// (visible, and caught by the tests) where no catalogue has it.
pub fn tr(lang: &str, key: &str) -> String {
    lookup(lang, key)
        .or_else(|| lookup("en", key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

pub fn has(lang: &str, key: &str) -> bool {
    lookup(lang, key).is_some()
}

/// `tr` with `{name}` placeholders filled in.
pub fn tr_with(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    let mut text = tr(lang, key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole catalogue of `lang` (natively every one is built in).
    fn catalogue(lang: &str) -> &'static Catalogue {
        loaded(lang).unwrap()
    }

    /// Keys the code asks for: every string literal of the shape `namespace.key`
    /// whose namespace is one the catalogue uses, plus keys built from codes.
    fn keys_in_source() -> std::collections::BTreeSet<String> {
        let namespaces: std::collections::BTreeSet<&str> = english()
            .keys()
            .filter_map(|k| k.split('.').next())
            .collect();
        let is_key = |s: &str| {
            let Some((ns, rest)) = s.split_once('.') else {
                return false;
            };
            namespaces.contains(ns)
                && rest.split('.').all(|p| {
                    !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                })
        };
        let mut keys = std::collections::BTreeSet::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for literal in text.split('"').skip(1).step_by(2) {
                // A counted sentence's stem (`tw_count`) uses each of its plural forms.
                let plural_forms: Vec<&String> = english()
                    .keys()
                    .filter(|k| k.strip_prefix(literal).is_some_and(|r| r.starts_with('.')))
                    .collect();
                if is_key(literal) && english().contains_key(&format!("{literal}.other")) {
                    keys.extend(plural_forms.into_iter().cloned());
                } else if is_key(literal) {
                    keys.insert(literal.to_string());
                }
            }
        }
        // Each catalogue's own name and direction, read by build.rs.
        keys.insert("language.name".to_string());
        keys.insert("language.dir".to_string());
        // Keys built with format!: one per code.
        for item in crate::domain::config::HELP_ITEMS {
            keys.insert(format!("help.{item}"));
        }
        for p in crate::domain::intake::Priority::ALL {
            keys.insert(format!("priority.{}", p.code()));
            keys.insert(format!("priority.{}_hint", p.code()));
            keys.insert(format!("leaving.respected_{}", p.code()));
        }
        for e in crate::domain::feedback::Expectations::ALL {
            keys.insert(format!("leaving.expectations_{}", e.code()));
            keys.insert(format!("desk.feedback_{}", e.code()));
        }
        for d in [
            crate::domain::intake::Detail::Brief,
            crate::domain::intake::Detail::WalkThrough,
        ] {
            keys.insert(format!("detail.{}", d.code()));
            keys.insert(format!("detail.{}_hint", d.code()));
        }
        use crate::domain::intake::DeadlineChoice::*;
        for c in [WithinHour, ByNoon, EndOfDay, At] {
            keys.insert(format!("deadline.{}", c.code()));
        }
        keys
    }

    /// Every catalogue entry is used somewhere: no dead wording to translate.
    #[test]
    fn every_catalogue_key_is_used() {
        let used = keys_in_source();
        let unused: Vec<_> = english().keys().filter(|k| !used.contains(*k)).collect();
        assert!(
            unused.is_empty(),
            "keys in locales/en.json that no code uses: {unused:?}"
        );
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_catalogue() {
        let used = keys_in_source();
        assert!(
            used.len() > 50,
            "the scan found too few keys: {}",
            used.len()
        );
        let missing: Vec<_> = used
            .iter()
            .filter(|k| !english().contains_key(*k))
            .collect();
        assert!(
            missing.is_empty(),
            "keys missing from locales/en.json: {missing:?}"
        );
    }

    /// A language may have plural forms English lacks (Arabic: zero, two, few,
    /// many) for a counted sentence English has; nothing else beyond English's keys.
    fn is_extra_plural_form(key: &str) -> bool {
        key.rsplit_once('.').is_some_and(|(stem, form)| {
            ["zero", "two", "few", "many"].contains(&form)
                && english().contains_key(&format!("{stem}.other"))
        })
    }

    #[test]
    fn every_catalogue_has_exactly_the_english_keys() {
        for lang in languages() {
            let other = catalogue(lang);
            let missing: Vec<_> = english()
                .keys()
                .filter(|k| !other.contains_key(*k))
                .collect();
            let extra: Vec<_> = other
                .keys()
                .filter(|k| !english().contains_key(*k) && !is_extra_plural_form(k))
                .collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
    }

    /// `{name}` and the like, in the order they appear.
    fn placeholders(text: &str) -> std::collections::BTreeSet<&str> {
        text.split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn every_translation_has_the_placeholders_of_the_english() {
        for lang in languages() {
            for (key, text) in catalogue(lang) {
                let english_key = if is_extra_plural_form(key) {
                    format!("{}.other", key.rsplit_once('.').unwrap().0)
                } else {
                    key.clone()
                };
                let english_text = english()
                    .get(&english_key)
                    .map(String::as_str)
                    .unwrap_or("");
                assert_eq!(
                    placeholders(text),
                    placeholders(english_text),
                    "{lang}: {key} = {text:?}"
                );
                assert!(!text.trim().is_empty(), "{lang}: {key} is empty");
            }
        }
    }

    #[test]
    fn the_languages_built_in_are_the_catalogues_own_words() {
        for l in LANGUAGES {
            assert_eq!(l.name, tr(l.code, "language.name"));
            assert_eq!(direction(l.code), tr(l.code, "language.dir"));
        }
        let whole: Catalogue = parse("en", CATALOGUES[0].1);
        assert_eq!(&whole, english(), "the two parts of English are all of it");
        assert!(parse("en", ENGLISH)
            .keys()
            .all(|k| !k.starts_with("desk.") && !k.starts_with("board.")));
        assert!(parse("en", ENGLISH_DESK)
            .keys()
            .all(|k| k.starts_with("desk.")));
        assert!(parse("en", ENGLISH_BOARD)
            .keys()
            .all(|k| k.starts_with("board.")));
    }

    #[test]
    fn directions_and_own_names() {
        assert_eq!(direction("ar"), "rtl");
        assert_eq!(direction("es"), "ltr");
        assert_eq!(own_name("es"), "Español");
        assert_eq!(own_name("ar"), "العربية");
        assert_eq!(languages().next(), Some("en"));
        assert_eq!(code("fr"), None);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            tr_with("en", "time.h_min", &[("h", "8"), ("m", "26")]),
            "8 h 26 min"
        );
        assert_eq!(tr("en", "no.such.key"), "no.such.key");
    }
}
