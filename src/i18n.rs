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
    /// The locale the browser's `Intl` formats it in (`language.locale`):
    /// `es-US` for the 12-hour clock of US Spanish, `ar-u-nu-latn` for Arabic
    /// with the digits 0-9 of the tickets, amounts and signs.
    pub locale: &'static str,
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

/// The locale `Intl` formats `lang` in ([`Language::locale`]); the code itself
/// for a language without a catalogue.
pub fn locale(lang: &str) -> &str {
    language(lang).map_or(lang, |l| l.locale)
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
        let slot = format!("{{{name}}}");
        // "10:30 a.m." ends a sentence with its own full stop, not two.
        if value.ends_with('.') {
            text = text.replace(&format!("{slot}."), &slot);
        }
        for (in_lang, starting, before, instead) in JOINS {
            if *in_lang == lang && value.starts_with(starting) {
                text = text.replace(&format!("{before}{slot}"), &format!("{instead}{slot}"));
            }
        }
        text = text.replace(&slot, value);
    }
    text
}

/// Words that change with what is put after them: (language, the value's start,
/// the word before its placeholder, that word instead). In Spanish one o'clock is
/// singular: "antes de las {time}" with 1:30 reads "antes de la 1:30" (11:30 and
/// 21:30 keep "las"). Only the catalogue's words change, never what was typed.
const JOINS: &[(&str, &str, &str, &str)] = &[
    ("es", "1:", "las ", "la "),
    ("es", "1:", "Las ", "La "),
    ("es", "1:", "LAS ", "LA "),
];

/// A counted sentence `key` in `lang`, in the form for `category` (the plural
/// category of its count), or `key.other` where the language has no such form.
/// The zero, one and two forms may leave the count out ("ثانيتين", "two seconds").
pub fn tr_count(lang: &str, key: &str, category: &str, args: &[(&str, &str)]) -> String {
    let specific = format!("{key}.{category}");
    if has(lang, &specific) {
        tr_with(lang, &specific, args)
    } else {
        tr_with(lang, &format!("{key}.other"), args)
    }
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
        keys.insert("language.locale".to_string());
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

    /// The plural forms a counted sentence may have, by the names of CLDR and of the
    /// browser's `Intl.PluralRules`: `key.one`, `key.other` in English; Arabic has all six.
    const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

    /// The placeholders that hold a counted sentence's count: `{n}` things,
    /// `{s}` seconds, `{m}` minutes.
    const COUNTS: [&str; 3] = ["n", "s", "m"];

    /// A form of a counted sentence: `stem.form` where English has `stem.other`.
    fn is_counted(key: &str) -> bool {
        key.rsplit_once('.').is_some_and(|(stem, form)| {
            PLURAL_FORMS.contains(&form) && english().contains_key(&format!("{stem}.other"))
        })
    }

    /// The plural category of `n` in `lang` by CLDR's rules, the rules the
    /// browser's `Intl.PluralRules` follows (natively: the browser has its own).
    #[cfg(not(target_arch = "wasm32"))]
    fn category(lang: &str, n: u64) -> &'static str {
        use intl_pluralrules::{PluralCategory::*, PluralRuleType, PluralRules};
        let id: unic_langid::LanguageIdentifier = lang.parse().unwrap();
        let rules = PluralRules::create(id, PluralRuleType::CARDINAL).unwrap();
        match rules.select(n).unwrap() {
            ZERO => "zero",
            ONE => "one",
            TWO => "two",
            FEW => "few",
            MANY => "many",
            OTHER => "other",
        }
    }

    /// Every counted sentence in Arabic, for 0, 1, 2, 3, 11 and 100: each
    /// category of Arabic's plural rules (zero, one, two, few, many, other). The
    /// dual says "two" by itself, so no "2 ثانيتين"; 3 to 10 count with a plural,
    /// 11 to 99 with an accusative singular, 100 with a genitive singular.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn every_counted_arabic_sentence_reads_as_arabic_counts() {
        const COUNTS_SHOWN: [u64; 6] = [0, 1, 2, 3, 11, 100];
        let expected: &[(&str, [&str; 6])] = &[
            (
                "board.waiting",
                [
                    "لا أحد في الانتظار",
                    "عميل واحد في الانتظار",
                    "عميلان في الانتظار",
                    "3 عملاء في الانتظار",
                    "11 عميلًا في الانتظار",
                    "100 عميل في الانتظار",
                ],
            ),
            (
                "idle.body",
                [
                    "ستُمسح إجاباتكم الآن.",
                    "ستُمسح إجاباتكم خلال ثانية واحدة.",
                    "ستُمسح إجاباتكم خلال ثانيتين.",
                    "ستُمسح إجاباتكم خلال 3 ثوانٍ.",
                    "ستُمسح إجاباتكم خلال 11 ثانية.",
                    "ستُمسح إجاباتكم خلال 100 ثانية.",
                ],
            ),
            (
                "done.clears",
                [
                    "ستُمسح هذه الشاشة الآن.",
                    "ستُمسح هذه الشاشة خلال ثانية واحدة.",
                    "ستُمسح هذه الشاشة خلال ثانيتين.",
                    "ستُمسح هذه الشاشة خلال 3 ثوانٍ.",
                    "ستُمسح هذه الشاشة خلال 11 ثانية.",
                    "ستُمسح هذه الشاشة خلال 100 ثانية.",
                ],
            ),
            (
                "desk.pin_locked",
                [
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى الآن.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد ثانية واحدة.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد ثانيتين.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 3 ثوانٍ.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 11 ثانية.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 100 ثانية.",
                ],
            ),
            (
                "desk.pin_locked_minutes",
                [
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى الآن.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد دقيقة واحدة.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد دقيقتين.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 3 دقائق.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 11 دقيقة.",
                    "محاولات خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 100 دقيقة.",
                ],
            ),
            (
                "staff.wait",
                [
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى الآن.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد ثانية واحدة.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد ثانيتين.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 3 ثوانٍ.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 11 ثانية.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 100 ثانية.",
                ],
            ),
            (
                "staff.wait_minutes",
                [
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى الآن.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد دقيقة واحدة.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد دقيقتين.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 3 دقائق.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 11 دقيقة.",
                    "أرقام سرية خاطئة كثيرة. يمكن المحاولة مرة أخرى بعد 100 دقيقة.",
                ],
            ),
            (
                "desk.set_aside",
                [
                    "تعذّرت قراءة 0 من السجلات المحفوظة، فوُضعت جانبًا ولم تُحذف: (السبب).",
                    "تعذّرت قراءة سجل محفوظ واحد، فوُضع جانبًا ولم يُحذف: (السبب).",
                    "تعذّرت قراءة سجلَّين محفوظين، فوُضعا جانبًا ولم يُحذفا: (السبب).",
                    "تعذّرت قراءة 3 سجلات محفوظة، فوُضعت جانبًا ولم تُحذف: (السبب).",
                    "تعذّرت قراءة 11 سجلًا محفوظًا، فوُضعت جانبًا ولم تُحذف: (السبب).",
                    "تعذّرت قراءة 100 سجل محفوظ، فوُضعت جانبًا ولم تُحذف: (السبب).",
                ],
            ),
            (
                "desk.read_past",
                [
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 0. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 1. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 2. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 3. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 11. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                    "عدد المستندات التي تعذّرت قراءتها في قاعدة البيانات المشتركة: 100. تابعت شاشة الاستقبال القراءة بعدها، وهي باقية في قاعدة البيانات: (السبب). تُعرض كل تسجيلات الوصول الأخرى.",
                ],
            ),
            (
                "desk.sync_waiting",
                [
                    "لا تغييرات بانتظار الإرسال.",
                    "تغيير واحد بانتظار الإرسال.",
                    "تغييران بانتظار الإرسال.",
                    "3 تغييرات بانتظار الإرسال.",
                    "11 تغييرًا بانتظار الإرسال.",
                    "100 تغيير بانتظار الإرسال.",
                ],
            ),
            (
                "desk.unsaved",
                [
                    "تعذّر حفظ 0 من تسجيلات الوصول: مساحة التخزين في هذا المتصفح ممتلئة. ستظهر هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                    "تعذّر حفظ تسجيل وصول واحد: مساحة التخزين في هذا المتصفح ممتلئة. سيظهر هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                    "تعذّر حفظ تسجيلَي وصول: مساحة التخزين في هذا المتصفح ممتلئة. سيظهران هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                    "تعذّر حفظ 3 تسجيلات وصول: مساحة التخزين في هذا المتصفح ممتلئة. ستظهر هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                    "تعذّر حفظ 11 تسجيل وصول: مساحة التخزين في هذا المتصفح ممتلئة. ستظهر هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                    "تعذّر حفظ 100 تسجيل وصول: مساحة التخزين في هذا المتصفح ممتلئة. ستظهر هنا ما دامت هذه الشاشة مفتوحة؛ يُرجى إفراغ بعض المساحة.",
                ],
            ),
            (
                "desk.help_open",
                [
                    "لم يبقَ شيء للتقديم",
                    "بقي عنصر واحد للتقديم",
                    "بقي عنصران للتقديم",
                    "بقيت 3 عناصر للتقديم",
                    "بقي 11 عنصرًا للتقديم",
                    "بقي 100 عنصر للتقديم",
                ],
            ),
            (
                "desk.today_feedback",
                [
                    "الآراء (لا إجابات)",
                    "الآراء (إجابة واحدة)",
                    "الآراء (إجابتان)",
                    "الآراء (3 إجابات)",
                    "الآراء (11 إجابة)",
                    "الآراء (100 إجابة)",
                ],
            ),
            (
                "desk.clear_body",
                [
                    "لا توجد تسجيلات لحذفها من هذا الجهاز.",
                    "سيُحذف تسجيل واحد ورأيه من هذا الجهاز. لا يمكن التراجع: صدّروا البيانات أولًا عند الحاجة إليها.",
                    "سيُحذف تسجيلان ورأياهما من هذا الجهاز. لا يمكن التراجع: صدّروا البيانات أولًا عند الحاجة إليها.",
                    "ستُحذف 3 تسجيلات وآراؤها من هذا الجهاز. لا يمكن التراجع: صدّروا البيانات أولًا عند الحاجة إليها.",
                    "سيُحذف 11 تسجيلًا وآراؤها من هذا الجهاز. لا يمكن التراجع: صدّروا البيانات أولًا عند الحاجة إليها.",
                    "سيُحذف 100 تسجيل وآراؤها من هذا الجهاز. لا يمكن التراجع: صدّروا البيانات أولًا عند الحاجة إليها.",
                ],
            ),
        ];
        let stems: std::collections::BTreeSet<&str> = english()
            .keys()
            .filter_map(|k| k.strip_suffix(".other"))
            .collect();
        let listed: std::collections::BTreeSet<&str> = expected.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            stems, listed,
            "every counted sentence, and no other, is checked here"
        );
        for (stem, texts) in expected {
            for (n, want) in COUNTS_SHOWN.iter().zip(texts) {
                let count = n.to_string();
                let args = [
                    ("n", count.as_str()),
                    ("s", count.as_str()),
                    ("m", count.as_str()),
                    ("why", "(السبب)"),
                ];
                let got = tr_count("ar", stem, category("ar", *n), &args);
                assert_eq!(got, *want, "{stem} for {n}");
            }
        }
    }

    /// Forms that speak to one man (أنتَ), where a customer or a member of staff
    /// of any gender is addressed: every screen uses the polite plural (‑كم,
    /// تفضّلوا). Written without vowel marks, as the catalogue mostly is.
    const MASCULINE_SINGULAR: [&str; 46] = [
        "أنت",
        "لك",
        "بك",
        "عليك",
        "إليك",
        "لديك",
        "رقمك",
        "وصولك",
        "وقتك",
        "توقعاتك",
        "تعليقك",
        "يهمك",
        "أخبرتنا",
        "لأنك",
        "خروجك",
        "تود",
        "تريد",
        "تفضل",
        "مغادر",
        "حاول",
        "تحقق",
        "امسحه",
        "تخط",
        "اطلب",
        "تأكد",
        "اسمح",
        "افتح",
        "ابدأ",
        "أدخل",
        "ألغ",
        "اختر",
        "اضغط",
        "اكتب",
        "تواصل",
        "راجع",
        "راجعه",
        "عاينه",
        "احفظها",
        "أعد",
        "اربطه",
        "ضع",
        "امسح",
        "شغل",
        "أبلغ",
        "تغييراتك",
        "محلك",
    ];

    /// Words the desk would use of one man where it speaks of a customer.
    const CUSTOMER_AS_HE: [&str; 9] = [
        "يغادر",
        "يريد",
        "يود",
        "معه",
        "له",
        "إليه",
        "أولويته",
        "احتياجاته",
        "عاد",
    ];

    /// The words of `text` without vowel marks, each also without a leading
    /// "and" (و, ف): "وتخطَّ" is "تخط".
    fn arabic_words(text: &str) -> Vec<String> {
        let bare: String = text
            .chars()
            .filter(|c| !('\u{064B}'..='\u{0652}').contains(c) && *c != '\u{0670}')
            .collect();
        bare.split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .flat_map(|w| {
                let bare_of_and = w
                    .strip_prefix('و')
                    .or_else(|| w.strip_prefix('ف'))
                    .map(str::to_string);
                std::iter::once(w.to_string()).chain(bare_of_and)
            })
            .collect()
    }

    #[test]
    fn arabic_speaks_to_a_customer_of_any_gender() {
        let mut found = Vec::new();
        for (key, text) in catalogue("ar") {
            for word in arabic_words(text) {
                let as_he = key.starts_with("desk.") && CUSTOMER_AS_HE.contains(&word.as_str());
                if as_he || MASCULINE_SINGULAR.contains(&word.as_str()) {
                    found.push(format!("{key}: {word}"));
                }
            }
        }
        assert!(found.is_empty(), "masculine singular: {found:#?}");
        // The check finds what it looks for.
        assert!(arabic_words("هل أنت مغادر؟ وتخطَّ").contains(&"تخط".to_string()));
        assert!(arabic_words("هل أنت مغادر؟").contains(&"أنت".to_string()));
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
                let (have, want) = (placeholders(text), placeholders(english_text));
                // The zero, one and two forms may say their count in words.
                let may_drop_count = is_counted(key)
                    && key.ends_with(".zero") | key.ends_with(".one") | key.ends_with(".two");
                let count_dropped = may_drop_count
                    && want.difference(&have).all(|p| COUNTS.contains(p))
                    && have.is_subset(&want);
                assert!(
                    have == want || count_dropped,
                    "{lang}: {key} = {text:?} has {have:?}, English {want:?}"
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
    fn each_language_formats_in_one_locale() {
        assert_eq!(locale("en"), "en-US");
        // US Spanish, one variety: costo, llantas and the 12-hour clock.
        assert_eq!(locale("es"), "es-US");
        // The digits of the tickets, amounts and signs: 5:30 م, never ٥:٣٠ م.
        assert_eq!(locale("ar"), "ar-u-nu-latn");
        assert_eq!(locale("fr"), "fr");
    }

    #[test]
    fn spanish_says_la_una() {
        let by = |time: &str| tr_with("es", "deadline.by_time", &[("time", time)]);
        assert_eq!(by("1:30 p. m."), "Antes de la 1:30 p. m.");
        assert_eq!(by("11:30 a. m."), "Antes de las 11:30 a. m.");
        assert_eq!(by("5:30 p. m."), "Antes de las 5:30 p. m.");
        assert_eq!(
            tr_with(
                "es",
                "desk.flag_leaves_before_quote",
                &[("time", "1:05 p. m."), ("wait", "40 min")]
            ),
            "DEBE IRSE ANTES DE LA 1:05 p. m.: ESPERA INDICADA DE HASTA 40 min"
        );
        assert_eq!(
            tr_with("en", "deadline.by_time", &[("time", "1:30 PM")]),
            "By 1:30 PM"
        );
        // A time that ends in a full stop ends the sentence with it.
        assert_eq!(
            tr_with("es", "desk.sync_connected", &[("time", "1:05 p.m.")]),
            "Lista compartida conectada. Última sincronización: 1:05 p.m."
        );
        // A note typed by staff is left as typed.
        assert_eq!(
            tr_with(
                "es",
                "desk.feedback_handled",
                &[("time", "9:05 a. m."), ("note", "a las 1:15")]
            ),
            "Seguimiento a las 9:05 a. m.: a las 1:15"
        );
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
